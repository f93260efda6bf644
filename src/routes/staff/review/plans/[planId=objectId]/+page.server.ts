import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { staffCriterion } from '$lib/domain/rubric';
import type { MessageKey } from '$lib/i18n';
import { needSchema, reviewerSchema } from '$lib/schemas/review';
import { requireRole } from '$lib/server/auth/guards';
import { plainForm } from '$lib/server/formBody';
import { reviewErrorAsHttp, reviewRefusal } from '$lib/server/reviewHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { needOf, recordNeed } from '$lib/server/services/committee';
import {
	assignReviewer,
	planAssignments,
	unassignReviewer
} from '$lib/server/services/reviewAssignments';
import { reviewCohort, rubricOf } from '$lib/server/services/reviewSetup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	requireRole('coordinator');
	const cohort = await reviewCohort().catch(reviewErrorAsHttp);
	const [{ plan, candidates }, rubric, need, summary] = await Promise.all([
		planAssignments(params.planId),
		rubricOf(cohort.id),
		needOf(params.planId),
		currentCohort()
	]).catch(reviewErrorAsHttp);
	return {
		plan,
		candidates,
		needCriterion: staffCriterion(rubric.criteria),
		needAssessedAt: need?.assessedAt ?? null,
		soums: summary?.soums ?? [],
		assignForm: await superValidate(zod4(reviewerSchema), { id: 'assign' }),
		needForm: await superValidate(
			need ? { score: need.score, comment: need.comment } : null,
			zod4(needSchema),
			{ id: 'need', errors: false }
		)
	};
};

export const actions: Actions = { assign, unassign, need };

async function assign({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await superValidate(await plainForm(request), zod4(reviewerSchema), {
		id: 'assign'
	});
	if (!form.valid) return fail(400, { form });
	try {
		await assignReviewer(user, params.planId ?? '', form.data.reviewerId, getClientAddress());
	} catch (cause) {
		const { key, status } = reviewRefusal(cause);
		return message(form, key, { status });
	}
	return message(form, 'reviewSetup.plan.assigned');
}

/** A row's button: unassigns her unless she has submitted (409: the plan keeps her review). */
async function unassign({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await superValidate(await plainForm(request), zod4(reviewerSchema));
	const notice = (tone: 'ok' | 'error', key: MessageKey) => ({ notice: { tone, key } });
	if (!form.valid) return fail(400, notice('error', 'review.error.unknown'));
	try {
		await unassignReviewer(user, params.planId ?? '', form.data.reviewerId, getClientAddress());
	} catch (cause) {
		const { key, status } = reviewRefusal(cause);
		return fail(status, notice('error', key));
	}
	return notice('ok', 'reviewSetup.plan.unassigned');
}

async function need({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await superValidate(await plainForm(request), zod4(needSchema), { id: 'need' });
	if (!form.valid) return fail(400, { form });
	try {
		await recordNeed(user, params.planId ?? '', form.data, getClientAddress());
	} catch (cause) {
		const { key, status } = reviewRefusal(cause);
		return message(form, key, { status });
	}
	return message(form, 'reviewSetup.need.saved');
}
