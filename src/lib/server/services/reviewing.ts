// A reviewer's work: her queue, the conflict-of-interest declaration that comes before any
// plan, the blind plan (pseudonymous code, soum but not bag, her name, phone and ID taken out
// of the text), her scores saved as a draft and submitted once, and the other reviewers'
// scores only after hers are in.
import type { Types } from 'mongoose';
import { redactDeep } from '$lib/domain/blind';
import { cashFlow, startupTotals, type PlanContent } from '$lib/domain/businessPlan';
import type { ConflictKind } from '$lib/domain/reviewAssignment';
import {
	COMMENT_MAX,
	committeeCriteria,
	isScore,
	missingScores,
	reviewerTotal,
	type Scores
} from '$lib/domain/rubric';
import { planStatistics } from '$lib/domain/scoreAggregation';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { ConflictDeclaration } from '$lib/server/db/models/conflictDeclaration';
import { Participant } from '$lib/server/db/models/participant';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { Review, ReviewDraft } from '$lib/server/db/models/review';
import { ReviewAssignment } from '$lib/server/db/models/reviewAssignment';
import { User } from '$lib/server/db/models/user';
import {
	ReviewError,
	criteriaOf,
	isDuplicateKey,
	oid,
	plansInReview,
	reviewCohort,
	setupOf
} from './reviewSetup';

export type QueueState = 'new' | 'declared' | 'draft' | 'submitted';

export interface ScoreItem {
	criterion: string;
	score: number | null;
	comment: string;
}

/** Her plans: assigned to her, still in review, and not one she declared a conflict on. */
export async function reviewQueue(reviewer: SessionUser) {
	const cohort = await reviewCohort();
	const reviewerId = oid(reviewer.id);
	const [assignments, conflicts, declared, drafts, reviews, plans] = await Promise.all([
		ReviewAssignment.find({ cohortId: cohort.id, reviewerId, active: true }, { planId: 1 }).lean(),
		ConflictDeclaration.find(
			{ cohortId: cohort.id, reviewerId, conflict: true },
			{ planId: 1 }
		).lean(),
		ConflictDeclaration.find(
			{ cohortId: cohort.id, reviewerId, conflict: false },
			{ planId: 1 }
		).lean(),
		ReviewDraft.find({ cohortId: cohort.id, reviewerId }, { planId: 1, savedAt: 1 }).lean(),
		Review.find(
			{ cohortId: cohort.id, reviewerId },
			{ planId: 1, total: 1, submittedAt: 1 }
		).lean(),
		plansInReview(cohort.id)
	]);
	const excluded = new Set(conflicts.map((c) => String(c.planId)));
	const mine = new Set(assignments.map((a) => String(a.planId)));
	const declaredIds = new Set(declared.map((d) => String(d.planId)));
	const draftIds = new Set(drafts.map((d) => String(d.planId)));
	const reviewed = new Map(reviews.map((r) => [String(r.planId), r]));
	const rows = plans
		.filter((p) => mine.has(p.planId) && !excluded.has(p.planId))
		.map((p) => {
			const review = reviewed.get(p.planId);
			const state: QueueState = review
				? 'submitted'
				: draftIds.has(p.planId)
					? 'draft'
					: declaredIds.has(p.planId)
						? 'declared'
						: 'new';
			return {
				planId: p.planId,
				code: p.code,
				soum: p.soum,
				businessType: p.businessType,
				requestedMnt: p.requestedMnt,
				state,
				total: review?.total ?? null
			};
		});
	const order: Record<QueueState, number> = { draft: 0, declared: 1, new: 2, submitted: 3 };
	rows.sort((a, b) => order[a.state] - order[b.state] || a.code.localeCompare(b.code));
	return {
		cohortName: cohort.name,
		rows,
		progress: { submitted: rows.filter((r) => r.state === 'submitted').length, total: rows.length }
	};
}

/** Her assignment on a plan in review, or notFound: a plan not hers does not exist for her. */
async function assignmentFor(reviewer: SessionUser, planId: string) {
	const cohort = await reviewCohort();
	const planOid = oid(planId);
	const [assignment, declaration, plan] = await Promise.all([
		ReviewAssignment.findOne({
			planId: planOid,
			reviewerId: oid(reviewer.id),
			active: true
		}).lean(),
		ConflictDeclaration.findOne({ planId: planOid, reviewerId: oid(reviewer.id) }).lean(),
		BusinessPlan.findOne({ _id: planOid, cohortId: cohort.id, state: 'submitted' }).lean()
	]);
	if (!assignment || !plan || declaration?.conflict) throw new ReviewError('notFound');
	return { cohort, plan, declaration };
}

