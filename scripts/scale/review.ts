// Plans and their review. An older cohort: every plan submitted in July and August (a few
// returned once and resubmitted), two reviews each after a declaration of no conflict (a few
// conflicts reassigned, divergent plans a third review), need scores, the chair's decisions
// in rank order on the award ledger, and outcomes published in September. The current cohort
// did the same with its first round, while a later round is in review now and a few women are
// still drafting, the benchmarks' applicant among them.
import type { Types } from 'mongoose';
import { committedAfter, type Outcome } from '$lib/domain/awards';
import { PLAN_SECTIONS, startupTotals, type PlanSection } from '$lib/domain/businessPlan';
import { autoAssign, CONFLICT_KINDS } from '$lib/domain/reviewAssignment';
import {
	DEFAULT_RUBRIC,
	combinedScore,
	committeeCriteria,
	reviewerTotal,
	type Scores
} from '$lib/domain/rubric';
import { planStatistics, rankPlans } from '$lib/domain/scoreAggregation';
import {
	AwardDecision,
	BusinessPlan,
	CommitteeMember,
	ConflictDeclaration,
	NeedAssessment,
	PlanComment,
	PlanSectionDraft,
	PlanVersion,
	Review,
	ReviewAssignment,
	ReviewDraft,
	ReviewSetup
} from '$lib/server/db/models';
import {
	cohortMentor,
	makeScaleApplicant,
	type CohortContext,
	type Person,
	type PlanRow
} from './cohort';
import { partialContent, planContent } from './planContent';
import { addDays, addHours, day, later, roundTo, type Random } from './random';
import {
	CONFLICT_NOTES,
	DECISION_REASONS,
	NEED_COMMENTS,
	PLAN_COMMENTS,
	RETURN_REASON,
	REVIEW_COMMENTS
} from './texts';

export interface Award {
	plan: PlanRow;
	amountMnt: number;
	/** When its grant was made: outcomes published, or the award made after publication. */
	grantMadeAt: Date;
}

const criteria = DEFAULT_RUBRIC;
const committee = committeeCriteria(criteria);
const clampScore = (x: number) => Math.min(5, Math.max(1, Math.round(x)));
const HOUR = 3_600_000;

/** A moment between two others. */
const within = (rand: Random, from: Date, to: Date) =>
	new Date(from.getTime() + rand.next() * Math.max(0, to.getTime() - from.getTime()));

export function seedPlansAndReview(
	ctx: CohortContext,
	completers: readonly Person[]
): { budgetMnt: number; awards: Award[] } {
	const { rand, spec } = ctx;
	if (completers.length < spec.plans) {
		throw new Error(`${spec.year}: ${completers.length} eligible women for ${spec.plans} plans`);
	}
	const holders = rand.sample(completers, spec.plans).sort((a, b) => a.code.localeCompare(b.code));
	const drafting = new Set(
		spec.current ? rand.sample(holders, Math.max(1, Math.round(spec.plans * 0.01))) : []
	);
	const submitting = holders.filter((h) => !drafting.has(h));
	const secondRound = new Set(
		spec.current ? rand.sample(submitting, Math.round(submitting.length * 0.25)) : []
	);

	const scaleApplicant = spec.current ? [...drafting][0] : undefined;
	if (scaleApplicant) makeScaleApplicant(scaleApplicant);
	for (const person of drafting) draftPlan(ctx, person, person === scaleApplicant);
	const plans = submitting.map((person) =>
		submitPlan(ctx, person, secondRound.has(person) ? 2 : 1)
	);

	const first = plans.filter((p) => p.round === 1);
	const second = plans.filter((p) => p.round === 2);
	const reviewerIds = ctx.staff.reviewers.map(String);
	const setupAt = day(spec.year, 8, 1);
	ctx.docs.add(
		CommitteeMember,
		...ctx.staff.reviewers.map((userId, i) => ({
			_id: rand.objectId(setupAt),
			cohortId: ctx.cohortId,
			userId,
			chair: i === 0,
			active: true,
			addedBy: ctx.coordinator,
			createdAt: setupAt,
			updatedAt: setupAt
		}))
	);

	const load = new Map(reviewerIds.map((id) => [id, 0]));
	const divergent = spec.current ? Math.round(first.length * 0.03) : spec.extraReviews;
	const totals = completeReviews(ctx, first, reviewerIds, load, divergent);
	const needs = needScores(ctx, first, day(spec.year, 8, 25));
	const decided = decide(ctx, first, totals, needs);
	ctx.docs.add(ReviewSetup, {
		_id: rand.objectId(setupAt),
		cohortId: ctx.cohortId,
		criteria: structuredClone(criteria),
		updatedBy: ctx.coordinator,
		outcomesPublishedAt: decided.publishedAt,
		outcomesPublishedBy: ctx.coordinator,
		createdAt: setupAt,
		updatedAt: decided.publishedAt
	});
	if (second.length) reviewInProgress(ctx, second, reviewerIds, load);
	return { budgetMnt: decided.budgetMnt, awards: decided.awards };
}

