// The committee cycle on the demo: blind review, conflicts, scoring, aggregation and awards
// that can never exceed the budget, also under concurrent saves.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/session';
import { AwardDecision } from '$lib/server/db/models/awardDecision';
import { Cohort } from '$lib/server/db/models/cohort';
import { ConflictDeclaration } from '$lib/server/db/models/conflictDeclaration';
import { Grant } from '$lib/server/db/models/grant';
import { Participant } from '$lib/server/db/models/participant';
import { Review } from '$lib/server/db/models/review';
import { User } from '$lib/server/db/models/user';
import { committeeCriteria, DEFAULT_RUBRIC } from '$lib/domain/rubric';
import { seedDemo } from '$lib/server/services/demoSeed';
import { assignmentOverview, assignReviewer } from '$lib/server/services/reviewAssignments';
import {
	decide,
	decisionDetail,
	meetingPack,
	ownOutcome,
	publishOutcomes,
	ranking
} from '$lib/server/services/committee';
import {
	declareConflict,
	openForReview,
	reviewQueue,
	saveReviewDraft,
	submitReview
} from '$lib/server/services/reviewing';
import { addCommitteeMember, ReviewError, updateRubric } from '$lib/server/services/reviewSetup';
import { actor, sessionOf as demoUser } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('review');

const ip = '127.0.0.1';
let chair: SessionUser;
let coordinator: SessionUser;

const scoresAll = (score: number) =>
	committeeCriteria(DEFAULT_RUBRIC).map((c) => ({ criterion: c.key, score, comment: 'ok' }));

const refusal = async (promise: Promise<unknown>) => {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ReviewError);
	return (error as ReviewError).code;
};

beforeAll(async () => {
	await seedDemo();
	chair = await demoUser('80000004');
	coordinator = await demoUser('80000002');
}, 60_000);

describe('the demo committee', () => {
	it('has 40 plans in review, each with two reviews or a third pending, 2 conflicts, 3 divergent', async () => {
		const overview = await assignmentOverview();
		expect(overview.plans).toHaveLength(40);
		expect(overview.committee).toHaveLength(4);
		expect(overview.committee.filter((m) => m.chair).map((m) => m.name)).toEqual([
			'Энхтуяа Ганбат'
		]);
		expect(overview.counts.thirdReviewNeeded).toBe(3);
		expect(overview.counts.conflictAlerts).toBe(0);
		expect(await ConflictDeclaration.countDocuments({ conflict: true })).toBe(2);
		for (const plan of overview.plans) {
			expect(plan.statistics.count, plan.code).toBe(2);
			expect(plan.missingReviewers, plan.code).toBe(0);
		}
		// 80 first reviews shared evenly, plus the chair's 3 third reviews.
		const loads = overview.committee.map((m) => m.assigned - (m.chair ? 3 : 0));
		expect(loads.reduce((a, b) => a + b, 0)).toBe(80);
		expect(Math.max(...loads) - Math.min(...loads), String(loads)).toBeLessThanOrEqual(2);
	});

	it('ranks the plans and awards 20 within the budget, published to the applicants', async () => {
		const result = await ranking(chair);
		expect(result.access).toBe('chair');
		expect(result.counts.award).toBe(20);
		expect(result.counts.undecided).toBe(3);
		expect(result.committedMnt).toBeLessThanOrEqual(result.budgetMnt);
		const awarded = result.rows.filter((r) => r.decision?.outcome === 'award');
		expect(awarded.reduce((sum, r) => sum + r.decision!.amountMnt!, 0)).toBe(result.committedMnt);
		expect(result.rows.filter((r) => r.statistics.divergent).every((r) => r.score === null)).toBe(
			true
		);
		expect(JSON.stringify(result.rows)).not.toMatch(/name|phone|nationalId|bag/);
		expect(await Participant.countDocuments({ stage: { $in: ['grant', 'mentoring'] } })).toBe(20);
		expect(result.outcomesPublishedAt).not.toBeNull();
	});

	it('the chair has the three divergent plans to do; a coordinator is not a reviewer', async () => {
		const queue = await reviewQueue(chair);
		expect(queue.rows.filter((r) => r.state !== 'submitted')).toHaveLength(3);
		expect(await refusal(ranking(await actor(['reviewer'])))).toBe('forbidden');
	});
});

