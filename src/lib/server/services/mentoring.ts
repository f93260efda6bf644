// Soum mentoring, the writes: coordinators assign each grantee a mentor of her soum and set the
// cohort's check-in rule; her schedule is made when her first tranche is paid; her mentor
// records check-ins (exactly once per idempotency key, photos and a safeguarding concern with
// them, "business operating" opening the gated tranche); she adds her own monthly figures.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Types } from 'mongoose';
import { sniffReceiptType } from '$lib/domain/grants';
import {
	MAX_CHECK_IN_PHOTOS,
	MAX_PHOTO_BYTES,
	dayOf,
	planMilestones,
	ulaanbaatarDay
} from '$lib/domain/mentoring';
import type { PlanContent } from '$lib/domain/businessPlan';
import { currentConsent } from '$lib/domain/participant';
import type { CheckInInput, SelfReportInput } from '$lib/schemas/mentoring';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { CheckIn } from '$lib/server/db/models/checkIn';
import { Cohort } from '$lib/server/db/models/cohort';
import { ConsentRecord } from '$lib/server/db/models/consentRecord';
import { Grant } from '$lib/server/db/models/grant';
import { GrantVerification } from '$lib/server/db/models/grantVerification';
import { MentorAssignment } from '$lib/server/db/models/mentorAssignment';
import { MentoringSchedule } from '$lib/server/db/models/mentoringSchedule';
import { Participant } from '$lib/server/db/models/participant';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { SafeguardingConcern } from '$lib/server/db/models/safeguardingConcern';
import { User } from '$lib/server/db/models/user';
import { readEnv } from '$lib/server/env';
import { GrantError, isDuplicateKey, loadGrant } from './grantAccess';

export type MentoringErrorCode =
	| 'notFound'
	| 'forbidden'
	| 'noCohort'
	| 'notAssigned'
	| 'notSigned'
	| 'cancelled'
	| 'beforeGrant'
	| 'verifyTooEarly'
	| 'milestone'
	| 'keyReused'
	| 'mentorSoum'
	| 'noConsent'
	| 'photoType'
	| 'photoSize'
	| 'photoCount'
	| 'alreadyClosed';

export class MentoringError extends Error {
	constructor(
		readonly code: MentoringErrorCode,
		/** The form field the refusal is about, when there is one. */
		readonly field: string | null = null
	) {
		super(code);
	}
}

export function objectIdOf(id: string): Types.ObjectId {
	if (!Types.ObjectId.isValid(id) || String(new Types.ObjectId(id)) !== id) {
		throw new MentoringError('notFound');
	}
	return new Types.ObjectId(id);
}

/** The grant as `loadGrant` sees it, with its refusals as mentoring ones. */
export async function grantFor(viewer: SessionUser, grantId: string) {
	try {
		return await loadGrant(viewer, grantId);
	} catch (error) {
		if (error instanceof GrantError) {
			throw new MentoringError(error.code === 'forbidden' ? 'forbidden' : 'notFound');
		}
		throw error;
	}
}

export function requireCoordinator(actor: SessionUser) {
	if (!actor.roles.includes('coordinator')) throw new MentoringError('forbidden');
}

/** Where check-in photos live: DATA_DIR/check-in-photos (read when called, for tests). */
export function photosDir(): string {
	return path.resolve(readEnv().DATA_DIR, 'check-in-photos');
}

/** The current cohort's check-in rule. */
export async function mentoringRule() {
	const cohort = await Cohort.findOne(
		{ current: true },
		{ checkInIntervalMonths: 1, checkInVisits: 1 }
	).lean();
	if (!cohort) throw new MentoringError('noCohort');
	return {
		cohortId: cohort._id,
		intervalMonths: cohort.checkInIntervalMonths ?? 1,
		visits: cohort.checkInVisits ?? 12
	};
}

/** Coordinators: the cohort's check-in rule, for schedules made from now on. */
export async function updateMentoringRule(
	actor: SessionUser,
	rule: { intervalMonths: number; visits: number },
	ip: string
) {
	requireCoordinator(actor);
	const { cohortId } = await mentoringRule();
	await Cohort.updateOne(
		{ _id: cohortId },
		{ $set: { checkInIntervalMonths: rule.intervalMonths, checkInVisits: rule.visits } }
	);
	await audit({
		action: 'mentoring.rule_changed',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'cohort',
		entityId: String(cohortId),
		ip,
		details: rule
	});
}

/**
 * Her first tranche is paid: her schedule starts on the day it was paid, by the cohort's rule
 * of that day. Called for every payment; the unique grantId keeps the first.
 */
