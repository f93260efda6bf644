// Business plans: her draft (saved section by section, never lost), submission as an
// immutable version, return for revision, comments, and the coordinators' list.
import { Types } from 'mongoose';
import {
	PLAN_SECTIONS,
	cashFlow,
	emptyPlanContent,
	startupTotals,
	type PlanContent,
	type PlanSection
} from '$lib/domain/businessPlan';
import { currentConsent, type Stage } from '$lib/domain/participant';
import { sectionFromForm, submitProblems, type SubmitProblem } from '$lib/schemas/businessPlan';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { Cohort } from '$lib/server/db/models/cohort';
import { ConsentRecord } from '$lib/server/db/models/consentRecord';
import { MentorAssignment } from '$lib/server/db/models/mentorAssignment';
import { Participant } from '$lib/server/db/models/participant';
import { PlanComment } from '$lib/server/db/models/planComment';
import { PlanSectionDraft } from '$lib/server/db/models/planSectionDraft';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { ReviewAssignment } from '$lib/server/db/models/reviewAssignment';
import { User } from '$lib/server/db/models/user';
import { identitiesOf } from './participantIdentity';

/** The cap when a cohort sets none: no grant above this is ever plausible. */
const DEFAULT_GRANT_CAP_MNT = 10_000_000;
const DAY = 24 * 60 * 60 * 1000;

export class PlanError extends Error {
	constructor(
		readonly code:
			| 'notFound'
			| 'forbidden'
			| 'notEligible'
			| 'frozen'
			| 'deadlinePassed'
			| 'incomplete'
			| 'notSubmitted'
			| 'inReview',
		readonly problems: SubmitProblem[] = []
	) {
		super(code);
	}
}

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

export type ParticipantAccess = 'owner' | 'staff' | 'mentor';
type Access = ParticipantAccess;

interface ParticipantRow {
	_id: Types.ObjectId;
	userId: Types.ObjectId;
	cohortId: Types.ObjectId;
	code: string;
	soum: string;
	stage?: string | null;
	bag?: string | null;
	nationalId?: string | null;
	protected?: boolean | null;
}

/**
 * Who she is to the plan: the woman herself, a coordinator (on her behalf), or her soum's
 * mentor (to comment) when she agreed to sharing with the soum administration, and, once she
 * has an assigned mentor, only that one.
 */
export async function participantAccess(
	viewer: SessionUser,
	participant: Pick<ParticipantRow, '_id' | 'userId' | 'soum'>
): Promise<Access | null> {
	return (await participantsAccess(viewer, [participant])).get(String(participant._id)) ?? null;
}

/** `participantAccess` for many at once: two queries, however many she follows. */
export async function participantsAccess(
	viewer: SessionUser,
	participants: Pick<ParticipantRow, '_id' | 'userId' | 'soum'>[]
): Promise<Map<string, Access | null>> {
	const access = new Map<string, Access | null>();
	const inSoum = [];
	for (const p of participants) {
		if (viewer.roles.includes('applicant') && String(p.userId) === viewer.id)
			access.set(String(p._id), 'owner');
		else if (viewer.roles.includes('coordinator')) access.set(String(p._id), 'staff');
		else if (viewer.roles.includes('mentor') && viewer.soums.includes(p.soum)) inSoum.push(p);
		else access.set(String(p._id), null);
	}
	if (inSoum.length === 0) return access;
	const ids = inSoum.map((p) => p._id);
	const [consents, assignments] = await Promise.all([
		ConsentRecord.find({ participantId: { $in: ids } }).lean(),
		MentorAssignment.find({ participantId: { $in: ids } }, { participantId: 1, mentorId: 1 }).lean()
	]);
	for (const p of inSoum) {
		const id = String(p._id);
		const consent = currentConsent(consents.filter((c) => String(c.participantId) === id));
		// Once a coordinator assigned her a mentor, only that mentor follows her.
		const assignment = assignments.find((a) => String(a.participantId) === id);
		const followed = !assignment || String(assignment.mentorId) === viewer.id;
		access.set(id, consent.soum_sharing.given && followed ? 'mentor' : null);
	}
	return access;
}

