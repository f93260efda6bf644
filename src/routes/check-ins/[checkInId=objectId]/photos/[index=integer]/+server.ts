import { requireRole } from '$lib/server/auth/guards';
import { mentoringErrorAsHttp } from '$lib/server/mentoringHttp';
import { checkInPhoto } from '$lib/server/services/mentoringViews';
import type { RequestHandler } from './$types';

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};

// A check-in's photo, for whoever may see the grantee's mentoring record (404 for anyone
// else), never cached by a shared proxy, never sniffed into something else; its type was read
// from its own bytes when it was uploaded.
export const GET: RequestHandler = async ({ params, getClientAddress }) => {
	// Roles that may see a mentoring record; the service then checks this grant.
	const user = requireRole('applicant', 'mentor', 'coordinator');
	const index = Number(params.index);
	const photo = await checkInPhoto(user, params.checkInId, index, getClientAddress()).catch(
		mentoringErrorAsHttp
	);
	const name = `check-in-photo-${index}.${EXTENSIONS[photo.contentType] ?? 'bin'}`;
	return new Response(new Uint8Array(photo.bytes), {
		headers: {
			'content-type': photo.contentType,
			'content-length': String(photo.bytes.length),
			'content-disposition': `inline; filename="${name}"`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			'content-security-policy':
				"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
		}
	});
};
