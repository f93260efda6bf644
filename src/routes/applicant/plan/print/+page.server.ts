import { redirect } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { ownPlanId } from '$lib/server/services/ownPlan';
import { planDetail } from '$lib/server/services/plans';
import type { PageServerLoad } from './$types';

// Her current plan on A4 paper, in her language.
export const load: PageServerLoad = async ({ getClientAddress }) => {
	const user = requireRole('applicant');
	const planId = await ownPlanId(user);
	if (!planId) redirect(303, '/applicant/plan');
	const plan = await planDetail(user, planId, getClientAddress());
	return {
		state: plan.state,
		draftVersion: plan.draftVersion,
		content: plan.content,
		startup: plan.startup,
		cashFlow: plan.cashFlow,
		grantCapMnt: plan.grantCapMnt,
		comments: plan.comments
	};
};
