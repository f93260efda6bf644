import { Types } from 'mongoose';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Role } from '$lib/domain/roles';
import { searchSkeleton } from '$lib/domain/transliteration';
import { parseAuditFilters, type AuditFilters } from '$lib/schemas/auditLog';
import {
	AUDIT_ACTIONS,
	AUDIT_CSV_COLUMNS,
	auditActionAreas,
	auditRows,
	listAudit,
	ulaanbaatarDayStart,
	ulaanbaatarTimestamp,
	type AuditCsvHeader
} from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { Cohort } from '$lib/server/db/models/cohort';
import { Participant } from '$lib/server/db/models/participant';
import { User } from '$lib/server/db/models/user';
import { actor, uniquePhone } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('auditLog');

const HEADER = {} as AuditCsvHeader;
for (const column of AUDIT_CSV_COLUMNS) HEADER[column] = `h:${column}`;

let admin: SessionUser;
let caseworker: SessionUser;
let coordinator: { id: Types.ObjectId; phone: string };
let bolormaa: { id: Types.ObjectId; phone: string };
let hidden: { id: Types.ObjectId; phone: string; code: string };

async function account(name: string, roles: Role[]) {
	const phone = uniquePhone();
	const user = await User.create({ phone, name, roles });
	return { id: user._id, phone };
}

async function participant(
	userId: Types.ObjectId,
	name: string,
	code: string,
	isProtected = false
) {
	await Participant.create({
		userId,
		cohortId: (await Cohort.findOne({ code: 'audit-2026' }).lean())!._id,
		code,
		soum: 'khanbogd',
		referralSource: 'social_worker',
		nameSkeleton: searchSkeleton(name),
		protected: isProtected
	});
}

/** An entry at an exact instant (the portal's `audit()` always stamps "now"). */
async function entry(fields: {
	at: string;
	action: string;
	actorId?: Types.ObjectId;
	onBehalfOf?: Types.ObjectId;
	entity?: string;
	entityId?: string;
	details?: Record<string, unknown>;
}) {
	await AuditEntry.create({ ...fields, at: new Date(fields.at), actorRole: 'test' });
}

const ids = async (filters: Partial<AuditFilters>, viewer: SessionUser = admin) => {
	const result = await listAudit({ page: 1, ...filters }, { viewer, pageSize: 1000 });
	return result.rows.map((row) => row.entityId);
};

async function collect(filters: Partial<AuditFilters>, viewer: SessionUser = admin) {
	const rows: string[][] = [];
	for await (const row of auditRows({ page: 1, ...filters }, { viewer, header: HEADER })) {
		rows.push(row);
	}
	return rows;
}

beforeAll(async () => {
	await Cohort.create({
		code: 'audit-2026',
		name: 'Audit 2026',
		aimag: 'umnugobi',
		soums: ['khanbogd'],
		startsOn: new Date('2026-03-01'),
		budgetMnt: 1_000_000,
		current: true,
		codePrefix: 'AUD-26'
	});
	admin = await actor(['admin']);
	caseworker = await actor(['admin'], { permissions: ['viewProtected'] });
	coordinator = await account('Оюунчимэг Батболд', ['coordinator']);
	bolormaa = await account('Болормаа Очир', ['applicant']);
	await participant(bolormaa.id, 'Болормаа Очир', 'AUD-26-001');
	const hiddenAccount = await account('Нандин Хамгаалалт', ['applicant']);
	hidden = { ...hiddenAccount, code: 'AUD-26-002' };
	await participant(hidden.id, 'Нандин Хамгаалалт', hidden.code, true);

	// One day in Ulaanbaatar, 2026-05-10, is 2026-05-09T16:00Z to 2026-05-10T16:00Z.
	await entry({ at: '2026-05-09T15:59:59.999Z', action: 'auth.signin', entityId: 'day-before' });
	await entry({ at: '2026-05-09T16:00:00.000Z', action: 'auth.signin', entityId: 'first-minute' });
	await entry({
		at: '2026-05-10T15:59:00.000Z',
		action: 'payment.paid',
		actorId: coordinator.id,
		entity: 'payment',
		entityId: 'last-minute',
		details: { amountMnt: 2_500_000 }
	});
	await entry({ at: '2026-05-10T16:00:00.000Z', action: 'auth.signin', entityId: 'next-day' });
	await entry({
		at: '2026-05-11T02:00:00.000Z',
		action: 'payment.approved',
		actorId: coordinator.id,
		entity: 'payment',
		entityId: 'approved'
	});
	await entry({
		at: '2026-05-11T03:00:00.000Z',
		action: 'paymentx.other',
		actorId: coordinator.id,
		entityId: 'not-a-payment'
	});
	await entry({
		at: '2026-05-11T04:00:00.000Z',
		action: 'plan.saved_on_behalf',
		actorId: coordinator.id,
		onBehalfOf: bolormaa.id,
		entity: 'plan',
		entityId: 'on-behalf'
	});
	await entry({
		at: '2026-05-11T05:00:00.000Z',
		action: 'plan.submitted',
		actorId: bolormaa.id,
		entity: 'plan',
		entityId: 'her-plan'
	});
	await entry({
		at: '2026-05-11T06:00:00.000Z',
		action: 'auth.signin',
		actorId: hidden.id,
		entity: 'user',
		entityId: 'hidden-signin'
	});
	await entry({
		at: '2026-05-11T07:00:00.000Z',
		action: 'grant.signed',
		actorId: coordinator.id,
		entity: 'grant',
		entityId: 'g1'
	});
	await entry({
		at: '2026-05-11T08:00:00.000Z',
		action: 'grant.verified',
		actorId: coordinator.id,
		entity: 'grant',
		entityId: 'g2'
	});
});

