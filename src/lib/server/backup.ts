// Backups: one gzip-compressed NDJSON file holding every collection's documents, in canonical
// extended JSON (ObjectIds, dates, the type of every number and binary subtypes come back
// exact), and every file the portal stores beside the database (receipts, check-in photos).
// `npm run backup` writes it and `npm run restore` loads it into an empty database
// (scripts/backup.ts, scripts/restore.ts). Both stream: neither holds the database in memory.
//
// The file, line by line (each line one JSON object, then "\n"):
//   header   { format, version, createdAt, database, portalVersion, server, consistency,
//              collections: [names], skipped: [{ name, reason }], folders: [names] }
//   document { c: collection, d: <the document, canonical extended JSON> }   (one per document)
//   file     { f: "receipts/<name>", size, sha256, data: <base64> }          (one per file)
//   trailer  { end: true, documents: { <collection>: count }, files, fileBytes, sha256,
//              writesSeen, changedDuring: [collections], skippedFiles: [{ path, reason }],
//              missingFiles: [paths] }
// The trailer's sha256 is over every byte before it, so a truncated or altered file is refused.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { lstat, mkdir, open, readdir, readFile, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import mongoose from 'mongoose';
import { connectDatabase, disconnectDatabase, redact } from './db/connection';
import { startEmbeddedDatabase, waitUntilAnswers } from './db/embedded.js';
import type { Env } from './env';

type Db = mongoose.mongo.Db;
type Document = mongoose.mongo.Document;
type ClientSession = mongoose.mongo.ClientSession;
const { EJSON } = mongoose.mongo.BSON;

export const BACKUP_FORMAT = 'soum-incubator-backup';
export const BACKUP_VERSION = 1;

/** The folders under DATA_DIR where the portal stores files: receipts and check-in photos. */
export const FILE_FOLDERS = ['receipts', 'check-in-photos'] as const;

/** What DATA_DIR holds besides those folders, and why it is not in the file. */
const NOT_FILES: Record<string, string> = {
	ferretdb: 'the embedded database itself: its documents are in the backup'
};

/** A file name the portal writes (ids, idempotency keys): no leading dot, no separators. */
const SAFE_NAME = /^[\w@+=-][\w.@+=-]{0,199}$/;
/** Write-in-progress files of the portal (receipts, photos) and of a restore. */
const PARTIAL = /\.part$/;

/** A document line is at most this long (a 16 MB document is far below it). */
const MAX_LINE_BYTES = 256 * 1024 * 1024;
/** The header line is short; a file whose first line is longer is not a backup. */
const MAX_HEADER_BYTES = 1024 * 1024;
/** Documents inserted per insertMany during a restore. */
const INSERT_BATCH = 1000;
const INSERT_BATCH_BYTES = 8 * 1024 * 1024;

export type BackupErrorCode =
	'exists' | 'notBackup' | 'newerVersion' | 'truncated' | 'corrupt' | 'notEmpty';

/** A refusal with a one-line message for the person running the command. */
export class BackupError extends Error {
	constructor(
		readonly code: BackupErrorCode,
		message: string
	) {
		super(message);
		this.name = 'BackupError';
	}
}

export interface BackupHeader {
	format: typeof BACKUP_FORMAT;
	version: number;
	createdAt: string;
	database: string;
	portalVersion: string;
	server: { engine: 'mongodb' | 'ferretdb'; version: string };
	/** `snapshot`: every collection read at one point in time (a MongoDB replica set). */
	consistency: 'snapshot' | 'none';
	collections: string[];
	skipped: { name: string; reason: string }[];
	folders: string[];
}

export interface BackupTrailer {
	end: true;
	documents: Record<string, number>;
	files: number;
	fileBytes: number;
	sha256: string;
	/**
	 * Without a snapshot: true when the database was written to during the export (for the
	 * embedded database, its files changed; else a collection below changed).
	 */
	writesSeen: boolean;
	/** Collections changed after they were read (no snapshot): the backup may be inconsistent. */
	changedDuring: string[];
	/** Files that documents point at (receipts, check-in photos) but that were not found. */
	missingFiles: string[];
	skippedFiles: { path: string; reason: string }[];
}

export type BackupProgress =
	| { kind: 'collection'; name: string; documents: number }
	| { kind: 'folder'; name: string; files: number; bytes: number };

