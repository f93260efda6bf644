// Coordinators: who reviews which plan. Automatic assignment tops every plan up to the
// reviews it needs (two, or three when the first two diverge), balanced across the committee
// and never to a reviewer who declared a conflict; a coordinator may add or remove one by hand.
import type { Types } from 'mongoose';
import { autoAssign, type ConflictKind } from '$lib/domain/reviewAssignment';
import { planStatistics, type PlanStatistics } from '$lib/domain/scoreAggregation';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { Cohort } from '$lib/server/db/models/cohort';
import { ConflictDeclaration } from '$lib/server/db/models/conflictDeclaration';
import { Review, ReviewDraft } from '$lib/server/db/models/review';
import { ReviewAssignment } from '$lib/server/db/models/reviewAssignment';
import {
	ReviewError,
	committeeOf,
	oid,
	plansInReview,
	reviewCohort,
	type PlanInReview
} from './reviewSetup';

export type ReviewerState = 'assigned' | 'declared' | 'draft' | 'submitted' | 'conflict';

export interface PlanAssignmentRow extends Omit<PlanInReview, 'participantId'> {
	reviewers: {
		reviewerId: string;
		name: string;
		state: ReviewerState;
		total: number | null;
		conflictKind: ConflictKind | null;
	}[];
	statistics: PlanStatistics;
	/** Active reviewers without a conflict. */
	activeReviewers: number;
	/** Reviewers it still lacks: reviews needed minus active reviewers. */
	missingReviewers: number;
	/** A reviewer declared a conflict and the plan now lacks a reviewer: reassign. */
	conflictAlert: boolean;
}

/** Everything the assignment picture needs for the cohort, one query per collection. */
async function reviewState(cohortId: Types.ObjectId) {
	const [assignments, declarations, drafts, reviews] = await Promise.all([
		ReviewAssignment.find({ cohortId }).lean(),
		ConflictDeclaration.find({ cohortId }).lean(),
		ReviewDraft.find({ cohortId }, { planId: 1, reviewerId: 1 }).lean(),
		Review.find({ cohortId }, { planId: 1, reviewerId: 1, total: 1 }).lean()
	]);
	const key = (r: { planId: unknown; reviewerId: unknown }) => `${r.planId}:${r.reviewerId}`;
	return {
		assignments,
		declarations: new Map(declarations.map((d) => [key(d), d])),
		drafts: new Set(drafts.map(key)),
		reviews: new Map(reviews.map((r) => [key(r), r])),
		key
	};
}

export async function assignmentOverview() {
	const cohort = await reviewCohort();
	const [plans, committee, state] = await Promise.all([
		plansInReview(cohort.id),
		committeeOf(cohort.id),
		reviewState(cohort.id)
	]);
	const names = new Map(committee.map((m) => [m.userId, m.name]));
	const byPlan = new Map<string, typeof state.assignments>();
	for (const a of state.assignments) {
		const list = byPlan.get(String(a.planId)) ?? [];
		list.push(a);
		byPlan.set(String(a.planId), list);
	}
	const rows: PlanAssignmentRow[] = plans.map(({ participantId: _p, ...plan }) => {
		const reviewers = (byPlan.get(plan.planId) ?? [])
			.map((a) => {
				const k = state.key(a);
				const declaration = state.declarations.get(k);
				const review = state.reviews.get(k);
				const reviewerState: ReviewerState = declaration?.conflict
					? 'conflict'
					: review
						? 'submitted'
						: state.drafts.has(k)
							? 'draft'
							: declaration
								? 'declared'
								: 'assigned';
				return {
					active: a.active,
					reviewerId: String(a.reviewerId),
					name: names.get(String(a.reviewerId)) ?? '—',
					state: reviewerState,
					total: review?.total ?? null,
					conflictKind: (declaration?.conflict ? declaration.kind : null) as ConflictKind | null
				};
			})
			.filter((r) => r.active || r.state === 'conflict' || r.state === 'submitted')
			.map(({ active: _a, ...r }) => r);
		const totals = reviewers.flatMap((r) => (r.total === null ? [] : [r.total]));
		const statistics = planStatistics(totals);
		const activeReviewers = reviewers.filter((r) => r.state !== 'conflict').length;
		const missingReviewers = Math.max(0, statistics.reviewsNeeded - activeReviewers);
		return {
			...plan,
			reviewers,
			statistics,
			activeReviewers,
			missingReviewers,
			conflictAlert: missingReviewers > 0 && reviewers.some((r) => r.state === 'conflict')
		};
	});
	const load = committee.map((member) => {
		const mine = rows.flatMap((row) => row.reviewers.filter((r) => r.reviewerId === member.userId));
		return {
			...member,
			assigned: mine.filter((r) => r.state !== 'conflict').length,
			submitted: mine.filter((r) => r.state === 'submitted').length,
			conflicts: mine.filter((r) => r.state === 'conflict').length
		};
	});
	return {
		cohortName: cohort.name,
		plans: rows,
		committee: load,
		counts: {
			plans: rows.length,
			unassigned: rows.filter((r) => r.missingReviewers > 0).length,
			conflictAlerts: rows.filter((r) => r.conflictAlert).length,
			/** Divergent and still waiting for the third review. */
			thirdReviewNeeded: rows.filter((r) => r.statistics.divergent && r.statistics.needsMoreReviews)
				.length,
			complete: rows.filter((r) => !r.statistics.needsMoreReviews).length
		}
	};
}