describe('blind review', () => {
	it('asks for the declaration first, then shows the plan without her name, phone or ID', async () => {
		const planId = (await reviewQueue(chair)).rows.find((r) => r.state === 'new')!.planId;
		const before = await openForReview(chair, planId, ip);
		expect(before.declared).toBe(false);
		expect(before).not.toHaveProperty('content');
		expect(await refusal(saveReviewDraft(chair, planId, scoresAll(3)))).toBe('notDeclared');

		await declareConflict(chair, planId, { conflict: false }, ip);
		expect(await refusal(declareConflict(chair, planId, { conflict: true }, ip))).toBe(
			'alreadyDeclared'
		);
		const opened = await openForReview(chair, planId, ip);
		if (!opened.declared) throw new Error('not declared');
		const participant = (await Participant.findOne({ code: opened.code }).lean())!;
		const woman = (await User.findById(participant.userId).lean())!;
		const page = JSON.stringify(opened);
		for (const part of woman.name.split(' ')) expect(page).not.toContain(part);
		expect(page).not.toContain(woman.phone);
		if (participant.nationalId) expect(page).not.toContain(participant.nationalId);
		if (participant.bag) expect(page).not.toContain(participant.bag);
		expect(opened.others).toBeNull();

		// A draft with a missing score is kept; submitting it is refused.
		const partial = scoresAll(4).map((i, k) => (k === 0 ? { ...i, score: null } : i));
		expect(await refusal(submitReview(chair, planId, partial, ip))).toBe('incomplete');
		const kept = await openForReview(chair, planId, ip);
		if (!kept.declared) throw new Error('not declared');
		expect(kept.items.map((i) => i.score)).toEqual([null, 4, 4, 4, 4]);

		// Five submits at once make one review; then she sees the others' scores.
		await Promise.all(
			Array.from({ length: 5 }, () => submitReview(chair, planId, scoresAll(4), ip))
		);
		expect(await Review.countDocuments({ planId, reviewerId: chair.id })).toBe(1);
		const after = await openForReview(chair, planId, ip);
		if (!after.declared) throw new Error('not declared');
		expect(after.others).toHaveLength(2);
		expect(after.statistics?.count).toBe(3);
		expect(await refusal(saveReviewDraft(chair, planId, scoresAll(1)))).toBe('submitted');
	});

	it('a declared conflict takes the plan out of her queue and alerts the coordinator', async () => {
		const planId = (await reviewQueue(chair)).rows.find((r) => r.state === 'new')!.planId;
		await declareConflict(chair, planId, { conflict: true, kind: 'neighbour' }, ip);
		expect((await reviewQueue(chair)).rows.some((r) => r.planId === planId)).toBe(false);
		expect(await refusal(openForReview(chair, planId, ip))).toBe('notFound');
		const row = (await assignmentOverview()).plans.find((p) => p.planId === planId)!;
		expect(row.conflictAlert).toBe(true);
		expect(row.reviewers.find((r) => r.reviewerId === chair.id)?.conflictKind).toBe('neighbour');
		expect(await refusal(assignReviewer(coordinator, planId, chair.id, ip))).toBe('conflict');

		// A new member takes it over.
		const helper = await actor(['reviewer']);
		await addCommitteeMember(coordinator, helper.id, ip);
		await assignReviewer(coordinator, planId, helper.id, ip);
		expect((await assignmentOverview()).plans.find((p) => p.planId === planId)!.conflictAlert).toBe(
			false
		);
		expect((await reviewQueue(helper)).rows.map((r) => r.planId)).toEqual([planId]);
		expect(await refusal(openForReview(await actor(['reviewer']), planId, ip))).toBe('notFound');
	});

	it('the rubric is locked once scoring has started', async () => {
		expect(await refusal(updateRubric(coordinator, DEFAULT_RUBRIC, ip))).toBe('locked');
	});
});

