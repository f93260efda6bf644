// The participant registry: registration (with her account and set-up code), profile, consent,
// the protected flag, search, and the views of mentors and of the woman herself.
import { Types } from 'mongoose';
import {
	CONSENT_PURPOSES,
	currentConsent,
	type ConsentPurpose,
	type ConsentState,
	type Stage
} from '$lib/domain/participant';
import { searchSkeleton } from '$lib/domain/transliteration';
import type {
	ParticipantFilters,
	ParticipantProfileInput,
	RegisterParticipantInput
} from '$lib/schemas/participants';
import { audit } from '$lib/server/audit';
import { forgetAccount, type SessionUser } from '$lib/server/auth/session';
import { Cohort } from '$lib/server/db/models/cohort';
import { ConsentRecord } from '$lib/server/db/models/consentRecord';
import { MentorAssignment } from '$lib/server/db/models/mentorAssignment';
import { Participant } from '$lib/server/db/models/participant';
import { SetupCode } from '$lib/server/db/models/setupCode';
import { User } from '$lib/server/db/models/user';
import { AccountError, createAccount } from './accounts';
import { currentCohort } from './cohorts';
import { canViewProtected, identitiesOf, type ParticipantIdentity } from './participantIdentity';

export class ParticipantError extends Error {
	constructor(
		readonly code:
			| 'notFound'
			| 'noCohort'
			| 'soumNotInCohort'
			| 'phoneTaken'
			| 'protectedNeedsPermission'
			| 'erased'
	) {
		super(code);
	}
}

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The next free pseudonymous code of the cohort, claimed by a unique-key insert. */
async function insertWithCode(
	prefix: string,
	cohortId: Types.ObjectId,
	fields: Record<string, unknown>
) {
	let n = (await Participant.countDocuments({ cohortId })) + 1;
	for (let attempt = 0; attempt < 50; attempt++, n++) {
		try {
			return await Participant.create({
				...fields,
				cohortId,
				code: `${prefix}-${String(n).padStart(3, '0')}`
			});
		} catch (error) {
			// FerretDB's duplicate-key errors do not name the index; the only unique key a new
			// participant can collide on is the code (her userId is new).
			if (!isDuplicateKey(error)) throw error;
		}
	}
	throw new Error('could not allocate a participant code');
}

function profileFields(input: ParticipantProfileInput) {
	return {
		soum: input.soum,
		bag: input.bag || undefined,
		originPlace: input.originPlace || undefined,
		arrivalYear: input.arrivalYear,
		birthYear: input.birthYear,
		householdSize: input.householdSize,
		children: input.children,
		education: input.education,
		currentWork: input.currentWork || undefined,
		referralSource: input.referralSource,
		notes: input.notes || undefined,
		nationalId: input.nationalId || undefined,
		nameSkeleton: searchSkeleton(input.name)
	};
}

/**
 * Registers a woman in the current cohort: her account (phone, name) with a one-time set-up
 * code, her profile, and the consents she gave. Nothing is left half-stored on failure.
 */
export async function registerParticipant(
	actor: SessionUser,
	input: RegisterParticipantInput,
	ip: string
): Promise<{ id: string; code: string; setupCode: string }> {
	const cohort = await currentCohort();
	if (!cohort) throw new ParticipantError('noCohort');
	if (!cohort.soums.some((s) => s.code === input.soum)) {
		throw new ParticipantError('soumNotInCohort');
	}
	const prefix = (await Cohort.findById(cohort.id, { codePrefix: 1 }).lean())?.codePrefix ?? 'P';

	let created;
	try {
		created = await createAccount(
			actor,
			{ name: input.name, phone: input.phone, roles: ['applicant'], soums: [input.soum] },
			ip
		);
	} catch (error) {
		if (error instanceof AccountError && error.code === 'phoneTaken') {
			throw new ParticipantError('phoneTaken');
		}
		throw error;
	}
	const userId = new Types.ObjectId(created.account.id);
	let participant;
	try {
		participant = await insertWithCode(prefix, new Types.ObjectId(cohort.id), {
			...profileFields(input),
			userId,
			createdBy: actor.id
		});
		const on = new Date(`${input.consentOn}T00:00:00Z`);
		await ConsentRecord.insertMany(
			input.consents.map((purpose) => ({
				participantId: participant!._id,
				purpose,
				action: 'given',
				on,
				method: input.consentMethod,
				witness: input.consentWitness || undefined,
				recordedBy: actor.id
			}))
		);
	} catch (error) {
		// Undo: no account without a participant, no participant without her consent records.
		if (participant) {
			await ConsentRecord.deleteMany({ participantId: participant._id });
			await Participant.deleteOne({ _id: participant._id });
		}
		await SetupCode.deleteMany({ userId });
		await User.deleteOne({ _id: userId });
		throw error;
	}
	await audit({
		action: 'participant.registered',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'participant',
		entityId: String(participant._id),
		onBehalfOf: String(userId),
		ip,
		details: { consents: input.consents }
	});
	return { id: String(participant._id), code: participant.code, setupCode: created.code };
}

