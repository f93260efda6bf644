import { error, type RequestEvent } from '@sveltejs/kit';
import { ulaanbaatarDay } from '$lib/domain/mentoring';
import { requireRole } from '$lib/server/auth/guards';
import { grantErrorAsHttp } from '$lib/server/grantHttp';
import { checkInAction, mentoringErrorAsHttp } from '$lib/server/mentoringHttp';
import { grantDetail } from '$lib/server/services/grantViews';
import { mentoringRecord, newCheckInKey } from '$lib/server/services/mentoringViews';
import type { Actions, PageServerLoad } from './$types';

// Her assigned mentor records a check-in: a visit or a call, the business's figures, the
// milestones of her plan reached, support given, photos, a safeguarding concern for the
// coordinators only, and (while the grant waits for it) the verification that opens the next
// tranche. A fresh idempotency key per form: sent twice, it is stored once.
export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('mentor');
	const ip = getClientAddress();
	const record = await mentoringRecord(user, params.grantId, ip).catch(mentoringErrorAsHttp);
	if (!record.can.checkIn) error(403, { message: 'forbidden', code: 'forbidden' });
	const detail = await grantDetail(user, params.grantId, ip).catch(grantErrorAsHttp);
	return {
		grantId: record.grantId,
		code: record.code,
		name: detail.grant.name,
		businessName: record.plan.businessName,
		milestones: record.milestones,
		summary: record.summary,
		canVerify: detail.status.state === 'awaitingVerification' && detail.verification === null,
		idempotencyKey: newCheckInKey(),
		today: ulaanbaatarDay(new Date())
	};
};

export const actions: Actions = {
	save: save
};

async function save({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('mentor');
	return checkInAction(user, params.grantId ?? '', request, getClientAddress());
}