export interface BackupSummary {
	header: BackupHeader;
	trailer: BackupTrailer;
	documents: number;
	/** Uncompressed and compressed size of the backup file. */
	rawBytes: number;
	bytes: number;
}

export interface RestoreSummary {
	header: BackupHeader;
	trailer: BackupTrailer;
	documents: number;
	files: number;
	fileBytes: number;
}

/** The collections a backup holds: every one in the database but views and system ones. */
async function collectionsOf(db: Db) {
	const all = await db.listCollections({}, { nameOnly: false }).toArray();
	const collections: string[] = [];
	const skipped: { name: string; reason: string }[] = [];
	for (const info of all) {
		const type = (info as { type?: string }).type ?? 'collection';
		if (info.name.startsWith('system.')) {
			skipped.push({ name: info.name, reason: 'a system collection of the server' });
		} else if (type !== 'collection') {
			skipped.push({ name: info.name, reason: `a ${type}, not a collection of documents` });
		} else {
			collections.push(info.name);
		}
	}
	return { collections: collections.sort(), skipped };
}

async function serverOf(db: Db): Promise<BackupHeader['server']> {
	const info = await db.admin().command({ buildInfo: 1 });
	return {
		engine: 'ferretdbVersion' in info ? 'ferretdb' : 'mongodb',
		version: String(info.version)
	};
}

/**
 * A snapshot session when the server offers one (a MongoDB replica set or sharded cluster,
 * 5.0 or newer): every read in it sees the same point in time. FerretDB and a standalone
 * MongoDB have none.
 */
async function snapshotSession(db: Db, probe?: string): Promise<ClientSession | undefined> {
	const hello = await db.admin().command({ hello: 1 });
	if (!hello.setName && hello.msg !== 'isdbgrid') return undefined;
	const session = db.client.startSession({ snapshot: true });
	if (!probe) return session;
	try {
		await db.collection(probe).findOne({}, { session });
		return session;
	} catch {
		await session.endSession();
		return undefined;
	}
}

/** The number of documents (a `$count` stage: on FerretDB faster than countDocuments). */
async function countOf(db: Db, name: string): Promise<number> {
	const [result] = await db
		.collection(name)
		.aggregate([{ $count: 'n' }])
		.toArray();
	return Number(result?.n ?? 0);
}

interface StoredFile {
	relative: string;
	absolute: string;
}

/** The files under DATA_DIR/<folder>, recursively, sorted; unusual ones set apart. */
async function storedFiles(dataDir: string, folder: string) {
	const files: StoredFile[] = [];
	const skipped: { path: string; reason: string }[] = [];
	async function walk(relative: string) {
		let entries;
		try {
			entries = await readdir(path.join(dataDir, relative), { withFileTypes: true });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
			throw error;
		}
		for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
			const child = `${relative}/${entry.name}`;
			if (entry.isDirectory() && SAFE_NAME.test(entry.name)) await walk(child);
			else if (!entry.isFile()) skipped.push({ path: child, reason: 'not a regular file' });
			else if (PARTIAL.test(entry.name)) {
				skipped.push({ path: child, reason: 'a file still being written' });
			} else if (!SAFE_NAME.test(entry.name)) {
				skipped.push({ path: child, reason: 'a name the portal never writes' });
			} else files.push({ relative: child, absolute: path.join(dataDir, child) });
		}
	}
	await walk(folder);
	return { files, skipped };
}

/** Entries of DATA_DIR other than the stored-file folders (the embedded database, ...). */
async function otherDataEntries(dataDir: string) {
	try {
		const names = await readdir(dataDir);
		return names.filter((n) => !(FILE_FOLDERS as readonly string[]).includes(n)).sort();
	} catch {
		return [];
	}
}

/** The stored files a document points at, by collection (see the models). */
const FILES_OF: Record<string, (doc: Document) => string[]> = {
	receipts: (doc) => [`receipts/${String(doc._id)}`],
	checkins: (doc) =>
		Array.isArray(doc.photos)
			? doc.photos.map((photo: { file?: unknown }) => `check-in-photos/${String(photo.file)}`)
			: []
};

/**
 * The size and time of the embedded database's files (DATA_DIR/ferretdb/<db>.sqlite and its
 * write-ahead log), which change with every write and never with a read: undefined unless the
 * server is FerretDB running on them (the log exists only while it runs).
 */
