import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { translator, type MessageKey } from '$lib/i18n';
import { formatMnt } from '$lib/i18n/format';
import { decisionSchema } from '$lib/schemas/review';
import { requireRole } from '$lib/server/auth/guards';
import { plainForm } from '$lib/server/formBody';
import { reviewErrorAsHttp, reviewRefusal } from '$lib/server/reviewHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { decide, decisionDetail } from '$lib/server/services/committee';
import { ReviewError } from '$lib/server/services/reviewSetup';
import type { Actions, PageServerLoad } from './$types';

// One plan before the committee: every review with its comments, the statistics, the need
// score, the decision history, and the chair's decision form. Chair and coordinators only.
export const load: PageServerLoad = async ({ params }) => {
	const user = requireRole('reviewer', 'coordinator');
	// On a plan still in the chair's own queue the service leaves the others' scores out.
	const detail = await decisionDetail(user, params.planId).catch(reviewErrorAsHttp);
	const cohort = await currentCohort();
	const current = detail.row.decision;
	const award = current?.outcome === 'award' ? current.amountMnt : null;
	const requested = detail.row.requestedMnt;
	return {
		detail,
		soums: cohort?.soums ?? [],
		decisionForm: await superValidate(
			{
				outcome: current?.outcome,
				amountMnt: award ?? Math.min(requested, detail.grantCapMnt ?? requested),
				reason: '',
				applicantMessage: ''
			},
			zod4(decisionSchema),
			{ id: 'decision', errors: false }
		)
	};
};

export const actions: Actions = {
	decide: decideOnPlan
};

/** Which field each of the service's decision problems belongs to. */
const PROBLEM_FIELDS: Record<string, 'amountMnt' | 'reason'> = {
	amountRequired: 'amountMnt',
	amountAboveRequested: 'amountMnt',
	amountAboveCap: 'amountMnt',
	reasonRequired: 'reason'
};

async function decideOnPlan({ request, params, locals, getClientAddress }: RequestEvent) {
	const user = requireRole('reviewer', 'coordinator');
	const form = await superValidate(await plainForm(request), zod4(decisionSchema), {
		id: 'decision'
	});
	if (!form.valid) return fail(400, { decisionForm: form });
	try {
		await decide(
			user,
			params.planId ?? '',
			{
				outcome: form.data.outcome,
				amountMnt: form.data.amountMnt ?? null,
				reason: form.data.reason,
				applicantMessage: form.data.applicantMessage
			},
			getClientAddress()
		);
	} catch (cause) {
		if (cause instanceof ReviewError && cause.code === 'invalidDecision') {
			const unplaced = cause.details.filter((problem) => !PROBLEM_FIELDS[problem]);
			for (const problem of cause.details) {
				const field = PROBLEM_FIELDS[problem];
				if (field) setError(form, field, `review.error.${problem}` as MessageKey);
			}
			if (unplaced.length) return message(form, 'review.error.invalidDecision', { status: 400 });
			return fail(400, { decisionForm: form });
		}
		if (cause instanceof ReviewError && cause.code === 'overBudget') {
			const t = translator(locals.locale);
			const remaining = Number(cause.details[0] ?? 0);
			return message(
				form,
				t('review.error.overBudget', {
					remaining: formatMnt(Number.isSafeInteger(remaining) ? remaining : 0, locals.locale)
				}),
				{ status: 409 }
			);
		}
		const { key, status } = reviewRefusal(cause);
		return message(form, key, { status });
	}
	return message(form, 'committee.form.saved');
}