export interface ParticipantRow extends ParticipantIdentity {
	soum: string;
	stage: Stage;
	/** Only for coordinators and admins. */
	protected?: boolean;
	consent: Record<ConsentPurpose, boolean>;
}

async function consentStates(participantIds: Types.ObjectId[]) {
	const records = await ConsentRecord.find(
		{ participantId: { $in: participantIds } },
		{ participantId: 1, purpose: 1, action: 1, on: 1, recordedAt: 1 }
	).lean();
	const grouped = new Map<string, typeof records>();
	for (const record of records) {
		const key = String(record.participantId);
		grouped.set(key, [...(grouped.get(key) ?? []), record]);
	}
	return (id: Types.ObjectId): ConsentState => currentConsent(grouped.get(String(id)) ?? []);
}

const isStaff = (viewer: SessionUser) =>
	viewer.roles.includes('coordinator') || viewer.roles.includes('admin');

async function buildFilter(viewer: SessionUser, filters: ParticipantFilters) {
	const cohortId = filters.cohort ?? (await currentCohort())?.id;
	const filter: Record<string, unknown> = cohortId ? { cohortId } : {};
	if (filters.soum) filter.soum = filters.soum;
	if (filters.stage) filter.stage = filters.stage;
	const q = filters.q?.trim();
	if (q) {
		const or: Record<string, unknown>[] = [
			{ code: { $regex: `^${escapeRegex(q.toUpperCase())}` } }
		];
		const skeleton = searchSkeleton(q);
		// A protected woman is never found by her name or phone by someone who may not see them.
		const identityVisible = canViewProtected(viewer) ? {} : { protected: { $ne: true } };
		if (skeleton) or.push({ nameSkeleton: { $regex: escapeRegex(skeleton) }, ...identityVisible });
		const digits = q.replace(/\D/g, '');
		if (digits.length >= 3) {
			const users = await User.find(
				{ phone: { $regex: escapeRegex(digits) }, roles: 'applicant' },
				{ _id: 1 }
			).lean();
			or.push({ userId: { $in: users.map((u) => u._id) }, ...identityVisible });
		}
		filter.$or = or;
	}
	return filter;
}

/** Coordinators' list: search, filters, paging; identities masked as the viewer may see them. */
export async function listParticipants(
	viewer: SessionUser,
	filters: ParticipantFilters,
	ip: string,
	pageSize = 25
) {
	const filter = await buildFilter(viewer, filters);
	const page = filters.page ?? 1;
	const [rows, total] = await Promise.all([
		Participant.find(filter)
			.sort({ createdAt: -1, _id: -1 })
			.skip((page - 1) * pageSize)
			.limit(pageSize)
			.lean(),
		Participant.countDocuments(filter)
	]);
	return { rows: await presentRows(viewer, rows, { ip }), total, page, pageSize };
}

interface ParticipantLean {
	_id: Types.ObjectId;
	userId: Types.ObjectId;
	code: string;
	soum: string;
	stage?: string | null;
	bag?: string | null;
	nationalId?: string | null;
	protected?: boolean | null;
}

async function presentRows(
	viewer: SessionUser,
	rows: ParticipantLean[],
	options: { ip?: string; forExport?: boolean }
): Promise<ParticipantRow[]> {
	const [identities, consentOf] = await Promise.all([
		identitiesOf(viewer, rows, options),
		consentStates(rows.map((r) => r._id))
	]);
	return rows.map((row) => {
		const consent = consentOf(row._id);
		return {
			...identities.get(String(row._id))!,
			soum: row.soum,
			stage: (row.stage ?? 'training') as Stage,
			...(isStaff(viewer) ? { protected: Boolean(row.protected) } : {}),
			consent: Object.fromEntries(
				CONSENT_PURPOSES.map((purpose) => [purpose, consent[purpose].given])
			) as Record<ConsentPurpose, boolean>
		};
	});
}

async function findParticipant(id: string) {
	const row = Types.ObjectId.isValid(id) ? await Participant.findById(id).lean() : null;
	if (!row) throw new ParticipantError('notFound');
	return row;
}

/** Her record, to change: an erased one (or one being erased) keeps only her code. */
async function findEditableParticipant(id: string) {
	const row = await findParticipant(id);
	if (row.erasedAt || row.erasureStartedAt) throw new ParticipantError('erased');
	return row;
}

