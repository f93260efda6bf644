// Coordinators' CSV exports on the real embedded database, against the demo: pseudonymised by
// default (codes, never names, phones or ID numbers), identifying only with the viewProtected
// permission and a reason (audited), never a safeguarding note, and streamed: a reader that
// stops early stops the database cursor too.
import { beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { SessionUser } from '$lib/server/auth/session';
import { csvStream } from '$lib/server/csv';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { Cohort } from '$lib/server/db/models/cohort';
import { Participant } from '$lib/server/db/models/participant';
import { SafeguardingConcern } from '$lib/server/db/models/safeguardingConcern';
import { User } from '$lib/server/db/models/user';
import { seedDemo } from '$lib/server/services/demoSeed';
import {
	EXPORT_KINDS,
	ExportError,
	exportSizes,
	startExport,
	type ExportKind
} from '$lib/server/services/dataExports';
import { actor, sessionOf } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('dataExports');

const IP = '127.0.0.1';
let coordinator: SessionUser;
let plainCoordinator: SessionUser;
let names: string[];
let phones: string[];

async function text(rows: AsyncIterable<unknown[]>): Promise<string> {
	const bytes = await new Response(csvStream(rows)).arrayBuffer();
	return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

async function exported(kind: ExportKind, viewer = coordinator, identifying = false) {
	const { rows, expected } = await startExport(
		viewer,
		{ kind, identifying, reason: identifying ? 'Annual audit by the donor' : undefined },
		IP,
		(column) => column
	);
	const csv = await text(rows);
	return { csv, expected, lines: csv.slice(1).split('\r\n').slice(0, -1) };
}

beforeAll(async () => {
	await seedDemo();
	coordinator = await sessionOf('80000002');
	plainCoordinator = await actor(['coordinator']);
	const participants = await Participant.find({}, { userId: 1 }).lean();
	const users = await User.find(
		{ _id: { $in: participants.map((p) => p.userId) } },
		{ name: 1, phone: 1 }
	).lean();
	names = users.map((u) => u.name);
	phones = users.map((u) => u.phone);
}, 120_000);

describe('pseudonymised exports', () => {
	it.each(EXPORT_KINDS)('%s: every row, by code, naming no one', async (kind) => {
		const { csv, expected, lines } = await exported(kind);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(lines.length).toBe(expected + 1);
		expect(lines[0]!.startsWith('code,')).toBe(true);
		expect(expected).toBeGreaterThan(0);
		expect(lines[1]).toMatch(/^UMN-26-\d{3},/);
		for (const name of names) expect(csv, kind).not.toContain(name);
		for (const phone of phones) expect(csv, kind).not.toContain(phone);
		expect(lines[0]).not.toMatch(/name|phone|nationalId|bag|accountNumber|problems/);
	});

	it('gives a protected woman’s code and soum, not her years or household', async () => {
		const { lines } = await exported('participants');
		const protectedCodes = (await Participant.find({ protected: true }, { code: 1 }).lean()).map(
			(p) => p.code
		);
		expect(protectedCodes.length).toBeGreaterThan(0);
		for (const code of protectedCodes) {
			const cells = lines.find((l) => l.startsWith(code))!.split(',');
			// code, soum, stage, birthYear, arrivalYear, householdSize, children
			expect(cells.slice(3, 7)).toEqual(['', '', '', '']);
		}
	});

	it('sizes match what the exports hold', async () => {
		const sizes = await exportSizes(coordinator);
		expect(sizes.participants).toBe(100);
		expect(sizes.plans).toBeGreaterThanOrEqual(46);
		expect(sizes.grants).toBe(20);
		expect(sizes.checkins).toBeGreaterThanOrEqual(20);
	});

	it('records each export in the audit log before it streams', async () => {
		await startExport(coordinator, { kind: 'grants', identifying: false }, IP, String);
		const entry = await AuditEntry.findOne({ action: 'export.downloaded' }).sort({ at: -1 }).lean();
		expect(entry?.details).toMatchObject({ kind: 'grants', identifying: false, rows: 20 });
	});
});

describe('identifying exports', () => {
	it('name her for a viewProtected coordinator, with the reason audited', async () => {
		const { csv } = await exported('participants', coordinator, true);
		expect(csv).toContain('Болормаа Очир');
		const entry = await AuditEntry.findOne({ action: 'export.downloaded' }).sort({ at: -1 }).lean();
		expect(entry?.details).toMatchObject({
			kind: 'participants',
			identifying: true,
			reason: 'Annual audit by the donor'
		});
		const payments = await exported('payments', coordinator, true);
		expect(payments.lines[0]).toContain('accountNumber');
	});

	it('are refused without the permission; other roles get no export at all', async () => {
		await expect(exported('participants', plainCoordinator, true)).rejects.toMatchObject({
			code: 'notAllowedIdentifying'
		});
		for (const phone of ['80000001', '80000003', '80000004', '80000005', '80000010']) {
			const viewer = await sessionOf(phone);
			await expect(exported('checkins', viewer)).rejects.toBeInstanceOf(ExportError);
			await expect(exportSizes(viewer)).rejects.toBeInstanceOf(ExportError);
		}
	});

	it('never carry a safeguarding note', async () => {
		const concern = (await SafeguardingConcern.findOne().lean())!;
		expect(concern.note.length).toBeGreaterThan(10);
		for (const kind of EXPORT_KINDS) {
			const { csv } = await exported(kind, coordinator, true);
			expect(csv, kind).not.toContain(concern.note);
		}
	});
});

describe('streaming', () => {
	it('reads the table as the download is read, and stops when it stops', async () => {
		const cohort = await Cohort.create({
			code: `stream-${Date.now()}`,
			name: 'Stream',
			aimag: 'umnugobi',
			soums: ['khanbogd'],
			startsOn: new Date(),
			budgetMnt: 0,
			codePrefix: 'S'
		});
		await Participant.insertMany(
			Array.from({ length: 1500 }, (_, i) => ({
				userId: new Types.ObjectId(),
				cohortId: cohort._id,
				code: `S-${String(i).padStart(5, '0')}`,
				soum: 'khanbogd',
				referralSource: 'self',
				nameSkeleton: 's'
			}))
		);
		const { rows, expected } = await startExport(
			coordinator,
			{ kind: 'participants', cohortId: String(cohort._id), identifying: false },
			IP,
			String
		);
		expect(expected).toBe(1500);
		let pulled = 0;
		let closed = false;
		async function* counted() {
			try {
				for await (const row of rows) {
					pulled++;
					yield row;
				}
			} finally {
				closed = true;
			}
		}
		const reader = csvStream(counted()).getReader();
		const first = await reader.read();
		expect(first.done).toBe(false);
		// One chunk of rows, not the table.
		expect(pulled).toBeLessThan(1100);
		await reader.cancel();
		expect(closed).toBe(true);
		const afterCancel = pulled;
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(pulled).toBe(afterCancel);
	});
});
