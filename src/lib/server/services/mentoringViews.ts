// Soum mentoring, the reads: a mentor's caseload (overdue first), one grantee's mentoring
// record (schedule, check-ins, milestones) as the viewer may see it, the coordinators' board
// of assignments, and a check-in's photo. The safeguarding note is never read here.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Types } from 'mongoose';
import {
	caseloadOrder,
	dayOf,
	profitOf,
	scheduleVisits,
	summarise,
	ulaanbaatarDay,
	type BusinessStatus,
	type ScheduleSummary,
	type Visit
} from '$lib/domain/mentoring';
import { currentConsent } from '$lib/domain/participant';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { CheckIn, type CheckInDoc } from '$lib/server/db/models/checkIn';
import { ConsentRecord } from '$lib/server/db/models/consentRecord';
import { Grant } from '$lib/server/db/models/grant';
import { MentorAssignment } from '$lib/server/db/models/mentorAssignment';
import { MentoringSchedule } from '$lib/server/db/models/mentoringSchedule';
import { Participant } from '$lib/server/db/models/participant';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { User } from '$lib/server/db/models/user';
import { requestsOf, roleOf, verifiedGrants } from './grantAccess';
import { statusOf } from './grantViews';
import {
	MentoringError,
	grantFor,
	grantMilestones,
	mentoringRule,
	objectIdOf,
	photosDir,
	requireCoordinator
} from './mentoring';
import { displayName, identitiesFor } from './participantIdentity';
import { participantsAccess } from './plans';

/** A fresh idempotency key for a check-in form. */
export const newCheckInKey = () => randomUUID();

type ScheduleRow = {
	grantId: Types.ObjectId;
	startsOn: string;
	intervalMonths: number;
	visits: number;
};

/** Schedules and the mentors' check-in days of some grants, as summaries on `today`. */
export async function scheduleSummaries(grantIds: readonly Types.ObjectId[], today: string) {
	const [schedules, checkIns] = await Promise.all([
		MentoringSchedule.find({ grantId: { $in: grantIds } }).lean(),
		CheckIn.find(
			{ grantId: { $in: grantIds }, source: 'mentor' },
			{ grantId: 1, on: 1, businessStatus: 1 }
		)
			.sort({ on: 1 })
			.lean()
	]);
	const days = new Map<string, string[]>();
	const last = new Map<string, { on: Date; businessStatus: BusinessStatus }>();
	for (const c of checkIns) {
		const key = String(c.grantId);
		days.set(key, [...(days.get(key) ?? []), dayOf(c.on)]);
		last.set(key, { on: c.on, businessStatus: c.businessStatus as BusinessStatus });
	}
	const result = new Map<string, { summary: ScheduleSummary | null; visits: Visit[] }>();
	for (const id of grantIds) result.set(String(id), { summary: null, visits: [] });
	for (const schedule of schedules as ScheduleRow[]) {
		const visits = scheduleVisits(schedule, days.get(String(schedule.grantId)) ?? [], today);
		result.set(String(schedule.grantId), { summary: summarise(visits), visits });
	}
	return { byGrant: result, last };
}

/**
 * The grantees assigned to this mentor whom she may still see (her soum, their consent), in
 * the order to work them: overdue first, then by the next due day.
 */
export async function mentorCaseload(
	mentor: SessionUser,
	ip: string,
	today = ulaanbaatarDay(new Date())
) {
	if (!mentor.roles.includes('mentor')) throw new MentoringError('forbidden');
	const assignments = await MentorAssignment.find({ mentorId: mentor.id }).lean();
	const grants = await Grant.find({
		_id: { $in: assignments.map((a) => a.grantId) },
		cancelledAt: { $exists: false }
	}).lean();
	const participants = await Participant.find(
		{ _id: { $in: grants.map((g) => g.participantId) } },
		{ userId: 1, soum: 1, code: 1 }
	).lean();
	const access = await participantsAccess(mentor, participants);
	const visible = participants.filter((p) => access.get(String(p._id)) === 'mentor');
	const visibleIds = new Set(visible.map((p) => String(p._id)));
	const mine = grants.filter((g) => visibleIds.has(String(g.participantId)));
	const ids = mine.map((g) => g._id);
	const [{ byGrant, last }, requests, verified, identities] = await Promise.all([
		scheduleSummaries(ids, today),
		requestsOf(ids),
		verifiedGrants(ids),
		identitiesFor(
			mentor,
			mine.map((g) => g.participantId),
			{ ip }
		)
	]);
	const codes = new Map(visible.map((p) => [String(p._id), p.code]));
	return caseloadOrder(
		mine.map((grant) => {
			const identity = identities.get(String(grant.participantId));
			const latest = last.get(String(grant._id));
			return {
				grantId: String(grant._id),
				code: codes.get(String(grant.participantId)) ?? '—',
				name: identity ? displayName(identity) : '—',
				soum: grant.soum,
				summary: byGrant.get(String(grant._id))?.summary ?? null,
				lastCheckIn: latest ? { on: latest.on, businessStatus: latest.businessStatus } : null,
				/** Paid up to the tranche that waits for her verification. */
				needsVerification:
					statusOf(grant, requests.get(String(grant._id)) ?? [], verified.has(String(grant._id)))
						.state === 'awaitingVerification'
			};
		})
	);
}
export type CaseloadRow = Awaited<ReturnType<typeof mentorCaseload>>[number];

