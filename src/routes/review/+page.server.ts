import { requireRole } from '$lib/server/auth/guards';
import { currentCohort } from '$lib/server/services/cohorts';
import { ReviewError, isChair } from '$lib/server/services/reviewSetup';
import { reviewQueue } from '$lib/server/services/reviewing';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRole('reviewer');
	const [queue, chair, cohort] = await Promise.all([
		reviewQueue(user).catch((cause) => {
			// No cohort set up yet: nothing to review, not an error page.
			if (cause instanceof ReviewError && cause.code === 'noCohort') return null;
			throw cause;
		}),
		isChair(user),
		currentCohort()
	]);
	return {
		cohortName: queue?.cohortName ?? null,
		rows: queue?.rows ?? [],
		progress: queue?.progress ?? { submitted: 0, total: 0 },
		chair,
		soums: cohort?.soums ?? [],
		conflictRemoved: url.searchParams.get('conflict') === '1'
	};
};