describe('filters', () => {
	it('parses a query string: blanks are no filter, bad values get their message', () => {
		const ok = parseAuditFilters(new URLSearchParams('person=+&action=&from=2026-05-01&page=2'));
		expect(ok).toEqual({ ok: true, filters: { from: '2026-05-01', page: 2 } });
		const bad = parseAuditFilters(
			new URLSearchParams('from=2026-05-10&to=2026-05-01&entityId=a%20b&action=DROP')
		);
		expect(bad).toEqual({
			ok: false,
			errors: {
				to: 'auditLog.error.range',
				entityId: 'auditLog.error.entityId',
				action: 'auditLog.error.action'
			}
		});
		for (const day of ['2026-02-30', '2026-13-01', '10.05.2026', '2026-5-1', 'x']) {
			expect(parseAuditFilters(new URLSearchParams({ from: day }))).toEqual({
				ok: false,
				errors: { from: 'auditLog.error.day' }
			});
		}
		expect(parseAuditFilters(new URLSearchParams({ person: '80' }))).toMatchObject({
			ok: false,
			errors: { person: 'auditLog.error.person' }
		});
		expect(parseAuditFilters(new URLSearchParams({ page: 'abc' }))).toMatchObject({
			ok: false,
			errors: { page: 'auditLog.error.page' }
		});
		expect(parseAuditFilters(new URLSearchParams({ from: '2028-02-29' })).ok).toBe(true);
	});

	it('groups every action by its area', () => {
		const areas = auditActionAreas();
		expect(areas.flatMap((a) => a.actions).sort()).toEqual([...AUDIT_ACTIONS].sort());
		for (const { area, actions } of areas) {
			expect(actions.every((action) => action.startsWith(`${area}.`))).toBe(true);
		}
		expect(areas.find((a) => a.area === 'payment')?.actions).toContain('payment.paid');
	});

	it('finds a person by part of her phone number', async () => {
		const digits = coordinator.phone.slice(-6);
		const found = await ids({ person: digits });
		expect(found).toEqual(['g2', 'g1', 'on-behalf', 'not-a-payment', 'approved', 'last-minute']);
	});

	it('finds a person by part of her name in Cyrillic, any case, or in Latin letters', async () => {
		const byCoordinator = ['g2', 'g1', 'on-behalf', 'not-a-payment', 'approved', 'last-minute'];
		expect(await ids({ person: 'оюунчимэг' })).toEqual(byCoordinator);
		expect(await ids({ person: 'Oyunchimeg' })).toEqual(byCoordinator);
		expect(await ids({ person: 'Batbold' })).toEqual(byCoordinator);
		// A participant: as the actor, and as the one a coordinator acted for.
		expect(await ids({ person: 'Bolormaa' })).toEqual(['her-plan', 'on-behalf']);
		expect(await ids({ person: 'Болормаа' })).toEqual(['her-plan', 'on-behalf']);
	});

	it('finds no one for a person who matches no account', async () => {
		expect(await ids({ person: 'Zzzzqx' })).toEqual([]);
		expect(await ids({ person: '5550123' })).toEqual([]);
	});

	it('finds a protected participant by name only for a viewer allowed to see her; by code always', async () => {
		expect(await ids({ person: 'Нандин' }, admin)).toEqual([]);
		expect(await ids({ person: hidden.phone }, admin)).toEqual([]);
		expect(await ids({ person: 'Nandin' }, caseworker)).toEqual(['hidden-signin']);
		expect(await ids({ person: hidden.code.toLowerCase() }, admin)).toEqual(['hidden-signin']);
	});

	it('shows a protected participant by her code unless the viewer may see her', async () => {
		const masked = await listAudit({ page: 1, entityId: 'hidden-signin' }, { viewer: admin });
		expect(masked.rows[0]).toMatchObject({ actorName: hidden.code, actorPhone: null });
		const before = await AuditEntry.countDocuments({ action: 'participant.protected_viewed' });
		const shown = await listAudit(
			{ page: 1, entityId: 'hidden-signin' },
			{ viewer: caseworker, ip: '127.0.0.1' }
		);
		expect(shown.rows[0]).toMatchObject({
			actorName: 'Нандин Хамгаалалт',
			actorPhone: hidden.phone
		});
		// Her unmasked view is itself audited, as everywhere else.
		expect(await AuditEntry.countDocuments({ action: 'participant.protected_viewed' })).toBe(
			before + 1
		);
		const exported = await collect({ entityId: 'hidden-signin' }, caseworker);
		expect(exported[1]?.slice(2, 4)).toEqual([hidden.code, '']);
	});

	it('filters by an exact action, or by an area with or without the dot', async () => {
		expect(await ids({ action: 'payment.paid' })).toEqual(['last-minute']);
		expect(await ids({ action: 'payment.' })).toEqual(['approved', 'last-minute']);
		expect(await ids({ action: 'payment' })).toEqual(['approved', 'last-minute']);
		expect(await ids({ action: 'auth.signin' })).toEqual([
			'hidden-signin',
			'next-day',
			'first-minute',
			'day-before'
		]);
	});

	it('filters by the kind of record, and by its id', async () => {
		expect(await ids({ entity: 'grant' })).toEqual(['g2', 'g1']);
		expect(await ids({ entity: 'grant', entityId: 'g1' })).toEqual(['g1']);
		expect(await ids({ entity: 'plan', person: 'Bolormaa' })).toEqual(['her-plan', 'on-behalf']);
	});

	it('turns Ulaanbaatar days into UTC bounds, both days included', async () => {
		expect(ulaanbaatarDayStart('2026-05-10').toISOString()).toBe('2026-05-09T16:00:00.000Z');
		// 00:00 in Ulaanbaatar on the `from` day is in, a moment before is out; 23:59 on the
		// `to` day is in, 00:00 the next day is out.
		expect(await ids({ from: '2026-05-10', to: '2026-05-10' })).toEqual([
			'last-minute',
			'first-minute'
		]);
		expect(await ids({ to: '2026-05-10' })).toEqual(['last-minute', 'first-minute', 'day-before']);
		const from11 = await ids({ from: '2026-05-11' });
		expect(from11).toContain('next-day');
		expect(from11).not.toContain('last-minute');
	});

	it('pages newest first and counts every match', async () => {
		const first = await listAudit({ page: 1, person: 'Oyunchimeg' }, { pageSize: 4 });
		const second = await listAudit({ page: 2, person: 'Oyunchimeg' }, { pageSize: 4 });
		expect(first.total).toBe(6);
		expect(first.rows.map((r) => r.entityId)).toEqual(['g2', 'g1', 'on-behalf', 'not-a-payment']);
		expect(second.rows.map((r) => r.entityId)).toEqual(['approved', 'last-minute']);
		expect(first.rows[2]).toMatchObject({
			actorName: 'Оюунчимэг Батболд',
			actorPhone: coordinator.phone,
			onBehalfOf: 'Болормаа Очир'
		});
	});
});

