// Backups: the demo (with its receipts and check-in photo) and a collection no model knows are
// backed up from one database and restored into another, empty one on the same server, and
// every document of every collection and every file must come back exact. A restore refuses a
// database or folder that is not empty, and a file that is not a backup, is truncated or
// altered, and leaves nothing behind; a restore that fails half-way is taken back out.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	BackupError,
	FILE_FOLDERS,
	restoreBackup,
	verifyBackup,
	writeBackup,
	type BackupSummary,
	type RestoreSummary
} from '$lib/server/backup';
import { seedDemo } from '$lib/server/services/demoSeed';
import { useTestDatabase } from './testDatabase';

type Db = mongoose.mongo.Db;
const { EJSON, ObjectId, Binary, Long, Int32, Double, Decimal128, BSONRegExp, Timestamp } =
	mongoose.mongo.BSON;

const { name, engine } = useTestDatabase('backup');

/** Read back with every BSON type kept (no promotion to JS numbers or Buffers). */
const EXACT = {
	promoteValues: false,
	promoteLongs: false,
	promoteBuffers: false,
	bsonRegExp: true
};

/** Every collection's documents as canonical extended JSON, sorted by _id. */
async function dump(db: Db): Promise<Record<string, string[]>> {
	const out: Record<string, string[]> = {};
	const names = (await db.listCollections({}, { nameOnly: true }).toArray())
		.map((c) => c.name)
		.filter((n) => !n.startsWith('system.'))
		.sort();
	for (const collection of names) {
		const docs = await db.collection(collection).find({}, EXACT).toArray();
		out[collection] = docs
			.map((d) => [
				EJSON.stringify(d._id, { relaxed: false }),
				EJSON.stringify(d, { relaxed: false })
			])
			.sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
			.map(([, doc]) => doc!);
	}
	return out;
}