async function databaseFilesStamp(databaseDir: string, db: Db, server: BackupHeader['server']) {
	if (server.engine !== 'ferretdb') return undefined;
	const base = path.join(databaseDir, `${db.databaseName}.sqlite`);
	const stamps = [];
	for (const file of [base, `${base}-wal`]) {
		const info = await lstat(file).catch(() => null);
		if (!info) return undefined;
		stamps.push(`${info.size}:${info.mtimeMs}`);
	}
	return stamps.join(' ');
}

/**
 * Writes a backup of `db` and of the files under `dataDir` to `file` (made 0600, written
 * under a temporary name and renamed when complete, so a failed run leaves no plausible file).
 */
export async function writeBackup(
	db: Db,
	dataDir: string,
	file: string,
	{
		portalVersion = 'unknown',
		force = false,
		databaseDir = path.join(dataDir, 'ferretdb'),
		onProgress = () => {}
	}: {
		portalVersion?: string;
		force?: boolean;
		/** Where the embedded database keeps its files, when it is the server. */
		databaseDir?: string;
		onProgress?: (event: BackupProgress) => void | Promise<void>;
	} = {}
): Promise<BackupSummary> {
	const target = path.resolve(file);
	if (!force && (await lstat(target).catch(() => null))) {
		throw new BackupError('exists', `${target} already exists: choose another name.`);
	}
	const { collections, skipped } = await collectionsOf(db);
	for (const name of await otherDataEntries(dataDir)) {
		skipped.push({
			name: path.join(dataDir, name),
			reason: NOT_FILES[name] ?? 'not a folder of files the portal stores'
		});
	}
	const session = await snapshotSession(db, collections[0]);
	const startedAt = new Date();
	const header: BackupHeader = {
		format: BACKUP_FORMAT,
		version: BACKUP_VERSION,
		createdAt: startedAt.toISOString(),
		database: db.databaseName,
		portalVersion,
		server: await serverOf(db),
		consistency: session ? 'snapshot' : 'none',
		collections,
		skipped,
		folders: [...FILE_FOLDERS]
	};
	const readFrom: Record<string, Date> = {};
	const hash = createHash('sha256');
	const trailer: BackupTrailer = {
		end: true,
		documents: {},
		files: 0,
		fileBytes: 0,
		sha256: '',
		writesSeen: false,
		changedDuring: [],
		skippedFiles: [],
		missingFiles: []
	};
	const referenced = new Set<string>();
	const backedUp = new Set<string>();
	const filesBefore = session
		? undefined
		: await databaseFilesStamp(databaseDir, db, header.server);
	let rawBytes = 0;
	let documents = 0;
	const withUpdatedAt = new Set<string>();
	const line = (value: string) => {
		const bytes = Buffer.from(`${value}\n`, 'utf8');
		hash.update(bytes);
		rawBytes += bytes.length;
		return bytes;
	};

	async function* lines() {
		yield line(JSON.stringify(header));
		for (const name of collections) {
			let count = 0;
			readFrom[name] = new Date();
			const cursor = db.collection(name).find(
				{},
				{
					session,
					// Keep every value's BSON type: Int32, Double and Long stay apart, binary
					// keeps its subtype, and regular expressions their flags.
					promoteValues: false,
					promoteLongs: false,
					promoteBuffers: false,
					bsonRegExp: true,
					batchSize: 1000
				}
			);
			for await (const doc of cursor) {
				if ('updatedAt' in doc) withUpdatedAt.add(name);
				for (const stored of FILES_OF[name]?.(doc) ?? []) referenced.add(stored);
				yield line(EJSON.stringify({ c: name, d: doc }, { relaxed: false }));
				count += 1;
			}
			trailer.documents[name] = count;
			documents += count;
			await onProgress({ kind: 'collection', name, documents: count });
		}
		for (const folder of FILE_FOLDERS) {
			const { files, skipped: odd } = await storedFiles(dataDir, folder);
			trailer.skippedFiles.push(...odd);
			let bytes = 0;
			for (const stored of files) {
				const data = await readFile(stored.absolute);
				yield line(
					JSON.stringify({
						f: stored.relative,
						size: data.length,
						sha256: createHash('sha256').update(data).digest('hex'),
						data: data.toString('base64')
					})
				);
				bytes += data.length;
				backedUp.add(stored.relative);
			}
			trailer.files += files.length;
			trailer.fileBytes += bytes;
			await onProgress({ kind: 'folder', name: folder, files: files.length, bytes });
		}
		trailer.missingFiles = [...referenced].filter((f) => !backedUp.has(f)).sort();
		if (!session) {
			const filesAfter = await databaseFilesStamp(databaseDir, db, header.server);
			if (!filesBefore || filesAfter !== filesBefore) {
				trailer.changedDuring = await changedSince(db, readFrom, trailer, withUpdatedAt);
				trailer.writesSeen = Boolean(filesBefore) || trailer.changedDuring.length > 0;
			}
		}
		trailer.sha256 = hash.digest('hex');
		const end = Buffer.from(`${JSON.stringify(trailer)}\n`, 'utf8');
		rawBytes += end.length;
		yield end;
	}

	await mkdir(path.dirname(target), { recursive: true });
	const partial = `${target}.${process.pid}.part`;
	try {
		await pipeline(
			lines(),
			createGzip({ level: 6 }),
			createWriteStream(partial, { flags: 'wx', mode: 0o600 })
		);
		const handle = await open(partial, 'r');
		const { size } = await handle.stat();
		await handle.sync();
		await handle.close();
		await rename(partial, target);
		return { header, trailer, documents, rawBytes, bytes: size };
	} catch (error) {
		await rm(partial, { force: true });
		throw error;
	} finally {
		await session?.endSession();
	}
}

