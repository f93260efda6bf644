import { requireRole } from '$lib/server/auth/guards';
import { mentoringErrorAsHttp } from '$lib/server/mentoringHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { concernList } from '$lib/server/services/safeguarding';
import type { PageServerLoad } from './$types';

// The safeguarding concerns mentors raised at check-ins, open ones first: who, when, about whom
// and what became of each; never what was written (that is on each concern's page, audited).
// Coordinators only.
export const load: PageServerLoad = async ({ getClientAddress }) => {
	const user = requireRole('coordinator');
	const [concerns, cohort] = await Promise.all([
		concernList(user, getClientAddress()).catch(mentoringErrorAsHttp),
		currentCohort()
	]);
	return {
		concerns,
		open: concerns.filter((c) => c.state === 'open').length,
		soums: cohort?.soums ?? []
	};
};