/** Every stored file under `dataDir`, path → sha256 of its bytes. */
async function filesOf(dataDir: string): Promise<Record<string, string>> {
	const out: Record<string, string> = {};
	for (const folder of FILE_FOLDERS) {
		const names = await readdir(path.join(dataDir, folder)).catch(() => [] as string[]);
		for (const file of names.sort()) {
			const bytes = await readFile(path.join(dataDir, folder, file));
			out[`${folder}/${file}`] = createHash('sha256').update(bytes).digest('hex');
		}
	}
	return out;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * A backup file with its lines edited and its end marker recomputed (counts and checksum), as
 * a careful forger or a bug would make it: only the checks inside the lines can catch it.
 */
function reencode(gz: Buffer, edit: (lines: string[]) => string[]): Buffer {
	const lines = gunzipSync(gz).toString('utf8').split('\n');
	lines.pop(); // after the last "\n"
	const trailer = JSON.parse(lines.pop()!);
	const body = edit(lines);
	const documents: Record<string, number> = Object.fromEntries(
		JSON.parse(body[0]!).collections.map((c: string) => [c, 0])
	);
	let files = 0;
	let fileBytes = 0;
	for (const line of body.slice(1)) {
		const parsed = JSON.parse(line);
		if (parsed.c) documents[parsed.c] = (documents[parsed.c] ?? 0) + 1;
		if (parsed.f) {
			files += 1;
			fileBytes += parsed.size;
		}
	}
	const content = body.map((l) => `${l}\n`).join('');
	const end = { ...trailer, documents, files, fileBytes, sha256: sha256(content) };
	return gzipSync(`${content}${JSON.stringify(end)}\n`);
}

let work: string;
let dbA: Db;
let dirA: string;
let dbB: Db;
let dirB: string;
let file: string;
let backup: BackupSummary;
let restored: RestoreSummary;
const scratch: Db[] = [];
const typedId = new ObjectId();
const typed: Record<string, unknown> = { _id: typedId };

/** An empty database and data folder of their own, for a refusal. */
async function emptyTarget(label: string) {
	const db = mongoose.connection.getClient().db(`${name}_${label}`);
	scratch.push(db);
	const dir = path.join(work, label);
	await mkdir(dir, { recursive: true });
	return { db, dir };
}

/** A refused restore leaves an empty target exactly as it was: no documents, no files. */
async function expectRefused(
	target: { db: Db; dir: string },
	source: string,
	code: BackupError['code']
) {
	const error = await restoreBackup(target.db, target.dir, source).catch((e: unknown) => e);
	expect(error).toBeInstanceOf(BackupError);
	expect((error as BackupError).code).toBe(code);
	expect((error as BackupError).message).not.toContain('\n');
	expect(await dump(target.db)).toEqual({});
	expect(await filesOf(target.dir)).toEqual({});
	return error as BackupError;
}

beforeAll(async () => {
	work = await mkdtemp(path.resolve('tests', '.tmp', `backup-${process.pid}-`));
	expect(await seedDemo()).toBe(true);
	dbA = mongoose.connection.db!;
	dirA = process.env.DATA_DIR!;
	// A collection no model knows, holding each BSON type a document can carry.
	Object.assign(typed, {
		before1970: new Date('1969-07-20T20:17:40.123Z'),
		now: new Date(),
		int32: new Int32(7),
		double: new Double(5), // 5.0: a double, not the integer 5
		negativeZero: new Double(-0),
		long: Long.fromString('9007199254740993'), // 2^53 + 1: not exact as a JS number
		bytes: new Binary(Buffer.from([0, 1, 2, 254, 255]), 0),
		uuid: new Binary(Buffer.from('0f8fad5bd9cb469fa16570867728950e', 'hex'), 4),
		text: 'Ханбогд — "quoted", line\nbreak, 🐪',
		nested: { list: [1, 'two', { three: new Int32(3) }], empty: {}, nothing: null },
		bool: false
	});
	if (engine === 'mongodb') {
		Object.assign(typed, {
			decimal: Decimal128.fromString('12345.678901234567890123'),
			regex: new BSONRegExp('^a.b$', 'imsx'),
			timestamp: new Timestamp({ t: 1_700_000_000, i: 7 })
		});
	}
	await dbA
		.collection('unmodelled_extras')
		.insertMany([typed, { _id: 'a string id' as never, n: 1 }, { _id: 42 as never, n: 2 }]);

	file = path.join(work, 'demo.ndjson.gz');
	let started = performance.now();
	backup = await writeBackup(dbA, dirA, file, { portalVersion: 'test' });
	const backupSeconds = (performance.now() - started) / 1000;

	dbB = mongoose.connection.getClient().db(`${name}_restored`);
	scratch.push(dbB);
	dirB = path.join(work, 'restored');
	started = performance.now();
	restored = await restoreBackup(dbB, dirB, file);
	// What `npm run restore` does next: the models' indexes, on the restored database.
	const onB = mongoose.connection.useDb(dbB.databaseName, { useCache: false });
	for (const model of Object.values(mongoose.models)) {
		await onB.model(model.modelName, model.schema).createIndexes();
	}
	const restoreSeconds = (performance.now() - started) / 1000;
	console.log(
		`backup of the demo: ${backup.documents} documents, ${backup.trailer.files} files, ` +
			`${backup.bytes} bytes compressed, ${backup.rawBytes} raw; backup ${backupSeconds.toFixed(2)} s, ` +
			`restore with indexes ${restoreSeconds.toFixed(2)} s (${engine})`
	);
}, 120_000);

afterAll(async () => {
	for (const db of scratch) await db.dropDatabase().catch(() => {});
	await rm(work, { recursive: true, force: true });
});

describe('a backup of the demo', () => {
	it('holds every collection, the receipts and the check-in photo', async () => {
		const collections = (await dbA.listCollections({}, { nameOnly: true }).toArray())
			.map((c) => c.name)
			.sort();
		expect(backup.header.collections).toEqual(collections);
		expect(backup.header.collections).toContain('unmodelled_extras');
		for (const collection of collections) {
			expect(backup.trailer.documents[collection], collection).toBe(
				await dbA.collection(collection).countDocuments()
			);
		}
		expect(backup.documents).toBeGreaterThan(2_000);
		const files = Object.keys(await filesOf(dirA));
		expect(files.filter((f) => f.startsWith('receipts/')).length).toBeGreaterThanOrEqual(2);
		expect(files.filter((f) => f.startsWith('check-in-photos/')).length).toBeGreaterThanOrEqual(1);
		expect(backup.trailer.files).toBe(files.length);
		expect(backup.bytes).toBeLessThan(backup.rawBytes / 5);
		expect(backup.trailer.changedDuring).toEqual([]);
		expect(backup.header.consistency).toBe(engine === 'ferretdb' ? 'none' : expect.any(String));
	});

	it('restores every document of every collection exactly, and every file byte for byte', async () => {
		const [a, b] = [await dump(dbA), await dump(dbB)];
		expect(Object.keys(b)).toEqual(Object.keys(a));
		for (const collection of Object.keys(a)) {
			expect(b[collection]!.length, collection).toBe(a[collection]!.length);
			expect(b[collection], collection).toEqual(a[collection]);
		}
		expect(restored.documents).toBe(backup.documents);
		const filesA = await filesOf(dirA);
		expect(await filesOf(dirB)).toEqual(filesA);
		for (const relative of Object.keys(filesA)) {
			expect(await readFile(path.join(dirB, relative))).toEqual(
				await readFile(path.join(dirA, relative))
			);
		}
		// Each receipt document still points at its file, unchanged.
		for (const receipt of await dbB.collection('receipts').find().toArray()) {
			const bytes = await readFile(path.join(dirB, 'receipts', String(receipt._id)));
			expect(createHash('sha256').update(bytes).digest('hex')).toBe(receipt.sha256);
		}
	});

	it('keeps each value’s type: ObjectId, Date, Int32, Double, Long, Binary and its subtype', async () => {
		const back = (await dbB.collection('unmodelled_extras').findOne({ _id: typedId }, EXACT))!;
		expect(back._id).toBeInstanceOf(ObjectId);
		expect(String(back._id)).toBe(String(typedId));
		expect(back.before1970).toBeInstanceOf(Date);
		expect(back.before1970.toISOString()).toBe('1969-07-20T20:17:40.123Z');
		expect(back.now.getTime()).toBe((typed.now as Date).getTime());
		expect(back.int32).toBeInstanceOf(Int32);
		expect(back.double).toBeInstanceOf(Double);
		// -0.0 as the server holds it (FerretDB v1 keeps it as 0.0; MongoDB keeps the sign).
		const original = (await dbA.collection('unmodelled_extras').findOne({ _id: typedId }, EXACT))!;
		expect(Object.is(back.negativeZero.valueOf(), original.negativeZero.valueOf())).toBe(true);
		expect(Object.is(original.negativeZero.valueOf(), -0)).toBe(engine === 'mongodb');
		expect(back.long).toBeInstanceOf(Long);
		expect(back.long.toString()).toBe('9007199254740993');
		expect(back.bytes).toBeInstanceOf(Binary);
		expect(back.bytes.sub_type).toBe(0);
		expect(Buffer.from(back.bytes.buffer)).toEqual(Buffer.from([0, 1, 2, 254, 255]));
		expect(back.uuid.sub_type).toBe(4);
		expect(back.text).toBe(typed.text);
		expect(
			await dbB.collection('unmodelled_extras').findOne({ _id: 'a string id' as never })
		).toBeTruthy();
		expect(await dbB.collection('unmodelled_extras').findOne({ _id: 42 as never })).toBeTruthy();
		if (engine === 'mongodb') {
			expect(back.decimal.toString()).toBe('12345.678901234567890123');
			expect(back.regex.options).toBe('imsx');
			expect(back.timestamp).toBeInstanceOf(Timestamp);
		}
	});

	it('gets the models’ indexes, the same as the original database', async () => {
		const indexes = async (db: Db) => {
			const out: Record<string, string[]> = {};
			for (const collection of Object.keys(await dump(db))) {
				out[collection] = (await db.collection(collection).indexes())
					.map((i) => JSON.stringify([i.name, i.key, Boolean(i.unique)]))
					.sort();
			}
			return out;
		};
		expect(await indexes(dbB)).toEqual(await indexes(dbA));
		// The unique indexes hold on the restored data: a second grant for a plan is refused.
		const grant = (await dbB.collection('grants').findOne({}))!;
		await expect(
			dbB.collection('grants').insertOne({ ...grant, _id: new ObjectId() })
		).rejects.toMatchObject({ code: 11000 });
	});
});

describe('a restore refuses, and writes nothing', () => {
	it('into a database that has documents: it is left unchanged', async () => {
		const [docs, files] = [await dump(dbB), await filesOf(dirB)];
		const error = await restoreBackup(dbB, dirB, file).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(BackupError);
		expect((error as BackupError).code).toBe('notEmpty');
		expect((error as Error).message).toMatch(/empty database only/);
		expect(await dump(dbB)).toEqual(docs);
		expect(await filesOf(dirB)).toEqual(files);
	});

	it('into an empty database whose receipts folder has a file', async () => {
		const target = await emptyTarget('folder');
		await mkdir(path.join(target.dir, 'receipts'));
		await writeFile(path.join(target.dir, 'receipts', 'left-over'), 'x');
		const error = await restoreBackup(target.db, target.dir, file).catch((e: unknown) => e);
		expect((error as BackupError).code).toBe('notEmpty');
		expect(await dump(target.db)).toEqual({});
		expect(await readdir(path.join(target.dir, 'receipts'))).toEqual(['left-over']);
	});

	it('a file cut short, anywhere', async () => {
		const target = await emptyTarget('cut');
		const whole = await readFile(file);
		for (const fraction of [0.1, 0.5, 0.99]) {
			const cut = path.join(work, `cut-${fraction}.gz`);
			await writeFile(cut, whole.subarray(0, Math.floor(whole.length * fraction)));
			await expectRefused(target, cut, 'truncated');
		}
		// Cut at a line's end, so the compressed stream is whole: the end marker is missing.
		const noEnd = path.join(work, 'no-end.gz');
		const lines = gunzipSync(whole).toString('utf8').split('\n');
		await writeFile(noEnd, gzipSync(lines.slice(0, -2).join('\n') + '\n'));
		const error = await expectRefused(target, noEnd, 'truncated');
		expect(error.message).toMatch(/truncated/);
	});

	it('a file altered: a document, a stored file, a count', async () => {
		const target = await emptyTarget('altered');
		const whole = await readFile(file);
		const text = gunzipSync(whole).toString('utf8');
		// One character of one name changed, the checksum left as it was.
		const edited = path.join(work, 'edited.gz');
		await writeFile(edited, gzipSync(text.replace('"name":"', '"name":"X')));
		expect((await expectRefused(target, edited, 'corrupt')).message).toMatch(/checksum/);
		// A file's bytes changed and the end marker recomputed: the file's own sha256 catches it.
		const swapped = path.join(work, 'swapped.gz');
		await writeFile(
			swapped,
			reencode(whole, (lines) =>
				lines.map((line) => {
					if (!line.startsWith('{"f":"receipts/')) return line;
					const parsed = JSON.parse(line);
					const bytes = Buffer.from(parsed.data, 'base64');
					bytes[0] = bytes[0]! ^ 0xff;
					return JSON.stringify({ ...parsed, data: bytes.toString('base64') });
				})
			)
		);
		expect((await expectRefused(target, swapped, 'corrupt')).message).toMatch(/checksum mismatch/);
		// A document dropped and the end marker's checksum recomputed, but not its counts.
		const dropped = path.join(work, 'dropped.gz');
		const lines = text.split('\n');
		lines.pop();
		const trailer = JSON.parse(lines.pop()!);
		const body = lines
			.filter((_, i) => i !== 5)
			.map((l) => `${l}\n`)
			.join('');
		await writeFile(
			dropped,
			gzipSync(`${body}${JSON.stringify({ ...trailer, sha256: sha256(body) })}\n`)
		);
		expect((await expectRefused(target, dropped, 'corrupt')).message).toMatch(/should hold/);
		// A file placed outside the stored-file folders.
		const escaping = path.join(work, 'escaping.gz');
		await writeFile(
			escaping,
			reencode(whole, (lines) =>
				lines.map((line) =>
					line.startsWith('{"f":"receipts/')
						? line.replace('{"f":"receipts/', '{"f":"receipts/../../')
						: line
				)
			)
		);
		await expectRefused(target, escaping, 'corrupt');
	});

	it('a file that is not a backup', async () => {
		const target = await emptyTarget('other');
		const plain = path.join(work, 'plain.txt');
		await writeFile(plain, 'name,phone\nA,8000\n');
		await expectRefused(target, plain, 'notBackup');
		const otherGzip = path.join(work, 'other.json.gz');
		await writeFile(otherGzip, gzipSync('{"format":"something else"}\n{"end":true}\n'));
		await expectRefused(target, otherGzip, 'notBackup');
		await expectRefused(target, path.join(work, 'missing.gz'), 'notBackup');
		await expect(verifyBackup(file)).resolves.toMatchObject({ header: { database: name } });
	});

	it('takes a restore that fails half-way back out: documents and files removed', async () => {
		const target = await emptyTarget('halfway');
		// Passes every check, but its last file cannot be written: its folder is a file.
		const clash = path.join(work, 'clash.gz');
		await writeFile(
			clash,
			reencode(await readFile(file), (lines) => {
				const photo = lines.find((l) => l.startsWith('{"f":"check-in-photos/'))!;
				const parsed = JSON.parse(photo);
				return [...lines, JSON.stringify({ ...parsed, f: `${parsed.f}/inside` })];
			})
		);
		const error = await restoreBackup(target.db, target.dir, clash).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(Error);
		expect(await dump(target.db)).toEqual({});
		expect(await readdir(target.dir)).toEqual([]);
	});
});

describe('a backup while the portal writes', () => {
	it('names the collections changed after they were read', async () => {
		const during = path.join(work, 'during.gz');
		const user = (await dbA.collection('users').findOne({}))!;
		const summary = await writeBackup(dbA, dirA, during, {
			onProgress: async (event) => {
				if (event.kind !== 'collection') return;
				// Added before its collection is read: in the backup, and no cause for a warning.
				if (event.name === 'attendances') {
					await dbA.collection('unmodelled_extras').insertOne({ late: true });
				}
				// A new audit entry after its collection was read, an account updated after.
				if (event.name === 'auditentries') {
					await dbA.collection('auditentries').insertOne({ action: 'x', at: new Date() });
				}
				if (event.name === 'users') {
					await dbA
						.collection('users')
						.updateOne({ _id: user._id }, { $set: { updatedAt: new Date() } });
				}
			}
		});
		expect(summary.trailer.documents.unmodelled_extras).toBe(4);
		if (summary.header.consistency === 'snapshot') {
			expect(summary.trailer.changedDuring).toEqual([]);
		} else {
			expect(summary.trailer.changedDuring).toEqual(['auditentries', 'users']);
			expect(summary.trailer.writesSeen).toBe(true);
		}
		// Not overwritten without --force.
		await expect(writeBackup(dbA, dirA, during)).rejects.toMatchObject({ code: 'exists' });
	});

	it('on the embedded database, sees any write at all by its files, and none when idle', async () => {
		if (engine !== 'ferretdb') return;
		// The test server's folder (tests/integration/globalSetup.ts) holding this database.
		const root = path.resolve('tests', '.tmp');
		let databaseDir: string | undefined;
		for (const entry of await readdir(root)) {
			const dir = path.join(root, entry, 'ferretdb');
			if (
				entry.startsWith('vitest-db-') &&
				(await readdir(dir).catch(() => [] as string[])).includes(`${name}.sqlite`)
			) {
				databaseDir = dir;
			}
		}
		expect(databaseDir).toBeTruthy();
		const idle = await writeBackup(dbA, dirA, path.join(work, 'idle.gz'), { databaseDir });
		expect(idle.trailer.writesSeen).toBe(false);
		expect(idle.trailer.changedDuring).toEqual([]);
		// A soum renamed after its collection was read: no count moves, it has no updatedAt.
		const busy = await writeBackup(dbA, dirA, path.join(work, 'busy.gz'), {
			databaseDir,
			onProgress: async (event) => {
				if (event.kind === 'collection' && event.name === 'soums') {
					await dbA.collection('soums').updateOne({}, { $set: { renamed: true } });
				}
			}
		});
		expect(busy.trailer.writesSeen).toBe(true);
	});

	it('names the files that documents point at but the folder lacks (a wrong DATA_DIR)', async () => {
		const elsewhere = path.join(work, 'elsewhere');
		await mkdir(elsewhere);
		const summary = await writeBackup(dbA, elsewhere, path.join(work, 'no-files.gz'));
		expect(summary.trailer.files).toBe(0);
		const receipts = await dbA.collection('receipts').find().toArray();
		expect(summary.trailer.missingFiles).toEqual(
			[
				...receipts.map((r) => `receipts/${String(r._id)}`),
				...Object.keys(await filesOf(dirA)).filter((f) => f.startsWith('check-in-photos/'))
			].sort()
		);
		expect(backup.trailer.missingFiles).toEqual([]);
	});
});