// ——— Plans ———

const soumName = (ctx: CohortContext, code: string) =>
	ctx.soums.find((s) => s.code === code)?.nameMn ?? code;

function openedPlan(ctx: CohortContext, person: Person) {
	const opened = addHours(addDays(person.eligibleAt!, ctx.rand.int(1, 10)), ctx.rand.between(1, 9));
	return { opened, planId: ctx.rand.objectId(opened) };
}

function comment(ctx: CohortContext, planId: Types.ObjectId, person: Person, at: Date) {
	// Her soum's mentor sees her plan only with her consent to sharing with the soum.
	const byMentor = ctx.rand.chance(0.7) && person.soumSharing;
	ctx.docs.add(PlanComment, {
		_id: ctx.rand.objectId(at),
		planId,
		section: ctx.rand.pick(['market', 'startup', 'forecast', 'competitors']),
		authorId: byMentor ? cohortMentor(ctx, person.soum) : ctx.coordinator,
		authorRole: byMentor ? 'mentor' : 'coordinator',
		text: ctx.rand.pick(PLAN_COMMENTS),
		at
	});
}

/** A plan she is still writing (the current cohort only): some sections saved, in November. */
/** Her saved step of the plan, as the editor stores it (no errors, nothing refused). */
function sectionDraft(
	ctx: CohortContext,
	person: Person,
	planId: Types.ObjectId,
	section: PlanSection,
	data: unknown,
	savedAt: Date
) {
	ctx.docs.add(PlanSectionDraft, {
		_id: ctx.rand.objectId(savedAt),
		planId,
		section,
		data,
		fieldErrors: {},
		rejected: {},
		savedAt,
		savedBy: person.userId
	});
}

function draftPlan(ctx: CohortContext, person: Person, isScaleApplicant: boolean) {
	const { rand } = ctx;
	const { opened, planId } = openedPlan(ctx, person);
	const { content } = planContent(rand, {
		soumName: soumName(ctx, person.soum),
		grantCapMnt: ctx.grantCapMnt
	});
	// The benchmarks' applicant: four sections written, the fifth (people) begun.
	const written = isScaleApplicant ? 4 : rand.int(2, 8);
	const draft = partialContent(content, written);
	if (isScaleApplicant) {
		draft.people = { owner: '', family: 'Нөхөр маань тусална.', employees: 1, employeesPlan: '' };
	}
	let savedAt = addHours(day(ctx.spec.year, 11, 1), rand.between(1, 24 * 20));
	const sections = PLAN_SECTIONS.slice(0, isScaleApplicant ? 5 : written);
	for (const section of sections) {
		savedAt = addHours(savedAt, rand.between(0.2, 30));
		if (savedAt > ctx.today) savedAt = addHours(ctx.today, -rand.between(1, 48));
		sectionDraft(ctx, person, planId, section, draft[section], savedAt);
	}
	ctx.docs.add(BusinessPlan, {
		_id: planId,
		participantId: person.participantId,
		cohortId: ctx.cohortId,
		soum: person.soum,
		state: 'draft',
		draftVersion: 1,
		createdAt: opened,
		updatedAt: opened
	});
	if (isScaleApplicant) comment(ctx, planId, person, addHours(savedAt, -20));
}

