// A digest of everything the portal stores: per collection, the number of documents and a hash of
// their canonical extended JSON (ObjectIds, dates and binary exact), in _id order; and the files
// under DATA_DIR outside the database (receipts, check-in photos). Taken before and after a run
// of refused requests: any difference is a refused request that stored something.
//
// Reading every document through FerretDB takes one to three seconds on the demo here, too slow
// to take hundreds of times, so the digest is taken in steps:
//   1. the database files' sizes and modification times: unchanged, nothing was written;
//   2. else each collection's count and a hash of its documents as FerretDB stores them, read
//      straight from its SQLite file (the `sqlite3` shell, read-only, sha3_query; ~30 ms).
//      FerretDB keeps each document as one JSON text with its types (ObjectIds, dates, binary),
//      so any change to any document changes the hash, as with EJSON.
// Without a `sqlite3` shell, step 2 reads every collection through the driver and hashes its
// canonical EJSON instead (the same verdicts, a second or more each time).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';

const { MongoClient, BSON } = mongoose.mongo;

/**
 * Collections that change on requests the portal refuses, by design, so they are left out:
 * - sessions: a signed-in request slides its session's expiry past half-life; sign-out deletes it.
 * - signinattempts: a refused sign-in or set-up is recorded there (the throttle counts them).
 * - auditentries: refusals of sensitive reads and changes are audited (`denied` entries).
 * - reportsnapshots: the figures cache, recounted when an audited change makes it stale.
 */
export const VOLATILE = ['sessions', 'signinattempts', 'auditentries', 'reportsnapshots'];

/** The FerretDB storage under DATA_DIR. */
const DATABASE_FILES = 'ferretdb';

export interface Digest {
	collections: Record<string, { count: number; hash: string }>;
	/** Files under DATA_DIR outside the database: relative path → size and modification time. */
	files: Record<string, string>;
}

export interface Digester {
	take(): Promise<Digest>;
	db: mongoose.mongo.Db;
	/** Digests taken; of them, read after a write; collections read through the driver. */
	stats: { takes: number; sqlite: number; driverReads: number };
	close(): Promise<void>;
}

function listFiles(root: string, dir = root, into: Record<string, string> = {}) {
	if (!existsSync(dir)) return into;
	for (const name of readdirSync(dir)) {
		const full = path.join(dir, name);
		const relative = path.relative(root, full);
		if (relative === DATABASE_FILES) continue;
		const stat = statSync(full, { bigint: true });
		if (stat.isDirectory()) listFiles(root, full, into);
		else into[relative] = `${stat.size}:${stat.mtimeNs}`;
	}
	return into;
}

/** Sizes and modification times of the database files (the shared-memory index left out). */
function databaseFilesKey(dataDir: string): string {
	const dir = path.join(dataDir, DATABASE_FILES);
	if (!existsSync(dir)) return '';
	return readdirSync(dir)
		.filter((name) => !name.endsWith('-shm'))
		.sort()
		.map((name) => {
			const stat = statSync(path.join(dir, name), { bigint: true });
			return `${name}:${stat.size}:${stat.mtimeNs}`;
		})
		.join('|');
}

function sqlite(file: string, sql: string): string[][] | null {
	const run = spawnSync('sqlite3', ['-readonly', '-cmd', '.timeout 5000', file, sql], {
		encoding: 'utf8'
	});
	if (run.status !== 0 || run.error) return null;
	return run.stdout
		.split('\n')
		.filter(Boolean)
		.map((line) => line.split('|'));
}

const quote = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** Per collection, its count and a hash of its documents; null without a `sqlite3` shell. */
function tableDigests(
	file: string,
	known: { tables?: Map<string, string> }
): Map<string, { count: number; hash: string }> | null {
	const listing = 'select name, table_name from _ferretdb_collections order by name';
	for (let attempt = 0; attempt < 3; attempt++) {
		if (!known.tables) {
			const rows = sqlite(file, listing);
			if (!rows) return null;
			known.tables = new Map(rows.map(([name, table]) => [name!, table!]));
		}
		const tables = known.tables;
		const digests = [...tables]
			.map(([name, table]) => {
				const documents = quote(`select _ferretdb_sjson from "${table}"`);
				return `select ${quote(name)}, count(*), lower(hex(sha3_query(${documents}, 256))) from "${table}"`;
			})
			.join(' union all ');
		// The listing again, in the same read: a collection made or dropped meanwhile shows.
		const rows = sqlite(file, `${listing}; ${digests};`);
		if (!rows) return null;
		const listed = rows.filter((row) => row.length === 2);
		if (listed.length !== tables.size || listed.some(([name, t]) => tables.get(name!) !== t)) {
			known.tables = undefined;
			continue;
		}
		return new Map(
			rows
				.filter((row) => row.length === 3)
				.map(([name, count, hash]) => [name!, { count: Number(count), hash: hash!.slice(0, 16) }])
		);
	}
	return null;
}

export async function openDigester(
	uri: string,
	dbName: string,
	dataDir: string
): Promise<Digester> {
	const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 10_000 });
	const db = client.db(dbName);
	const sqliteFile = path.join(dataDir, DATABASE_FILES, `${dbName}.sqlite`);
	const stats = { takes: 0, sqlite: 0, driverReads: 0 };
	const known: { tables?: Map<string, string> } = {};
	let last: { key: string; collections: Digest['collections'] } | undefined;

	async function readCollection(name: string) {
		const hash = createHash('sha256');
		let count = 0;
		for await (const doc of db.collection(name).find({}).sort({ _id: 1 })) {
			hash.update(BSON.EJSON.stringify(doc, { relaxed: false }));
			hash.update('\n');
			count++;
		}
		stats.driverReads++;
		return { count, hash: hash.digest('hex').slice(0, 16) };
	}

	async function take(): Promise<Digest> {
		stats.takes++;
		const key = databaseFilesKey(dataDir);
		const files = listFiles(dataDir);
		if (last && last.key === key) return { collections: last.collections, files };
		stats.sqlite++;
		const tables = existsSync(sqliteFile) ? tableDigests(sqliteFile, known) : null;
		const collections: Digest['collections'] = {};
		if (tables) {
			for (const name of [...tables.keys()].sort()) {
				if (!VOLATILE.includes(name)) collections[name] = tables.get(name)!;
			}
		} else {
			const names = (await db.listCollections({}, { nameOnly: true }).toArray())
				.map((c) => c.name)
				.filter((name) => !VOLATILE.includes(name))
				.sort();
			for (const name of names) collections[name] = await readCollection(name);
		}
		last = { key, collections };
		return { collections, files };
	}
	return { take, db, stats, close: () => client.close() };
}

/** What differs between two digests: collection names (with the counts) and file paths. */
export function differences(before: Digest, after: Digest): string[] {
	const changed: string[] = [];
	const names = new Set([...Object.keys(before.collections), ...Object.keys(after.collections)]);
	for (const name of [...names].sort()) {
		const a = before.collections[name];
		const b = after.collections[name];
		if (a?.hash === b?.hash) continue;
		changed.push(a?.count === b?.count ? name : `${name} (${a?.count ?? 0}→${b?.count ?? 0})`);
	}
	const files = new Set([...Object.keys(before.files), ...Object.keys(after.files)]);
	for (const file of [...files].sort()) {
		if (before.files[file] !== after.files[file]) changed.push(`file ${file}`);
	}
	return changed;
}