describe('decisions', () => {
	it('keeps the others’ scores from the chair where her own review is due, or she is conflicted', async () => {
		const queue = await reviewQueue(chair);
		const pending = queue.rows.find((r) => r.state !== 'submitted')!;
		const rows = (await ranking(chair)).rows;
		const row = rows.find((r) => r.planId === pending.planId)!;
		expect(row).toMatchObject({ blinded: true, totals: [], score: null, normalisedMean: null });
		expect(row.statistics.mean).toBeNull();
		expect((await decisionDetail(chair, pending.planId)).reviews).toEqual([]);
		const staffView = (await ranking(coordinator)).rows.find((r) => r.planId === pending.planId)!;
		expect(staffView.blinded).toBe(false);
		expect(staffView.totals).toHaveLength(2);
		const pack = await meetingPack(chair, ip, 'csv');
		expect(pack.rows.find((r) => r.planId === pending.planId)!.reviews).toEqual([]);

		// The plan she declared a conflict on (above): hidden, and not hers to decide.
		const conflicted = await ConflictDeclaration.findOne({
			reviewerId: chair.id,
			conflict: true
		}).lean();
		const planId = String(conflicted!.planId);
		expect(rows.find((r) => r.planId === planId)!.blinded).toBe(true);
		const decision = {
			outcome: 'waitlist' as const,
			amountMnt: null,
			reason: 'x',
			applicantMessage: ''
		};
		expect(await refusal(decide(chair, planId, decision, ip))).toBe('conflict');
	});

	it('refuses an award above the request or the cap, and keeps the ledger whole', async () => {
		const rows = (await ranking(coordinator)).rows;
		const declined = rows.find((r) => r.decision?.outcome === 'decline')!;
		const code = await refusal(
			decide(
				chair,
				declined.planId,
				{
					outcome: 'award',
					amountMnt: declined.requestedMnt + 1,
					reason: 'x',
					applicantMessage: ''
				},
				ip
			)
		);
		expect(code).toBe('invalidDecision');
	});

	it('never commits beyond the budget when many awards are saved at once', async () => {
		const cohort = (await Cohort.findOne({ current: true }).lean())!;
		const before = await ranking(coordinator);
		// Leave room for about three more grants, then try to award every waiting plan at once.
		const room = 10_000_000;
		await Cohort.updateOne(
			{ _id: cohort._id },
			{ $set: { budgetMnt: before.committedMnt + room } }
		);
		const waiting = before.rows.filter((r) => r.decision && r.decision.outcome !== 'award');
		expect(waiting.reduce((sum, r) => sum + r.requestedMnt, 0)).toBeGreaterThan(room);
		const results = await Promise.allSettled(
			waiting.map((row, i) =>
				decide(
					i % 2 ? chair : coordinator,
					row.planId,
					{
						outcome: 'award',
						amountMnt: row.requestedMnt,
						reason: 'Төсвийн үлдэгдлээр',
						applicantMessage: ''
					},
					ip
				)
			)
		);
		const refused = results.filter((r) => r.status === 'rejected');
		expect(refused.length).toBeGreaterThan(0);
		for (const r of refused) expect((r.reason as ReviewError).code).toMatch(/overBudget|busy/);

		const after = await ranking(coordinator);
		expect(after.committedMnt).toBeLessThanOrEqual(before.committedMnt + room);
		const ledger = await AwardDecision.find({ cohortId: cohort._id }).sort({ seq: 1 }).lean();
		expect(ledger.map((e) => e.seq)).toEqual(ledger.map((_, i) => i + 1));
		const current = new Map(ledger.map((e) => [String(e.planId), e]));
		const awarded = [...current.values()].reduce(
			(sum, e) => sum + (e.outcome === 'award' ? e.amountMnt! : 0),
			0
		);
		expect(awarded).toBe(ledger.at(-1)!.committedAfterMnt);
		expect(awarded).toBe(after.committedMnt);
		await Cohort.updateOne({ _id: cohort._id }, { $set: { budgetMnt: cohort.budgetMnt } });
	});

	it('an award after publication makes a grant; a decline before signing cancels it and moves her back', async () => {
		// The demo's 20 grants are signed, so their awards stand (grants.test.ts); a wait-listed
		// plan shows the whole turn instead.
		const rows = (await ranking(coordinator)).rows;
		const waiting = rows.find((r) => r.decision?.outcome === 'waitlist')!;
		const participant = (await Participant.findOne({ code: waiting.code }).lean())!;
		const her = await demoUser((await User.findById(participant.userId).lean())!.phone);
		const award = { outcome: 'award' as const, reason: 'Төсөв хүрэлцэв', applicantMessage: '' };
		await decide(coordinator, waiting.planId, { ...award, amountMnt: waiting.requestedMnt }, ip);
		expect((await ownOutcome(her))?.outcome).toBe('award');
		expect((await Participant.findById(participant._id).lean())!.stage).toBe('grant');
		const grant = await Grant.findOne({ planId: waiting.planId }).lean();
		expect([grant?.amountMnt, grant?.cancelledAt]).toEqual([waiting.requestedMnt, undefined]);
		await decide(
			coordinator,
			waiting.planId,
			{
				outcome: 'decline',
				amountMnt: null,
				reason: 'Өөр тэтгэлэг авсан',
				applicantMessage: 'Баярлалаа'
			},
			ip
		);
		expect(await ownOutcome(her)).toMatchObject({ outcome: 'decline', message: 'Баярлалаа' });
		expect((await Participant.findById(participant._id).lean())!.stage).toBe('review');
		expect((await Grant.findOne({ planId: waiting.planId }).lean())?.cancelledAt).toBeInstanceOf(
			Date
		);
		await publishOutcomes(coordinator, ip);
		expect((await Participant.findById(participant._id).lean())!.stage).toBe('review');
	});
});