/** A submitted plan with its versions (a few returned once), its sections and comments. */
function submitPlan(ctx: CohortContext, person: Person, round: 1 | 2): PlanRow {
	const { rand, spec } = ctx;
	const { opened: openedAt, planId } = openedPlan(ctx, person);
	const generated = planContent(rand, {
		soumName: soumName(ctx, person.soum),
		grantCapMnt: ctx.grantCapMnt
	});
	const { content } = generated;
	const [from, days] = round === 1 ? [day(spec.year, 7, 1), 42] : [day(spec.year, 10, 10), 46];
	let submittedAt = addHours(addDays(from, rand.int(0, days)), rand.between(1, 14));
	const opened = openedAt < addDays(submittedAt, -3) ? openedAt : addDays(submittedAt, -5);
	const returned = round === 1 && submittedAt < day(spec.year, 7, 26) && rand.chance(0.03);
	const submittedBy = rand.chance(0.05) ? ctx.coordinator : person.userId;
	const snapshot = (version: number, at: Date, extra: Record<string, unknown> = {}) => ({
		_id: rand.objectId(at),
		planId,
		participantId: person.participantId,
		version,
		content:
			version === 1 && returned
				? { ...content, market: { ...content.market, marketSize: 'Тодорхойгүй' } }
				: content,
		startupTotalMnt: startupTotals(content.startup).total,
		grantRequestedMnt: content.funding.grantRequested,
		submittedAt: at,
		submittedBy,
		...extra
	});
	let returnedAt: Date | undefined;
	if (returned) {
		returnedAt = addHours(addDays(submittedAt, rand.int(3, 6)), rand.between(1, 8));
		ctx.docs.add(
			PlanVersion,
			snapshot(1, submittedAt, {
				returnedAt,
				returnedBy: ctx.coordinator,
				returnReason: RETURN_REASON
			})
		);
		submittedAt = addHours(addDays(returnedAt, rand.int(3, 8)), rand.between(1, 8));
		ctx.docs.add(PlanVersion, snapshot(2, submittedAt));
	} else {
		ctx.docs.add(PlanVersion, snapshot(1, submittedAt));
	}
	for (const section of PLAN_SECTIONS) {
		const savedAt = later(
			addHours(submittedAt, -rand.between(0.1, 72)),
			addHours(returnedAt ?? opened, 1)
		);
		sectionDraft(ctx, person, planId, section, content[section], savedAt);
	}
	ctx.docs.add(BusinessPlan, {
		_id: planId,
		participantId: person.participantId,
		cohortId: ctx.cohortId,
		soum: person.soum,
		state: 'submitted',
		draftVersion: returned ? 2 : 1,
		submittedAt,
		returnedAt,
		createdAt: opened,
		updatedAt: submittedAt
	});
	if (rand.chance(0.06)) comment(ctx, planId, person, within(rand, opened, submittedAt));
	person.doc.stage = 'review';
	person.doc.updatedAt = submittedAt;
	return {
		person,
		planId,
		version: returned ? 2 : 1,
		content,
		requestedMnt: content.funding.grantRequested,
		submittedAt,
		performance: generated.performance,
		costShare: generated.costShare,
		round
	};
}

// ——— Reviews ———

interface Assigned {
	plan: PlanRow;
	reviewerId: string;
	assignedAt: Date;
}

function assignmentDoc(ctx: CohortContext, a: Assigned, extra: Record<string, unknown> = {}) {
	return {
		_id: ctx.rand.objectId(a.assignedAt),
		cohortId: ctx.cohortId,
		planId: a.plan.planId,
		reviewerId: a.reviewerId,
		active: true,
		manual: false,
		assignedAt: a.assignedAt,
		assignedBy: ctx.coordinator,
		...extra
	};
}