/**
 * Without a snapshot: the collections changed after they were read, so that the backup may
 * hold one half of a change and not the other. A document added or removed moves the count;
 * a document updated carries a later `updatedAt` (the models with timestamps). An update to a
 * document without `updatedAt` goes unseen. A change made before its collection was read is in
 * the backup, and is harmless unless a related change elsewhere was missed: that one is seen.
 */
async function changedSince(
	db: Db,
	readFrom: Record<string, Date>,
	exported: BackupTrailer,
	timestamped: Set<string>
) {
	const changed: string[] = [];
	for (const [name, from] of Object.entries(readFrom)) {
		const moved = (await countOf(db, name)) !== exported.documents[name];
		const updated =
			!moved &&
			timestamped.has(name) &&
			(await db
				.collection(name)
				.findOne({ updatedAt: { $gte: from } }, { projection: { _id: 1 } }));
		if (moved || updated) changed.push(name);
	}
	return changed;
}

/** The lines of a byte stream, each without its "\n"; a last line with no "\n" is marked. */
async function* splitLines(source: AsyncIterable<Buffer>, maxFirst: number) {
	let pending: Buffer[] = [];
	let pendingBytes = 0;
	let limit = maxFirst;
	for await (const chunk of source) {
		let start = 0;
		for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
			pending.push(chunk.subarray(start, nl));
			const whole = pending.length === 1 ? pending[0]! : Buffer.concat(pending);
			pending = [];
			pendingBytes = 0;
			start = nl + 1;
			yield { line: whole, complete: true };
			limit = MAX_LINE_BYTES;
		}
		if (start < chunk.length) {
			pending.push(chunk.subarray(start));
			pendingBytes += chunk.length - start;
			if (pendingBytes > limit) {
				throw new BackupError(
					limit === maxFirst ? 'notBackup' : 'corrupt',
					limit === maxFirst
						? 'This file is not a backup of the portal (no header line).'
						: 'The backup holds a line longer than any document: it is damaged.'
				);
			}
		}
	}
	if (pendingBytes > 0) yield { line: Buffer.concat(pending), complete: false };
}

interface ReadHandlers {
	header?: (header: BackupHeader) => Promise<void>;
	document?: (collection: string, doc: Document, lineBytes: number) => Promise<void>;
	file?: (relative: string, data: Buffer) => Promise<void>;
}

function parseHeader(line: Buffer): BackupHeader {
	let header: Partial<BackupHeader>;
	try {
		header = JSON.parse(line.toString('utf8'));
	} catch {
		header = {};
	}
	if (header?.format !== BACKUP_FORMAT) {
		throw new BackupError('notBackup', 'This file is not a backup of the portal.');
	}
	if (typeof header.version !== 'number' || header.version > BACKUP_VERSION) {
		throw new BackupError(
			'newerVersion',
			`This backup is format version ${header.version}, newer than this portal reads (${BACKUP_VERSION}): restore it with a newer portal.`
		);
	}
	if (
		!Array.isArray(header.collections) ||
		!header.collections.every((c) => typeof c === 'string' && validCollectionName(c))
	) {
		throw new BackupError(
			'corrupt',
			'The backup header lists no valid collections: it is damaged.'
		);
	}
	return header as BackupHeader;
}

