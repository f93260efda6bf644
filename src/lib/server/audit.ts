// The audit log: who did what, in which role, to what, when, from where, on whose behalf; and
// the admin's view of it (/admin/audit): filtered, paged, and exported as a streamed CSV.
import type { Types } from 'mongoose';
import { searchSkeleton } from '$lib/domain/transliteration';
import type { AuditFilters } from '$lib/schemas/auditLog';
import type { SessionUser } from '$lib/server/auth/session';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { Participant } from '$lib/server/db/models/participant';
import { User } from '$lib/server/db/models/user';
import { noteAudited } from '$lib/server/changes';

export type { AuditFilters } from '$lib/schemas/auditLog';

export const AUDIT_ACTIONS = [
	'auth.signin',
	'auth.signin_failed',
	'auth.signin_throttled',
	'auth.signout',
	'auth.signout_everywhere',
	'auth.password_changed',
	'auth.setup_completed',
	'auth.setup_failed',
	'account.created',
	'account.disabled',
	'account.enabled',
	'account.code_issued',
	'account.permission_changed',
	'audit.viewed',
	'audit.exported',
	'report.viewed',
	'cohort.setting_changed',
	'report.exported',
	'export.downloaded',
	'participant.registered',
	'participant.updated',
	'participant.protected_set',
	'participant.protected_viewed',
	'participant.consent_recorded',
	'participant.exported',
	'participant.erased',
	'plan.saved_on_behalf',
	'plan.submitted',
	'plan.returned',
	'plan.commented',
	'review.rubric_updated',
	'review.committee_changed',
	'review.assigned',
	'review.unassigned',
	'review.conflict_declared',
	'review.plan_opened',
	'review.submitted',
	'review.need_scored',
	'review.decided',
	'review.outcomes_published',
	'review.pack_exported',
	'training.course_created',
	'training.session_created',
	'training.enrolled',
	'training.attendance_saved',
	'training.trainer_marked',
	'training.unenrolled',
	'grant.created',
	'grant.rules_changed',
	'grant.schedule_changed',
	'grant.signed',
	'grant.verified',
	'grant.viewed',
	'grant.agreement_printed',
	'payment.requested',
	'payment.refused',
	'payment.approved',
	'payment.rejected',
	'payment.paid',
	'payment.own_refused',
	'payment.viewed',
	'receipt.uploaded',
	'receipt.viewed',
	'mentoring.assigned',
	'mentoring.rule_changed',
	'mentoring.viewed',
	'checkin.recorded',
	'checkin.self_reported',
	'checkin.photo_viewed',
	'safeguarding.raised',
	'safeguarding.listed',
	'safeguarding.read',
	'safeguarding.closed',
	'demo.seeded'
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEvent {
	action: AuditAction;
	actorId?: string | null;
	actorRole?: string | null;
	entity?: string;
	entityId?: string;
	onBehalfOf?: string | null;
	ip?: string | null;
	details?: Record<string, unknown>;
}

export async function audit(event: AuditEvent): Promise<void> {
	noteAudited(event.action);
	await AuditEntry.create({
		at: new Date(),
		action: event.action,
		actorId: event.actorId ?? undefined,
		actorRole: event.actorRole ?? undefined,
		entity: event.entity,
		entityId: event.entityId,
		onBehalfOf: event.onBehalfOf ?? undefined,
		ip: event.ip ?? undefined,
		details: event.details
	});
}

/** The areas of the actions (auth, payment ...), in the order of AUDIT_ACTIONS, with their actions. */
export function auditActionAreas(): { area: string; actions: AuditAction[] }[] {
	const areas = new Map<string, AuditAction[]>();
	for (const action of AUDIT_ACTIONS) {
		const area = action.slice(0, action.indexOf('.'));
		areas.set(area, [...(areas.get(area) ?? []), action]);
	}
	return [...areas].map(([area, actions]) => ({ area, actions }));
}

/** The kinds of record the portal's entries name (`entity`), for the filter's choices. */
export const AUDIT_ENTITIES = [
	'user',
	'participant',
	'cohort',
	'course',
	'trainingSession',
	'enrolment',
	'plan',
	'grant',
	'payment',
	'safeguarding'
] as const;

// ——— Reading the log ———

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const DAY_MS = 24 * 60 * 60 * 1000;
/** Ulaanbaatar is UTC+8 all year (no daylight saving since 2017). */
const ULAANBAATAR_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The instant a YYYY-MM-DD day starts in Ulaanbaatar. */
export function ulaanbaatarDayStart(day: string): Date {
	const [year, month, date] = day.split('-').map(Number);
	return new Date(Date.UTC(year!, month! - 1, date!) - ULAANBAATAR_OFFSET_MS);
}

const canViewProtected = (viewer: SessionUser | null | undefined) =>
	Boolean(viewer?.permissions.includes('viewProtected'));

/**
 * The accounts a `person` filter means: phone digits (3 or more) match anywhere in the
 * phone; letters match part of the name, as written (case-insensitive, Cyrillic included) or
 * in the other alphabet (Оюунчимэг, Oyunchimeg); a participant code (UMN-26-005) matches her
 * account. A protected participant is found by her name or phone only by a viewer who may
 * see them; by her code, by anyone.
 */
async function personIds(
	person: string,
	viewer: SessionUser | null | undefined
): Promise<Types.ObjectId[]> {
	const found = new Map<string, Types.ObjectId>();
	const add = (id: Types.ObjectId) => found.set(String(id), id);
	const digits = person.replace(/\D/g, '');
	const hasLetters = /\p{L}/u.test(person);
	const or: Record<string, unknown>[] = [];
	if (!hasLetters && digits.length >= 3) or.push({ phone: { $regex: escapeRegex(digits) } });
	if (hasLetters) or.push({ name: { $regex: escapeRegex(person), $options: 'i' } });
	if (or.length) {
		for (const user of await User.find({ $or: or }, { _id: 1 }).lean()) add(user._id);
	}
	const skeleton = hasLetters ? searchSkeleton(person) : '';
	if (skeleton) {
		// Participants carry the skeleton of their name; staff accounts are few, so theirs is
		// computed here, one batch at a time.
		const participants = await Participant.find(
			{ nameSkeleton: { $regex: escapeRegex(skeleton) } },
			{ userId: 1 }
		).lean();
		for (const participant of participants) add(participant.userId);
		const staff = User.find({ roles: { $nin: ['applicant'] } }, { name: 1 })
			.lean()
			.cursor({ batchSize: 500 });
		for await (const user of staff) {
			if (searchSkeleton(user.name).includes(skeleton)) add(user._id);
		}
	}
	if (found.size && !canViewProtected(viewer)) {
		const hidden = await Participant.find(
			{ userId: { $in: [...found.values()] }, protected: true },
			{ userId: 1 }
		).lean();
		for (const participant of hidden) found.delete(String(participant.userId));
	}
	if (hasLetters && /^[a-z]{2,10}-\d/i.test(person)) {
		const byCode = await Participant.find(
			{ code: { $regex: `^${escapeRegex(person.toUpperCase())}` } },
			{ userId: 1 }
		).lean();
		for (const participant of byCode) add(participant.userId);
	}
	return [...found.values()];
}

/**
 * The database query for the filters, shared by the page and the export. Uses only what
 * FerretDB v1 does (docs/database.md): equality, an anchored regex, a date range, `$in`, `$or`.
 */
export async function auditQuery(
	filters: AuditFilters,
	viewer?: SessionUser | null
): Promise<Record<string, unknown>> {
	const query: Record<string, unknown> = {};
	const action = filters.action;
	if (action) {
		const dot = action.indexOf('.');
		if (dot === -1 || dot === action.length - 1) {
			const area = dot === -1 ? action : action.slice(0, dot);
			query.action = { $regex: `^${escapeRegex(area)}\\.` };
		} else {
			query.action = action;
		}
	}
	if (filters.entity) query.entity = filters.entity;
	if (filters.entityId) query.entityId = filters.entityId;
	if (filters.from || filters.to) {
		const at: Record<string, Date> = {};
		if (filters.from) at.$gte = ulaanbaatarDayStart(filters.from);
		if (filters.to) at.$lt = new Date(ulaanbaatarDayStart(filters.to).getTime() + DAY_MS);
		query.at = at;
	}
	if (filters.person) {
		const ids = await personIds(filters.person, viewer);
		query.$or = [{ actorId: { $in: ids } }, { onBehalfOf: { $in: ids } }];
	}
	return query;
}

interface StoredEntry {
	_id: Types.ObjectId;
	at: Date;
	action: string;
	actorId?: Types.ObjectId | null;
	actorRole?: string | null;
	entity?: string | null;
	entityId?: string | null;
	onBehalfOf?: Types.ObjectId | null;
	ip?: string | null;
	details?: unknown;
}

export interface AuditRow {
	id: string;
	at: Date;
	action: string;
	/** Her name, or her participant code when she is a protected participant masked here. */
	actorName: string | null;
	actorPhone: string | null;
	actorRole: string | null;
	entity: string | null;
	entityId: string | null;
	/** Name (or code, when masked) of the person acted for, else her account id. */
	onBehalfOf: string | null;
	ip: string | null;
	/** The stored details as JSON, nothing added. */
	details: string | null;
}

interface Person {
	name: string;
	phone: string | null;
}

/**
 * The people of a batch of entries (actors and those acted for), by account id. Protected
 * participants are shown by their code unless `unmaskProtected`; participant ids shown
 * unmasked are returned, for the audit of that view.
 */
async function peopleOf(
	entries: readonly StoredEntry[],
	unmaskProtected: boolean
): Promise<{ people: Map<string, Person>; protectedShown: string[] }> {
	const ids = new Map<string, Types.ObjectId>();
	for (const entry of entries) {
		if (entry.actorId) ids.set(String(entry.actorId), entry.actorId);
		if (entry.onBehalfOf) ids.set(String(entry.onBehalfOf), entry.onBehalfOf);
	}
	const people = new Map<string, Person>();
	const protectedShown: string[] = [];
	if (!ids.size) return { people, protectedShown };
	const [users, protectedParticipants] = await Promise.all([
		User.find({ _id: { $in: [...ids.values()] } }, { name: 1, phone: 1 }).lean(),
		Participant.find(
			{ userId: { $in: [...ids.values()] }, protected: true },
			{ userId: 1, code: 1 }
		).lean()
	]);
	for (const user of users) people.set(String(user._id), { name: user.name, phone: user.phone });
	for (const participant of protectedParticipants) {
		if (unmaskProtected) protectedShown.push(String(participant._id));
		else people.set(String(participant.userId), { name: participant.code, phone: null });
	}
	return { people, protectedShown };
}

function presentEntry(entry: StoredEntry, people: Map<string, Person>): AuditRow {
	const actor = entry.actorId ? people.get(String(entry.actorId)) : undefined;
	const onBehalfOf = entry.onBehalfOf ? String(entry.onBehalfOf) : null;
	return {
		id: String(entry._id),
		at: entry.at,
		action: entry.action,
		actorName: actor?.name ?? null,
		actorPhone: actor?.phone ?? null,
		actorRole: entry.actorRole ?? null,
		entity: entry.entity ?? null,
		entityId: entry.entityId ?? null,
		onBehalfOf: onBehalfOf ? (people.get(onBehalfOf)?.name ?? onBehalfOf) : null,
		ip: entry.ip ?? null,
		details: entry.details ? JSON.stringify(entry.details) : null
	};
}

export interface AuditListOptions {
	/** The admin reading: a protected participant is named only if she may view protected. */
	viewer?: SessionUser | null;
	ip?: string;
	pageSize?: number;
}

/** One page of the filtered log, newest first, with the number of entries that match. */
export async function listAudit(
	filters: AuditFilters,
	{ viewer, ip, pageSize = 50 }: AuditListOptions = {}
) {
	const page = filters.page ?? 1;
	const query = await auditQuery(filters, viewer);
	const [entries, total] = await Promise.all([
		AuditEntry.find(query)
			.sort({ at: -1, _id: -1 })
			.skip((page - 1) * pageSize)
			.limit(pageSize)
			.lean<StoredEntry[]>(),
		AuditEntry.countDocuments(query)
	]);
	const { people, protectedShown } = await peopleOf(entries, canViewProtected(viewer));
	if (protectedShown.length && viewer) {
		await audit({
			action: 'participant.protected_viewed',
			actorId: viewer.id,
			actorRole: 'admin',
			entity: 'participant',
			entityId: protectedShown.length === 1 ? protectedShown[0] : undefined,
			ip,
			details: { participants: protectedShown }
		});
	}
	return { total, page, pageSize, rows: entries.map((entry) => presentEntry(entry, people)) };
}

/** Column headers of the CSV export, in order. */
export interface AuditCsvHeader {
	at: string;
	action: string;
	actorName: string;
	actorPhone: string;
	actorRole: string;
	entity: string;
	entityId: string;
	onBehalfOf: string;
	ip: string;
	details: string;
}
export const AUDIT_CSV_COLUMNS = [
	'at',
	'action',
	'actorName',
	'actorPhone',
	'actorRole',
	'entity',
	'entityId',
	'onBehalfOf',
	'ip',
	'details'
] as const satisfies readonly (keyof AuditCsvHeader)[];

/** 2026-05-04T14:02:03+08:00: the instant in Ulaanbaatar time, unambiguous for spreadsheets. */
export function ulaanbaatarTimestamp(at: Date): string {
	return `${new Date(at.getTime() + ULAANBAATAR_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

const EXPORT_BATCH = 500;

/**
 * The filtered log as CSV rows, the header first, newest entry first: read from a cursor
 * `EXPORT_BATCH` entries at a time, the people of each batch looked up together, so the log
 * is never held in memory. Protected participants are always shown by their code: exports
 * leave the portal. Closing the iterator early closes the cursor.
 */
export async function* auditRows(
	filters: AuditFilters,
	{ viewer, header }: { viewer?: SessionUser | null; header: AuditCsvHeader }
): AsyncGenerator<string[]> {
	const query = await auditQuery(filters, viewer);
	yield AUDIT_CSV_COLUMNS.map((column) => header[column]);
	const cursor = AuditEntry.find(query)
		.sort({ at: -1, _id: -1 })
		.lean<StoredEntry[]>()
		.cursor({ batchSize: EXPORT_BATCH });
	const toRows = async (batch: StoredEntry[]) => {
		const { people } = await peopleOf(batch, false);
		return batch.map((entry) => {
			const row = presentEntry(entry, people);
			return AUDIT_CSV_COLUMNS.map((column) =>
				column === 'at' ? ulaanbaatarTimestamp(row.at) : (row[column] ?? '')
			);
		});
	};
	try {
		let batch: StoredEntry[] = [];
		for await (const entry of cursor) {
			batch.push(entry as StoredEntry);
			if (batch.length === EXPORT_BATCH) {
				yield* await toRows(batch);
				batch = [];
			}
		}
		if (batch.length) yield* await toRows(batch);
	} finally {
		await cursor.close();
	}
}
