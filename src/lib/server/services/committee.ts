// The committee's decisions: the ranked list (raw and normalised means, need score, combined
// score, requested amounts against the budget), the need score given by staff, the chair's
// decision per plan on an append-only ledger that can never over-commit the budget, the
// meeting pack, publication of outcomes, and each applicant's own outcome.
import { Types } from 'mongoose';
import { committedAfter, decisionProblems, type Outcome } from '$lib/domain/awards';
import { combinedScore, isScore, staffCriterion } from '$lib/domain/rubric';
import {
	normalisedMeans,
	planStatistics,
	rankPlans,
	reviewerProfiles,
	type PlanStatistics
} from '$lib/domain/scoreAggregation';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { AwardDecision } from '$lib/server/db/models/awardDecision';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { Cohort } from '$lib/server/db/models/cohort';
import { ConflictDeclaration } from '$lib/server/db/models/conflictDeclaration';
import { NeedAssessment } from '$lib/server/db/models/needAssessment';
import { Participant } from '$lib/server/db/models/participant';
import { Review } from '$lib/server/db/models/review';
import { ReviewAssignment } from '$lib/server/db/models/reviewAssignment';
import { ReviewSetup } from '$lib/server/db/models/reviewSetup';
import { User } from '$lib/server/db/models/user';
import { grantStarted, syncGrants } from './grants';
import {
	ReviewError,
	committeeOf,
	criteriaOf,
	isChair,
	isDuplicateKey,
	oid,
	plansInReview,
	reviewCohort,
	setupOf,
	type CohortRules
} from './reviewSetup';

export type CommitteeAccess = 'chair' | 'coordinator';

/** Chair or coordinator; anyone else gets a 403 from the route. */
export async function committeeAccess(user: SessionUser): Promise<CommitteeAccess | null> {
	if (user.roles.includes('coordinator')) return 'coordinator';
	return (await isChair(user)) ? 'chair' : null;
}

async function requireCommittee(user: SessionUser): Promise<CommitteeAccess> {
	const access = await committeeAccess(user);
	if (!access) throw new ReviewError('forbidden');
	return access;
}

export interface CurrentDecision {
	outcome: Outcome;
	amountMnt: number | null;
	reason: string;
	applicantMessage: string;
	decidedAt: Date;
	decidedBy: string;
	seq: number;
}

/** The latest ledger entry, and each plan's current decision (its highest seq). */
async function ledgerOf(cohortId: Types.ObjectId) {
	const entries = await AwardDecision.find({ cohortId }).sort({ seq: 1 }).lean();
	const current = new Map<string, (typeof entries)[number]>();
	for (const entry of entries) current.set(String(entry.planId), entry);
	const last = entries.at(-1) ?? null;
	return { last, current, committedMnt: last?.committedAfterMnt ?? 0 };
}

const decisionView = (
	entry: Awaited<ReturnType<typeof ledgerOf>>['last'],
	names: Map<string, string>
) =>
	entry
		? ({
				outcome: entry.outcome as Outcome,
				amountMnt: entry.amountMnt ?? null,
				reason: entry.reason,
				applicantMessage: entry.applicantMessage ?? '',
				decidedAt: entry.decidedAt,
				decidedBy: names.get(String(entry.decidedBy)) ?? '—',
				seq: entry.seq
			} satisfies CurrentDecision)
		: null;

export interface RankingRow {
	planId: string;
	code: string;
	soum: string;
	businessType: string;
	requestedMnt: number;
	totals: number[];
	statistics: PlanStatistics;
	normalisedMean: number | null;
	needScore: number | null;
	score: number | null;
	rank: number | null;
	tied: boolean;
	runningTotalMnt: number;
	withinBudget: boolean;
	decision: CurrentDecision | null;
	/** Scores kept from her: a chair's own review still to do, or a plan she is conflicted on. */
	blinded: boolean;
}

/**
 * The plans whose scores a chair may not see: she is a reviewer too, and sees the others'
 * scores only after submitting her own, and never on a plan she declared a conflict on.
 */