/** Scores near a plan's quality, or (shift) far from it for a divergent pair. */
function scoreItems(rand: Random, base: Scores, delta: (key: string) => number) {
	const scores: Scores = {};
	const items = committee.map((c) => {
		const score = clampScore((base[c.key] as number) + delta(c.key));
		scores[c.key] = score;
		const comments = REVIEW_COMMENTS[c.key] ?? [''];
		return { criterion: c.key, score, comment: rand.chance(0.4) ? rand.pick(comments) : '' };
	});
	return { items, total: reviewerTotal(criteria, scores)!, scores };
}

function planQuality(rand: Random): Scores {
	const quality = rand.between(1.8, 4.7);
	return Object.fromEntries(committee.map((c) => [c.key, quality + rand.between(-0.5, 0.5)]));
}

const nudge = (rand: Random) => () => [-1, 0, 0, 0, 1][rand.int(0, 4)]!;

/** Loads after new assignments. */
/** The portal's own assignment for these requests, counted into `load`. */
function assign(
	requests: Parameters<typeof autoAssign>[0],
	reviewerIds: readonly string[],
	load: Map<string, number>
) {
	const { assignments } = autoAssign(requests, reviewerIds, load);
	addLoad(
		load,
		assignments.map((a) => a.reviewerId)
	);
	return assignments;
}

/** Two reviewers for each plan, none yet. */
const assignTwo = (
	plans: readonly PlanRow[],
	reviewerIds: readonly string[],
	load: Map<string, number>
) =>
	assign(
		plans.map((p) => ({
			planId: String(p.planId),
			reviewsNeeded: 2,
			reviewers: [],
			conflicted: []
		})),
		reviewerIds,
		load
	);

function addLoad(load: Map<string, number>, reviewerIds: readonly string[]) {
	for (const id of reviewerIds) load.set(id, (load.get(id) ?? 0) + 1);
}

/**
 * Reviews of plans the committee decided: two each, balanced; a few conflicts declared and
 * reassigned; `divergentCount` plans reviewed far apart and given a third review. Returns
 * each plan's submitted totals.
 */
