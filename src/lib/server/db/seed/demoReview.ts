// The demo committee: four reviewers (the first chairs), the 40 submitted plans scored by two
// each, two declared conflicts reassigned, three divergent plans waiting for the chair's third
// review, need scores for all, and 20 awards within the budget, published to the applicants.
// Built with the same domain rules the portal uses, so the demo's figures are the portal's.
import { Types } from 'mongoose';
import { committedAfter, type Outcome } from '$lib/domain/awards';
import { autoAssign } from '$lib/domain/reviewAssignment';
import {
	DEFAULT_RUBRIC,
	combinedScore,
	committeeCriteria,
	reviewerTotal,
	type Scores
} from '$lib/domain/rubric';
import { planStatistics, rankPlans } from '$lib/domain/scoreAggregation';
import { AwardDecision } from '$lib/server/db/models/awardDecision';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { CommitteeMember } from '$lib/server/db/models/committeeMember';
import { ConflictDeclaration } from '$lib/server/db/models/conflictDeclaration';
import { NeedAssessment } from '$lib/server/db/models/needAssessment';
import { Participant } from '$lib/server/db/models/participant';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { Review } from '$lib/server/db/models/review';
import { ReviewAssignment } from '$lib/server/db/models/reviewAssignment';
import { ReviewSetup } from '$lib/server/db/models/reviewSetup';

export const DEMO_AWARDS = 20;
export const DEMO_DIVERGENT = 3;
export const DEMO_CONFLICTS = 2;
const WAITLIST = 5;

const COMMENTS: Record<string, string[]> = {
	viability: ['Санаа тодорхой, ашигтай ажиллах боломжтой.', 'Орлогын эх үүсвэр сул байна.'],
	market: ['Хэрэглэгчээ сайн мэддэг.', 'Зах зээлийн судалгаа дутуу.'],
	budget: ['Төсөв бодитой.', 'Зарим үнэ бодит бус санагдсан.'],
	skills: ['Туршлагатай, тууштай.', 'Сургалтад хамрагдах шаардлагатай.'],
	impact: ['Гэр бүлийн орлогыг нэмэгдүүлнэ.', 'Нэг хүнд ажлын байр бий болгоно.']
};

const clampScore = (x: number) => Math.min(5, Math.max(1, Math.round(x)));

