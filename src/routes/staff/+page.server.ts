import { requireRole } from '$lib/server/auth/guards';
import { accountCountsByRole } from '$lib/server/services/accounts';
import { currentCohort } from '$lib/server/services/cohorts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	requireRole('coordinator');
	const [cohort, counts] = await Promise.all([currentCohort(), accountCountsByRole()]);
	return { cohort, counts };
};
