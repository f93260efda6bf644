import { requireRole } from '$lib/server/auth/guards';
import { STAGES } from '$lib/domain/participant';
import { currentCohort, listCohorts } from '$lib/server/services/cohorts';
import { exportSizes } from '$lib/server/services/dataExports';
import { listSoums } from '$lib/server/services/soums';
import { reportErrorAsHttp } from '$lib/server/reportHttp';
import type { PageServerLoad } from './$types';

// The coordinators' exports of a cohort (`?cohort=<id>`, the current one when omitted): each
// table with its row count and a pseudonymised download; the identifying download (a reason,
// audited) for those with the viewProtected permission. The downloads are
// /staff/exports/<kind> (GET pseudonymised, POST identifying).
export const load: PageServerLoad = async ({ url }) => {
	const user = requireRole('coordinator');
	const cohortId = url.searchParams.get('cohort')?.trim() || null;
	const [sizes, cohorts, current] = await Promise.all([
		exportSizes(user, cohortId).catch(reportErrorAsHttp),
		listCohorts(),
		currentCohort()
	]);
	const cohort = cohortId ? cohorts.find((c) => c.id === cohortId) : current;
	const isCurrent = Boolean(current && cohort && current.id === cohort.id);
	return {
		cohort: cohort ? { id: cohort.id, code: cohort.code, name: cohort.name } : null,
		cohorts,
		sizes,
		soums: isCurrent && current ? current.soums : await listSoums(),
		stages: STAGES,
		canIdentify: user.permissions.includes('viewProtected')
	};
};