/**
 * Her answer before she may read the plan. A conflict takes the plan out of her queue and
 * off her assignments; the coordinator sees the plan short of a reviewer and reassigns it.
 */
export async function declareConflict(
	reviewer: SessionUser,
	planId: string,
	answer: { conflict: boolean; kind?: ConflictKind | null; note?: string | null },
	ip: string
) {
	const { cohort, plan, declaration } = await assignmentFor(reviewer, planId);
	if (declaration) throw new ReviewError('alreadyDeclared');
	if (await Review.exists({ planId: plan._id, reviewerId: reviewer.id })) {
		throw new ReviewError('submitted');
	}
	try {
		await ConflictDeclaration.create({
			cohortId: cohort.id,
			planId: plan._id,
			reviewerId: reviewer.id,
			conflict: answer.conflict,
			kind: answer.conflict ? (answer.kind ?? 'other') : undefined,
			note: answer.conflict ? answer.note?.trim() || undefined : undefined,
			declaredAt: new Date()
		});
	} catch (error) {
		if (isDuplicateKey(error)) throw new ReviewError('alreadyDeclared');
		throw error;
	}
	if (answer.conflict) {
		await ReviewAssignment.updateOne(
			{ planId: plan._id, reviewerId: reviewer.id },
			{ $set: { active: false, removedAt: new Date(), removedBy: reviewer.id } }
		);
		await ReviewDraft.deleteOne({ planId: plan._id, reviewerId: reviewer.id });
	}
	await audit({
		action: 'review.conflict_declared',
		actorId: reviewer.id,
		actorRole: 'reviewer',
		entity: 'plan',
		entityId: planId,
		ip,
		details: { conflict: answer.conflict, kind: answer.conflict ? (answer.kind ?? 'other') : null }
	});
	return { conflict: answer.conflict };
}

async function identifiersOf(participantId: Types.ObjectId) {
	const participant = await Participant.findById(participantId, {
		userId: 1,
		nationalId: 1
	}).lean();
	const user = participant
		? await User.findById(participant.userId, { name: 1, phone: 1 }).lean()
		: null;
	return { name: user?.name ?? '', phone: user?.phone, nationalId: participant?.nationalId };
}

const itemsOf = (
	items: readonly { criterion: string; score?: number | null; comment?: string | null }[]
) =>
	items.map((i) => ({ criterion: i.criterion, score: i.score ?? null, comment: i.comment ?? '' }));

const scoresOf = (items: readonly ScoreItem[]): Scores =>
	Object.fromEntries(items.map((i) => [i.criterion, i.score]));

/**
 * The plan as she may see it. Before her declaration: only the code and soum, and the
 * question. After: the blind plan, the committee criteria, her draft or submitted scores,
 * and, once hers are submitted, the others' (by letter, not by name).
 */
export async function openForReview(reviewer: SessionUser, planId: string, ip: string) {
	const { cohort, plan, declaration } = await assignmentFor(reviewer, planId);
	const code = (await Participant.findById(plan.participantId, { code: 1 }).lean())?.code ?? '—';
	const heading = { planId, code, soum: plan.soum, version: plan.draftVersion };
	if (!declaration) return { ...heading, declared: false as const };
	const [setup, version, draft, own, ids] = await Promise.all([
		setupOf(cohort.id),
		PlanVersion.findOne({ planId: plan._id, version: plan.draftVersion }).lean(),
		ReviewDraft.findOne({ planId: plan._id, reviewerId: reviewer.id }).lean(),
		Review.findOne({ planId: plan._id, reviewerId: reviewer.id }).lean(),
		identifiersOf(plan.participantId)
	]);
	if (!version) throw new ReviewError('notFound');
	const criteria = committeeCriteria(criteriaOf(setup));
	const content = redactDeep(version.content as PlanContent, ids);
	let others: { letter: string; total: number; items: ScoreItem[] }[] | null = null;
	let statistics = null;
	if (own) {
		const all = await Review.find({ planId: plan._id }).sort({ submittedAt: 1 }).lean();
		others = all
			.filter((r) => String(r.reviewerId) !== reviewer.id)
			.map((r, i) => ({
				letter: String.fromCharCode(66 + i),
				total: r.total,
				items: itemsOf(r.items)
			}));
		statistics = planStatistics(all.map((r) => r.total));
	}
	await audit({
		action: 'review.plan_opened',
		actorId: reviewer.id,
		actorRole: 'reviewer',
		entity: 'plan',
		entityId: planId,
		ip,
		details: { version: plan.draftVersion }
	});
	const items = itemsOf(own?.items ?? draft?.items ?? []);
	return {
		...heading,
		declared: true as const,
		content,
		startup: startupTotals(content.startup),
		cashFlow: cashFlow(content),
		requestedMnt: version.grantRequestedMnt,
		criteria,
		items: criteria.map(
			(c) =>
				items.find((i) => i.criterion === c.key) ?? { criterion: c.key, score: null, comment: '' }
		),
		savedAt: draft?.savedAt ?? null,
		submitted: own ? { total: own.total, at: own.submittedAt } : null,
		others,
		statistics
	};
}

