import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n';
import { verifySchema } from '$lib/schemas/grants';
import { requireRole } from '$lib/server/auth/guards';
import { grantErrorAsHttp, grantRefusal } from '$lib/server/grantHttp';
import { receiptAction } from '$lib/server/receiptAction';
import { grantDetail } from '$lib/server/services/grantViews';
import { verifyBusiness } from '$lib/server/services/grants';
import { listSoums } from '$lib/server/services/soums';
import type { Actions, PageServerLoad } from './$types';

// A grant in her soum, as its mentor sees it: the money, the payments made, her receipts, and
// the verification that the business is operating, which opens the next tranche. Only as her
// mentor: a coordinator or approver who is also a mentor uses the staff pages.
export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('mentor');
	const detail = await grantDetail(user, params.grantId, getClientAddress()).catch(
		grantErrorAsHttp
	);
	if (detail.access !== 'mentor') error(404, { message: 'not_found', code: 'not_found' });
	return { detail, soums: await listSoums([detail.grant.soum]) };
};

export const actions: Actions = {
	verify: verify,
	receipt: addReceipt
};

type VerifyField = 'visitedOn' | 'note';

async function verify({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('mentor');
	const form = await request.formData().catch(() => new FormData());
	const values = {
		visitedOn: String(form.get('visitedOn') ?? ''),
		note: String(form.get('note') ?? '')
	};
	const parsed = verifySchema.safeParse(values);
	if (!parsed.success) {
		const errors: Partial<Record<VerifyField, MessageKey>> = {};
		for (const issue of parsed.error.issues) {
			const field = issue.path[0] as VerifyField;
			errors[field] ??= issue.message as MessageKey;
		}
		return fail(400, { verifyErrors: errors, verifyValues: values });
	}
	try {
		await verifyBusiness(user, params.grantId ?? '', parsed.data, getClientAddress());
	} catch (cause) {
		const refusal = grantRefusal(cause);
		return fail(refusal.status, { verifyMessage: refusal.key, verifyValues: values });
	}
	return { verified: true };
}

async function addReceipt({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('mentor');
	return receiptAction(user, params.grantId ?? '', request, getClientAddress());
}
