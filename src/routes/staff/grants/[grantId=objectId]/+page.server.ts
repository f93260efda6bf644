import { fail, type RequestEvent } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n';
import { paymentRequestSchema, signSchema, tranchesFromForm } from '$lib/schemas/grants';
import { requireRole } from '$lib/server/auth/guards';
import { formBody } from '$lib/server/formBody';
import { grantErrorAsHttp, grantRefusal } from '$lib/server/grantHttp';
import { mentoringErrorAsHttp } from '$lib/server/mentoringHttp';
import { receiptAction } from '$lib/server/receiptAction';
import { currentCohort } from '$lib/server/services/cohorts';
import { GrantError } from '$lib/server/services/grantAccess';
import { grantDetail } from '$lib/server/services/grantViews';
import { signAgreement, updateGrantSchedule } from '$lib/server/services/grants';
import { mentorChoice, mentoringRecord } from '$lib/server/services/mentoringViews';
import { requestPayment } from '$lib/server/services/payments';
import { assignAction } from '../../mentoring/assignAction';
import { fieldErrors, scheduleFields, typedValues } from '../grantForms';
import type { Actions, PageServerLoad } from './$types';

// One grant as the programme office sees it: the schedule (editable until signing), the
// signing, the payment requests, the verification and the receipts; her mentor, visit schedule
// and check-ins. Coordinators only.
export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('coordinator');
	const ip = getClientAddress();
	const [detail, cohort, mentoring, choice] = await Promise.all([
		grantDetail(user, params.grantId, ip).catch(grantErrorAsHttp),
		currentCohort(),
		mentoringRecord(user, params.grantId, ip).catch(mentoringErrorAsHttp),
		mentorChoice(user, params.grantId).catch(mentoringErrorAsHttp)
	]);
	if (detail.access !== 'staff') grantErrorAsHttp(new GrantError('forbidden'));
	return {
		detail,
		soums: cohort?.soums ?? [],
		mentoring,
		mentorChoice: choice,
		// One key per form shown: a double click or a retry of this form makes one request.
		idempotencyKey: crypto.randomUUID()
	};
};

export const actions: Actions = {
	schedule: saveSchedule,
	sign: recordSigning,
	request: requestTranche,
	receipt: async ({ request, params, getClientAddress }) =>
		receiptAction(requireRole('coordinator'), params.grantId ?? '', request, getClientAddress()),
	assign: async ({ request, params, getClientAddress }) =>
		assignAction(requireRole('coordinator'), request, getClientAddress(), params.grantId ?? '')
};

async function saveSchedule({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await formBody(request);
	const values = typedValues(form, scheduleFields('amount'));
	const tranches = tranchesFromForm(form);
	const refuse = (status: number, message: MessageKey, problems: string[] = []) =>
		fail(status, { schedule: { message, problems, values } });
	if (!tranches) return refuse(400, 'grants.error.schedule');
	try {
		await updateGrantSchedule(user, params.grantId ?? '', tranches, getClientAddress());
	} catch (cause) {
		const { key, status, details } = grantRefusal(cause);
		return refuse(status, key, details);
	}
	return { scheduleSaved: true };
}

async function recordSigning({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const values = typedValues(await formBody(request), ['signedOn', 'witnessedBy']);
	const parsed = signSchema.safeParse(values);
	if (!parsed.success) {
		const errors = fieldErrors(parsed.error);
		return fail(400, { sign: { message: 'grants.error.invalid' as MessageKey, errors, values } });
	}
	try {
		await signAgreement(user, params.grantId ?? '', parsed.data, getClientAddress());
	} catch (cause) {
		const { key, status } = grantRefusal(cause);
		return fail(status, { sign: { message: key, errors: {}, values } });
	}
	return { signed: true };
}

const REQUEST_FIELDS = [
	'trancheNo',
	'method',
	'bankName',
	'accountName',
	'accountNumber',
	'supplierName',
	'reference',
	'note',
	'idempotencyKey'
] as const;

async function requestTranche({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const values = typedValues(await formBody(request), REQUEST_FIELDS);
	const parsed = paymentRequestSchema.safeParse(values);
	if (!parsed.success) {
		const errors = fieldErrors(parsed.error);
		const message: MessageKey = errors.idempotencyKey
			? 'grants.error.stale'
			: 'grants.error.invalid';
		return fail(400, { request: { message, errors, values } });
	}
	try {
		await requestPayment(user, params.grantId ?? '', parsed.data, getClientAddress());
	} catch (cause) {
		const { key, status } = grantRefusal(cause);
		return fail(status, { request: { message: key, errors: {}, values } });
	}
	return { requested: true };
}
