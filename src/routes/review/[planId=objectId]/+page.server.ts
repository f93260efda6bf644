import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { committeeCriteria } from '$lib/domain/rubric';
import {
	commentFieldName,
	conflictSchema,
	scoreFieldName,
	scoreItems,
	scoreSheetSchema
} from '$lib/schemas/review';
import { requireRole } from '$lib/server/auth/guards';
import { plainForm } from '$lib/server/formBody';
import { reviewErrorAsHttp, reviewRefusal } from '$lib/server/reviewHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { ReviewError, reviewCohort, rubricOf } from '$lib/server/services/reviewSetup';
import {
	declareConflict,
	openForReview,
	saveReviewDraft,
	submitReview,
	type ScoreItem
} from '$lib/server/services/reviewing';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('reviewer');
	const [plan, cohort] = await Promise.all([
		openForReview(user, params.planId, getClientAddress()).catch(reviewErrorAsHttp),
		currentCohort()
	]);
	const soums = cohort?.soums ?? [];
	if (!plan.declared) {
		return {
			plan,
			soums,
			conflictForm: await superValidate(zod4(conflictSchema), { id: 'conflict' }),
			scoreForm: null
		};
	}
	const scoreForm = await superValidate(
		sheetValues(plan.items),
		zod4(scoreSheetSchema(plan.criteria)),
		{ id: 'scores', errors: false }
	);
	return { plan, soums, conflictForm: null, scoreForm };
};

export const actions: Actions = { declare, save, submit };

async function declare({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('reviewer');
	const planId = params.planId ?? '';
	const form = await superValidate(await plainForm(request), zod4(conflictSchema), {
		id: 'conflict'
	});
	if (!form.valid) return fail(400, { conflictForm: form });
	const conflict = form.data.conflict === 'yes';
	try {
		await declareConflict(
			user,
			planId,
			{ conflict, kind: form.data.kind ?? null, note: form.data.note },
			getClientAddress()
		);
	} catch (cause) {
		const { key, status } = reviewRefusal(cause);
		return message(form, key, { status });
	}
	// A conflict takes the plan out of her queue; no conflict opens it.
	redirect(303, conflict ? '/review?conflict=1' : `/review/${planId}`);
}

async function save(event: RequestEvent) {
	const user = requireRole('reviewer');
	const { form, criteria } = await postedSheet(event);
	if (!form.valid) return fail(400, { scoreForm: form });
	try {
		await saveReviewDraft(user, event.params.planId ?? '', scoreItems(criteria, form.data));
	} catch (cause) {
		const { key, status } = reviewRefusal(cause);
		return message(form, key, { status });
	}
	return message(form, 'reviewer.saved');
}

async function submit(event: RequestEvent) {
	const user = requireRole('reviewer');
	const planId = event.params.planId ?? '';
	const { form, criteria } = await postedSheet(event);
	if (!form.valid) return fail(400, { scoreForm: form });
	try {
		await submitReview(user, planId, scoreItems(criteria, form.data), event.getClientAddress());
	} catch (cause) {
		// Her draft was saved before the refusal; the form keeps what she entered.
		if (cause instanceof ReviewError && cause.code === 'incomplete') {
			for (const key of cause.details) form.errors[scoreFieldName(key)] = ['review.error.score'];
		}
		const { key, status } = reviewRefusal(cause);
		return message(form, key, { status });
	}
	redirect(303, `/review/${planId}`);
}

/** The posted score sheet, validated against the same rubric the page was built from. */
async function postedSheet({ request }: RequestEvent) {
	const cohort = await reviewCohort().catch(reviewErrorAsHttp);
	const criteria = committeeCriteria((await rubricOf(cohort.id)).criteria);
	const form = await superValidate(await plainForm(request), zod4(scoreSheetSchema(criteria)), {
		id: 'scores'
	});
	return { form, criteria };
}

/** Her draft (or submitted) scores as the sheet's values; an empty score stays empty. */
function sheetValues(items: readonly ScoreItem[]) {
	const values: Record<string, number | string> = {};
	for (const item of items) {
		if (item.score !== null) values[scoreFieldName(item.criterion)] = item.score;
		values[commentFieldName(item.criterion)] = item.comment;
	}
	return values;
}