export async function ensureSchedule(grantId: Types.ObjectId, paidOn: Date): Promise<void> {
	if (await MentoringSchedule.exists({ grantId })) return;
	const grant = await Grant.findById(grantId, { participantId: 1, cohortId: 1 }).lean();
	if (!grant) return;
	const cohort = await Cohort.findById(grant.cohortId, {
		checkInIntervalMonths: 1,
		checkInVisits: 1
	}).lean();
	try {
		await MentoringSchedule.create({
			grantId,
			participantId: grant.participantId,
			cohortId: grant.cohortId,
			startsOn: dayOf(paidOn),
			intervalMonths: cohort?.checkInIntervalMonths ?? 1,
			visits: cohort?.checkInVisits ?? 12,
			createdAt: new Date()
		});
	} catch (error) {
		if (!isDuplicateKey(error)) throw error;
	}
}

/** Coordinators: the mentor who follows her, a mentor of her soum she agreed to share with. */
export async function assignMentor(
	actor: SessionUser,
	grantId: string,
	mentorId: string,
	ip: string
) {
	requireCoordinator(actor);
	const grant = await Grant.findById(objectIdOf(grantId)).lean();
	if (!grant) throw new MentoringError('notFound');
	if (grant.cancelledAt) throw new MentoringError('cancelled');
	const mentor = await User.findById(objectIdOf(mentorId), {
		roles: 1,
		soums: 1,
		disabled: 1
	}).lean();
	if (
		!mentor ||
		mentor.disabled ||
		!mentor.roles.includes('mentor') ||
		!mentor.soums.includes(grant.soum)
	) {
		throw new MentoringError('mentorSoum', 'mentorId');
	}
	const consent = currentConsent(
		await ConsentRecord.find({ participantId: grant.participantId }).lean()
	);
	if (!consent.soum_sharing.given) throw new MentoringError('noConsent', 'mentorId');
	const previous = await MentorAssignment.findOne({ participantId: grant.participantId }).lean();
	const fields = {
		grantId: grant._id,
		cohortId: grant.cohortId,
		soum: grant.soum,
		mentorId: mentor._id,
		assignedBy: new Types.ObjectId(actor.id),
		assignedAt: new Date()
	};
	try {
		await MentorAssignment.updateOne(
			{ participantId: grant.participantId },
			{ $set: fields },
			{ upsert: true }
		);
	} catch (error) {
		// Two coordinators at once: the other's upsert made it; this one's choice now applies.
		if (!isDuplicateKey(error)) throw error;
		await MentorAssignment.updateOne({ participantId: grant.participantId }, { $set: fields });
	}
	await audit({
		action: 'mentoring.assigned',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'grant',
		entityId: grantId,
		ip,
		details: { mentorId, previousMentorId: previous ? String(previous.mentorId) : null }
	});
}

/** The milestones her plan sets (the version the committee decided on). */
export async function grantMilestones(grant: { planId: Types.ObjectId; planVersion: number }) {
	const version = await PlanVersion.findOne(
		{ planId: grant.planId, version: grant.planVersion },
		{ content: 1 }
	).lean();
	return planMilestones((version?.content as PlanContent | undefined) ?? null);
}

/** Photos as checked files: at most three, each a real JPEG, PNG or WebP of at most 5 MB. */
async function checkedPhotos(files: readonly File[]) {
	const present = files.filter((f) => f.size > 0);
	if (present.length > MAX_CHECK_IN_PHOTOS) throw new MentoringError('photoCount', 'photos');
	const photos: { bytes: Uint8Array; contentType: string }[] = [];
	for (const file of present) {
		if (file.size > MAX_PHOTO_BYTES) throw new MentoringError('photoSize', 'photos');
		const bytes = new Uint8Array(await file.arrayBuffer());
		const contentType = sniffReceiptType(bytes);
		if (!contentType || contentType === 'application/pdf') {
			throw new MentoringError('photoType', 'photos');
		}
		photos.push({ bytes, contentType });
	}
	return photos;
}

/** The check-in already stored under this key, when it is this grant's by this author. */
async function storedUnder(key: string, grantId: Types.ObjectId, authorId: string) {
	const existing = await CheckIn.findOne(
		{ idempotencyKey: key },
		{ grantId: 1, recordedBy: 1, verifiesOperating: 1, on: 1 }
	).lean();
	if (!existing) return null;
	if (String(existing.grantId) !== String(grantId) || String(existing.recordedBy) !== authorId) {
		throw new MentoringError('keyReused');
	}
	return existing;
}

/** What the verifying visit found, in the mentor's own words, for the grant's verification. */
const verificationNote = (input: CheckInInput) =>
	[input.supportGiven, input.problems, input.nextSteps].filter(Boolean).join(' · ');