async function assign(
	actor: SessionUser,
	cohortId: Types.ObjectId,
	planId: string,
	reviewerId: string,
	manual: boolean
) {
	await ReviewAssignment.updateOne(
		{ planId: oid(planId), reviewerId: oid(reviewerId) },
		{
			$set: { active: true, manual, assignedAt: new Date(), assignedBy: actor.id },
			$unset: { removedAt: 1, removedBy: 1 },
			$setOnInsert: { cohortId }
		},
		{ upsert: true }
	).catch((error) => {
		if ((error as { code?: number }).code !== 11000) throw error; // a concurrent insert won
	});
}

/** Tops every plan up to the reviews it needs. Returns what it did and what it could not. */
export async function runAutoAssign(actor: SessionUser, ip: string) {
	const cohort = await reviewCohort();
	const overview = await assignmentOverview();
	const committee = overview.committee.filter((m) => !m.disabled).map((m) => m.userId);
	const load = new Map(overview.committee.map((m) => [m.userId, m.assigned]));
	const { assignments, shortOf } = autoAssign(
		overview.plans.map((plan) => ({
			planId: plan.planId,
			reviewsNeeded: plan.statistics.reviewsNeeded,
			reviewers: plan.reviewers.filter((r) => r.state !== 'conflict').map((r) => r.reviewerId),
			conflicted: plan.reviewers.filter((r) => r.state === 'conflict').map((r) => r.reviewerId)
		})),
		committee,
		load
	);
	for (const a of assignments) await assign(actor, cohort.id, a.planId, a.reviewerId, false);
	if (assignments.length) {
		await audit({
			action: 'review.assigned',
			actorId: actor.id,
			actorRole: 'coordinator',
			entity: 'cohort',
			entityId: String(cohort.id),
			ip,
			details: { automatic: true, count: assignments.length }
		});
	}
	return {
		created: assignments.length,
		shortOf: shortOf.map((s) => ({
			...s,
			code: overview.plans.find((p) => p.planId === s.planId)?.code ?? '—'
		}))
	};
}

async function planRow(planId: string) {
	const overview = await assignmentOverview();
	const row = overview.plans.find((p) => p.planId === planId);
	if (!row) throw new ReviewError('notInReview');
	return { overview, row };
}

/** One plan's reviewers, for the coordinator's manual override. */
export async function planAssignments(planId: string) {
	const { overview, row } = await planRow(planId);
	const onPlan = new Set(row.reviewers.map((r) => r.reviewerId));
	return {
		plan: row,
		candidates: overview.committee
			.filter((m) => !m.disabled && !onPlan.has(m.userId))
			.map((m) => ({ userId: m.userId, name: m.name, assigned: m.assigned }))
	};
}

export async function assignReviewer(
	actor: SessionUser,
	planId: string,
	reviewerId: string,
	ip: string
) {
	const cohort = await reviewCohort();
	const { overview, row } = await planRow(planId);
	if (!overview.committee.some((m) => m.userId === reviewerId && !m.disabled)) {
		throw new ReviewError('notMember');
	}
	if (row.reviewers.some((r) => r.reviewerId === reviewerId && r.state === 'conflict')) {
		throw new ReviewError('conflict');
	}
	await assign(actor, cohort.id, planId, reviewerId, true);
	await audit({
		action: 'review.assigned',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'plan',
		entityId: planId,
		ip,
		details: { reviewerId, automatic: false }
	});
}

export async function unassignReviewer(
	actor: SessionUser,
	planId: string,
	reviewerId: string,
	ip: string
) {
	const { row } = await planRow(planId);
	const reviewer = row.reviewers.find((r) => r.reviewerId === reviewerId);
	// Already off the plan (a stale page, a second click): say so rather than a missing page.
	if (!reviewer || reviewer.state === 'conflict') throw new ReviewError('notAssigned');
	if (reviewer.state === 'submitted') throw new ReviewError('hasSubmitted');
	await ReviewAssignment.updateOne(
		{ planId: oid(planId), reviewerId: oid(reviewerId) },
		{ $set: { active: false, removedAt: new Date(), removedBy: actor.id } }
	);
	await audit({
		action: 'review.unassigned',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'plan',
		entityId: planId,
		ip,
		details: { reviewerId }
	});
}

/** How many plans lack a reviewer after a declared conflict: the coordinator's alert. */
export async function reviewConflictAlerts(): Promise<number> {
	const cohort = await Cohort.findOne({ current: true }, { _id: 1 }).lean();
	if (!cohort || !(await ConflictDeclaration.exists({ cohortId: cohort._id, conflict: true }))) {
		return 0;
	}
	return (await assignmentOverview()).counts.conflictAlerts;
}
