import { requireRole } from '$lib/server/auth/guards';
import { grantErrorAsHttp } from '$lib/server/grantHttp';
import { GrantError } from '$lib/server/services/grantAccess';
import { financeQueue } from '$lib/server/services/payments';
import { listSoums } from '$lib/server/services/soums';
import type { PageServerLoad } from './$types';

// The finance officer's desk: the cohort's money, whether the ledger reconciles, requests
// awaiting her approval, approved ones awaiting payment, and the latest decided.
export const load: PageServerLoad = async ({ getClientAddress }) => {
	const user = requireRole('finance');
	const [queue, soums] = await Promise.all([
		financeQueue(user, getClientAddress()).catch((cause: unknown) => {
			if (cause instanceof GrantError && cause.code === 'noCohort') return null;
			return grantErrorAsHttp(cause);
		}),
		listSoums()
	]);
	return { queue, soums };
};
