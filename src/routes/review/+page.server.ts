import { requireRole } from '$lib/server/auth/guards';
import { currentCohort } from '$lib/server/services/cohorts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	requireRole('reviewer');
	const cohort = await currentCohort();
	return { cohortName: cohort?.name ?? null, queue: [] as { code: string }[] };
};
