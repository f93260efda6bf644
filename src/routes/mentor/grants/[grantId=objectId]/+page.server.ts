import { error, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { grantErrorAsHttp } from '$lib/server/grantHttp';
import { mentoringErrorAsHttp } from '$lib/server/mentoringHttp';
import { receiptAction } from '$lib/server/receiptAction';
import { grantDetail } from '$lib/server/services/grantViews';
import { mentoringRecord } from '$lib/server/services/mentoringViews';
import { listSoums } from '$lib/server/services/soums';
import type { Actions, PageServerLoad } from './$types';

// A grantee of her soum, as her mentor sees her: the business, the money and its payments, the
// visit schedule and every check-in (hers and the woman's own figures), and the receipts. The
// business is verified as operating at a check-in (the check-in form), not here. Only as her
// mentor: a coordinator or approver who is also a mentor uses the staff pages.
export const load: PageServerLoad = async ({ params, url, getClientAddress }) => {
	const user = requireRole('mentor');
	const ip = getClientAddress();
	const [detail, record] = await Promise.all([
		grantDetail(user, params.grantId, ip).catch(grantErrorAsHttp),
		mentoringRecord(user, params.grantId, ip).catch(mentoringErrorAsHttp)
	]);
	if (detail.access !== 'mentor') error(404, { message: 'not_found', code: 'not_found' });
	// The check-in just saved (the form's redirect names it), for the message that says so.
	const savedId = url.searchParams.get('saved');
	const saved = record.checkIns.find((c) => c.id === savedId && c.source === 'mentor');
	return {
		detail,
		record,
		soums: await listSoums([detail.grant.soum]),
		saved: saved ? { verified: saved.verifiesOperating && detail.verification !== null } : null
	};
};

export const actions: Actions = {
	receipt: addReceipt
};

async function addReceipt({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('mentor');
	return receiptAction(user, params.grantId ?? '', request, getClientAddress());
}
