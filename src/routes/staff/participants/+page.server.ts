import { STAGES } from '$lib/domain/participant';
import { participantFiltersSchema } from '$lib/schemas/participants';
import { requireRole } from '$lib/server/auth/guards';
import { currentCohort } from '$lib/server/services/cohorts';
import { listParticipants } from '$lib/server/services/participants';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, getClientAddress }) => {
	const user = requireRole('coordinator');
	const parsed = participantFiltersSchema.safeParse(Object.fromEntries(url.searchParams));
	const filters = parsed.success ? parsed.data : { page: 1 };
	const [result, cohort] = await Promise.all([
		listParticipants(user, filters, getClientAddress()),
		currentCohort()
	]);
	return {
		...result,
		filters: { q: filters.q ?? '', soum: filters.soum ?? '', stage: filters.stage ?? '' },
		soums: cohort?.soums ?? [],
		stages: STAGES,
		// The list's soum and stage carry over to the (pseudonymised) export.
		exportQuery: new URLSearchParams(
			Object.entries({ soum: filters.soum ?? '', stage: filters.stage ?? '' }).filter(([, v]) => v)
		).toString()
	};
};
