// Setting up a committee on a cohort that has not started scoring: the rubric (editable until
// the first score), members and chair, and the automatic assignment.
import { beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { DEFAULT_RUBRIC, type Criterion } from '$lib/domain/rubric';
import type { SessionUser } from '$lib/server/auth/session';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { Cohort } from '$lib/server/db/models/cohort';
import { Participant } from '$lib/server/db/models/participant';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { User } from '$lib/server/db/models/user';
import { emptyPlanContent } from '$lib/domain/businessPlan';
import {
	assignmentOverview,
	runAutoAssign,
	unassignReviewer
} from '$lib/server/services/reviewAssignments';
import { declareConflict, saveReviewDraft, submitReview } from '$lib/server/services/reviewing';
import {
	addCommitteeMember,
	committeeOf,
	isChair,
	removeCommitteeMember,
	reviewCohort,
	ReviewError,
	rubricOf,
	setChair,
	updateRubric
} from '$lib/server/services/reviewSetup';
import { actor, uniquePhone } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('review-setup');

const ip = '127.0.0.1';
let coordinator: SessionUser;
let reviewers: SessionUser[];
let cohortId: Types.ObjectId;

const refusal = async (promise: Promise<unknown>) => {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ReviewError);
	return error as ReviewError;
};

beforeAll(async () => {
	const cohort = await Cohort.create({
		code: 'test-review',
		name: 'Test review',
		aimag: 'umnugobi',
		soums: ['khanbogd'],
		startsOn: new Date('2026-03-01'),
		budgetMnt: 20_000_000,
		current: true,
		codePrefix: 'TRV',
		grantCapMnt: 5_000_000
	});
	cohortId = cohort._id;
	coordinator = await actor(['coordinator']);
	reviewers = [await actor(['reviewer']), await actor(['reviewer']), await actor(['reviewer'])];
	for (let i = 1; i <= 6; i++) {
		const user = await User.create({
			phone: uniquePhone(),
			name: `Woman ${i}`,
			roles: ['applicant']
		});
		const participant = await Participant.create({
			userId: user._id,
			cohortId,
			code: `TRV-${String(i).padStart(3, '0')}`,
			soum: 'khanbogd',
			referralSource: 'self',
			nameSkeleton: `woman ${i}`,
			stage: 'review'
		});
		const plan = await BusinessPlan.create({
			participantId: participant._id,
			cohortId,
			soum: 'khanbogd',
			state: 'submitted',
			draftVersion: 1,
			submittedAt: new Date()
		});
		await PlanVersion.create({
			planId: plan._id,
			participantId: participant._id,
			version: 1,
			content: emptyPlanContent(),
			startupTotalMnt: 3_000_000,
			grantRequestedMnt: 3_000_000,
			submittedAt: new Date(),
			submittedBy: user._id
		});
	}
});

describe('the rubric', () => {
	it('starts as the default and refuses weights that do not add up to 100', async () => {
		expect((await rubricOf(cohortId)).criteria).toEqual(DEFAULT_RUBRIC);
		const bad: Criterion[] = DEFAULT_RUBRIC.map((c, i) => (i === 0 ? { ...c, weight: 30 } : c));
		const error = await refusal(updateRubric(coordinator, bad, ip));
		expect(error.code).toBe('invalidRubric');
		expect(error.details).toEqual(['weightSum']);
		expect((await rubricOf(cohortId)).criteria).toEqual(DEFAULT_RUBRIC);
	});

	it('saves a valid change, audited', async () => {
		const changed = DEFAULT_RUBRIC.map((c) =>
			c.key === 'viability' ? { ...c, weight: 30 } : c.key === 'impact' ? { ...c, weight: 5 } : c
		);
		await updateRubric(coordinator, changed, ip);
		const rubric = await rubricOf(cohortId);
		expect(rubric.criteria.find((c) => c.key === 'viability')!.weight).toBe(30);
		expect(rubric.locked).toBe(false);
		expect(await AuditEntry.countDocuments({ action: 'review.rubric_updated' })).toBe(1);
	});
});