function validCollectionName(name: string) {
	return (
		name.length > 0 &&
		name.length <= 120 &&
		!name.startsWith('system.') &&
		!/[$\0]/.test(name) &&
		!name.startsWith('.') &&
		!name.endsWith('.')
	);
}

/** `receipts/<name>` or `check-in-photos/<name>[/<name>...]`, nothing that leaves DATA_DIR. */
function validFilePath(relative: unknown): relative is string {
	if (typeof relative !== 'string') return false;
	const [folder, ...rest] = relative.split('/');
	return (
		(FILE_FOLDERS as readonly string[]).includes(folder ?? '') &&
		rest.length > 0 &&
		rest.every((part) => SAFE_NAME.test(part)) &&
		!PARTIAL.test(relative)
	);
}

const damaged = (what: string) => new BackupError('corrupt', `The backup is damaged: ${what}.`);

/**
 * Reads and checks a whole backup, calling the handlers line by line. Throws a BackupError
 * for a file that is not a backup, is truncated, or whose counts or checksums do not match.
 */
async function readBackup(file: string, handlers: ReadHandlers = {}) {
	let header: BackupHeader | undefined;
	let trailer: BackupTrailer | undefined;
	const hash = createHash('sha256');
	const documents: Record<string, number> = {};
	const seenFiles = new Set<string>();
	let fileBytes = 0;

	async function documentLine(line: Buffer) {
		let parsed: { c?: unknown; d?: unknown };
		try {
			parsed = EJSON.parse(line.toString('utf8'), { relaxed: false }) as typeof parsed;
		} catch {
			throw damaged('a document line is not extended JSON');
		}
		const { c, d } = parsed;
		if (typeof c !== 'string' || !(c in documents)) {
			throw damaged(`a document of a collection it does not list (${String(c)})`);
		}
		if (!d || typeof d !== 'object' || Array.isArray(d) || !('_id' in d)) {
			throw damaged(`a document of ${c} without an _id`);
		}
		documents[c]! += 1;
		hash.update(line).update('\n');
		await handlers.document?.(c, d as Document, line.length);
	}

	async function otherLine(line: Buffer) {
		let parsed: Record<string, unknown>;
		try {
			parsed = JSON.parse(line.toString('utf8'));
		} catch {
			throw damaged('a line is not JSON');
		}
		if (parsed.end === true) {
			trailer = parsed as unknown as BackupTrailer;
			return;
		}
		if (!('f' in parsed)) throw damaged('a line is neither a document, a file nor the end marker');
		const { f, size, sha256, data } = parsed;
		if (!validFilePath(f)) throw damaged(`a file outside the stored-file folders (${String(f)})`);
		if (seenFiles.has(f)) throw damaged(`the file ${f} appears twice`);
		if (typeof data !== 'string') throw damaged(`the file ${f} has no data`);
		const bytes = Buffer.from(data, 'base64');
		if (bytes.length !== size || createHash('sha256').update(bytes).digest('hex') !== sha256) {
			throw damaged(`checksum mismatch for the file ${f}`);
		}
		seenFiles.add(f);
		fileBytes += bytes.length;
		hash.update(line).update('\n');
		await handlers.file?.(f, bytes);
	}

	// The consumer's own refusal is kept: pipeline may report the abort it causes instead.
	let refusal: unknown;
	async function consume(source: AsyncIterable<Buffer>) {
		try {
			for await (const { line, complete } of splitLines(source, MAX_HEADER_BYTES)) {
				if (!header) {
					header = parseHeader(line);
					for (const name of header.collections) documents[name] = 0;
					hash.update(line).update('\n');
					await handlers.header?.(header);
				} else if (trailer) {
					if (line.length > 0) throw damaged('there is data after its end marker');
				} else if (!complete) {
					// The last line, cut off: there is no end marker, so it is truncated.
				} else if (line.subarray(0, 5).toString() === '{"c":') {
					await documentLine(line);
				} else {
					await otherLine(line);
				}
			}
		} catch (error) {
			refusal = error;
			throw error;
		}
	}

	try {
		await pipeline(createReadStream(file), createGunzip(), consume);
	} catch (thrown) {
		const error = refusal ?? thrown;
		if (error instanceof BackupError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') throw new BackupError('notBackup', `There is no file ${file}.`);
		if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(String(error))) {
			if (!header) throw new BackupError('notBackup', 'This file is not a backup of the portal.');
			throw new BackupError('truncated', 'The backup is truncated: it ends before its end marker.');
		}
		if (typeof code === 'string' && code.startsWith('Z_')) {
			if (!header) {
				throw new BackupError(
					'notBackup',
					'This file is not a backup of the portal (not gzip-compressed).'
				);
			}
			throw damaged(`its compressed data is invalid (${(error as Error).message})`);
		}
		throw error;
	}
	if (!header) throw new BackupError('notBackup', 'This file is not a backup of the portal.');
	if (!trailer) {
		throw new BackupError('truncated', 'The backup is truncated: it ends before its end marker.');
	}
	if (trailer.sha256 !== hash.digest('hex')) throw damaged('checksum mismatch over its contents');
	const declared = trailer.documents ?? {};
	for (const name of header.collections) {
		if (declared[name] !== documents[name]) {
			throw damaged(`${name} should hold ${declared[name]} documents, it holds ${documents[name]}`);
		}
	}
	if (Object.keys(declared).length !== header.collections.length) {
		throw damaged('its end marker counts collections its header does not list');
	}
	if (trailer.files !== seenFiles.size || trailer.fileBytes !== fileBytes) {
		throw damaged(`it should hold ${trailer.files} files, it holds ${seenFiles.size}`);
	}
	return { header, trailer };
}

