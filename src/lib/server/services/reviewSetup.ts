// The committee's set-up for the current cohort: its rubric (locked once scoring starts),
// its members and chair. Shared by the reviewing, assignment and committee services.
import { Types } from 'mongoose';
import {
	DEFAULT_RUBRIC,
	rubricProblems,
	type Criterion,
	type RubricProblem
} from '$lib/domain/rubric';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { Cohort } from '$lib/server/db/models/cohort';
import { CommitteeMember } from '$lib/server/db/models/committeeMember';
import { Participant } from '$lib/server/db/models/participant';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { Review, ReviewDraft } from '$lib/server/db/models/review';
import { ReviewAssignment } from '$lib/server/db/models/reviewAssignment';
import { ReviewSetup } from '$lib/server/db/models/reviewSetup';
import { User } from '$lib/server/db/models/user';

export type ReviewErrorCode =
	| 'noCohort'
	| 'notFound'
	| 'forbidden'
	| 'locked'
	| 'invalidRubric'
	| 'notReviewer'
	| 'notMember'
	| 'notAssigned'
	| 'hasSubmitted'
	| 'conflict'
	| 'alreadyDeclared'
	| 'notDeclared'
	| 'submitted'
	| 'incomplete'
	| 'notInReview'
	| 'invalidDecision'
	| 'overBudget'
	| 'grantStarted'
	| 'busy';

export class ReviewError extends Error {
	constructor(
		readonly code: ReviewErrorCode,
		readonly details: string[] = []
	) {
		super(code);
	}
}

export const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

export const oid = (id: string) => {
	if (!Types.ObjectId.isValid(id)) throw new ReviewError('notFound');
	return new Types.ObjectId(id);
};

export interface CohortRules {
	id: Types.ObjectId;
	name: string;
	budgetMnt: number;
	grantCapMnt: number | null;
	codePrefix: string;
}

export async function reviewCohort(): Promise<CohortRules> {
	const cohort = await Cohort.findOne({ current: true }).lean();
	if (!cohort) throw new ReviewError('noCohort');
	return {
		id: cohort._id,
		name: cohort.name,
		budgetMnt: cohort.budgetMnt,
		grantCapMnt: cohort.grantCapMnt ?? null,
		codePrefix: cohort.codePrefix
	};
}

/** The cohort's set-up, created with the default rubric on first use. */
export async function setupOf(cohortId: Types.ObjectId) {
	const existing = await ReviewSetup.findOne({ cohortId }).lean();
	if (existing) return existing;
	try {
		await ReviewSetup.create({ cohortId, criteria: DEFAULT_RUBRIC });
	} catch (error) {
		if (!isDuplicateKey(error)) throw error;
	}
	return (await ReviewSetup.findOne({ cohortId }).lean())!;
}

export const criteriaOf = (setup: { criteria: unknown[] }) => setup.criteria as Criterion[];

/** Scoring has started once any reviewer has saved a score: the rubric is then fixed. */
export async function rubricLocked(cohortId: Types.ObjectId): Promise<boolean> {
	const [draft, review] = await Promise.all([
		ReviewDraft.exists({ cohortId }),
		Review.exists({ cohortId })
	]);
	return Boolean(draft || review);
}

export async function rubricOf(cohortId: Types.ObjectId) {
	const [setup, locked] = await Promise.all([setupOf(cohortId), rubricLocked(cohortId)]);
	return {
		criteria: criteriaOf(setup),
		locked,
		outcomesPublishedAt: setup.outcomesPublishedAt ?? null
	};
}

/** Coordinators: replace the rubric, until scoring starts. */
export async function updateRubric(actor: SessionUser, criteria: Criterion[], ip: string) {
	const cohort = await reviewCohort();
	await setupOf(cohort.id);
	if (await rubricLocked(cohort.id)) throw new ReviewError('locked');
	const problems: RubricProblem[] = rubricProblems(criteria);
	if (problems.length) throw new ReviewError('invalidRubric', problems);
	await ReviewSetup.updateOne({ cohortId: cohort.id }, { $set: { criteria, updatedBy: actor.id } });
	await audit({
		action: 'review.rubric_updated',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'cohort',
		entityId: String(cohort.id),
		ip,
		details: { weights: Object.fromEntries(criteria.map((c) => [c.key, c.weight])) }
	});
}

export interface CommitteeMemberView {
	userId: string;
	name: string;
	chair: boolean;
	disabled: boolean;
}

export async function committeeOf(cohortId: Types.ObjectId): Promise<CommitteeMemberView[]> {
	const members = await CommitteeMember.find({ cohortId, active: true }).lean();
	const users = await User.find(
		{ _id: { $in: members.map((m) => m.userId) } },
		{ name: 1, disabled: 1 }
	).lean();
	const byId = new Map(users.map((u) => [String(u._id), u]));
	return members
		.map((m) => ({
			userId: String(m.userId),
			name: byId.get(String(m.userId))?.name ?? '—',
			chair: m.chair ?? false,
			disabled: byId.get(String(m.userId))?.disabled ?? true
		}))
		.sort((a, b) => Number(b.chair) - Number(a.chair) || a.name.localeCompare(b.name));
}