describe('CSV rows', () => {
	afterEach(() => vi.restoreAllMocks());

	it('yields the header, then the matching entries newest first with the stored details only', async () => {
		const rows = await collect({ action: 'payment.' });
		expect(rows[0]).toEqual(AUDIT_CSV_COLUMNS.map((c) => `h:${c}`));
		expect(rows.slice(1)).toEqual([
			[
				'2026-05-11T10:00:00+08:00',
				'payment.approved',
				'Оюунчимэг Батболд',
				coordinator.phone,
				'test',
				'payment',
				'approved',
				'',
				'',
				''
			],
			[
				'2026-05-10T23:59:00+08:00',
				'payment.paid',
				'Оюунчимэг Батболд',
				coordinator.phone,
				'test',
				'payment',
				'last-minute',
				'',
				'',
				'{"amountMnt":2500000}'
			]
		]);
		expect(ulaanbaatarTimestamp(new Date('2026-12-31T16:00:00Z'))).toBe(
			'2027-01-01T00:00:00+08:00'
		);
	});

	it('streams several thousand entries in order, a batch at a time', async () => {
		const count = 3_210;
		const start = Date.parse('2026-07-01T00:00:00Z');
		const actors = [coordinator.id, bolormaa.id];
		const docs = Array.from({ length: count }, (_, i) => ({
			at: new Date(start + i * 1000),
			action: 'export.downloaded',
			actorId: actors[i % 2],
			entity: 'bulk',
			entityId: `bulk-${i}`
		}));
		for (let i = 0; i < docs.length; i += 1000)
			await AuditEntry.insertMany(docs.slice(i, i + 1000));

		const userLookups = vi.spyOn(User, 'find');
		const rows = await collect({ entity: 'bulk' });
		expect(rows).toHaveLength(count + 1);
		const body = rows.slice(1);
		expect(body.map((r) => r[6])).toEqual(docs.map((d) => d.entityId).reverse());
		expect(
			body.every((r, i) => r[2] === (i % 2 === 0 ? 'Болормаа Очир' : 'Оюунчимэг Батболд'))
		).toBe(true);
		// The actors are looked up once per batch of 500, never for the whole log at once.
		expect(userLookups).toHaveBeenCalledTimes(Math.ceil(count / 500));
	});

	it('closes its cursor when the reader stops early', async () => {
		const rows = auditRows({ page: 1, entity: 'bulk' }, { header: HEADER });
		let seen = 0;
		for await (const row of rows) {
			expect(row).toHaveLength(AUDIT_CSV_COLUMNS.length);
			if (++seen === 10) break;
		}
		expect(seen).toBe(10);
		expect(await rows.next()).toEqual({ done: true, value: undefined });
	});
});
