import { requireRole } from '$lib/server/auth/guards';
import { reviewErrorAsHttp } from '$lib/server/reviewHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { ranking } from '$lib/server/services/committee';
import type { PageServerLoad } from './$types';

// The committee chair and coordinators: the ranked list against the budget. Any other reviewer
// is refused by the service (403). Pseudonymised: codes, never names.
export const load: PageServerLoad = async () => {
	const user = requireRole('reviewer', 'coordinator');
	const committee = await ranking(user).catch(reviewErrorAsHttp);
	const cohort = await currentCohort();
	return {
		committee,
		soums: cohort?.soums ?? []
	};
};