function completeReviews(
	ctx: CohortContext,
	plans: readonly PlanRow[],
	reviewerIds: readonly string[],
	load: Map<string, number>,
	divergentCount: number
): Map<PlanRow, number[]> {
	const { rand, spec } = ctx;
	const byId = new Map(plans.map((p) => [String(p.planId), p]));
	const assignedAt = addHours(day(spec.year, 8, 18), 2);
	const initial = assignTwo(plans, reviewerIds, load);
	const reviewersOf = new Map<PlanRow, Assigned[]>();
	for (const a of initial) {
		const plan = byId.get(a.planId)!;
		reviewersOf.set(plan, [
			...(reviewersOf.get(plan) ?? []),
			{ plan, reviewerId: a.reviewerId, assignedAt }
		]);
	}

	// Conflicts declared on about one assignment in eighty: each plan reassigned.
	const conflicted = new Map<PlanRow, string>();
	for (const plan of rand.sample(plans, Math.round(initial.length / 80))) {
		const assigned = rand.pick(reviewersOf.get(plan)!);
		const declaredAt = addHours(assignedAt, rand.between(2, 72));
		conflicted.set(plan, assigned.reviewerId);
		load.set(assigned.reviewerId, load.get(assigned.reviewerId)! - 1);
		reviewersOf.set(
			plan,
			reviewersOf.get(plan)!.filter((a) => a !== assigned)
		);
		ctx.docs.add(
			ReviewAssignment,
			assignmentDoc(ctx, assigned, {
				active: false,
				removedAt: declaredAt,
				removedBy: assigned.reviewerId
			})
		);
		ctx.docs.add(ConflictDeclaration, {
			_id: rand.objectId(declaredAt),
			cohortId: ctx.cohortId,
			planId: plan.planId,
			reviewerId: assigned.reviewerId,
			conflict: true,
			kind: rand.pick(CONFLICT_KINDS),
			note: rand.chance(0.5) ? rand.pick(CONFLICT_NOTES) : undefined,
			declaredAt
		});
	}
	const replacements = assign(
		[...conflicted].map(([plan, reviewerId]) => ({
			planId: String(plan.planId),
			reviewsNeeded: 2,
			reviewers: reviewersOf.get(plan)!.map((a) => a.reviewerId),
			conflicted: [reviewerId]
		})),
		reviewerIds,
		load
	);
	for (const a of replacements) {
		const plan = byId.get(a.planId)!;
		reviewersOf.get(plan)!.push({
			plan,
			reviewerId: a.reviewerId,
			assignedAt: addHours(assignedAt, rand.between(74, 96))
		});
	}

	const divergent = new Set(rand.sample(plans, Math.min(divergentCount, plans.length)));
	const totals = new Map<PlanRow, number[]>();
	const reviewOne = (a: Assigned, scored: { items: unknown[]; total: number }) => {
		const declaredAt = addHours(a.assignedAt, rand.between(2, 96));
		const submittedAt = addHours(declaredAt, rand.between(0.5, 120));
		ctx.docs.add(ReviewAssignment, assignmentDoc(ctx, a));
		ctx.docs.add(ConflictDeclaration, {
			_id: rand.objectId(declaredAt),
			cohortId: ctx.cohortId,
			planId: a.plan.planId,
			reviewerId: a.reviewerId,
			conflict: false,
			declaredAt
		});
		ctx.docs.add(Review, {
			_id: rand.objectId(submittedAt),
			cohortId: ctx.cohortId,
			planId: a.plan.planId,
			planVersion: a.plan.version,
			reviewerId: a.reviewerId,
			items: scored.items,
			total: scored.total,
			submittedAt
		});
		totals.set(a.plan, [...(totals.get(a.plan) ?? []), scored.total]);
		return submittedAt;
	};

	const third: PlanRow[] = [];
	const lastReview = new Map<PlanRow, Date>();
	for (const plan of plans) {
		const base = planQuality(rand);
		const [a, b] = reviewersOf.get(plan)!;
		if (!a || !b) throw new Error('A plan without its two reviewers');
		let first;
		let second;
		if (divergent.has(plan)) {
			const high = Object.fromEntries(committee.map((c) => [c.key, rand.int(4, 5)]));
			const low = Object.fromEntries(committee.map((c) => [c.key, rand.int(1, 2)]));
			first = scoreItems(rand, high, () => 0);
			second = scoreItems(rand, low, () => 0);
			third.push(plan);
		} else {
			first = scoreItems(rand, base, () => 0);
			second = scoreItems(rand, first.scores, nudge(rand));
		}
		const done = [reviewOne(a, first), reviewOne(b, second)];
		lastReview.set(plan, done[0]! > done[1]! ? done[0]! : done[1]!);
		if (planStatistics(totals.get(plan)!).divergent !== divergent.has(plan)) {
			throw new Error('A plan reviewed off its intended divergence');
		}
	}

	const thirdAssignments = assign(
		third.map((plan) => ({
			planId: String(plan.planId),
			reviewsNeeded: 3,
			reviewers: reviewersOf.get(plan)!.map((a) => a.reviewerId),
			conflicted: conflicted.has(plan) ? [conflicted.get(plan)!] : []
		})),
		reviewerIds,
		load
	);
	for (const t of thirdAssignments) {
		const plan = byId.get(t.planId)!;
		const middle = Object.fromEntries(committee.map((c) => [c.key, rand.int(2, 4)]));
		reviewOne(
			{
				plan,
				reviewerId: t.reviewerId,
				assignedAt: addHours(lastReview.get(plan)!, rand.between(2, 24))
			},
			scoreItems(rand, middle, () => 0)
		);
	}
	return totals;
}

/** The need and vulnerability score, given by the coordinator; protected women score 5. */
function needScores(ctx: CohortContext, plans: readonly PlanRow[], from: Date) {
	const { rand } = ctx;
	const needs = new Map<PlanRow, number>();
	for (const plan of plans) {
		const score = plan.person.isProtected ? 5 : rand.int(1, 5);
		needs.set(plan, score);
		const assessedAt = later(addHours(from, rand.between(1, 96)), addHours(plan.submittedAt, 24));
		ctx.docs.add(NeedAssessment, {
			_id: rand.objectId(assessedAt),
			cohortId: ctx.cohortId,
			planId: plan.planId,
			score,
			comment: plan.person.isProtected
				? NEED_COMMENTS[0]!
				: score >= 4
					? rand.pick(NEED_COMMENTS)
					: '',
			assessedBy: ctx.coordinator,
			assessedAt
		});
	}
	return needs;
}