async function blindedFor(viewer: SessionUser, access: CommitteeAccess, cohortId: Types.ObjectId) {
	const blinded = { pending: new Set<string>(), conflicted: new Set<string>() };
	if (access !== 'chair') return blinded;
	const reviewerId = oid(viewer.id);
	const [assignments, reviews, conflicts] = await Promise.all([
		ReviewAssignment.find({ cohortId, reviewerId, active: true }, { planId: 1 }).lean(),
		Review.find({ cohortId, reviewerId }, { planId: 1 }).lean(),
		ConflictDeclaration.find({ cohortId, reviewerId, conflict: true }, { planId: 1 }).lean()
	]);
	const done = new Set(reviews.map((r) => String(r.planId)));
	for (const a of assignments)
		if (!done.has(String(a.planId))) blinded.pending.add(String(a.planId));
	for (const c of conflicts) blinded.conflicted.add(String(c.planId));
	return blinded;
}

async function rankingData(cohort: CohortRules, viewer: SessionUser, access: CommitteeAccess) {
	const [setup, plans, reviews, needs, ledger] = await Promise.all([
		setupOf(cohort.id),
		plansInReview(cohort.id),
		Review.find({ cohortId: cohort.id }, { planId: 1, reviewerId: 1, total: 1, items: 1 }).lean(),
		NeedAssessment.find({ cohortId: cohort.id }).lean(),
		ledgerOf(cohort.id)
	]);
	const criteria = criteriaOf(setup);
	const inReview = new Set(plans.map((p) => p.planId));
	const submitted = reviews
		.filter((r) => inReview.has(String(r.planId)))
		.map((r) => ({ planId: String(r.planId), reviewerId: String(r.reviewerId), total: r.total }));
	const normalised = normalisedMeans(submitted);
	const needByPlan = new Map(needs.map((n) => [String(n.planId), n]));
	const deciders = await namesOf([...ledger.current.values()].map((e) => e.decidedBy));
	const rows = plans.map((plan) => {
		const totals = submitted.filter((r) => r.planId === plan.planId).map((r) => r.total);
		const statistics = planStatistics(totals);
		const needScore = needByPlan.get(plan.planId)?.score ?? null;
		const ready = !statistics.needsMoreReviews;
		return {
			plan,
			totals,
			statistics,
			normalisedMean: normalised.get(plan.planId) ?? null,
			needScore,
			score: ready ? combinedScore(criteria, statistics.mean, needScore) : null,
			decision: decisionView(ledger.current.get(plan.planId) ?? null, deciders)
		};
	});
	const ranked = new Map(
		rankPlans(
			rows.map((r) => ({
				planId: r.plan.planId,
				score: r.score,
				requestedMnt: r.plan.requestedMnt
			})),
			cohort.budgetMnt
		).map((r, index) => [r.planId, { ...r, index }])
	);
	const { pending, conflicted } = await blindedFor(viewer, access, cohort.id);
	const isBlinded = (planId: string) => pending.has(planId) || conflicted.has(planId);
	const ranking: RankingRow[] = rows
		.map((r) => {
			const rank = ranked.get(r.plan.planId)!;
			if (isBlinded(r.plan.planId)) {
				r.totals = [];
				r.statistics = { ...r.statistics, mean: null, min: null, max: null, spread: null };
				r.normalisedMean = null;
				r.score = null;
			}
			return {
				planId: r.plan.planId,
				code: r.plan.code,
				soum: r.plan.soum,
				businessType: r.plan.businessType,
				requestedMnt: r.plan.requestedMnt,
				totals: r.totals,
				statistics: r.statistics,
				normalisedMean: r.normalisedMean,
				needScore: r.needScore,
				score: r.score,
				rank: rank.rank,
				tied: rank.tied,
				runningTotalMnt: rank.runningTotalMnt,
				withinBudget: rank.withinBudget,
				decision: r.decision,
				blinded: isBlinded(r.plan.planId),
				index: rank.index
			};
		})
		.sort((a, b) => a.index - b.index)
		.map(({ index: _i, ...row }) => row);
	return {
		setup,
		criteria,
		ranking,
		reviews: reviews.filter((r) => !isBlinded(String(r.planId))),
		needs: needByPlan,
		ledger,
		submitted,
		conflicted
	};
}

