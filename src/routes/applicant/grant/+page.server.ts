import { error, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { grantErrorAsHttp } from '$lib/server/grantHttp';
import { mentoringErrorAsHttp } from '$lib/server/mentoringHttp';
import { receiptAction } from '$lib/server/receiptAction';
import { grantDetail, ownGrantId } from '$lib/server/services/grantViews';
import { mentoringRecord } from '$lib/server/services/mentoringViews';
import type { Actions, PageServerLoad } from './$types';

// Her own grant: what she was given, what was paid, what comes next, and her receipts against
// her plan's budget lines; then her business check-ins (her mentor, the visits, what was noted,
// the figures she added herself). 404 while she has none.
export const load: PageServerLoad = async ({ url, getClientAddress }) => {
	const user = requireRole('applicant');
	const id = await ownGrantId(user);
	if (!id) error(404, { message: 'not_found', code: 'not_found' });
	const ip = getClientAddress();
	const [detail, record] = await Promise.all([
		grantDetail(user, id, ip).catch(grantErrorAsHttp),
		mentoringRecord(user, id, ip).catch(mentoringErrorAsHttp)
	]);
	return {
		detail,
		// Her own view: the service never sets the safeguarding mark for her.
		mentoring: {
			mentorName: record.mentor?.name ?? null,
			visits: record.visits,
			summary: record.summary,
			milestones: record.milestones,
			checkIns: record.checkIns,
			canSelfReport: record.can.selfReport
		},
		figuresSaved: url.searchParams.get('figures') === 'saved'
	};
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