/** Reads and checks a backup without writing anything. */
export async function verifyBackup(file: string) {
	return readBackup(file);
}

/**
 * Refuses (BackupError `notEmpty`) when any collection of `db` has a document or a stored-file
 * folder under `dataDir` has an entry.
 */
export async function assertEmpty(db: Db, dataDir: string): Promise<void> {
	const { collections } = await collectionsOf(db);
	const full: string[] = [];
	for (const name of collections) {
		if (await db.collection(name).findOne({}, { projection: { _id: 1 } })) full.push(name);
	}
	for (const folder of FILE_FOLDERS) {
		const where = path.join(dataDir, folder);
		try {
			if ((await readdir(where)).length > 0) full.push(`${where}/`);
		} catch (error) {
			const code = (error as NodeJS.ErrnoException).code;
			if (code === 'ENOTDIR') full.push(`${where} (not a folder)`);
			else if (code !== 'ENOENT') throw error;
		}
	}
	if (full.length > 0) {
		const shown = full.slice(0, 5).join(', ') + (full.length > 5 ? ', ...' : '');
		throw new BackupError(
			'notEmpty',
			`Restore loads into an empty database only, and ${db.databaseName} is not empty (${shown}).`
		);
	}
}

/**
 * Loads a backup into `db` and `dataDir`, both empty. The whole file is read and checked
 * first, so a file that is not a backup, truncated or altered writes nothing; if writing then
 * fails, what was written is removed. The models' indexes are the caller's (initModels).
 */
export async function restoreBackup(
	db: Db,
	dataDir: string,
	file: string,
	{
		onProgress = () => {},
		onChecked = () => {}
	}: {
		onProgress?: (event: BackupProgress) => void;
		onChecked?: (header: BackupHeader, trailer: BackupTrailer) => void;
	} = {}
): Promise<RestoreSummary> {
	await assertEmpty(db, dataDir);
	const checked = await readBackup(file);
	onChecked(checked.header, checked.trailer);

	const existing = new Set(
		(await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name)
	);
	const created: string[] = [];
	const written: string[] = [];
	const madeDirs: string[] = [];
	let batch: Document[] = [];
	let batchBytes = 0;
	let batchOf = '';
	let documents = 0;
	let files = 0;
	let fileBytes = 0;
	let folder = { name: '', files: 0, bytes: 0 };

	const flush = async () => {
		if (batch.length > 0) await db.collection(batchOf).insertMany(batch, { ordered: true });
		batch = [];
		batchBytes = 0;
	};
	const collectionDone = async () => {
		await flush();
		if (batchOf)
			onProgress({
				kind: 'collection',
				name: batchOf,
				documents: checked.trailer.documents[batchOf] ?? 0
			});
	};
	const folderDone = () => {
		if (folder.name) onProgress({ kind: 'folder', ...folder });
	};
	const ensureDir = async (dir: string) => {
		if (await lstat(dir).catch(() => null)) return;
		await ensureDir(path.dirname(dir));
		await mkdir(dir);
		madeDirs.push(dir);
	};

	try {
		await readBackup(file, {
			header: async (header) => {
				for (const name of header.collections) {
					if (existing.has(name)) continue;
					await db.createCollection(name);
					created.push(name);
				}
			},
			document: async (collection, doc, lineBytes) => {
				if (collection !== batchOf) {
					await collectionDone();
					batchOf = collection;
				}
				batch.push(doc);
				batchBytes += lineBytes;
				documents += 1;
				if (batch.length >= INSERT_BATCH || batchBytes >= INSERT_BATCH_BYTES) await flush();
			},
			file: async (relative, data) => {
				if (batchOf) {
					await collectionDone();
					batchOf = '';
				}
				const name = relative.split('/')[0]!;
				if (name !== folder.name) {
					folderDone();
					folder = { name, files: 0, bytes: 0 };
				}
				const target = path.join(dataDir, ...relative.split('/'));
				await ensureDir(path.dirname(target));
				const partial = `${target}.restore-${process.pid}.part`;
				written.push(partial);
				await writeWhole(partial, data);
				await rename(partial, target);
				written.push(target);
				files += 1;
				fileBytes += data.length;
				folder.files += 1;
				folder.bytes += data.length;
			}
		});
		await collectionDone();
		folderDone();
	} catch (error) {
		await undo(db, { created, insertedInto: checked.header.collections, written, madeDirs });
		throw error;
	}
	return { ...checked, documents, files, fileBytes };
}