async function namesOf(ids: readonly Types.ObjectId[]) {
	const users = await User.find({ _id: { $in: ids } }, { name: 1 }).lean();
	return new Map(users.map((u) => [String(u._id), u.name]));
}

/** The ranked list with the budget line, for the chair and coordinators. Pseudonymised. */
export async function ranking(viewer: SessionUser) {
	const access = await requireCommittee(viewer);
	const cohort = await reviewCohort();
	const {
		setup,
		criteria,
		ranking: rows,
		ledger,
		submitted
	} = await rankingData(cohort, viewer, access);
	const counts = { award: 0, waitlist: 0, decline: 0, undecided: 0 };
	for (const row of rows) counts[row.decision?.outcome ?? 'undecided']++;
	const profiles = reviewerProfiles(submitted);
	const members = await committeeOf(cohort.id);
	return {
		access,
		cohortName: cohort.name,
		budgetMnt: cohort.budgetMnt,
		grantCapMnt: cohort.grantCapMnt,
		committedMnt: ledger.committedMnt,
		remainingMnt: cohort.budgetMnt - ledger.committedMnt,
		hasNeedCriterion: staffCriterion(criteria) !== null,
		outcomesPublishedAt: setup.outcomesPublishedAt ?? null,
		counts,
		rows,
		reviewers: members.map((m) => {
			const p = profiles.get(m.userId);
			return {
				name: m.name,
				chair: m.chair,
				count: p?.count ?? 0,
				mean: p?.mean ?? null,
				sd: p?.sd ?? null,
				normalised: p?.normalised ?? false
			};
		})
	};
}

/** One plan for the decision: every submitted review with its comments, by reviewer. */
export async function decisionDetail(viewer: SessionUser, planId: string) {
	const access = await requireCommittee(viewer);
	const cohort = await reviewCohort();
	const data = await rankingData(cohort, viewer, access);
	const row = data.ranking.find((r) => r.planId === planId);
	if (!row) throw new ReviewError('notInReview');
	const names = await namesOf(
		data.reviews.filter((r) => String(r.planId) === planId).map((r) => r.reviewerId)
	);
	const need = data.needs.get(planId);
	const history = await AwardDecision.find({ planId: oid(planId) })
		.sort({ seq: -1 })
		.lean();
	const deciders = await namesOf(history.map((h) => h.decidedBy));
	return {
		access,
		row,
		criteria: data.criteria,
		budgetMnt: cohort.budgetMnt,
		grantCapMnt: cohort.grantCapMnt,
		committedMnt: data.ledger.committedMnt,
		reviews: data.reviews
			.filter((r) => String(r.planId) === planId)
			.map((r) => ({
				reviewer: names.get(String(r.reviewerId)) ?? '—',
				total: r.total,
				items: r.items.map((i) => ({
					criterion: i.criterion,
					score: i.score ?? null,
					comment: i.comment ?? ''
				}))
			})),
		// The need comment may say why she is vulnerable: coordinators only.
		need: need
			? { score: need.score, comment: access === 'coordinator' ? need.comment : null }
			: null,
		history: history.map((h) => decisionView(h, deciders)!)
	};
}

