import { requireRole } from '$lib/server/auth/guards';
import { fileResponse } from '$lib/server/fileResponse';
import { mentoringErrorAsHttp } from '$lib/server/mentoringHttp';
import { checkInPhoto } from '$lib/server/services/mentoringViews';
import type { RequestHandler } from './$types';

const EXTENSIONS: Record<string, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp'
};

// A check-in's photo, for whoever may see the grantee's mentoring record (404 for anyone else).
export const GET: RequestHandler = async ({ params, getClientAddress }) => {
	// Roles that may see a mentoring record; the service then checks this grant.
	const user = requireRole('applicant', 'mentor', 'coordinator');
	const index = Number(params.index);
	const photo = await checkInPhoto(user, params.checkInId, index, getClientAddress()).catch(
		mentoringErrorAsHttp
	);
	const name = `check-in-photo-${index}.${EXTENSIONS[photo.contentType] ?? 'bin'}`;
	return fileResponse(photo.bytes, photo.contentType, name);
};
