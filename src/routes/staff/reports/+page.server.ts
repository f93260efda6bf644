import { requireRole } from '$lib/server/auth/guards';
import { listCohorts } from '$lib/server/services/cohorts';
import { cohortParam, loadDashboard } from '$lib/server/reportHttp';
import type { PageServerLoad } from './$types';

// The programme dashboard of one cohort (`?cohort=<id>`, the current one when omitted): the
// funnel, the money, the businesses and the mentoring, in aggregate. Coordinators only.
export const load: PageServerLoad = async ({ url }) => {
	const user = requireRole('coordinator');
	const [figures, cohorts] = await Promise.all([
		loadDashboard(user, cohortParam(url)),
		listCohorts()
	]);
	return { ...figures, cohorts };
};
