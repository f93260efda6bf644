import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { returnPlanSchema } from '$lib/schemas/planReview';
import { requireRole } from '$lib/server/auth/guards';
import { plainForm } from '$lib/server/formBody';
import { commentOnPlan, planErrorAsHttp } from '$lib/server/planReviewHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { PlanError, planDetail, returnPlan } from '$lib/server/services/plans';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('coordinator');
	const [plan, cohort] = await Promise.all([
		planDetail(user, params.planId, getClientAddress()).catch(planErrorAsHttp),
		currentCohort()
	]);
	return {
		plan,
		soums: cohort?.soums ?? [],
		returnForm: await superValidate(zod4(returnPlanSchema), { id: 'return' })
	};
};

export const actions: Actions = {
	return: returnForRevision,
	comment: comment
};

async function returnForRevision({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await superValidate(await plainForm(request), zod4(returnPlanSchema), {
		id: 'return'
	});
	if (!form.valid) return fail(400, { returnForm: form });
	try {
		await returnPlan(user, params.planId ?? '', form.data.reason, getClientAddress());
	} catch (cause) {
		if (cause instanceof PlanError && cause.code === 'notSubmitted') {
			return message(form, 'planReview.error.notSubmitted', { status: 400 });
		}
		if (cause instanceof PlanError && cause.code === 'inReview') {
			return message(form, 'planReview.error.inReview', { status: 409 });
		}
		planErrorAsHttp(cause);
	}
	return message(form, 'planReview.returned');
}

async function comment(event: RequestEvent) {
	const user = requireRole('coordinator');
	return commentOnPlan(user, event);
}