/** The verification a check-in carries: the first one for the grant stands. */
async function verifyFromCheckIn(
	actor: SessionUser,
	grant: { _id: Types.ObjectId; participantId: Types.ObjectId },
	checkIn: { on: Date; key: string; note: string },
	ip: string
): Promise<boolean> {
	try {
		await GrantVerification.create({
			grantId: grant._id,
			participantId: grant.participantId,
			visitedOn: checkIn.on,
			note: checkIn.note.slice(0, 2000) || '—',
			verifiedBy: actor.id,
			verifiedAt: new Date()
		});
	} catch (error) {
		if (isDuplicateKey(error)) return false;
		throw error;
	}
	await audit({
		action: 'grant.verified',
		actorId: actor.id,
		actorRole: 'mentor',
		entity: 'grant',
		entityId: String(grant._id),
		ip,
		details: { visitedOn: checkIn.on, checkInKey: checkIn.key }
	});
	return true;
}

/** The grant, when the actor is its grantee's assigned mentor: the only one who records check-ins. */
export async function assignedGrant(actor: SessionUser, grantId: string) {
	if (!actor.roles.includes('mentor')) throw new MentoringError('forbidden');
	const { grant, access } = await grantFor(actor, grantId);
	if (access !== 'mentor' && access !== 'staff') throw new MentoringError('notFound');
	const assignment = await MentorAssignment.findOne({ participantId: grant.participantId }).lean();
	if (!assignment || String(assignment.mentorId) !== actor.id) {
		throw new MentoringError('notAssigned');
	}
	return grant;
}

/** The business's figures, the same in a check-in and in her own report. */
const figuresOf = (input: CheckInInput | SelfReportInput) => ({
	businessStatus: input.businessStatus,
	salesMnt: input.salesMnt,
	costsMnt: input.costsMnt,
	customersPerWeek: input.customersPerWeek,
	workersOwner: input.workersOwner,
	workersPaid: input.workersPaid,
	workersFamily: input.workersFamily
});

export interface CheckInResult {
	checkInId: string;
	/** Already stored under this key: nothing new was written. */
	duplicate: boolean;
	/** This check-in opened the gated tranche. */
	verified: boolean;
}

/**
 * Her assigned mentor records a check-in. Sent twice (a double tap, a queue replayed after a
 * lost answer), it is stored once: the key is unique, and a resend returns the first. The
 * safeguarding concern is stored first, so that whatever fails after it, the coordinators are
 * alerted; the photos before the check-in that names them.
 */