export async function seedDemoReview({
	cohortId,
	budgetMnt,
	coordinatorId,
	reviewerIds,
	rand
}: {
	cohortId: Types.ObjectId;
	budgetMnt: number;
	coordinatorId: Types.ObjectId;
	/** The committee; the first one chairs it. */
	reviewerIds: Types.ObjectId[];
	rand: () => number;
}) {
	const at = (daysAgo: number) => new Date(Date.now() - daysAgo * 24 * 60 * 60 * 1000);
	const criteria = DEFAULT_RUBRIC;
	const committee = committeeCriteria(criteria);
	await ReviewSetup.create({ cohortId, criteria, updatedBy: coordinatorId });
	await CommitteeMember.insertMany(
		reviewerIds.map((userId, i) => ({ cohortId, userId, chair: i === 0, addedBy: coordinatorId }))
	);

	const plans = await BusinessPlan.find({ cohortId, state: 'submitted' }).lean();
	const participants = await Participant.find(
		{ _id: { $in: plans.map((p) => p.participantId) } },
		{ code: 1, protected: 1 }
	).lean();
	const codeOf = new Map(participants.map((p) => [String(p._id), p]));
	plans.sort((a, b) =>
		codeOf
			.get(String(a.participantId))!
			.code.localeCompare(codeOf.get(String(b.participantId))!.code)
	);
	const versions = await PlanVersion.find(
		{ planId: { $in: plans.map((p) => p._id) } },
		{ planId: 1, version: 1, grantRequestedMnt: 1 }
	).lean();
	const requested = new Map(
		plans.map((plan) => [
			String(plan._id),
			versions.find(
				(v) => String(v.planId) === String(plan._id) && v.version === plan.draftVersion
			)!.grantRequestedMnt
		])
	);
	const ids = reviewerIds.map(String);
	const chair = ids[0]!;

	// Two reviewers per plan, balanced; then two conflicts, each plan reassigned.
	const first = autoAssign(
		plans.map((p) => ({ planId: String(p._id), reviewsNeeded: 2, reviewers: [], conflicted: [] })),
		ids,
		new Map()
	).assignments;
	const reviewersOf = new Map<string, string[]>();
	for (const a of first)
		reviewersOf.set(a.planId, [...(reviewersOf.get(a.planId) ?? []), a.reviewerId]);
	// Declared by two different reviewers, so each can take the other's plan over.
	const firstConflict = {
		planId: String(plans[5]!._id),
		reviewerId: reviewersOf.get(String(plans[5]!._id))![0]!
	};
	const secondPlan = plans
		.slice(17)
		.find((p) => !reviewersOf.get(String(p._id))!.includes(firstConflict.reviewerId))!;
	const conflicts = [
		firstConflict,
		{ planId: String(secondPlan._id), reviewerId: reviewersOf.get(String(secondPlan._id))![0]! }
	];
	const load = new Map(ids.map((id) => [id, first.filter((a) => a.reviewerId === id).length]));
	for (const c of conflicts) load.set(c.reviewerId, load.get(c.reviewerId)! - 1);
	const replacements = autoAssign(
		conflicts.map((c) => ({
			planId: c.planId,
			reviewsNeeded: 2,
			reviewers: reviewersOf.get(c.planId)!.filter((id) => id !== c.reviewerId),
			conflicted: [c.reviewerId]
		})),
		ids,
		load
	).assignments;
	for (const c of conflicts) {
		reviewersOf.set(
			c.planId,
			reviewersOf.get(c.planId)!.filter((id) => id !== c.reviewerId)
		);
	}
	for (const r of replacements) reviewersOf.get(r.planId)!.push(r.reviewerId);

	// Three mid-ranking plans the chair has not reviewed get two far-apart reviews.
	const divergent = new Set(
		plans
			.map((p) => String(p._id))
			.filter(
				(id) => !reviewersOf.get(id)!.includes(chair) && !conflicts.some((c) => c.planId === id)
			)
			.filter((_, i) => i % 4 === 1)
			.slice(0, DEMO_DIVERGENT)
	);

	const assignmentRows: Record<string, unknown>[] = [];
	const reviewRows: Record<string, unknown>[] = [];
	const totals = new Map<string, number[]>();
	const bias = [0, -0.35, 0.3, 0.1];
	plans.forEach((plan, index) => {
		const planId = String(plan._id);
		const quality = 1.8 + rand() * 2.9;
		const perCriterion = Object.fromEntries(
			committee.map((c) => [c.key, quality + (rand() - 0.5)])
		);
		for (const c of conflicts.filter((c) => c.planId === planId)) {
			assignmentRows.push({
				cohortId,
				planId: plan._id,
				reviewerId: new Types.ObjectId(c.reviewerId),
				active: false,
				assignedAt: at(3),
				assignedBy: coordinatorId,
				removedAt: at(2),
				removedBy: new Types.ObjectId(c.reviewerId)
			});
		}
		reviewersOf.get(planId)!.forEach((reviewerId, k) => {
			assignmentRows.push({
				cohortId,
				planId: plan._id,
				reviewerId: new Types.ObjectId(reviewerId),
				active: true,
				manual: false,
				assignedAt: at(3),
				assignedBy: coordinatorId
			});
			const shift = divergent.has(planId) ? (k === 0 ? 1.2 : -1.2) : bias[ids.indexOf(reviewerId)]!;
			const scores: Scores = {};
			const items = committee.map((c, j) => {
				const base = divergent.has(planId) ? 3 : perCriterion[c.key]!;
				const score = clampScore(base + shift);
				scores[c.key] = score;
				const comments = COMMENTS[c.key] ?? ['—'];
				return { criterion: c.key, score, comment: comments[(index + j + k) % comments.length] };
			});
			const total = reviewerTotal(criteria, scores)!;
			totals.set(planId, [...(totals.get(planId) ?? []), total]);
			reviewRows.push({
				cohortId,
				planId: plan._id,
				planVersion: plan.draftVersion,
				reviewerId: new Types.ObjectId(reviewerId),
				items,
				total,
				submittedAt: at(2 - (index % 2) * 0.5)
			});
		});
		if (divergent.has(planId)) {
			assignmentRows.push({
				cohortId,
				planId: plan._id,
				reviewerId: new Types.ObjectId(chair),
				active: true,
				manual: false,
				assignedAt: at(1),
				assignedBy: coordinatorId
			});
		}
	});
	await ReviewAssignment.insertMany(assignmentRows);
	await ConflictDeclaration.insertMany(
		conflicts.map((c, i) => ({
			cohortId,
			planId: new Types.ObjectId(c.planId),
			reviewerId: new Types.ObjectId(c.reviewerId),
			conflict: true,
			kind: i === 0 ? 'neighbour' : 'relative',
			declaredAt: at(2)
		}))
	);
	await ConflictDeclaration.insertMany(
		reviewRows.map((r) => ({
			cohortId,
			planId: r.planId,
			reviewerId: r.reviewerId,
			conflict: false,
			declaredAt: at(3)
		}))
	);
	await Review.insertMany(reviewRows);

	// Need and vulnerability, by the coordinator; protected participants are the most in need.
	const needs = new Map<string, number>();
	await NeedAssessment.insertMany(
		plans.map((plan) => {
			const isProtected = codeOf.get(String(plan.participantId))?.protected;
			const score = isProtected ? 5 : 2 + Math.floor(rand() * 3);
			needs.set(String(plan._id), score);
			return {
				cohortId,
				planId: plan._id,
				score,
				comment: isProtected ? 'Нийгмийн ажилтны үнэлгээгээр өндөр эрсдэлтэй.' : '',
				assessedBy: coordinatorId,
				assessedAt: at(2)
			};
		})
	);

	// Decisions in rank order: awards while the budget allows, then a wait-list, then declines.
	const ranked = rankPlans(
		plans.map((plan) => {
			const statistics = planStatistics(totals.get(String(plan._id)) ?? []);
			return {
				planId: String(plan._id),
				score: statistics.needsMoreReviews
					? null
					: combinedScore(criteria, statistics.mean, needs.get(String(plan._id)) ?? null),
				requestedMnt: requested.get(String(plan._id))!
			};
		}),
		budgetMnt
	);
	let committed = 0;
	let awards = 0;
	let waitlisted = 0;
	const decisions: Record<string, unknown>[] = [];
	for (const row of ranked) {
		if (row.score === null) continue; // divergent: waits for its third review
		let outcome: Outcome =
			awards < DEMO_AWARDS ? 'award' : waitlisted < WAITLIST ? 'waitlist' : 'decline';
		const after =
			outcome === 'award'
				? committedAfter(committed, null, { outcome, amountMnt: row.requestedMnt }, budgetMnt)
				: committed;
		if (after === null) outcome = 'waitlist';
		else committed = after;
		if (outcome === 'award') awards++;
		if (outcome === 'waitlist') waitlisted++;
		const plan = plans.find((p) => String(p._id) === row.planId)!;
		decisions.push({
			cohortId,
			seq: decisions.length + 1,
			planId: plan._id,
			participantId: plan.participantId,
			outcome,
			...(outcome === 'award' ? { amountMnt: row.requestedMnt } : {}),
			reason:
				outcome === 'award'
					? 'Эрэмбээр төсөвт багтсан.'
					: outcome === 'waitlist'
						? 'Төсвийн шугамын доор: хүлээлгийн жагсаалтад.'
						: 'Нийт оноо хангалтгүй.',
			applicantMessage: '',
			committedAfterMnt: committed,
			decidedBy: new Types.ObjectId(chair),
			decidedRole: 'reviewer',
			decidedAt: at(1)
		});
	}
	await AwardDecision.insertMany(decisions);
	await ReviewSetup.updateOne(
		{ cohortId },
		{ $set: { outcomesPublishedAt: at(1), outcomesPublishedBy: coordinatorId } }
	);
	await Participant.updateMany(
		{ _id: { $in: decisions.filter((d) => d.outcome === 'award').map((d) => d.participantId) } },
		{ $set: { stage: 'grant' } }
	);
	return {
		awards,
		committedMnt: committed,
		divergent: divergent.size,
		conflicts: conflicts.length
	};
}