export interface CheckInView {
	id: string;
	source: 'mentor' | 'self';
	on: Date;
	month: string | null;
	mode: string;
	businessStatus: BusinessStatus;
	salesMnt: number;
	costsMnt: number;
	profitMnt: number;
	customersPerWeek: number;
	workersOwner: number;
	workersPaid: number;
	workersFamily: number;
	milestones: string[];
	supportGiven: string;
	problems: string;
	nextSteps: string;
	/** Addresses of the photos, served through the grant's access check. */
	photos: string[];
	verifiesOperating: boolean;
	/** Whether a concern was raised with it: false for her own view, whatever it was. */
	safeguarding: boolean;
	recordedBy: string | null;
	queuedOffline: boolean;
}

function checkInView(
	c: CheckInDoc & { _id: Types.ObjectId },
	access: 'owner' | 'staff' | 'mentor',
	authors: Map<string, string>
): CheckInView {
	return {
		id: String(c._id),
		source: c.source as 'mentor' | 'self',
		on: c.on,
		month: c.month ?? null,
		mode: c.mode,
		businessStatus: c.businessStatus as BusinessStatus,
		salesMnt: c.salesMnt,
		costsMnt: c.costsMnt,
		profitMnt: profitOf(c),
		customersPerWeek: c.customersPerWeek,
		workersOwner: c.workersOwner,
		workersPaid: c.workersPaid,
		workersFamily: c.workersFamily,
		milestones: c.milestones ?? [],
		supportGiven: c.supportGiven ?? '',
		problems: c.problems ?? '',
		nextSteps: c.nextSteps ?? '',
		photos: (c.photos ?? []).map((_, i) => `/check-ins/${String(c._id)}/photos/${i + 1}`),
		verifiesOperating: Boolean(c.verifiesOperating),
		// Never to her: the concern may be about someone at home, on a phone they share.
		safeguarding: access === 'owner' ? false : Boolean(c.safeguarding),
		recordedBy: authors.get(String(c.recordedBy)) ?? null,
		queuedOffline: Boolean(c.queuedOffline)
	};
}

/**
 * One grantee's mentoring record as the viewer may see it: the woman herself, a coordinator,
 * or her mentor (finance: not found). Reading it as staff or mentor is audited.
 */
export async function mentoringRecord(
	viewer: SessionUser,
	grantId: string,
	ip: string,
	today = ulaanbaatarDay(new Date())
) {
	const { grant, participant, access } = await grantFor(viewer, grantId);
	if (access === 'finance') throw new MentoringError('notFound');
	const [assignment, schedule, checkIns, milestones, version] = await Promise.all([
		MentorAssignment.findOne({ participantId: grant.participantId }).lean(),
		MentoringSchedule.findOne({ grantId: grant._id }).lean(),
		CheckIn.find({ grantId: grant._id }).sort({ on: -1, recordedAt: -1 }).lean(),
		grantMilestones(grant),
		PlanVersion.findOne({ planId: grant.planId, version: grant.planVersion }, { content: 1 }).lean()
	]);
	const authorIds = [
		...new Set([
			...checkIns.map((c) => String(c.recordedBy)),
			...(assignment ? [String(assignment.mentorId)] : [])
		])
	];
	const authors = new Map(
		(await User.find({ _id: { $in: authorIds } }, { name: 1 }).lean()).map((u) => [
			String(u._id),
			u.name
		])
	);
	const mentorDays = checkIns.filter((c) => c.source === 'mentor').map((c) => dayOf(c.on));
	const visits = schedule ? scheduleVisits(schedule, mentorDays, today) : [];
	const idea =
		(
			(version as { content?: unknown } | null)?.content as
				{ idea?: Record<string, string> } | undefined
		)?.idea ?? {};
	const assignedToViewer = Boolean(assignment && String(assignment.mentorId) === viewer.id);
	if (access !== 'owner') {
		await audit({
			action: 'mentoring.viewed',
			actorId: viewer.id,
			actorRole: roleOf(access),
			entity: 'grant',
			entityId: grantId,
			ip
		});
	}
	return {
		access,
		grantId: String(grant._id),
		code: participant.code,
		soum: grant.soum,
		signedOn: grant.signedOn ?? null,
		cancelled: Boolean(grant.cancelledAt),
		plan: {
			businessName: idea.businessName ?? '',
			businessType: idea.businessType ?? '',
			description: idea.description ?? ''
		},
		mentor: assignment
			? {
					id: String(assignment.mentorId),
					name: authors.get(String(assignment.mentorId)) ?? '—'
				}
			: null,
		schedule: schedule
			? {
					startsOn: schedule.startsOn,
					intervalMonths: schedule.intervalMonths,
					visits: schedule.visits
				}
			: null,
		visits,
		summary: schedule ? summarise(visits) : null,
		milestones,
		checkIns: checkIns.map((c) => checkInView(c, access, authors)),
		can: {
			checkIn:
				viewer.roles.includes('mentor') &&
				assignedToViewer &&
				Boolean(grant.signedOn) &&
				!grant.cancelledAt,
			selfReport: access === 'owner' && Boolean(grant.signedOn) && !grant.cancelledAt
		}
	};
}
export type MentoringRecord = Awaited<ReturnType<typeof mentoringRecord>>;