/** One participant's record for coordinators. */
export async function getParticipant(viewer: SessionUser, id: string, ip: string) {
	const row = await findParticipant(id);
	const [identity] = (await identitiesOf(viewer, [row], { ip })).values();
	const records = await ConsentRecord.find({ participantId: row._id })
		.sort({ recordedAt: -1 })
		.populate<{ recordedBy: { name: string } | null }>('recordedBy', 'name')
		.lean();
	const masked = identity!.masked;
	return {
		identity: identity!,
		accountId: String(row.userId),
		profile: {
			soum: row.soum,
			bag: masked ? null : (row.bag ?? ''),
			originPlace: row.originPlace ?? '',
			arrivalYear: row.arrivalYear ?? undefined,
			birthYear: row.birthYear ?? undefined,
			householdSize: row.householdSize ?? undefined,
			children: row.children ?? undefined,
			education: row.education ?? undefined,
			currentWork: row.currentWork ?? '',
			referralSource: row.referralSource,
			notes: row.notes ?? '',
			nationalId: masked ? null : (row.nationalId ?? '')
		},
		stage: (row.stage ?? 'training') as Stage,
		eligibleAt: row.eligibleAt ?? null,
		protected: Boolean(row.protected),
		consent: currentConsent(records),
		consentHistory: records.map((r) => ({
			id: String(r._id),
			purpose: r.purpose as ConsentPurpose,
			action: r.action as 'given' | 'withdrawn',
			on: r.on,
			method: r.method,
			witness: r.witness ?? null,
			recordedBy: r.recordedBy?.name ?? null,
			recordedAt: r.recordedAt
		}))
	};
}

/** Staff edit her profile on her behalf (audited as such). */
export async function updateParticipant(
	actor: SessionUser,
	id: string,
	input: ParticipantProfileInput,
	ip: string
): Promise<void> {
	const row = await findEditableParticipant(id);
	if (row.protected && !canViewProtected(actor)) {
		throw new ParticipantError('protectedNeedsPermission');
	}
	const cohort = await Cohort.findById(row.cohortId, { soums: 1 }).lean();
	if (!cohort?.soums.includes(input.soum)) throw new ParticipantError('soumNotInCohort');
	const clash = await User.exists({ phone: input.phone, _id: { $ne: row.userId } });
	if (clash) throw new ParticipantError('phoneTaken');
	try {
		await User.updateOne(
			{ _id: row.userId },
			{ $set: { name: input.name, phone: input.phone, soums: [input.soum] } }
		);
		forgetAccount(row.userId);
	} catch (error) {
		if (isDuplicateKey(error)) throw new ParticipantError('phoneTaken');
		throw error;
	}
	const fields = profileFields(input);
	const unset = Object.fromEntries(
		Object.entries(fields)
			.filter(([, value]) => value === undefined)
			.map(([key]) => [key, 1])
	);
	const set = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
	await Participant.updateOne(
		{ _id: row._id },
		Object.keys(unset).length ? { $set: set, $unset: unset } : { $set: set }
	);
	await audit({
		action: 'participant.updated',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'participant',
		entityId: id,
		onBehalfOf: String(row.userId),
		ip
	});
}

export async function recordConsent(
	actor: SessionUser,
	id: string,
	input: {
		purpose: ConsentPurpose;
		action: 'given' | 'withdrawn';
		on: string;
		method: 'signed_form' | 'verbal_witnessed';
		witness: string;
	},
	ip: string
): Promise<void> {
	const row = await findEditableParticipant(id);
	await ConsentRecord.create({
		participantId: row._id,
		purpose: input.purpose,
		action: input.action,
		on: new Date(`${input.on}T00:00:00Z`),
		method: input.method,
		witness: input.witness || undefined,
		recordedBy: actor.id
	});
	await audit({
		action: 'participant.consent_recorded',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'participant',
		entityId: id,
		onBehalfOf: String(row.userId),
		ip,
		details: { purpose: input.purpose, action: input.action }
	});
}

/** Coordinators only: mark or unmark her as protected. */
export async function setProtected(
	actor: SessionUser,
	id: string,
	isProtected: boolean,
	ip: string
): Promise<void> {
	const row = await findEditableParticipant(id);
	await Participant.updateOne({ _id: row._id }, { $set: { protected: isProtected } });
	await audit({
		action: 'participant.protected_set',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'participant',
		entityId: id,
		ip,
		details: { protected: isProtected }
	});
}

/**
 * A mentor's participants: those living in her soums who consented to sharing with the soum
 * administration, except those a coordinator assigned to another mentor.
 */
export async function mentorParticipants(mentor: SessionUser, ip: string) {
	const cohort = await currentCohort();
	if (!cohort || mentor.soums.length === 0) return [];
	const others = await MentorAssignment.find(
		{ cohortId: cohort.id, mentorId: { $ne: mentor.id } },
		{ participantId: 1 }
	).lean();
	const rows = await Participant.find({
		cohortId: cohort.id,
		soum: { $in: mentor.soums },
		_id: { $nin: others.map((a) => a.participantId) }
	})
		.sort({ code: 1 })
		.lean();
	const presented = await presentRows(mentor, rows, { ip });
	return presented.filter((row) => row.consent.soum_sharing);
}

/** Her own participant record, for /applicant. Null when she is not (yet) a participant. */
export async function ownParticipant(user: SessionUser) {
	const row = await Participant.findOne({ userId: user.id }).lean();
	if (!row) return null;
	const records = await ConsentRecord.find({ participantId: row._id }).lean();
	return {
		id: String(row._id),
		code: row.code,
		soum: row.soum,
		stage: (row.stage ?? 'training') as Stage,
		eligibleAt: row.eligibleAt ?? null,
		consent: currentConsent(records)
	};
}