async function loadPlan(viewer: SessionUser, planId: string, allowed: readonly Access[]) {
	const plan = Types.ObjectId.isValid(planId) ? await BusinessPlan.findById(planId).lean() : null;
	if (!plan) throw new PlanError('notFound');
	const participant = (await Participant.findById(
		plan.participantId
	).lean()) as ParticipantRow | null;
	if (!participant) throw new PlanError('notFound');
	const access = await participantAccess(viewer, participant);
	if (!access) throw new PlanError('notFound'); // never confirm that someone else's plan exists
	if (!allowed.includes(access)) throw new PlanError('forbidden');
	return { plan, participant, access };
}

const actorRole = (access: Access) =>
	access === 'owner' ? 'applicant' : access === 'staff' ? 'coordinator' : 'mentor';

/** Her plan, created on first opening once she may draft one. */
export async function openOwnPlan(user: SessionUser): Promise<string> {
	const participant = await Participant.findOne({ userId: user.id }).lean();
	if (!participant || (participant.stage ?? 'training') === 'training') {
		throw new PlanError('notEligible');
	}
	const existing = await BusinessPlan.findOne(
		{ participantId: participant._id },
		{ _id: 1 }
	).lean();
	if (existing) return String(existing._id);
	try {
		const plan = await BusinessPlan.create({
			participantId: participant._id,
			cohortId: participant.cohortId,
			soum: participant.soum
		});
		return String(plan._id);
	} catch (error) {
		// Opened twice at once: the unique participantId lets one creation through.
		if (!isDuplicateKey(error)) throw error;
		const plan = await BusinessPlan.findOne({ participantId: participant._id }, { _id: 1 }).lean();
		return String(plan!._id);
	}
}

/**
 * Field paths ('items.2.unitPrice') as stored keys: the database refuses a '.' in a key, so
 * it is stored as '/' (never part of a field path) and turned back on reading.
 */
const storedKeys = <T>(byField: Record<string, T>): Record<string, T> =>
	Object.fromEntries(Object.entries(byField).map(([k, v]) => [k.replaceAll('.', '/'), v]));
const fieldKeys = <T>(stored: Record<string, T>): Record<string, T> =>
	Object.fromEntries(Object.entries(stored).map(([k, v]) => [k.replaceAll('/', '.'), v]));

async function draftOf(planId: Types.ObjectId) {
	const rows = await PlanSectionDraft.find({ planId }).lean();
	const content = emptyPlanContent();
	const errors: Partial<Record<PlanSection, Record<string, string[]>>> = {};
	const rejected: Partial<Record<PlanSection, Record<string, string>>> = {};
	for (const row of rows) {
		const section = row.section as PlanSection;
		if (!PLAN_SECTIONS.includes(section)) continue;
		(content as Record<PlanSection, unknown>)[section] = row.data;
		errors[section] = fieldKeys((row.fieldErrors ?? {}) as Record<string, string[]>);
		rejected[section] = fieldKeys((row.rejected ?? {}) as Record<string, string>);
	}
	const savedAt = rows.reduce<Date | null>(
		(latest, row) => (!latest || row.savedAt > latest ? row.savedAt : latest),
		null
	);
	return { content, errors, rejected, savedAt };
}

/**
 * Saves one section of her draft from its form. Invalid values are kept out of the data but
 * remembered with their messages; the rest is saved. Never refused for incompleteness.
 */
export async function saveSection(
	actor: SessionUser,
	planId: string,
	section: PlanSection,
	form: FormData,
	ip: string
) {
	const { plan, participant, access } = await loadPlan(actor, planId, ['owner', 'staff']);
	if (plan.state === 'submitted') throw new PlanError('frozen');
	const result = sectionFromForm(section, form);
	const update = {
		data: result.data,
		fieldErrors: storedKeys(result.errors),
		rejected: storedKeys(result.rejected),
		savedAt: new Date(),
		savedBy: actor.id
	};
	const filter = { planId: plan._id, section };
	try {
		await PlanSectionDraft.updateOne(filter, { $set: update }, { upsert: true });
	} catch (error) {
		// Two first saves of one section at once: the unique key lets one insert through.
		if (!isDuplicateKey(error)) throw error;
		await PlanSectionDraft.updateOne(filter, { $set: update });
	}
	if (access === 'staff') {
		await audit({
			action: 'plan.saved_on_behalf',
			actorId: actor.id,
			actorRole: 'coordinator',
			entity: 'plan',
			entityId: planId,
			onBehalfOf: String(participant.userId),
			ip,
			details: { section }
		});
	}
	return result;
}

