import { PLAN_LIST_STATES, planFiltersSchema } from '$lib/schemas/planReview';
import { requireRole } from '$lib/server/auth/guards';
import { currentCohort } from '$lib/server/services/cohorts';
import { listPlans } from '$lib/server/services/plans';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 25;

export const load: PageServerLoad = async ({ url, getClientAddress }) => {
	const user = requireRole('coordinator');
	const parsed = planFiltersSchema.safeParse(Object.fromEntries(url.searchParams));
	const filters = parsed.success ? parsed.data : { page: 1 };
	// One read for the soum: the counts cover every state, the table shows the chosen one.
	const [{ rows, daysToDeadline }, cohort] = await Promise.all([
		listPlans(user, { soum: filters.soum }, getClientAddress()),
		currentCohort()
	]);
	const counts = PLAN_LIST_STATES.map((state) => ({
		state,
		count: rows.filter((row) => row.state === state).length
	}));
	const shown = filters.state ? rows.filter((row) => row.state === filters.state) : rows;
	const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
	const page = Math.min(filters.page, pages);
	return {
		rows: shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
		total: shown.length,
		all: rows.length,
		page,
		pageSize: PAGE_SIZE,
		counts,
		daysToDeadline,
		filters: { soum: filters.soum ?? '', state: filters.state ?? '' },
		soums: cohort?.soums ?? [],
		states: PLAN_LIST_STATES
	};
};
