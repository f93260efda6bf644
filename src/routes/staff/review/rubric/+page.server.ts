import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { MAX_CRITERIA, SCORE_MAX, type Criterion } from '$lib/domain/rubric';
import type { MessageKey } from '$lib/i18n';
import { rubricFormSchema, rubricFromForm, rubricToForm } from '$lib/schemas/review';
import { requireRole } from '$lib/server/auth/guards';
import { formBody, plainForm } from '$lib/server/formBody';
import { reviewErrorAsHttp, reviewRefusal } from '$lib/server/reviewHttp';
import {
	ReviewError,
	reviewCohort,
	rubricOf,
	updateRubric
} from '$lib/server/services/reviewSetup';
import type { Actions, PageServerLoad } from './$types';

/** What the rubric form says above itself: saved, not yet saved, or refused (with the problems). */
export type RubricMessage = { key: MessageKey; problems?: string[] };

/** The form for these criteria; its fields are numbered, so its schema is built for their count. */
const rubricForm = (criteria: Criterion[]) =>
	superValidate<Record<string, unknown>, RubricMessage>(
		rubricToForm(criteria),
		zod4(rubricFormSchema(criteria.length)),
		{ id: 'rubric', errors: false }
	);

export const load: PageServerLoad = async () => {
	requireRole('coordinator');
	const cohort = await reviewCohort().catch(reviewErrorAsHttp);
	const rubric = await rubricOf(cohort.id);
	return {
		cohortName: cohort.name,
		locked: rubric.locked,
		criteria: rubric.criteria,
		maxCriteria: MAX_CRITERIA,
		form: rubric.locked ? null : await rubricForm(rubric.criteria)
	};
};

export const actions: Actions = { save, resize };

/** How many criteria the posted form holds (its hidden `count`), within 1..MAX_CRITERIA. */
function countOf(data: FormData) {
	const count = Math.trunc(Number(data.get('count')));
	return Number.isFinite(count) ? Math.min(MAX_CRITERIA, Math.max(1, count)) : 1;
}

const emptyCriterion = (): Criterion => ({
	key: '',
	label: { mn: '', en: '' },
	weight: 0,
	scoredBy: 'committee',
	levels: Array.from({ length: SCORE_MAX }, () => ({ mn: '', en: '' }))
});

async function save({ request, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const data = await plainForm(request);
	const count = countOf(data);
	const form = await superValidate<Record<string, unknown>, RubricMessage>(
		data,
		zod4(rubricFormSchema(count)),
		{ id: 'rubric' }
	);
	if (!form.valid) return fail(400, { form });
	try {
		await updateRubric(user, rubricFromForm(count, form.data), getClientAddress());
	} catch (cause) {
		if (cause instanceof ReviewError && cause.code === 'invalidRubric') {
			const problems = cause.details.map((code) => `reviewSetup.rubricProblem.${code}`);
			return message(form, { key: 'reviewSetup.rubric.problems', problems }, { status: 400 });
		}
		const { key, status } = reviewRefusal(cause);
		return message(form, { key }, { status });
	}
	return message(form, { key: 'reviewSetup.rubric.saved' });
}

/**
 * Adds an empty criterion (button `add`) or removes one (button `remove` = its index), keeping
 * what she typed in the others; nothing is saved until she presses Save. Works without JS.
 */
async function resize({ request }: RequestEvent) {
	requireRole('coordinator');
	const cohort = await reviewCohort().catch(reviewErrorAsHttp);
	const data = await formBody(request);
	const criteria = rubricFromForm(countOf(data), Object.fromEntries(data)).map((c) => ({
		...c,
		weight: Number.isFinite(c.weight) ? c.weight : 0
	}));
	const remove = data.has('remove') ? Number(data.get('remove')) : -1;
	if (data.has('add') && criteria.length < MAX_CRITERIA) criteria.push(emptyCriterion());
	else if (
		Number.isInteger(remove) &&
		remove >= 0 &&
		remove < criteria.length &&
		criteria.length > 1
	)
		criteria.splice(remove, 1);
	const form = await rubricForm(criteria);
	if ((await rubricOf(cohort.id)).locked) {
		return message(form, { key: 'review.error.locked' }, { status: 409 });
	}
	// Not a failure, though the new criterion is still empty: a 200 with the form as it stands.
	form.message = { key: 'reviewSetup.rubric.unsaved' };
	return { form };
}
