import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import type { MessageKey } from '$lib/i18n';
import { reviewerSchema } from '$lib/schemas/review';
import { requireRole } from '$lib/server/auth/guards';
import { plainForm } from '$lib/server/formBody';
import { reviewErrorAsHttp, reviewRefusal } from '$lib/server/reviewHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { publishOutcomes, ranking } from '$lib/server/services/committee';
import { assignmentOverview, runAutoAssign } from '$lib/server/services/reviewAssignments';
import {
	addCommitteeMember,
	removeCommitteeMember,
	reviewCohort,
	reviewersNotOnCommittee,
	setChair
} from '$lib/server/services/reviewSetup';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRole('coordinator');
	const cohort = await reviewCohort().catch(reviewErrorAsHttp);
	const [overview, ranked, candidates, summary] = await Promise.all([
		assignmentOverview(),
		ranking(user),
		reviewersNotOnCommittee(cohort.id),
		currentCohort()
	]).catch(reviewErrorAsHttp);
	const needs = new Map(ranked.rows.map((row) => [row.planId, row.needScore]));
	const plans = overview.plans
		.map(({ version: _v, submittedAt: _s, ...plan }) => ({
			...plan,
			needScore: needs.get(plan.planId) ?? null,
			// A divergent plan needs her until its third review is in; then it is settled.
			attention:
				plan.conflictAlert ||
				plan.missingReviewers > 0 ||
				(plan.statistics.divergent && plan.statistics.needsMoreReviews)
		}))
		// Stable: the plans that need her come first, each group in code order.
		.sort((a, b) => Number(b.attention) - Number(a.attention));
	const attentionOnly = url.searchParams.get('show') === 'attention';
	return {
		cohortName: overview.cohortName,
		counts: overview.counts,
		committee: overview.committee,
		candidates,
		plans: attentionOnly ? plans.filter((p) => p.attention) : plans,
		attentionOnly,
		attentionCount: plans.filter((p) => p.attention).length,
		decisions: ranked.counts,
		outcomesPublishedAt: ranked.outcomesPublishedAt,
		soums: summary?.soums ?? [],
		addForm: await superValidate(zod4(reviewerSchema), { id: 'addMember' })
	};
};

export const actions: Actions = {
	addMember,
	removeMember,
	setChair: makeChair,
	autoAssign,
	publish
};

/** Which card shows an action's outcome: the one whose button she pressed. */
type Card = 'committee' | 'assign' | 'publish';

const done = (card: Card, key: MessageKey, params: Record<string, number> = {}) => ({
	card,
	notice: { tone: 'ok' as const, key, params }
});

/** A refusal shown in the card, with its 4xx status (404/403 and the unexpected are thrown). */
function refuse(card: Card, cause: unknown) {
	const { key, status } = reviewRefusal(cause);
	return fail(status, { card, notice: { tone: 'error' as const, key, params: {} } });
}

const tampered = (card: Card) =>
	fail(400, {
		card,
		notice: { tone: 'error' as const, key: 'review.error.unknown' as MessageKey, params: {} }
	});

/** The reviewer a row's button stands for, or null when the form was tampered with. */
async function reviewerOf(request: Request) {
	const form = await superValidate(await plainForm(request), zod4(reviewerSchema));
	return form.valid ? form.data.reviewerId : null;
}

async function addMember({ request, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await superValidate(await plainForm(request), zod4(reviewerSchema), {
		id: 'addMember'
	});
	if (!form.valid) return fail(400, { form });
	try {
		await addCommitteeMember(user, form.data.reviewerId, getClientAddress());
	} catch (cause) {
		const { key, status } = reviewRefusal(cause);
		return message(form, key, { status });
	}
	return message(form, 'reviewSetup.committee.added');
}

async function removeMember({ request, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const reviewerId = await reviewerOf(request);
	if (!reviewerId) return tampered('committee');
	try {
		await removeCommitteeMember(user, reviewerId, getClientAddress());
	} catch (cause) {
		return refuse('committee', cause);
	}
	return done('committee', 'reviewSetup.committee.removed');
}

async function makeChair({ request, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const reviewerId = await reviewerOf(request);
	if (!reviewerId) return tampered('committee');
	try {
		await setChair(user, reviewerId, getClientAddress());
	} catch (cause) {
		return refuse('committee', cause);
	}
	return done('committee', 'reviewSetup.committee.chairSet');
}

async function autoAssign({ getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	try {
		const { created, shortOf } = await runAutoAssign(user, getClientAddress());
		return { ...done('assign', 'reviewSetup.assign.done', { count: created }), shortOf };
	} catch (cause) {
		return refuse('assign', cause);
	}
}

async function publish({ getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	try {
		const { decisions } = await publishOutcomes(user, getClientAddress());
		return done('publish', 'reviewSetup.publish.done', { count: decisions });
	} catch (cause) {
		return refuse('publish', cause);
	}
}
