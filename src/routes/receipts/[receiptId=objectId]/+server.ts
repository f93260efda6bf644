import { requireRole } from '$lib/server/auth/guards';
import { grantErrorAsHttp } from '$lib/server/grantHttp';
import { receiptFile } from '$lib/server/services/receipts';
import type { RequestHandler } from './$types';

// A receipt's file, for whoever may see its grant (404 for anyone else), never cached by a
// shared proxy, never sniffed into something else; its type was read from its own bytes when
// it was uploaded.
export const GET: RequestHandler = async ({ params, getClientAddress }) => {
	// Roles that may hold a grant's receipts; the service then checks this grant (404 otherwise).
	const user = requireRole('applicant', 'mentor', 'coordinator', 'finance');
	const file = await receiptFile(user, params.receiptId, getClientAddress()).catch(
		grantErrorAsHttp
	);
	return new Response(new Uint8Array(file.bytes), {
		headers: {
			'content-type': file.contentType,
			'content-length': String(file.bytes.length),
			// Photos open in the browser; a PDF is downloaded to the phone's own viewer, never
			// rendered in the portal's origin.
			'content-disposition': `${file.contentType === 'application/pdf' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			'content-security-policy':
				"default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
		}
	});
};