/** Reviewer accounts not yet on the committee, for the coordinator's "add" list. */
export async function reviewersNotOnCommittee(cohortId: Types.ObjectId) {
	const members = new Set((await committeeOf(cohortId)).map((m) => m.userId));
	const reviewers = await User.find(
		{ roles: 'reviewer', disabled: { $ne: true } },
		{ name: 1, phone: 1 }
	)
		.sort({ name: 1 })
		.lean();
	return reviewers
		.filter((u) => !members.has(String(u._id)))
		.map((u) => ({ userId: String(u._id), name: u.name, phone: u.phone }));
}

async function changed(
	actor: SessionUser,
	cohortId: Types.ObjectId,
	userId: string,
	change: string,
	ip: string
) {
	await audit({
		action: 'review.committee_changed',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'user',
		entityId: userId,
		ip,
		details: { change, cohortId: String(cohortId) }
	});
}

export async function addCommitteeMember(actor: SessionUser, userId: string, ip: string) {
	const cohort = await reviewCohort();
	const user = await User.findById(oid(userId), { roles: 1, disabled: 1 }).lean();
	if (!user || user.disabled || !user.roles.includes('reviewer'))
		throw new ReviewError('notReviewer');
	await CommitteeMember.updateOne(
		{ cohortId: cohort.id, userId: user._id },
		{ $set: { active: true }, $setOnInsert: { chair: false, addedBy: actor.id } },
		{ upsert: true }
	).catch((error) => {
		if (!isDuplicateKey(error)) throw error; // added by a concurrent request
	});
	await changed(actor, cohort.id, userId, 'added', ip);
}

/** Takes her off the committee; her unsubmitted assignments go back to be reassigned. */
export async function removeCommitteeMember(actor: SessionUser, userId: string, ip: string) {
	const cohort = await reviewCohort();
	const reviewerId = oid(userId);
	await CommitteeMember.updateOne(
		{ cohortId: cohort.id, userId: reviewerId },
		{ $set: { active: false, chair: false } }
	);
	const submitted = await Review.find({ cohortId: cohort.id, reviewerId }, { planId: 1 }).lean();
	await ReviewAssignment.updateMany(
		{
			cohortId: cohort.id,
			reviewerId,
			active: true,
			planId: { $nin: submitted.map((r) => r.planId) }
		},
		{ $set: { active: false, removedAt: new Date(), removedBy: actor.id } }
	);
	await changed(actor, cohort.id, userId, 'removed', ip);
}

/** Makes her the chair (and nobody else). */
export async function setChair(actor: SessionUser, userId: string, ip: string) {
	const cohort = await reviewCohort();
	const reviewerId = oid(userId);
	const [member, user] = await Promise.all([
		CommitteeMember.findOne({ cohortId: cohort.id, userId: reviewerId, active: true }).lean(),
		User.findById(reviewerId, { disabled: 1 }).lean()
	]);
	if (!member || !user || user.disabled) throw new ReviewError('notMember');
	await CommitteeMember.updateMany(
		{ cohortId: cohort.id, chair: true, userId: { $ne: reviewerId } },
		{ $set: { chair: false } }
	);
	await CommitteeMember.updateOne({ _id: member._id }, { $set: { chair: true } });
	await changed(actor, cohort.id, userId, 'chair', ip);
}

/** Whether she chairs the current cohort's committee. */
export async function isChair(user: SessionUser): Promise<boolean> {
	if (!user.roles.includes('reviewer')) return false;
	const cohort = await Cohort.findOne({ current: true }, { _id: 1 }).lean();
	if (!cohort) return false;
	return Boolean(
		await CommitteeMember.exists({
			cohortId: cohort._id,
			userId: user.id,
			chair: true,
			active: true
		})
	);
}

export interface PlanInReview {
	planId: string;
	participantId: Types.ObjectId;
	code: string;
	soum: string;
	version: number;
	businessType: string;
	requestedMnt: number;
	submittedAt: Date | null;
}

/** The cohort's submitted plans, by pseudonymous code: what the committee works on. */
export async function plansInReview(cohortId: Types.ObjectId): Promise<PlanInReview[]> {
	const plans = await BusinessPlan.find(
		{ cohortId, state: 'submitted' },
		{ participantId: 1, soum: 1, draftVersion: 1, submittedAt: 1 }
	).lean();
	const [participants, versions] = await Promise.all([
		Participant.find({ _id: { $in: plans.map((p) => p.participantId) } }, { code: 1 }).lean(),
		PlanVersion.find(
			{ planId: { $in: plans.map((p) => p._id) } },
			{ planId: 1, version: 1, grantRequestedMnt: 1, content: 1 }
		).lean()
	]);
	const codes = new Map(participants.map((p) => [String(p._id), p.code]));
	const versionOf = new Map(versions.map((v) => [`${v.planId}:${v.version}`, v]));
	return plans
		.map((plan) => {
			const version = versionOf.get(`${plan._id}:${plan.draftVersion}`);
			const content = version?.content as { idea?: { businessType?: string } } | undefined;
			return {
				planId: String(plan._id),
				participantId: plan.participantId,
				code: codes.get(String(plan.participantId)) ?? '—',
				soum: plan.soum,
				version: plan.draftVersion,
				businessType: content?.idea?.businessType ?? '',
				requestedMnt: version?.grantRequestedMnt ?? 0,
				submittedAt: plan.submittedAt ?? null
			};
		})
		.sort((a, b) => a.code.localeCompare(b.code));
}
