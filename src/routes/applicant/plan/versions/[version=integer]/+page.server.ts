import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { ownPlanId } from '$lib/server/services/ownPlan';
import { PlanError, planVersion } from '$lib/server/services/plans';
import type { PageServerLoad } from './$types';

// One of her submitted versions, frozen as it was sent, ready to print.
export const load: PageServerLoad = async ({ params }) => {
	const user = requireRole('applicant');
	const planId = await ownPlanId(user);
	if (!planId) error(404, 'not_found');
	try {
		return { plan: await planVersion(user, planId, Number(params.version)) };
	} catch (cause) {
		if (cause instanceof PlanError && cause.code === 'notFound') error(404, 'not_found');
		throw cause;
	}
};