async function cohortRules(cohortId: Types.ObjectId) {
	const cohort = await Cohort.findById(cohortId, { planDeadline: 1, grantCapMnt: 1 }).lean();
	return {
		deadline: cohort?.planDeadline ?? null,
		grantCapMnt: cohort?.grantCapMnt ?? DEFAULT_GRANT_CAP_MNT
	};
}

/**
 * Submits her draft as version N: refused with the list of problems while anything is
 * missing, or once the deadline has passed. Submitting twice (a double click, a retry) makes
 * one version: the version is a unique-key insert.
 */
export async function submitPlan(actor: SessionUser, planId: string, ip: string, now = new Date()) {
	const { plan, participant, access } = await loadPlan(actor, planId, ['owner', 'staff']);
	if (plan.state === 'submitted') return { version: plan.draftVersion };
	const rules = await cohortRules(plan.cohortId);
	if (rules.deadline && now.getTime() > rules.deadline.getTime()) {
		throw new PlanError('deadlinePassed');
	}
	const { content } = await draftOf(plan._id);
	const problems = submitProblems(content, rules.grantCapMnt);
	if (problems.length) throw new PlanError('incomplete', problems);
	const totals = startupTotals(content.startup);
	try {
		await PlanVersion.create({
			planId: plan._id,
			participantId: plan.participantId,
			version: plan.draftVersion,
			content,
			startupTotalMnt: totals.total,
			grantRequestedMnt: content.funding.grantRequested,
			submittedAt: now,
			submittedBy: actor.id
		});
	} catch (error) {
		if (!isDuplicateKey(error)) throw error;
		return { version: plan.draftVersion }; // already submitted by a concurrent request
	}
	await BusinessPlan.updateOne(
		{ _id: plan._id },
		{ $set: { state: 'submitted', submittedAt: now }, $unset: { returnReason: 1 } }
	);
	if ((participant.stage ?? 'plan') === 'plan') {
		await Participant.updateOne({ _id: participant._id }, { $set: { stage: 'review' } });
	}
	await audit({
		action: 'plan.submitted',
		actorId: actor.id,
		actorRole: actorRole(access),
		entity: 'plan',
		entityId: planId,
		onBehalfOf: access === 'staff' ? String(participant.userId) : undefined,
		ip,
		details: { version: plan.draftVersion }
	});
	return { version: plan.draftVersion };
}

/** A coordinator returns the submitted plan for revision: a new draft version opens. */
export async function returnPlan(actor: SessionUser, planId: string, reason: string, ip: string) {
	const { plan, participant } = await loadPlan(actor, planId, ['staff']);
	if (plan.state !== 'submitted') throw new PlanError('notSubmitted');
	// Once the committee has it, her scores belong to this version: no silent swap under them.
	if (await ReviewAssignment.exists({ planId: plan._id, active: true })) {
		throw new PlanError('inReview');
	}
	const now = new Date();
	await PlanVersion.updateOne(
		{ planId: plan._id, version: plan.draftVersion },
		{ $set: { returnedAt: now, returnedBy: actor.id, returnReason: reason } }
	);
	// Absolute values, not $inc: returning twice at once still opens exactly version N + 1.
	await BusinessPlan.updateOne(
		{ _id: plan._id },
		{
			$set: {
				state: 'returned',
				draftVersion: plan.draftVersion + 1,
				returnedAt: now,
				returnReason: reason
			}
		}
	);
	await Participant.updateOne(
		{ _id: participant._id, stage: 'review' },
		{ $set: { stage: 'plan' } }
	);
	await audit({
		action: 'plan.returned',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'plan',
		entityId: planId,
		ip,
		details: { version: plan.draftVersion }
	});
}

export async function addComment(
	actor: SessionUser,
	planId: string,
	section: PlanSection,
	text: string,
	ip: string
) {
	const { access } = await loadPlan(actor, planId, ['staff', 'mentor']);
	await PlanComment.create({
		planId,
		section,
		authorId: actor.id,
		authorRole: access === 'staff' ? 'coordinator' : 'mentor',
		text
	});
	await audit({
		action: 'plan.commented',
		actorId: actor.id,
		actorRole: actorRole(access),
		entity: 'plan',
		entityId: planId,
		ip,
		details: { section }
	});
}

