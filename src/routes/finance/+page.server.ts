import { requireRole } from '$lib/server/auth/guards';
import { currentCohort } from '$lib/server/services/cohorts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	requireRole('finance');
	const cohort = await currentCohort();
	return {
		cohort: cohort ? { name: cohort.name, budgetMnt: cohort.budgetMnt } : null,
		requests: [] as { id: string }[]
	};
};