/** Keeps only items for the rubric's committee criteria, scores 1–5 or null, trimmed comments. */
function cleanItems(criteria: ReturnType<typeof committeeCriteria>, items: readonly ScoreItem[]) {
	return criteria.map((c) => {
		const item = items.find((i) => i.criterion === c.key);
		return {
			criterion: c.key,
			score: isScore(item?.score) ? item!.score : null,
			comment: (item?.comment ?? '').trim().slice(0, COMMENT_MAX)
		};
	});
}

async function scoringContext(reviewer: SessionUser, planId: string) {
	const context = await assignmentFor(reviewer, planId);
	if (!context.declaration) throw new ReviewError('notDeclared');
	const criteria = committeeCriteria(criteriaOf(await setupOf(context.cohort.id)));
	const submitted = await Review.findOne(
		{ planId: context.plan._id, reviewerId: reviewer.id },
		{ total: 1 }
	).lean();
	return { ...context, criteria, submitted };
}

async function writeDraft(
	reviewer: SessionUser,
	{ cohort, plan, criteria }: Awaited<ReturnType<typeof scoringContext>>,
	items: readonly ScoreItem[]
) {
	const savedAt = new Date();
	await ReviewDraft.updateOne(
		{ planId: plan._id, reviewerId: reviewer.id },
		{
			$set: { items: cleanItems(criteria, items), savedAt },
			$setOnInsert: { cohortId: cohort.id }
		},
		{ upsert: true }
	).catch((error) => {
		if (!isDuplicateKey(error)) throw error;
	});
	return { savedAt };
}

/** Saves her scores as they are, complete or not. Refused once she has submitted. */
export async function saveReviewDraft(
	reviewer: SessionUser,
	planId: string,
	items: readonly ScoreItem[]
) {
	const context = await scoringContext(reviewer, planId);
	if (context.submitted) throw new ReviewError('submitted');
	return writeDraft(reviewer, context, items);
}

/**
 * Submits her scores: the draft is saved first (nothing is lost when a score is missing),
 * then the final review is a unique-key insert, so submitting twice (a double click, a retry,
 * two tabs at once) makes one review, and the first one stands.
 */
export async function submitReview(
	reviewer: SessionUser,
	planId: string,
	items: readonly ScoreItem[],
	ip: string
) {
	const context = await scoringContext(reviewer, planId);
	if (context.submitted) return { total: context.submitted.total };
	const { cohort, plan, criteria } = context;
	await writeDraft(reviewer, context, items);
	const clean = cleanItems(criteria, items);
	const missing = missingScores(criteria, scoresOf(clean));
	if (missing.length) throw new ReviewError('incomplete', missing);
	const total = reviewerTotal(criteria, scoresOf(clean))!;
	try {
		await Review.create({
			cohortId: cohort.id,
			planId: plan._id,
			planVersion: plan.draftVersion,
			reviewerId: reviewer.id,
			items: clean,
			total,
			submittedAt: new Date()
		});
	} catch (error) {
		if (!isDuplicateKey(error)) throw error;
		const first = await Review.findOne({ planId: plan._id, reviewerId: reviewer.id }).lean();
		return { total: first?.total ?? total }; // a concurrent submit won: its scores stand
	}
	await audit({
		action: 'review.submitted',
		actorId: reviewer.id,
		actorRole: 'reviewer',
		entity: 'plan',
		entityId: planId,
		ip,
		details: { total: Math.round(total * 10) / 10 }
	});
	return { total };
}
