import { requireRole } from '$lib/server/auth/guards';
import { accountCountsByRole } from '$lib/server/services/accounts';
import { currentCohort } from '$lib/server/services/cohorts';
import { reviewConflictAlerts } from '$lib/server/services/reviewAssignments';
import { openConcernCount } from '$lib/server/services/safeguarding';
import { loadDashboard } from '$lib/server/reportHttp';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = requireRole('coordinator');
	const [cohort, counts, conflictAlerts, openConcerns] = await Promise.all([
		currentCohort(),
		accountCountsByRole(),
		reviewConflictAlerts(),
		openConcernCount(user)
	]);
	// The current cohort's dashboard at a glance (the full one is /staff/reports).
	const summary = cohort ? await loadDashboard(user, cohort.id) : null;
	return { cohort, counts, conflictAlerts, openConcerns, summary };
};
