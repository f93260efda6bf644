import { fail, type RequestEvent } from '@sveltejs/kit';
import { planCompleteness } from '$lib/domain/businessPlan';
import { requireRole } from '$lib/server/auth/guards';
import { daysUntil, ownPlanId } from '$lib/server/services/ownPlan';
import { PlanError, planDetail, submitPlan } from '$lib/server/services/plans';
import type { Actions, PageServerLoad } from './$types';

// Her plan at a glance: progress per section, the computed figures, comments, state,
// versions, the deadline, and Submit. Opening it creates her plan once she may draft one.
export const load: PageServerLoad = async ({ getClientAddress }) => {
	const user = requireRole('applicant');
	const planId = await ownPlanId(user);
	if (!planId) return { eligible: false as const };
	const plan = await planDetail(user, planId, getClientAddress());
	const { complete, sections } = planCompleteness(plan.content, plan.grantCapMnt);
	return {
		eligible: true as const,
		state: plan.state,
		draftVersion: plan.draftVersion,
		returnReason: plan.returnReason,
		progress: sections,
		complete,
		funding: plan.content.funding,
		forecast: plan.content.forecast,
		startup: plan.startup,
		cashFlow: plan.cashFlow,
		grantCapMnt: plan.grantCapMnt,
		deadline: plan.deadline,
		daysLeft: daysUntil(plan.deadline),
		savedAt: plan.savedAt,
		versions: plan.versions,
		comments: plan.comments
	};
};

export const actions: Actions = { submit };

async function submit({ getClientAddress }: RequestEvent) {
	const user = requireRole('applicant');
	const planId = await ownPlanId(user);
	if (!planId) return fail(403, { notEligible: true });
	try {
		const { version } = await submitPlan(user, planId, getClientAddress());
		return { submitted: version };
	} catch (cause) {
		if (!(cause instanceof PlanError)) throw cause;
		if (cause.code === 'incomplete') return fail(400, { problems: cause.problems });
		if (cause.code === 'deadlinePassed') return fail(400, { deadlinePassed: true });
		throw cause;
	}
}