describe('the committee and assignment', () => {
	it('adds reviewers only, with one chair', async () => {
		expect((await refusal(addCommitteeMember(coordinator, coordinator.id, ip))).code).toBe(
			'notReviewer'
		);
		for (const r of reviewers) await addCommitteeMember(coordinator, r.id, ip);
		await addCommitteeMember(coordinator, reviewers[0]!.id, ip); // twice is once
		await setChair(coordinator, reviewers[0]!.id, ip);
		await setChair(coordinator, reviewers[1]!.id, ip);
		const committee = await committeeOf(cohortId);
		expect(committee).toHaveLength(3);
		expect(committee.filter((m) => m.chair).map((m) => m.userId)).toEqual([reviewers[1]!.id]);
		expect(await isChair(reviewers[1]!)).toBe(true);
		expect(await isChair(reviewers[0]!)).toBe(false);
	});

	it('gives every plan two reviewers, evenly, and a second run adds nothing', async () => {
		const first = await runAutoAssign(coordinator, ip);
		expect(first).toEqual({ created: 12, shortOf: [] });
		const overview = await assignmentOverview();
		expect(overview.plans.every((p) => p.reviewers.length === 2)).toBe(true);
		expect(overview.committee.map((m) => m.assigned)).toEqual([4, 4, 4]);
		expect((await runAutoAssign(coordinator, ip)).created).toBe(0);
	});

	it('reassigns around a conflict and reports a plan no one free can take', async () => {
		const plan = (await assignmentOverview()).plans[0]!;
		const [a, b] = plan.reviewers.map((r) => reviewers.find((x) => x.id === r.reviewerId)!);
		await declareConflict(a!, plan.planId, { conflict: true, kind: 'relative' }, ip);
		expect((await runAutoAssign(coordinator, ip)).created).toBe(1);
		const third = reviewers.find((r) => r !== a && r !== b)!;
		await declareConflict(third, plan.planId, { conflict: true, kind: 'competitor' }, ip);
		const result = await runAutoAssign(coordinator, ip);
		expect(result.shortOf).toEqual([{ planId: plan.planId, missing: 1, code: plan.code }]);
		expect((await assignmentOverview()).counts.conflictAlerts).toBe(1);
	});

	it('a reviewer taken off the committee gives back her unscored plans', async () => {
		const leaving = reviewers[2]!;
		await removeCommitteeMember(coordinator, leaving.id, ip);
		const overview = await assignmentOverview();
		expect(overview.committee.map((m) => m.userId)).not.toContain(leaving.id);
		expect(
			overview.plans.some((p) =>
				p.reviewers.some((r) => r.reviewerId === leaving.id && r.state !== 'conflict')
			)
		).toBe(false);
	});

	it('locks the rubric at the first score; a submitted reviewer stays, an unscored one may go', async () => {
		const plan = (await assignmentOverview()).plans.find((p) =>
			p.reviewers.some((r) => r.reviewerId === reviewers[0]!.id)
		)!;
		await declareConflict(reviewers[0]!, plan.planId, { conflict: false }, ip);
		await saveReviewDraft(reviewers[0]!, plan.planId, [
			{ criterion: 'viability', score: 3, comment: '' }
		]);
		expect((await rubricOf(cohortId)).locked).toBe(true);
		expect((await refusal(updateRubric(coordinator, DEFAULT_RUBRIC, ip))).code).toBe('locked');
		await submitReview(
			reviewers[0]!,
			plan.planId,
			DEFAULT_RUBRIC.map((c) => ({ criterion: c.key, score: 4, comment: '' })),
			ip
		);
		expect(
			(await refusal(unassignReviewer(coordinator, plan.planId, reviewers[0]!.id, ip))).code
		).toBe('hasSubmitted');
		const other = (await assignmentOverview()).plans
			.flatMap((p) => p.reviewers.map((r) => ({ planId: p.planId, ...r })))
			.find((r) => r.reviewerId === reviewers[0]!.id && r.state === 'assigned')!;
		await unassignReviewer(coordinator, other.planId, reviewers[0]!.id, ip);
		expect(
			(await refusal(unassignReviewer(coordinator, other.planId, reviewers[0]!.id, ip))).code
		).toBe('notAssigned');
		expect((await reviewCohort()).id).toEqual(cohortId);
	});
});
