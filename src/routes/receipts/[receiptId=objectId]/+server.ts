import { requireRole } from '$lib/server/auth/guards';
import { fileResponse } from '$lib/server/fileResponse';
import { grantErrorAsHttp } from '$lib/server/grantHttp';
import { receiptFile } from '$lib/server/services/receipts';
import type { RequestHandler } from './$types';

// A receipt's file, for whoever may see its grant (404 for anyone else).
export const GET: RequestHandler = async ({ params, getClientAddress }) => {
	// Roles that may hold a grant's receipts; the service then checks this grant (404 otherwise).
	const user = requireRole('applicant', 'mentor', 'coordinator', 'finance');
	const file = await receiptFile(user, params.receiptId, getClientAddress()).catch(
		grantErrorAsHttp
	);
	return fileResponse(file.bytes, file.contentType, file.fileName);
};
