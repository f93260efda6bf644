import { requireRole } from '$lib/server/auth/guards';
import { accountCountsByRole } from '$lib/server/services/accounts';
import { currentCohort } from '$lib/server/services/cohorts';
import { reviewConflictAlerts } from '$lib/server/services/reviewAssignments';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	requireRole('coordinator');
	const [cohort, counts, conflictAlerts] = await Promise.all([
		currentCohort(),
		accountCountsByRole(),
		reviewConflictAlerts()
	]);
	return { cohort, counts, conflictAlerts };
};