/**
 * The chair's decisions in rank order: the cohort's awards, a wait-list, declines; in older
 * cohorts a few wait-listed plans awarded later (another entry on the ledger). The budget is
 * what the awards needed, with a margin (more for the current cohort's second round).
 */
function decide(
	ctx: CohortContext,
	plans: readonly PlanRow[],
	totals: Map<PlanRow, number[]>,
	needs: Map<PlanRow, number>
) {
	const { rand, spec } = ctx;
	const byId = new Map(plans.map((p) => [String(p.planId), p]));
	const ranked = rankPlans(
		plans.map((plan) => ({
			planId: String(plan.planId),
			score: combinedScore(
				criteria,
				planStatistics(totals.get(plan) ?? []).mean,
				needs.get(plan) ?? null
			),
			requestedMnt: plan.requestedMnt
		})),
		Number.MAX_SAFE_INTEGER
	).map((row) => byId.get(row.planId)!);
	const awards = Math.min(spec.grants, ranked.length);
	if (awards < spec.grants)
		throw new Error(`${spec.year}: too few plans for ${spec.grants} grants`);
	const promoted = spec.current ? 0 : Math.round(awards * 0.02);
	const waitlisted = Math.max(promoted, Math.round(ranked.length * 0.05));
	const amountOf = new Map<PlanRow, number>();
	for (const plan of ranked.slice(0, awards + promoted)) {
		amountOf.set(
			plan,
			rand.chance(0.15)
				? Math.max(1, roundTo(plan.requestedMnt * rand.between(0.8, 0.95), 10_000))
				: plan.requestedMnt
		);
	}
	const chair = ctx.staff.reviewers[0]!;
	const entries: Record<string, unknown>[] = [];
	let committed = 0;
	const latest = [...totals.values()].length ? lastReviewOf(ctx) : day(spec.year, 9, 7);
	let decidedAt = later(addHours(day(spec.year, 9, 8), 1), addHours(latest, 20));
	const record = (plan: PlanRow, outcome: Outcome, reason: string, amountMnt?: number) => {
		decidedAt = new Date(decidedAt.getTime() + rand.between(0.02, 0.3) * HOUR);
		const after = committedAfter(
			committed,
			null,
			{ outcome, amountMnt: amountMnt ?? null },
			Number.MAX_SAFE_INTEGER
		)!;
		committed = after;
		entries.push({
			_id: rand.objectId(decidedAt),
			cohortId: ctx.cohortId,
			seq: entries.length + 1,
			planId: plan.planId,
			participantId: plan.person.participantId,
			outcome,
			amountMnt,
			reason,
			applicantMessage: '',
			committedAfterMnt: committed,
			decidedBy: chair,
			decidedRole: 'reviewer',
			decidedAt
		});
	};
	ranked.forEach((plan, i) => {
		if (i < awards - promoted) record(plan, 'award', DECISION_REASONS.award, amountOf.get(plan));
		else if (i < awards - promoted + waitlisted) {
			record(plan, 'waitlist', DECISION_REASONS.waitlist);
		} else record(plan, 'decline', DECISION_REASONS.decline);
	});
	const publishedAt = addHours(decidedAt, rand.between(24, 60));
	const result: Award[] = ranked
		.slice(0, awards - promoted)
		.map((plan) => ({ plan, amountMnt: amountOf.get(plan)!, grantMadeAt: publishedAt }));
	// Wait-listed plans awarded later, as awarded women withdrew: a second entry each.
	decidedAt = addDays(publishedAt, 6);
	for (const plan of ranked.slice(awards - promoted, awards)) {
		// A changed decision replaces the previous one (a wait-list commits nothing).
		record(plan, 'award', DECISION_REASONS.promoted, amountOf.get(plan));
		result.push({ plan, amountMnt: amountOf.get(plan)!, grantMadeAt: decidedAt });
	}
	ctx.docs.add(AwardDecision, ...entries);
	for (const award of result) {
		award.plan.person.doc.stage = 'grant';
		award.plan.person.doc.updatedAt = award.grantMadeAt;
	}
	const margin = spec.current ? 1.35 : 1.02;
	return {
		awards: result,
		publishedAt,
		budgetMnt: Math.ceil((committed * margin) / 10_000_000) * 10_000_000
	};
}