/** Coordinators (the social worker's role here): the need and vulnerability score. */
export async function recordNeed(
	actor: SessionUser,
	planId: string,
	{ score, comment }: { score: number; comment: string },
	ip: string
) {
	if (!actor.roles.includes('coordinator')) throw new ReviewError('forbidden');
	if (!isScore(score)) throw new ReviewError('invalidDecision', ['score']);
	const cohort = await reviewCohort();
	const plan = await BusinessPlan.findOne({
		_id: oid(planId),
		cohortId: cohort.id,
		state: 'submitted'
	}).lean();
	if (!plan) throw new ReviewError('notInReview');
	await NeedAssessment.updateOne(
		{ planId: plan._id },
		{
			$set: {
				score,
				comment: comment.trim().slice(0, 1000),
				assessedBy: actor.id,
				assessedAt: new Date()
			},
			$setOnInsert: { cohortId: cohort.id }
		},
		{ upsert: true }
	).catch((error) => {
		if (!isDuplicateKey(error)) throw error;
	});
	await audit({
		action: 'review.need_scored',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'plan',
		entityId: planId,
		ip,
		details: { score }
	});
}

/** The need score a coordinator gave, for her form. */
export async function needOf(planId: string) {
	const need = await NeedAssessment.findOne({ planId: oid(planId) }).lean();
	return need
		? { score: need.score, comment: need.comment ?? '', assessedAt: need.assessedAt }
		: null;
}

export interface DecisionRequest {
	outcome: Outcome;
	amountMnt: number | null;
	reason: string;
	applicantMessage: string;
}

const MAX_ATTEMPTS = 20;

/**
 * Records the decision on a plan as the next ledger entry. The budget rule is checked
 * against the last entry, and the insert of seq + 1 is unique: when two people save at once
 * one of them re-reads the total and checks again, so awards can never exceed the budget.
 */
export async function decide(
	actor: SessionUser,
	planId: string,
	request: DecisionRequest,
	ip: string
) {
	const access = await requireCommittee(actor);
	const cohort = await reviewCohort();
	const plan = (await plansInReview(cohort.id)).find((p) => p.planId === planId);
	if (!plan) throw new ReviewError('notInReview');
	if ((await blindedFor(actor, access, cohort.id)).conflicted.has(planId)) {
		throw new ReviewError('conflict'); // she declared a conflict: others decide this one
	}
	const problems = decisionProblems(request, {
		requestedMnt: plan.requestedMnt,
		capMnt: cohort.grantCapMnt
	});
	if (problems.length) throw new ReviewError('invalidDecision', problems);
	// Once her agreement is signed or money asked for, the award is a contract: it stands.
	if (await grantStarted(oid(planId))) throw new ReviewError('grantStarted');
	const amountMnt = request.outcome === 'award' ? request.amountMnt : null;
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		const last = await AwardDecision.findOne({ cohortId: cohort.id }).sort({ seq: -1 }).lean();
		const previous = await AwardDecision.findOne({ planId: oid(planId) })
			.sort({ seq: -1 })
			.lean();
		const after = committedAfter(
			last?.committedAfterMnt ?? 0,
			previous ? { outcome: previous.outcome as Outcome, amountMnt: previous.amountMnt } : null,
			{ outcome: request.outcome, amountMnt },
			cohort.budgetMnt
		);
		if (after === null) {
			throw new ReviewError('overBudget', [
				String(cohort.budgetMnt - (last?.committedAfterMnt ?? 0))
			]);
		}
		try {
			await AwardDecision.create({
				cohortId: cohort.id,
				seq: (last?.seq ?? 0) + 1,
				planId: oid(planId),
				participantId: plan.participantId,
				outcome: request.outcome,
				amountMnt: amountMnt ?? undefined,
				reason: request.reason.trim(),
				applicantMessage: request.applicantMessage.trim(),
				committedAfterMnt: after,
				decidedBy: actor.id,
				decidedRole: access === 'chair' ? 'reviewer' : 'coordinator',
				decidedAt: new Date()
			});
		} catch (error) {
			if (isDuplicateKey(error)) continue; // someone else took this seq: read again
			throw error;
		}
		await audit({
			action: 'review.decided',
			actorId: actor.id,
			actorRole: access === 'chair' ? 'reviewer' : 'coordinator',
			entity: 'plan',
			entityId: planId,
			ip,
			details: { outcome: request.outcome, amountMnt, committedAfterMnt: after }
		});
		const published = (
			await ReviewSetup.findOne({ cohortId: cohort.id }, { outcomesPublishedAt: 1 }).lean()
		)?.outcomesPublishedAt;
		if (published) {
			await applyStage(plan.participantId, request.outcome);
			await syncGrants(cohort.id);
		}
		return { committedMnt: after };
	}
	throw new ReviewError('busy');
}

