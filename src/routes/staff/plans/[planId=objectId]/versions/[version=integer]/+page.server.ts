import { requireRole } from '$lib/server/auth/guards';
import { planErrorAsHttp } from '$lib/server/planReviewHttp';
import { planDetail, planVersion } from '$lib/server/services/plans';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('coordinator');
	const ip = getClientAddress();
	// The plan (whose it is, as this coordinator may see her) and the frozen version.
	const [plan, version] = await Promise.all([
		planDetail(user, params.planId, ip).catch(planErrorAsHttp),
		planVersion(user, params.planId, Number(params.version)).catch(planErrorAsHttp)
	]);
	return {
		plan: { id: plan.id, participant: plan.participant, grantCapMnt: plan.grantCapMnt },
		version
	};
};