/**
 * Coordinators: every grant of the current cohort with her mentor (or none), the mentors who
 * could follow her (her soum's), whether she agreed to sharing with the soum, and her
 * schedule's state; and the cohort's check-in rule.
 */
export async function assignmentBoard(
	viewer: SessionUser,
	ip: string,
	today = ulaanbaatarDay(new Date())
) {
	requireCoordinator(viewer);
	const rule = await mentoringRule();
	const grants = await Grant.find({
		cohortId: rule.cohortId,
		cancelledAt: { $exists: false }
	}).lean();
	const participantIds = grants.map((g) => g.participantId);
	const [participants, assignments, mentors, consents, identities, { byGrant, last }] =
		await Promise.all([
			Participant.find({ _id: { $in: participantIds } }, { code: 1 }).lean(),
			MentorAssignment.find({ participantId: { $in: participantIds } }).lean(),
			User.find({ roles: 'mentor', disabled: { $ne: true } }, { name: 1, soums: 1 })
				.sort({ name: 1 })
				.lean(),
			ConsentRecord.find({ participantId: { $in: participantIds } }).lean(),
			identitiesFor(viewer, participantIds, { ip }),
			scheduleSummaries(
				grants.map((g) => g._id),
				today
			)
		]);
	const codes = new Map(participants.map((p) => [String(p._id), p.code]));
	const assigned = new Map(assignments.map((a) => [String(a.participantId), a]));
	const mentorNames = new Map(mentors.map((m) => [String(m._id), m.name]));
	const rows = grants
		.map((grant) => {
			const pid = String(grant.participantId);
			const assignment = assigned.get(pid);
			const identity = identities.get(pid);
			const latest = last.get(String(grant._id));
			return {
				grantId: String(grant._id),
				code: codes.get(pid) ?? '—',
				name: identity ? displayName(identity) : '—',
				soum: grant.soum,
				signed: Boolean(grant.signedOn),
				consent: currentConsent(consents.filter((c) => String(c.participantId) === pid))
					.soum_sharing.given,
				mentorId: assignment ? String(assignment.mentorId) : null,
				mentorName: assignment ? (mentorNames.get(String(assignment.mentorId)) ?? '—') : null,
				summary: byGrant.get(String(grant._id))?.summary ?? null,
				lastStatus: latest?.businessStatus ?? null
			};
		})
		.sort((a, b) => a.code.localeCompare(b.code));
	return {
		rule: { intervalMonths: rule.intervalMonths, visits: rule.visits },
		rows,
		mentors: mentors.map((m) => ({ id: String(m._id), name: m.name, soums: m.soums })),
		totals: {
			grants: rows.length,
			unassigned: rows.filter((r) => !r.mentorId).length,
			overdue: rows.filter((r) => (r.summary?.overdue ?? 0) > 0).length
		}
	};
}

/**
 * Coordinators: who may follow her — the enabled mentors of her soum — and whether she agreed
 * to sharing with the soum, without which none may.
 */
export async function mentorChoice(viewer: SessionUser, grantId: string) {
	requireCoordinator(viewer);
	const grant = await Grant.findById(objectIdOf(grantId), { participantId: 1, soum: 1 }).lean();
	if (!grant) throw new MentoringError('notFound');
	const [mentors, consents] = await Promise.all([
		User.find({ roles: 'mentor', soums: grant.soum, disabled: { $ne: true } }, { name: 1 })
			.sort({ name: 1 })
			.lean(),
		ConsentRecord.find({ participantId: grant.participantId }).lean()
	]);
	return {
		consent: currentConsent(consents).soum_sharing.given,
		mentors: mentors.map((m) => ({ id: String(m._id), name: m.name }))
	};
}

/** A check-in photo, for whoever may see the grant's record; audited. */
export async function checkInPhoto(
	viewer: SessionUser,
	checkInId: string,
	index: number,
	ip: string
) {
	const checkIn = await CheckIn.findById(objectIdOf(checkInId), {
		grantId: 1,
		photos: 1
	}).lean();
	const photo = checkIn?.photos?.[index - 1];
	if (!checkIn || !photo) throw new MentoringError('notFound');
	const { access } = await grantFor(viewer, String(checkIn.grantId));
	if (access === 'finance') throw new MentoringError('notFound');
	let bytes: Buffer;
	try {
		bytes = await readFile(path.join(photosDir(), photo.file));
	} catch {
		throw new MentoringError('notFound');
	}
	await audit({
		action: 'checkin.photo_viewed',
		actorId: viewer.id,
		actorRole: roleOf(access),
		entity: 'grant',
		entityId: String(checkIn.grantId),
		ip,
		details: { checkInId, index }
	});
	return { bytes, contentType: photo.contentType };
}