async function applyStage(participantId: Types.ObjectId, outcome: Outcome) {
	const participant = await Participant.findById(participantId, { stage: 1 }).lean();
	if (!participant) return;
	if (outcome === 'award' && participant.stage === 'review') {
		await Participant.updateOne({ _id: participantId }, { $set: { stage: 'grant' } });
	} else if (outcome !== 'award' && participant.stage === 'grant') {
		await Participant.updateOne({ _id: participantId }, { $set: { stage: 'review' } });
	}
}

/** Coordinators: applicants see their outcomes from now on; awarded women move to the grant stage. */
export async function publishOutcomes(actor: SessionUser, ip: string) {
	if (!actor.roles.includes('coordinator')) throw new ReviewError('forbidden');
	const cohort = await reviewCohort();
	await setupOf(cohort.id);
	const { current } = await ledgerOf(cohort.id);
	await ReviewSetup.updateOne(
		{ cohortId: cohort.id },
		{ $set: { outcomesPublishedAt: new Date(), outcomesPublishedBy: actor.id } }
	);
	for (const entry of current.values())
		await applyStage(entry.participantId, entry.outcome as Outcome);
	await syncGrants(cohort.id); // every award becomes a grant
	await audit({
		action: 'review.outcomes_published',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'cohort',
		entityId: String(cohort.id),
		ip,
		details: { decisions: current.size }
	});
	return { decisions: current.size };
}

/** The meeting pack: every plan in rank order with scores and comments, pseudonymised. */
export async function meetingPack(viewer: SessionUser, ip: string, format: 'print' | 'csv') {
	const access = await requireCommittee(viewer);
	const cohort = await reviewCohort();
	const data = await rankingData(cohort, viewer, access);
	await audit({
		action: 'review.pack_exported',
		actorId: viewer.id,
		actorRole: access === 'chair' ? 'reviewer' : 'coordinator',
		entity: 'cohort',
		entityId: String(cohort.id),
		ip,
		details: { format, plans: data.ranking.length }
	});
	return {
		cohortName: cohort.name,
		budgetMnt: cohort.budgetMnt,
		committedMnt: data.ledger.committedMnt,
		criteria: data.criteria,
		rows: data.ranking.map((row) => ({
			...row,
			// Reviewers by letter: the pack may be printed and left on a table.
			reviews: data.reviews
				.filter((r) => String(r.planId) === row.planId)
				.map((r, i) => ({
					letter: String.fromCharCode(65 + i),
					total: r.total,
					items: r.items.map((it) => ({
						criterion: it.criterion,
						score: it.score ?? null,
						comment: it.comment ?? ''
					}))
				}))
		}))
	};
}

/** Her outcome, once published: null before, or when no decision was made on her plan. */
export async function ownOutcome(user: SessionUser) {
	const participant = await Participant.findOne(
		{ userId: user.id },
		{ cohortId: 1, soum: 1 }
	).lean();
	if (!participant) return null;
	const setup = await ReviewSetup.findOne({ cohortId: participant.cohortId }).lean();
	if (!setup?.outcomesPublishedAt) return null;
	const entry = await AwardDecision.findOne({ participantId: participant._id })
		.sort({ seq: -1 })
		.lean();
	if (!entry) return null;
	const cohort = await Cohort.findById(participant.cohortId, { name: 1 }).lean();
	return {
		cohortName: cohort?.name ?? '',
		outcome: entry.outcome as Outcome,
		amountMnt: entry.outcome === 'award' ? (entry.amountMnt ?? null) : null,
		message: entry.applicantMessage ?? '',
		decidedAt: entry.decidedAt,
		soum: participant.soum
	};
}
