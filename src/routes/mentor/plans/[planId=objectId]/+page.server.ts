import type { RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { commentOnPlan, planErrorAsHttp } from '$lib/server/planReviewHttp';
import { listSoums } from '$lib/server/services/soums';
import { planDetail } from '$lib/server/services/plans';
import type { Actions, PageServerLoad } from './$types';

// Her soum's participant's plan, read-only, with a comment form under each section. Whether
// she may see it (her soum, the woman's consent to sharing with the soum) is planDetail's call.
export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('mentor');
	const [plan, soums] = await Promise.all([
		planDetail(user, params.planId, getClientAddress()).catch(planErrorAsHttp),
		listSoums(user.soums)
	]);
	return { plan, soums };
};

export const actions: Actions = {
	comment: comment
};

async function comment(event: RequestEvent) {
	const user = requireRole('mentor');
	return commentOnPlan(user, event);
}