export async function recordCheckIn(
	actor: SessionUser,
	grantId: string,
	input: CheckInInput,
	files: readonly File[],
	ip: string
): Promise<CheckInResult> {
	const grant = await assignedGrant(actor, grantId);
	const again = await storedUnder(input.idempotencyKey, grant._id, actor.id);
	if (again) {
		const verified =
			again.verifiesOperating &&
			(await verifyFromCheckIn(
				actor,
				grant,
				{ on: again.on, key: input.idempotencyKey, note: verificationNote(input) },
				ip
			));
		return { checkInId: String(again._id), duplicate: true, verified };
	}
	if (grant.cancelledAt) throw new MentoringError('cancelled');
	if (!grant.signedOn) throw new MentoringError('notSigned');
	// Both are days as picked in a form (UTC midnight of the day).
	if (dayOf(input.on) < dayOf(grant.signedOn)) {
		throw new MentoringError('beforeGrant', 'on');
	}
	// "Operating" opens the tranche after the first: it means something once money has moved.
	if (input.verifiesOperating && !(await MentoringSchedule.exists({ grantId: grant._id }))) {
		throw new MentoringError('verifyTooEarly', 'verifiesOperating');
	}
	const known = new Set((await grantMilestones(grant)).map((m) => m.key));
	if (input.milestones.some((key) => !known.has(key))) {
		throw new MentoringError('milestone', 'milestones');
	}
	const photos = await checkedPhotos(files);

	let concernId: string | null = null;
	if (input.safeguarding === 'yes') {
		try {
			const concern = await SafeguardingConcern.create({
				checkInKey: input.idempotencyKey,
				grantId: grant._id,
				participantId: grant.participantId,
				cohortId: grant.cohortId,
				soum: grant.soum,
				note: input.safeguardingNote,
				raisedBy: actor.id,
				raisedAt: new Date()
			});
			concernId = String(concern._id);
		} catch (error) {
			if (!isDuplicateKey(error)) throw error;
		}
	}

	await mkdir(photosDir(), { recursive: true });
	const stored = [];
	for (const [index, photo] of photos.entries()) {
		const file = `${input.idempotencyKey}-${index + 1}`;
		const partial = path.join(photosDir(), `${file}.${process.pid}.part`);
		await writeFile(partial, photo.bytes);
		await rename(partial, path.join(photosDir(), file));
		stored.push({ file, contentType: photo.contentType, sizeBytes: photo.bytes.length });
	}

	let checkInId: string;
	try {
		const created = await CheckIn.create({
			idempotencyKey: input.idempotencyKey,
			grantId: grant._id,
			participantId: grant.participantId,
			cohortId: grant.cohortId,
			soum: grant.soum,
			source: 'mentor',
			on: input.on,
			mode: input.mode,
			...figuresOf(input),
			milestones: input.milestones,
			supportGiven: input.supportGiven,
			problems: input.problems,
			nextSteps: input.nextSteps,
			photos: stored,
			verifiesOperating: input.verifiesOperating,
			safeguarding: input.safeguarding === 'yes',
			recordedBy: actor.id,
			recordedAt: new Date(),
			queuedOffline: input.queuedOffline
		});
		checkInId = String(created._id);
	} catch (error) {
		if (!isDuplicateKey(error)) {
			// Nothing names these files: take them away again (a resend writes them anew).
			for (const photo of stored) await rm(path.join(photosDir(), photo.file), { force: true });
			throw error;
		}
		// The same check-in arriving twice at once: the other request stored it.
		const other = await storedUnder(input.idempotencyKey, grant._id, actor.id);
		return { checkInId: String(other!._id), duplicate: true, verified: false };
	}

	await audit({
		action: 'checkin.recorded',
		actorId: actor.id,
		actorRole: 'mentor',
		entity: 'grant',
		entityId: grantId,
		ip,
		details: {
			checkInId,
			on: input.on,
			mode: input.mode,
			businessStatus: input.businessStatus,
			photos: stored.length,
			queuedOffline: input.queuedOffline
		}
	});
	if (concernId) {
		// Who raised it and about which grant; never what it says.
		await audit({
			action: 'safeguarding.raised',
			actorId: actor.id,
			actorRole: 'mentor',
			entity: 'safeguarding',
			entityId: concernId,
			ip,
			details: { grantId, checkInId }
		});
	}
	const verified =
		input.verifiesOperating &&
		(await verifyFromCheckIn(
			actor,
			grant,
			{ on: input.on, key: input.idempotencyKey, note: verificationNote(input) },
			ip
		));
	return { checkInId, duplicate: false, verified };
}

/** The grant a woman may report on: her own, signed and not withdrawn. */
async function ownSignedGrant(actor: SessionUser) {
	if (!actor.roles.includes('applicant')) throw new MentoringError('forbidden');
	const participant = await Participant.findOne({ userId: actor.id }, { _id: 1 }).lean();
	if (!participant) throw new MentoringError('notFound');
	const grant = await Grant.findOne({
		participantId: participant._id,
		cancelledAt: { $exists: false }
	}).lean();
	if (!grant) throw new MentoringError('notFound');
	if (!grant.signedOn) throw new MentoringError('notSigned');
	return grant;
}

/** She adds her own figures for a month, shown as self-reported. Stored once per key. */
export async function recordSelfReport(
	actor: SessionUser,
	input: SelfReportInput,
	ip: string,
	now = new Date()
): Promise<CheckInResult> {
	const grant = await ownSignedGrant(actor);
	const again = await storedUnder(input.idempotencyKey, grant._id, actor.id);
	if (again) return { checkInId: String(again._id), duplicate: true, verified: false };
	// Figures of her business: from the month her agreement was signed.
	if (input.month < dayOf(grant.signedOn!).slice(0, 7)) {
		throw new MentoringError('beforeGrant', 'month');
	}
	const today = ulaanbaatarDay(now);
	try {
		const created = await CheckIn.create({
			idempotencyKey: input.idempotencyKey,
			grantId: grant._id,
			participantId: grant.participantId,
			cohortId: grant.cohortId,
			soum: grant.soum,
			source: 'self',
			on: new Date(`${today}T00:00:00Z`),
			month: input.month,
			mode: 'self',
			...figuresOf(input),
			problems: input.problems,
			recordedBy: actor.id,
			recordedAt: now
		});
		await audit({
			action: 'checkin.self_reported',
			actorId: actor.id,
			actorRole: 'applicant',
			entity: 'grant',
			entityId: String(grant._id),
			ip,
			details: { checkInId: String(created._id), month: input.month }
		});
		return { checkInId: String(created._id), duplicate: false, verified: false };
	} catch (error) {
		if (!isDuplicateKey(error)) throw error;
		const other = await storedUnder(input.idempotencyKey, grant._id, actor.id);
		return { checkInId: String(other!._id), duplicate: true, verified: false };
	}
}