/** Everything a page about one plan needs, as the viewer may see it. */
export async function planDetail(viewer: SessionUser, planId: string, ip: string) {
	const { plan, participant, access } = await loadPlan(viewer, planId, [
		'owner',
		'staff',
		'mentor'
	]);
	const [draft, versions, comments, rules, identities] = await Promise.all([
		draftOf(plan._id),
		PlanVersion.find(
			{ planId: plan._id },
			{ version: 1, submittedAt: 1, returnedAt: 1, returnReason: 1, grantRequestedMnt: 1 }
		)
			.sort({ version: -1 })
			.lean(),
		PlanComment.find({ planId: plan._id }).sort({ at: 1 }).lean(),
		cohortRules(plan.cohortId),
		access === 'owner' ? null : identitiesOf(viewer, [participant], { ip })
	]);
	const authors = new Map(
		(await User.find({ _id: { $in: comments.map((c) => c.authorId) } }, { name: 1 }).lean()).map(
			(u) => [String(u._id), u.name]
		)
	);
	return {
		id: String(plan._id),
		access,
		state: plan.state as 'draft' | 'submitted' | 'returned',
		draftVersion: plan.draftVersion,
		returnReason: plan.returnReason ?? null,
		participant: {
			code: participant.code,
			soum: participant.soum,
			identity: identities?.get(String(participant._id)) ?? null
		},
		content: draft.content,
		errors: draft.errors,
		rejected: draft.rejected,
		savedAt: draft.savedAt,
		startup: startupTotals(draft.content.startup),
		cashFlow: cashFlow(draft.content),
		deadline: rules.deadline,
		grantCapMnt: rules.grantCapMnt,
		versions: versions.map((v) => ({
			version: v.version,
			submittedAt: v.submittedAt,
			returnedAt: v.returnedAt ?? null,
			returnReason: v.returnReason ?? null,
			grantRequestedMnt: v.grantRequestedMnt
		})),
		comments: comments.map((c) => ({
			id: String(c._id),
			section: c.section as PlanSection,
			author: authors.get(String(c.authorId)) ?? '—',
			authorRole: c.authorRole,
			text: c.text,
			at: c.at
		}))
	};
}

/** One submitted version, frozen, for the history and the print view. */
export async function planVersion(viewer: SessionUser, planId: string, version: number) {
	const { plan } = await loadPlan(viewer, planId, ['owner', 'staff', 'mentor']);
	const row = await PlanVersion.findOne({ planId: plan._id, version }).lean();
	if (!row) throw new PlanError('notFound');
	const content = row.content as PlanContent;
	return {
		version: row.version,
		submittedAt: row.submittedAt,
		content,
		startup: startupTotals(content.startup),
		cashFlow: cashFlow(content)
	};
}

export type PlanListState = 'not_started' | 'draft' | 'submitted' | 'returned';

/** Coordinators: every woman who may draft a plan, with her plan's state and the deadline. */
export async function listPlans(
	viewer: SessionUser,
	{ soum, state }: { soum?: string; state?: PlanListState },
	ip: string,
	now = new Date()
) {
	const cohort = await Cohort.findOne({ current: true }, { planDeadline: 1 }).lean();
	if (!cohort) return { rows: [], daysToDeadline: null };
	const filter: Record<string, unknown> = {
		cohortId: cohort._id,
		stage: { $ne: 'training' satisfies Stage }
	};
	if (soum) filter.soum = soum;
	const participants = (await Participant.find(filter)
		.sort({ code: 1 })
		.lean()) as ParticipantRow[];
	const plans = await BusinessPlan.find(
		{ participantId: { $in: participants.map((p) => p._id) } },
		{ participantId: 1, state: 1, draftVersion: 1, submittedAt: 1 }
	).lean();
	const byParticipant = new Map(plans.map((p) => [String(p.participantId), p]));
	const identities = await identitiesOf(viewer, participants, { ip });
	const rows = participants
		.map((p) => {
			const plan = byParticipant.get(String(p._id));
			return {
				participantId: String(p._id),
				planId: plan ? String(plan._id) : null,
				code: p.code,
				name: identities.get(String(p._id))?.name ?? null,
				soum: p.soum,
				state: (plan?.state ?? 'not_started') as PlanListState,
				version: plan?.draftVersion ?? null,
				submittedAt: plan?.submittedAt ?? null
			};
		})
		.filter((row) => !state || row.state === state);
	const daysToDeadline = cohort.planDeadline
		? Math.ceil((cohort.planDeadline.getTime() - now.getTime()) / DAY)
		: null;
	return { rows, daysToDeadline };
}