async function writeWhole(file: string, data: Buffer) {
	const handle = await open(file, 'wx');
	try {
		await handle.writeFile(data);
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/** Takes a failed restore back out: the database and the folders were empty before it. */
async function undo(
	db: Db,
	{
		created,
		insertedInto,
		written,
		madeDirs
	}: { created: string[]; insertedInto: string[]; written: string[]; madeDirs: string[] }
) {
	for (const name of insertedInto) {
		if (created.includes(name)) await db.dropCollection(name).catch(() => {});
		else
			await db
				.collection(name)
				.deleteMany({})
				.catch(() => {});
	}
	for (const file of written.reverse()) await rm(file, { force: true }).catch(() => {});
	for (const dir of madeDirs.reverse()) await rmdir(dir).catch(() => {});
}

export interface OpenedDatabase {
	db: Db;
	/** Where the documents are, for messages: the URI without its password. */
	where: string;
	close: () => Promise<void>;
}

/**
 * The portal's database for a backup or a restore, without seeding anything: MONGODB_URI when
 * set; else the embedded database already answering on EMBEDDED_DB_PORT (the portal is
 * running); else the embedded database started on DATA_DIR for the command and stopped after.
 */
export async function openPortalDatabase(
	env: Env,
	log: (line: string) => void = console.log
): Promise<OpenedDatabase> {
	let uri = env.MONGODB_URI;
	let stop = async () => {};
	let where = uri ? redact(uri) : '';
	if (!uri) {
		uri = `mongodb://127.0.0.1:${env.EMBEDDED_DB_PORT}/`;
		const running = await waitUntilAnswers(uri, 1_000).then(
			() => true,
			() => false
		);
		if (running) {
			where = `the embedded database already running on ${uri} (the portal's)`;
		} else {
			const embedded = await startEmbeddedDatabase({
				dataDir: path.resolve(env.DATA_DIR),
				port: env.EMBEDDED_DB_PORT,
				log
			});
			stop = embedded.stop;
			where = `the embedded database in ${path.resolve(env.DATA_DIR, 'ferretdb')}`;
		}
	}
	try {
		await connectDatabase(uri);
	} catch (error) {
		await stop();
		throw error;
	}
	const db = mongoose.connection.db!;
	return {
		db,
		where: `${db.databaseName} in ${where}`,
		close: async () => {
			await disconnectDatabase().catch(() => {});
			await stop();
		}
	};
}

/** plural(1, 'file') → "1 file", plural(3, 'file') → "3 files". */
export function plural(n: number, one: string, many = `${one}s`): string {
	return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** 1234567 → "1.2 MB". */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	const units = ['kB', 'MB', 'GB', 'TB'];
	let value = bytes / 1024;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit += 1;
	}
	return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/**
 * One line for the console: a refusal or start-up problem as it is, anything else by its first
 * line. (Not startup.ts's: importing it registers the models, which creates collections.)
 */
export function failureLine(error: unknown): string {
	if (error instanceof Error) return error.message.split('\n')[0] || error.name;
	return String(error);
}
