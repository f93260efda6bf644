import { error, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { grantErrorAsHttp } from '$lib/server/grantHttp';
import { receiptAction } from '$lib/server/receiptAction';
import { grantDetail, ownGrantId } from '$lib/server/services/grantViews';
import type { Actions, PageServerLoad } from './$types';

// Her own grant: what she was given, what was paid, what comes next, and her receipts against
// her plan's budget lines. 404 while she has none.
export const load: PageServerLoad = async ({ getClientAddress }) => {
	const user = requireRole('applicant');
	const id = await ownGrantId(user);
	if (!id) error(404, { message: 'not_found', code: 'not_found' });
	const detail = await grantDetail(user, id, getClientAddress()).catch(grantErrorAsHttp);
	return { detail };
};

export const actions: Actions = {
	receipt: addReceipt
};

async function addReceipt({ request, getClientAddress }: RequestEvent) {
	const user = requireRole('applicant');
	const id = await ownGrantId(user);
	if (!id) error(404, { message: 'not_found', code: 'not_found' });
	return receiptAction(user, id, request, getClientAddress());
}