function lastReviewOf(ctx: CohortContext): Date {
	let last = new Date(0);
	for (const review of ctx.docs.list(Review) as { submittedAt: Date }[]) {
		if (review.submittedAt > last) last = review.submittedAt;
	}
	return last;
}

/**
 * The current cohort's second round, in review today: two reviewers per plan, each of them
 * somewhere in her work (not yet opened, declared, a draft, submitted), a few conflicts, and
 * need scores for half of the plans.
 */
function reviewInProgress(
	ctx: CohortContext,
	plans: readonly PlanRow[],
	reviewerIds: readonly string[],
	load: Map<string, number>
) {
	const { rand } = ctx;
	const byId = new Map(plans.map((p) => [String(p.planId), p]));
	const assignedAt = addHours(day(ctx.spec.year, 11, 26), 2);
	const assignments = assignTwo(plans, reviewerIds, load);
	const quality = new Map<PlanRow, Scores>();
	const reviewed = new Map<PlanRow, Scores>();
	for (const a of assignments) {
		const plan = byId.get(a.planId)!;
		const assigned: Assigned = { plan, reviewerId: a.reviewerId, assignedAt };
		const declaredAt = within(rand, addHours(assignedAt, 1), addHours(ctx.today, -6));
		const savedAt = within(rand, addHours(declaredAt, 0.2), ctx.today);
		const state = rand.weighted([30, 15, 12, 40, 3]);
		if (state === 4) {
			ctx.docs.add(
				ReviewAssignment,
				assignmentDoc(ctx, assigned, {
					active: false,
					removedAt: declaredAt,
					removedBy: a.reviewerId
				})
			);
			ctx.docs.add(ConflictDeclaration, {
				_id: rand.objectId(declaredAt),
				cohortId: ctx.cohortId,
				planId: plan.planId,
				reviewerId: a.reviewerId,
				conflict: true,
				kind: rand.pick(CONFLICT_KINDS),
				declaredAt
			});
			continue; // the coordinator has yet to reassign it
		}
		ctx.docs.add(ReviewAssignment, assignmentDoc(ctx, assigned));
		if (state === 0) continue; // not opened yet
		ctx.docs.add(ConflictDeclaration, {
			_id: rand.objectId(declaredAt),
			cohortId: ctx.cohortId,
			planId: plan.planId,
			reviewerId: a.reviewerId,
			conflict: false,
			declaredAt
		});
		if (state === 1) continue; // declared, not scored yet
		const base = reviewed.get(plan) ?? quality.get(plan) ?? planQuality(rand);
		quality.set(plan, base);
		const scored = scoreItems(rand, base, reviewed.has(plan) ? nudge(rand) : () => 0);
		if (state === 2) {
			const some = rand.int(1, committee.length - 1);
			ctx.docs.add(ReviewDraft, {
				_id: rand.objectId(savedAt),
				cohortId: ctx.cohortId,
				planId: plan.planId,
				reviewerId: a.reviewerId,
				items: scored.items.slice(0, some),
				savedAt
			});
			continue;
		}
		if (!reviewed.has(plan)) reviewed.set(plan, scored.scores);
		ctx.docs.add(Review, {
			_id: rand.objectId(savedAt),
			cohortId: ctx.cohortId,
			planId: plan.planId,
			planVersion: plan.version,
			reviewerId: a.reviewerId,
			items: scored.items,
			total: scored.total,
			submittedAt: savedAt
		});
	}
	needScores(
		ctx,
		rand.sample(plans, Math.round(plans.length / 2)),
		addHours(day(ctx.spec.year, 11, 26), 1)
	);
}
