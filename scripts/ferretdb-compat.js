// Measures which MongoDB features the portal's database server supports, and how it behaves
// under concurrent writes. Probes the server at MONGODB_URI, or else starts the embedded
// FerretDB (the portal's own launcher) on a fresh temporary data folder. Prints a table and
// writes the full results to docs/ferretdb-compat.json (or COMPAT_OUT).
//
//   node scripts/ferretdb-compat.js        (npm run db:compat)
//
// Environment: MONGODB_URI, COMPAT_DB_PORT (default 27317), COMPAT_OUT, COMPAT_TTL_WAIT_SECONDS
// (default 68; 0 skips waiting for a TTL index to expire a document).
// It is a measurement: it exits 0 whatever the server lacks, and non-zero only if it fails.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { FERRETDB_VERSION, startEmbeddedDatabase } from '../src/lib/server/db/embedded.js';

const { MongoClient, Decimal128, Long, ObjectId } = mongoose.mongo;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_FILE = path.resolve(ROOT, process.env.COMPAT_OUT ?? 'docs/ferretdb-compat.json');
const PORT = Number(process.env.COMPAT_DB_PORT ?? 27317);
const TTL_WAIT_SECONDS = Number(process.env.COMPAT_TTL_WAIT_SECONDS ?? 68);
const PROBE_TIMEOUT_MS = 10_000;
const CONCURRENCY = 50;

/** @typedef {'supported' | 'unsupported' | 'differs'} Result */
/** @typedef {{ feature: string, group: string, result: Result, note: string, data?: object }} Row */
/** @typedef {string | { result: Result, note: string, data?: object }} Outcome */
/** @typedef {import('mongodb').Db} Db */
/** @typedef {import('mongodb').MongoClient} Client */

/** Thrown by a probe when the server answers, but not as MongoDB does. */
class Differs extends Error {}

/** Thrown when a probe runs out of time. */
class TimedOut extends Error {
	name = 'TimedOut';
}

/** @type {Row[]} */
const rows = [];

/** @param {string} text @param {number} max */
function truncate(text, max) {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** JSON with object keys sorted, so documents compare by content, not field order. */
function canon(/** @type {unknown} */ value) {
	return JSON.stringify(value, (_key, x) =>
		x && typeof x === 'object' && !Array.isArray(x)
			? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: x
	);
}

/** @param {unknown} value */
function show(value) {
	return truncate(canon(value) ?? String(value), 160);
}

/** @param {unknown} condition @param {string} message @returns {asserts condition} */
function check(condition, message) {
	if (!condition) throw new Differs(message);
}

/** @param {unknown} actual @param {unknown} expected @param {string} what */
function checkSame(actual, expected, what) {
	check(
		canon(actual) === canon(expected),
		`${what}: got ${show(actual)}, expected ${show(expected)}`
	);
}

/** @param {unknown} error */
function errorCode(error) {
	return error && typeof error === 'object' && 'code' in error ? error.code : undefined;
}

/** One line describing a server or driver error: its code, name and first line. */
function describeError(/** @type {unknown} */ error) {
	if (!(error instanceof Error)) return truncate(String(error), 200);
	const code = errorCode(error);
	const codeName = 'codeName' in error && error.codeName ? ` ${error.codeName}` : '';
	const prefix = code !== undefined ? `error ${code}${codeName}: ` : `${error.name}: `;
	const message = error.message
		.split('\n')[0]
		// FerretDB quotes the offending value as a Go struct dump with pointer addresses.
		.replace(/ with value &\{.*\} is not implemented/, ' is not implemented');
	return prefix + truncate(message, 200);
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Resolves with `promise`, or rejects with TimedOut after `ms`.
 * @template T @param {Promise<T>} promise @param {number} ms @returns {Promise<T>}
 */
function withTimeout(promise, ms) {
	/** @type {NodeJS.Timeout | undefined} */
	let timer;
	const timeout = new Promise((_resolve, reject) => {
		timer = setTimeout(() => reject(new TimedOut(`timed out after ${ms / 1000} s`)), ms);
	});
	return /** @type {Promise<T>} */ (Promise.race([promise, timeout])).finally(() =>
		clearTimeout(timer)
	);
}

/**
 * Runs one probe and records its row. A probe returns a note (supported) or a full outcome;
 * a Differs error records 'differs', any other error or a timeout records 'unsupported'.
 * @param {string} group @param {string} feature @param {() => Promise<Outcome>} fn
 * @param {number} [timeoutMs]
 */
async function probe(group, feature, fn, timeoutMs = PROBE_TIMEOUT_MS) {
	/** @type {Row} */
	let row;
	try {
		const outcome = await withTimeout(fn(), timeoutMs);
		row =
			typeof outcome === 'string'
				? { feature, group, result: 'supported', note: outcome }
				: { feature, group, ...outcome };
	} catch (error) {
		row =
			error instanceof Differs
				? { feature, group, result: 'differs', note: error.message }
				: { feature, group, result: 'unsupported', note: describeError(error) };
	}
	rows.push(row);
	process.stderr.write(row.result === 'supported' ? '.' : row.result === 'differs' ? '~' : 'x');
}

/** Runs `fn`, returning the error it throws, or null when it succeeds. */
async function errorOf(/** @type {() => Promise<unknown>} */ fn) {
	try {
		await fn();
		return null;
	} catch (error) {
		return error;
	}
}

/**
 * Checks that `error` is a duplicate-key error (11000) and describes what it carries.
 * @param {unknown} error @param {string} what
 */
function checkDuplicate(error, what) {
	check(error, `${what} was accepted; MongoDB rejects it with error 11000`);
	check(errorCode(error) === 11000, `${what}: ${describeError(error)} (expected error 11000)`);
	const e = /** @type {{ keyPattern?: unknown, keyValue?: unknown }} */ (error);
	return `error 11000${e.keyPattern ? `, keyPattern ${show(e.keyPattern)}` : ', no keyPattern'}${
		e.keyValue ? `, keyValue ${show(e.keyValue)}` : ', no keyValue'
	}`;
}

/**
 * The probes of plain features. `db` is a fresh database; `col` makes a fresh collection.
 * @param {{ db: Db, client: Client }} ctx
 */
async function featureProbes({ db, client }) {
	let seq = 0;
	/** @param {string} name */
	const col = (name) => db.collection(`p${++seq}_${name}`);

	// --- TTL: set up first, so the expiry check at the end has had time to run ---------------
	/** @type {{ coll: import('mongodb').Collection, id: unknown, since: number } | undefined} */
	let ttl;
	await probe('Indexes', 'TTL index (expireAfterSeconds accepted)', async () => {
		const c = col('ttl');
		await c.createIndex({ at: 1 }, { expireAfterSeconds: 1 });
		const { insertedId } = await c.insertOne({ at: new Date(Date.now() - 3_600_000) });
		ttl = { coll: c, id: insertedId, since: Date.now() };
		const index = (await c.listIndexes().toArray()).find((i) => i.name === 'at_1');
		check(index, 'index created but not listed by listIndexes');
		check(
			index.expireAfterSeconds === 1,
			`createIndex accepted the option, but listIndexes shows ${show(index)} (no expireAfterSeconds)`
		);
		return 'createIndex accepted it; listIndexes shows expireAfterSeconds: 1';
	});

	// --- CRUD ---------------------------------------------------------------------------------
	await probe('CRUD', 'insert / find / update / replace / delete', async () => {
		const c = col('crud');
		const one = await c.insertOne({ name: 'a', n: 1 });
		check(one.insertedId instanceof ObjectId, 'insertedId is not an ObjectId');
		const many = await c.insertMany([
			{ name: 'b', n: 2 },
			{ name: 'c', n: 3 }
		]);
		checkSame(many.insertedCount, 2, 'insertMany insertedCount');
		checkSame(
			(await c.find({ n: { $gte: 2 } }).toArray()).map((d) => d.name).sort(),
			['b', 'c'],
			'find'
		);
		const upd = await c.updateOne({ name: 'a' }, { $set: { n: 10 } });
		checkSame([upd.matchedCount, upd.modifiedCount], [1, 1], 'updateOne matched/modified');
		const updMany = await c.updateMany({}, { $set: { flag: true } });
		checkSame(updMany.modifiedCount, 3, 'updateMany modifiedCount');
		const rep = await c.replaceOne({ name: 'b' }, { name: 'b2', n: 2 });
		checkSame(rep.modifiedCount, 1, 'replaceOne modifiedCount');
		checkSame(
			await c.findOne({ n: 2 }, { projection: { _id: 0 } }),
			{ name: 'b2', n: 2 },
			'replaced'
		);
		checkSame((await c.deleteOne({ name: 'c' })).deletedCount, 1, 'deleteOne deletedCount');
		checkSame((await c.deleteMany({})).deletedCount, 2, 'deleteMany deletedCount');
		return 'insertOne, insertMany, find, updateOne, updateMany, replaceOne, deleteOne, deleteMany';
	});

	await probe('CRUD', 'no-op update reports modifiedCount 0', async () => {
		const c = col('noop');
		await c.insertOne({ _id: 1, n: 1 });
		const r = await c.updateOne({ _id: 1 }, { $set: { n: 1 } });
		checkSame(
			[r.matchedCount, r.modifiedCount],
			[1, 0],
			'matched/modified for $set of the same value'
		);
		return 'matchedCount 1, modifiedCount 0';
	});

	await probe('CRUD', 'findOneAndUpdate (upsert, returnDocument)', async () => {
		const c = col('fam');
		const after = await c.findOneAndUpdate(
			{ key: 'k' },
			{ $inc: { n: 1 }, $setOnInsert: { created: true } },
			{ upsert: true, returnDocument: 'after' }
		);
		checkSame(withoutId(after), { key: 'k', n: 1, created: true }, 'upsert, returnDocument after');
		const before = await c.findOneAndUpdate(
			{ key: 'k' },
			{ $inc: { n: 1 } },
			{ returnDocument: 'before' }
		);
		checkSame(before?.n, 1, 'returnDocument before');
		const newBefore = await c.findOneAndUpdate(
			{ key: 'new' },
			{ $set: { n: 5 } },
			{ upsert: true, returnDocument: 'before' }
		);
		checkSame(newBefore, null, 'upsert with returnDocument before');
		const deleted = await c.findOneAndDelete({ key: 'k' });
		checkSame(deleted?.n, 2, 'findOneAndDelete');
		return 'upsert + $setOnInsert, returnDocument after/before, findOneAndDelete';
	});

	await probe('CRUD', 'findOneAndUpdate with a projection', async () => {
		const c = col('famproj');
		await c.insertOne({ key: 'k', n: 1, secret: 's' });
		const after = await c.findOneAndUpdate(
			{ key: 'k' },
			{ $inc: { n: 1 } },
			{ returnDocument: 'after', projection: { _id: 0, n: 1 } }
		);
		checkSame(after, { n: 2 }, 'projected document');
		return 'projection option (mongoose: select) honoured';
	});

	await probe('CRUD', 'countDocuments, estimatedDocumentCount, distinct', async () => {
		const c = col('count');
		await c.insertMany(['x', 'x', 'y', 'x', 'z'].map((cat, n) => ({ cat, n })));
		checkSame(await c.countDocuments({ cat: 'x' }), 3, 'countDocuments with filter');
		checkSame(await c.countDocuments({}, { skip: 1, limit: 2 }), 2, 'countDocuments skip/limit');
		checkSame(await c.estimatedDocumentCount(), 5, 'estimatedDocumentCount');
		checkSame((await c.distinct('cat')).sort(), ['x', 'y', 'z'], 'distinct');
		checkSame((await c.distinct('cat', { n: { $gte: 2 } })).sort(), ['x', 'y', 'z'], 'distinct');
		return 'all three, with filters; countDocuments with skip/limit';
	});

	await probe('CRUD', 'bulkWrite ordered: false', async () => {
		const c = col('bulk');
		const error = await errorOf(() =>
			c.bulkWrite(
				[
					{ insertOne: { document: { _id: 1 } } },
					{ insertOne: { document: { _id: 1 } } },
					{ insertOne: { document: { _id: 2 } } },
					{ insertOne: { document: { _id: 3 } } },
					{ updateOne: { filter: { _id: 3 }, update: { $set: { x: 1 } } } }
				],
				{ ordered: false }
			)
		);
		check(error, 'the duplicate _id in the batch was accepted');
		const e = /** @type {{ insertedCount?: number, writeErrors?: unknown }} */ (error);
		const writeErrors = /** @type {{ index: number, code: number }[]} */ (
			Array.isArray(e.writeErrors) ? e.writeErrors : e.writeErrors ? [e.writeErrors] : []
		);
		checkSame(
			writeErrors.map((w) => [w.index, w.code]),
			[[1, 11000]],
			`write errors (${describeError(error)})`
		);
		checkSame(await c.countDocuments(), 3, 'documents stored after the failed one');
		checkSame(await c.findOne({ _id: 3 }), { _id: 3, x: 1 }, 'update after the failed insert');
		return `MongoBulkWriteError with one writeError (index 1, 11000); insertedCount ${e.insertedCount}; the other operations applied`;
	});

	// --- Indexes ------------------------------------------------------------------------------
	await probe('Indexes', 'unique index', async () => {
		const c = col('uniq');
		await c.createIndex({ email: 1 }, { unique: true });
		await c.insertOne({ email: 'a@x' });
		return `second insert: ${checkDuplicate(
			await errorOf(() => c.insertOne({ email: 'a@x' })),
			'duplicate email'
		)}`;
	});

	await probe('Indexes', 'compound unique index', async () => {
		const c = col('cuniq');
		await c.createIndex({ account: 1, seq: 1 }, { unique: true });
		await c.insertMany([
			{ account: 'a', seq: 1 },
			{ account: 'a', seq: 2 },
			{ account: 'b', seq: 1 }
		]);
		return `(a,1) (a,2) (b,1) accepted; second (a,1): ${checkDuplicate(
			await errorOf(() => c.insertOne({ account: 'a', seq: 1 })),
			'duplicate (account, seq)'
		)}`;
	});

	await probe('Indexes', 'unique index, documents missing the field', async () => {
		const c = col('umiss');
		await c.createIndex({ email: 1 }, { unique: true });
		await c.insertOne({ name: 'first' });
		const missing = await errorOf(() => c.insertOne({ name: 'second' }));
		await c.insertOne({ email: null, name: 'null1' }).catch(() => {});
		const nulls = await errorOf(() => c.insertOne({ email: null, name: 'null2' }));
		const describe = (/** @type {unknown} */ e) =>
			e ? (errorCode(e) === 11000 ? 'conflicts (11000)' : describeError(e)) : 'is accepted';
		const note = `a 2nd document without the field ${describe(missing)}; a 2nd with email: null ${describe(nulls)}`;
		if (errorCode(missing) === 11000) return note;
		throw new Differs(`${note} (MongoDB: both conflict with 11000, as missing counts as null)`);
	});

	await probe('Indexes', 'sparse unique index', async () => {
		const c = col('sparse');
		await c.createIndex({ code: 1 }, { unique: true, sparse: true });
		const created = (await c.listIndexes().toArray()).find((i) => i.name === 'code_1');
		await c.insertMany([{ name: 'no code 1' }, { name: 'no code 2' }, { code: 'A' }]);
		const dup = checkDuplicate(await errorOf(() => c.insertOne({ code: 'A' })), 'duplicate code');
		check(
			created?.sparse === true,
			`works, but listIndexes shows ${show(created)} (sparse dropped)`
		);
		return `two documents without the field accepted; duplicate value: ${dup}`;
	});

	await probe('Indexes', 'partial unique index (partialFilterExpression)', async () => {
		const c = col('partial');
		await c.createIndex(
			{ owner: 1 },
			{ unique: true, partialFilterExpression: { active: { $eq: true } } }
		);
		await c.insertMany([
			{ owner: 'o', active: false },
			{ owner: 'o', active: false },
			{ owner: 'o', active: true }
		]);
		return `inactive duplicates accepted; 2nd active duplicate: ${checkDuplicate(
			await errorOf(() => c.insertOne({ owner: 'o', active: true })),
			'second active document'
		)}`;
	});

	await probe('Indexes', 'text index and $text', async () => {
		const c = col('text');
		const refused = await errorOf(() => c.createIndex({ body: 'text' }));
		if (refused) return { result: 'unsupported', note: `createIndex: ${describeError(refused)}` };
		await c.insertMany([{ body: 'felt and cashmere goods' }, { body: 'bakery and bread' }]);
		const found = await c.find({ $text: { $search: 'cashmere' } }).toArray();
		checkSame(found.length, 1, '$text matches');
		return 'createIndex text and $text search';
	});

	await probe('Indexes', 'listIndexes', async () => {
		const c = col('list');
		await c.createIndex({ a: 1 }, { unique: true });
		await c.createIndex({ a: 1, b: -1 }, { name: 'a_b' });
		const indexes = await c.listIndexes().toArray();
		const shape = indexes
			.map((i) => `${i.name} ${canon(i.key)}${i.unique ? ' unique' : ''}`)
			.sort();
		checkSame(shape, ['_id_ {"_id":1}', 'a_1 {"a":1} unique', 'a_b {"a":1,"b":-1}'], 'indexes');
		return `${shape.join('; ')}; fields: ${Object.keys(indexes[0]).sort().join(', ')}`;
	});

	// --- Queries ------------------------------------------------------------------------------
	await probe('Queries', 'collation (strength 2)', async () => {
		const c = col('coll');
		await c.insertMany([{ s: 'abc' }, { s: 'ABC' }, { s: 'abd' }]);
		const found = await c.find({ s: 'abc' }).collation({ locale: 'en', strength: 2 }).toArray();
		checkSame(found.length, 2, 'case-insensitive equality via collation');
		return 'find with collation { locale: en, strength: 2 } matches abc and ABC';
	});

	await probe('Queries', 'case-insensitive $regex', async () => {
		const c = col('regex');
		await c.insertMany([{ s: 'Dalanzadgad' }, { s: 'DALANZADGAD' }, { s: 'Khanbogd' }]);
		checkSame(
			await c.countDocuments({ s: { $regex: '^dalan', $options: 'i' } }),
			2,
			'$regex with $options i'
		);
		checkSame(await c.countDocuments({ s: /zadgad$/i }), 2, 'RegExp /…/i');
		checkSame(await c.countDocuments({ s: /^dalan/ }), 0, 'case-sensitive RegExp');
		return '{ $regex, $options: "i" } and /…/i';
	});

	await probe('Queries', 'case-insensitive $regex on Cyrillic', async () => {
		const c = col('cyr');
		await c.insertMany([{ s: 'Батболд' }, { s: 'БАТБОЛД' }, { s: 'Сараа' }]);
		checkSame(await c.countDocuments({ s: /^батболд$/i }), 2, '/^батболд$/i');
		return '/^батболд$/i matches Батболд and БАТБОЛД';
	});

	await probe('Queries', '$in / $nin on array fields', async () => {
		const c = col('inin');
		await c.insertMany([
			{ n: 1, tags: ['a', 'b'] },
			{ n: 2, tags: ['c'] },
			{ n: 3, tags: [] }
		]);
		const ns = async (/** @type {object} */ f) =>
			(await c.find(f).toArray()).map((d) => d.n).sort();
		checkSame(await ns({ tags: { $in: ['b', 'z'] } }), [1], '$in');
		checkSame(await ns({ tags: { $nin: ['a', 'c'] } }), [3], '$nin');
		checkSame(await ns({ n: { $in: [2, 3] } }), [2, 3], '$in on a scalar field');
		checkSame(await ns({ tags: 'c' }), [2], 'equality on an array element');
		return '$in, $nin, element equality';
	});

	await probe('Queries', '$elemMatch', async () => {
		const c = col('elem');
		await c.insertMany([
			{
				n: 1,
				items: [
					{ k: 'x', v: 1 },
					{ k: 'y', v: 5 }
				]
			},
			{ n: 2, items: [{ k: 'x', v: 5 }] }
		]);
		await c.insertOne({ n: 3, scores: [1, 8] });
		const scalar = await errorOf(async () =>
			checkSame(
				(await c.find({ scores: { $elemMatch: { $gt: 5, $lt: 9 } } }).toArray()).map((d) => d.n),
				[3],
				'$elemMatch on an array of numbers'
			)
		);
		const subdocs = await errorOf(async () =>
			checkSame(
				(await c.find({ items: { $elemMatch: { k: 'x', v: { $gt: 2 } } } }).toArray()).map(
					(d) => d.n
				),
				[2],
				'$elemMatch on an array of subdocuments'
			)
		);
		const say = (/** @type {unknown} */ e) =>
			e ? (e instanceof Differs ? e.message : describeError(e)) : 'works';
		const note = `on numbers ({ $gt, $lt }): ${say(scalar)}; on subdocuments ({ k, v: { $gt } }): ${say(subdocs)}`;
		if (!scalar && !subdocs) return note;
		return { result: scalar && subdocs ? 'unsupported' : 'differs', note };
	});

	await probe('Queries', '$or, $and, $ne, $not, $gt/$lt', async () => {
		const c = col('logic');
		await c.insertMany([
			{ n: 1, s: 'a', v: 1 },
			{ n: 2, s: 'b', v: 5 },
			{ n: 3, s: 'c', v: 9 }
		]);
		const ns = async (/** @type {object} */ f) =>
			(await c.find(f).toArray()).map((d) => d.n).sort();
		checkSame(await ns({ $or: [{ s: 'a' }, { v: { $gt: 8 } }] }), [1, 3], '$or');
		checkSame(await ns({ $and: [{ v: { $gt: 1 } }, { v: { $lt: 9 } }] }), [2], '$and');
		checkSame(await ns({ s: { $ne: 'b' } }), [1, 3], '$ne');
		checkSame(await ns({ v: { $not: { $gt: 4 } } }), [1], '$not');
		checkSame(await ns({ s: { $gte: 'b', $lt: 'c' } }), [2], 'string range');
		return 'ok';
	});

	await probe('Queries', '$all', async () => {
		const c = col('all');
		await c.insertMany([
			{ n: 1, tags: ['a', 'b', 'c'] },
			{ n: 2, tags: ['a'] }
		]);
		const found = await c.find({ tags: { $all: ['a', 'c'] } }).toArray();
		checkSame(
			found.map((d) => d.n),
			[1],
			'$all'
		);
		return 'ok';
	});

	await probe('Queries', '$exists', async () => {
		const c = col('exists');
		await c.insertMany([{ n: 1, x: null }, { n: 2 }, { n: 3, x: 0 }]);
		const ns = async (/** @type {object} */ f) =>
			(await c.find(f).toArray()).map((d) => d.n).sort();
		checkSame(await ns({ x: { $exists: true } }), [1, 3], '$exists true');
		checkSame(await ns({ x: { $exists: false } }), [2], '$exists false');
		checkSame(await ns({ x: null }), [1, 2], '{ x: null } matches null and missing');
		return '$exists true/false; { x: null } matches null and missing';
	});

	await probe('Queries', '$size', async () => {
		const c = col('size');
		await c.insertMany([
			{ n: 1, a: [1, 2] },
			{ n: 2, a: [] }
		]);
		checkSame(
			(await c.find({ a: { $size: 2 } }).toArray()).map((d) => d.n),
			[1],
			'$size'
		);
		return 'ok';
	});

	await probe('Queries', '$expr', async () => {
		const c = col('expr');
		await c.insertMany([
			{ n: 1, spent: 5, budget: 10 },
			{ n: 2, spent: 12, budget: 10 }
		]);
		const found = await c.find({ $expr: { $gt: ['$spent', '$budget'] } }).toArray();
		checkSame(
			found.map((d) => d.n),
			[2],
			'$expr'
		);
		return 'comparison of two fields';
	});

	await probe('Queries', 'nested field paths', async () => {
		const c = col('nested');
		await c.insertMany([
			{ n: 1, profile: { address: { soum: 'Dalanzadgad', bag: 2 } }, items: [{ k: 'a' }] },
			{ n: 2, profile: { address: { soum: 'Khanbogd', bag: 1 } }, items: [{ k: 'b' }] }
		]);
		checkSame(
			(await c.find({ 'profile.address.soum': 'Khanbogd' }).toArray()).map((d) => d.n),
			[2],
			'dotted query'
		);
		checkSame(
			(await c.find({ 'items.k': 'a' }).toArray()).map((d) => d.n),
			[1],
			'dotted query into an array'
		);
		await c.updateOne({ n: 1 }, { $set: { 'profile.address.bag': 7, 'profile.phone.kind': 'm' } });
		checkSame(
			await c.findOne(
				{ n: 1 },
				{ projection: { _id: 0, 'profile.address.bag': 1, 'profile.phone': 1 } }
			),
			{ profile: { address: { bag: 7 }, phone: { kind: 'm' } } },
			'dotted $set and projection'
		);
		checkSame(
			(await c.find().sort({ 'profile.address.bag': 1 }).toArray()).map((d) => d.n),
			[2, 1],
			'dotted sort'
		);
		return 'dotted query, query into arrays, $set creating paths, projection, sort';
	});

	await probe('Queries', 'sort on multiple keys', async () => {
		const c = col('sort');
		await c.insertMany([
			{ n: 1, a: 2, b: 1 },
			{ n: 2, a: 1, b: 1 },
			{ n: 3, a: 2, b: 3 },
			{ n: 4, a: 1, b: 2 },
			{ n: 5, b: 9 }
		]);
		const order = (await c.find().sort({ a: 1, b: -1 }).toArray()).map((d) => d.n);
		checkSame(order, [5, 4, 2, 3, 1], 'sort { a: 1, b: -1 } (missing a first)');
		return 'sort { a: 1, b: -1 }, documents missing a first';
	});

	await probe('Queries', 'skip / limit paging', async () => {
		const c = col('page');
		await c.insertMany(Array.from({ length: 25 }, (_, n) => ({ n })));
		const page = async (/** @type {number} */ skip) =>
			(await c.find().sort({ n: 1 }).skip(skip).limit(10).toArray()).map((d) => d.n);
		checkSame(
			await page(10),
			Array.from({ length: 10 }, (_, i) => i + 10),
			'page 2'
		);
		checkSame(await page(20), [20, 21, 22, 23, 24], 'page 3');
		return 'sort + skip + limit pages of 10 over 25 documents';
	});

	// --- Update operators ---------------------------------------------------------------------
	/**
	 * @param {string} name @param {object} initial @param {object} update @param {object} expected
	 * @param {import('mongodb').UpdateOptions} [options] @param {object} [filter]
	 */
	const updateProbe = (name, initial, update, expected, options = {}, filter = {}) =>
		probe('Update operators', name, async () => {
			const c = col('upd');
			await c.insertOne({ _id: 1, ...initial });
			const r = await c.updateOne({ _id: 1, ...filter }, update, options);
			checkSame(
				await c.findOne({ _id: 1 }, { projection: { _id: 0 } }),
				expected,
				'document after update'
			);
			return `matched ${r.matchedCount}, modified ${r.modifiedCount}`;
		});

	await updateProbe('$set', { a: 1 }, { $set: { a: 2, 'b.c': 3 } }, { a: 2, b: { c: 3 } });
	await updateProbe('$unset', { a: 1, b: 2 }, { $unset: { b: '' } }, { a: 1 });
	await updateProbe('$inc', { n: 1 }, { $inc: { n: 2, m: -1 } }, { n: 3, m: -1 });
	await updateProbe('$min', { lo: 5 }, { $min: { lo: 3, new: 1 } }, { lo: 3, new: 1 });
	await updateProbe('$max', { hi: 5 }, { $max: { hi: 3 } }, { hi: 5 });
	await updateProbe('$push', { a: [1] }, { $push: { a: 2, b: 'x' } }, { a: [1, 2], b: ['x'] });
	await updateProbe(
		'$push with $each',
		{ a: [1] },
		{ $push: { a: { $each: [2, 3] } } },
		{ a: [1, 2, 3] }
	);
	await updateProbe(
		'$push with $each and $slice',
		{ a: [1] },
		{ $push: { a: { $each: [2, 3, 4], $slice: -3 } } },
		{ a: [2, 3, 4] }
	);
	await updateProbe(
		'$addToSet (and $each)',
		{ a: [1, 2] },
		{ $addToSet: { a: { $each: [2, 3] } } },
		{ a: [1, 2, 3] }
	);
	await updateProbe('$pull', { a: [1, 2, 3, 2] }, { $pull: { a: 2 } }, { a: [1, 3] });
	await probe('Update operators', '$setOnInsert (upsert)', async () => {
		const c = col('soi');
		await c.updateOne({ _id: 1 }, { $set: { a: 1 }, $setOnInsert: { b: 1 } }, { upsert: true });
		await c.updateOne({ _id: 1 }, { $set: { a: 2 }, $setOnInsert: { b: 2 } }, { upsert: true });
		checkSame(await c.findOne({ _id: 1 }), { _id: 1, a: 2, b: 1 }, 'after insert then update');
		return 'applied on insert only';
	});
	await updateProbe(
		'arrayFilters',
		{
			lines: [
				{ k: 'a', v: 1 },
				{ k: 'b', v: 1 }
			]
		},
		{ $set: { 'lines.$[line].v': 9 } },
		{
			lines: [
				{ k: 'a', v: 1 },
				{ k: 'b', v: 9 }
			]
		},
		{ arrayFilters: [{ 'line.k': 'b' }] }
	);
	await updateProbe(
		'positional $',
		{
			lines: [
				{ k: 'a', v: 1 },
				{ k: 'b', v: 1 }
			]
		},
		{ $set: { 'lines.$.v': 9 } },
		{
			lines: [
				{ k: 'a', v: 1 },
				{ k: 'b', v: 9 }
			]
		},
		{},
		{ 'lines.k': 'b' }
	);

	// --- Aggregation --------------------------------------------------------------------------
	const sales = col('sales');
	await sales.insertMany([
		{ n: 1, cat: 'a', tags: ['x', 'y'], sub: { v: 1 }, d: new Date('2026-03-05T10:00:00Z') },
		{ n: 2, cat: 'a', tags: ['x'], sub: { v: 2 }, d: new Date('2026-03-20T10:00:00Z') },
		{ n: 5, cat: 'b', tags: [], sub: { v: 5 }, d: new Date('2026-04-01T00:30:00Z') }
	]);
	const cats = col('cats');
	await cats.insertMany([
		{ _id: 'a', label: 'Alpha' },
		{ _id: 'b', label: 'Beta' }
	]);
	/** @param {object[]} pipeline */
	const agg = (pipeline) => sales.aggregate(pipeline).toArray();
	const byN = (/** @type {{ n?: unknown }[]} */ docs) =>
		docs.map((d) => d.n).sort((a, b) => Number(a) - Number(b));
	const byId = (/** @type {{ _id?: unknown }[]} */ docs) =>
		[...docs].sort((a, b) => String(a._id).localeCompare(String(b._id)));
	/**
	 * @param {string} group @param {string} feature @param {object[]} pipeline
	 * @param {(docs: any[]) => unknown} pick @param {unknown} expected
	 */
	const aggProbe = (group, feature, pipeline, pick, expected) =>
		probe(group, feature, async () => {
			checkSame(pick(await agg(pipeline)), expected, 'result');
			return truncate(canon(pipeline[pipeline.length - 1]) ?? '', 100);
		});

	const stage = 'Aggregation stages';
	await aggProbe(stage, '$match', [{ $match: { cat: 'a' } }], byN, [1, 2]);
	await aggProbe(stage, '$group', [{ $group: { _id: '$cat', total: { $sum: '$n' } } }], byId, [
		{ _id: 'a', total: 3 },
		{ _id: 'b', total: 5 }
	]);
	await aggProbe(stage, '$sort', [{ $sort: { n: -1 } }], (d) => d.map((x) => x.n), [5, 2, 1]);
	await aggProbe(stage, '$project', [{ $project: { _id: 0, cat: 1, n: 1 } }], (d) => byIdN(d), [
		{ cat: 'a', n: 1 },
		{ cat: 'a', n: 2 },
		{ cat: 'b', n: 5 }
	]);
	await aggProbe(stage, '$unwind', [{ $unwind: '$tags' }], (d) => d.map((x) => x.tags).sort(), [
		'x',
		'x',
		'y'
	]);
	await aggProbe(stage, '$count', [{ $match: { cat: 'a' } }, { $count: 'n' }], (d) => d, [
		{ n: 2 }
	]);
	await aggProbe(stage, '$limit', [{ $sort: { n: 1 } }, { $limit: 2 }], byN, [1, 2]);
	await aggProbe(stage, '$skip', [{ $sort: { n: 1 } }, { $skip: 1 }], byN, [2, 5]);
	await aggProbe(
		stage,
		'$addFields (literal value)',
		[{ $addFields: { flag: true } }],
		(d) => byIdN(d).map((x) => x.flag),
		[true, true, true]
	);
	await aggProbe(
		stage,
		'$addFields (field path)',
		[{ $addFields: { copy: '$n', deep: '$sub.v' } }],
		(d) => byIdN(d).map((x) => [x.copy, x.deep]),
		[
			[1, 1],
			[2, 2],
			[5, 5]
		]
	);
	await aggProbe(
		stage,
		'$set (stage, field path)',
		[{ $set: { copy: '$n' } }],
		(d) => byIdN(d).map((x) => x.copy),
		[1, 2, 5]
	);
	await aggProbe(
		stage,
		'$project (field path)',
		[{ $project: { _id: 0, n: 1, v: '$sub.v' } }],
		(d) => byIdN(d).map((x) => x.v),
		[1, 2, 5]
	);
	await aggProbe(
		stage,
		'$unset (stage)',
		[{ $unset: ['tags', 'sub', 'd', '_id'] }],
		(d) => byIdN(d),
		[
			{ n: 1, cat: 'a' },
			{ n: 2, cat: 'a' },
			{ n: 5, cat: 'b' }
		]
	);
	await aggProbe(
		stage,
		'$lookup',
		[{ $lookup: { from: cats.collectionName, localField: 'cat', foreignField: '_id', as: 'c' } }],
		(d) => byIdN(d).map((x) => x.c?.[0]?.label),
		['Alpha', 'Alpha', 'Beta']
	);
	await aggProbe(
		stage,
		'$facet',
		[{ $facet: { a: [{ $match: { cat: 'a' } }, { $count: 'n' }], all: [{ $count: 'n' }] } }],
		(d) => d,
		[{ a: [{ n: 2 }], all: [{ n: 3 }] }]
	);
	await aggProbe(
		stage,
		'$bucket',
		[{ $bucket: { groupBy: '$n', boundaries: [0, 2, 10], default: 'other' } }],
		byId,
		[
			{ _id: 0, count: 1 },
			{ _id: 2, count: 2 }
		]
	);
	await aggProbe(stage, '$sortByCount', [{ $sortByCount: '$cat' }], (d) => d, [
		{ _id: 'a', count: 2 },
		{ _id: 'b', count: 1 }
	]);
	await aggProbe(
		stage,
		'$replaceRoot',
		[{ $replaceRoot: { newRoot: '$sub' } }],
		(d) => d.map((x) => x.v).sort(),
		[1, 2, 5]
	);
	await aggProbe(stage, '$sample', [{ $sample: { size: 2 } }], (d) => d.length, 2);

	const acc = 'Group accumulators';
	/** @param {string} name @param {object} accumulator @param {(v: any) => unknown} norm @param {unknown[]} expected */
	const accProbe = (name, accumulator, norm, expected) =>
		aggProbe(
			acc,
			name,
			[{ $sort: { n: 1 } }, { $group: { _id: '$cat', v: accumulator } }],
			(d) => byId(d).map((x) => norm(x.v)),
			expected
		);
	const asIs = (/** @type {unknown} */ v) => v;
	const sorted = (/** @type {unknown} */ v) => (Array.isArray(v) ? [...v].sort() : v);
	await accProbe('$sum', { $sum: '$n' }, asIs, [3, 5]);
	await aggProbe(
		acc,
		'$sum: 1 with a compound _id',
		[{ $group: { _id: { cat: '$cat' }, c: { $sum: 1 } } }],
		(d) => d.map((x) => [x._id.cat, x.c]).sort(),
		[
			['a', 2],
			['b', 1]
		]
	);
	await aggProbe(
		acc,
		'$sum with _id: null',
		[{ $group: { _id: null, total: { $sum: '$n' } } }],
		(d) => d,
		[{ _id: null, total: 8 }]
	);
	await probe(acc, 'two or more accumulators in one $group', async () => {
		const docs = await agg([
			{ $group: { _id: '$cat', total: { $sum: '$n' }, count: { $sum: 1 }, again: { $sum: '$n' } } }
		]);
		const got = byId(docs);
		const expected = [
			{ _id: 'a', total: 3, count: 2, again: 3 },
			{ _id: 'b', total: 5, count: 1, again: 5 }
		];
		if (canon(got) === canon(expected))
			return '{ total: $sum, count: $sum 1, again: $sum } all right';
		throw new Differs(
			`silently wrong: got ${show(got)}, expected ${show(expected)} (only the first accumulator is computed; FerretDB issue #4616)`
		);
	});
	await accProbe('$count (accumulator)', { $count: {} }, asIs, [2, 1]);
	await accProbe('$avg', { $avg: '$n' }, asIs, [1.5, 5]);
	await accProbe('$min', { $min: '$n' }, asIs, [1, 5]);
	await accProbe('$max', { $max: '$n' }, asIs, [2, 5]);
	await accProbe('$push', { $push: '$n' }, sorted, [[1, 2], [5]]);
	await accProbe('$addToSet', { $addToSet: '$cat' }, sorted, [['a'], ['b']]);
	await accProbe('$first', { $first: '$n' }, asIs, [1, 5]);

	const expr = 'Expressions';
	/** @param {string} name @param {object} expression @param {unknown[]} expected */
	const exprProbe = (name, expression, expected) =>
		aggProbe(
			expr,
			name,
			[{ $project: { n: 1, v: expression } }],
			(d) => byIdN(d).map((x) => (x.v instanceof Date ? x.v.toISOString() : x.v)),
			expected
		);
	await exprProbe('$cond', { $cond: [{ $gte: ['$n', 2] }, 'big', 'small'] }, [
		'small',
		'big',
		'big'
	]);
	await exprProbe('$dateToString', { $dateToString: { format: '%Y-%m-%d', date: '$d' } }, [
		'2026-03-05',
		'2026-03-20',
		'2026-04-01'
	]);
	await exprProbe('$dateTrunc', { $dateTrunc: { date: '$d', unit: 'month' } }, [
		'2026-03-01T00:00:00.000Z',
		'2026-03-01T00:00:00.000Z',
		'2026-04-01T00:00:00.000Z'
	]);
	await exprProbe('$ifNull', { $ifNull: ['$missing', 'default'] }, [
		'default',
		'default',
		'default'
	]);

	// --- Server features ----------------------------------------------------------------------
	const server = 'Server features';
	await probe(server, 'multi-document transactions', async () => {
		const c = col('txn');
		await c.insertOne({ _id: 'seed' });
		const session = client.startSession();
		try {
			const commitError = await errorOf(() =>
				session.withTransaction(async () => {
					await c.insertOne({ _id: 'committed' }, { session });
					await c.insertOne({ _id: 'committed2' }, { session });
				})
			);
			if (commitError) {
				const stored = await c.countDocuments({ _id: { $in: ['committed', 'committed2'] } });
				return {
					result: 'unsupported',
					note: `withTransaction fails: ${describeError(commitError)}; writes left behind: ${stored}`
				};
			}
			session.startTransaction();
			await c.insertOne({ _id: 'aborted' }, { session });
			await session.abortTransaction();
			const leaked = await c.countDocuments({ _id: 'aborted' });
			check(leaked === 0, 'withTransaction commits, but a write inside an aborted one persists');
			return 'withTransaction commits; abortTransaction rolls back';
		} finally {
			await session.endSession().catch(() => {});
		}
	});

	await probe(server, 'change streams (collection.watch)', async () => {
		const c = col('watch');
		await c.insertOne({ a: 1 });
		const stream = c.watch();
		try {
			await withTimeout(stream.tryNext(), 3_000);
			return 'watch() opens a change stream';
		} finally {
			await stream.close().catch(() => {});
		}
	});

	await probe(server, 'explain (find().explain())', async () => {
		const c = col('explain');
		await c.createIndex({ a: 1 });
		await c.insertMany([{ a: 1 }, { a: 2 }]);
		const plan = await c.find({ a: 1 }).explain();
		const keys = Object.keys(plan).sort().join(', ');
		const qp = /** @type {Record<string, unknown> | undefined} */ (plan.queryPlanner);
		check(
			qp && 'winningPlan' in qp,
			`answers, with top-level keys ${keys}; queryPlanner keys ${qp ? Object.keys(qp).sort().join(', ') : 'none'} (no winningPlan, as MongoDB has)`
		);
		return `top-level keys: ${keys}; queryPlanner keys: ${Object.keys(qp).sort().join(', ')}`;
	});

	await probe(server, 'renameCollection', async () => {
		const c = col('rename');
		await c.insertOne({ a: 1 });
		const target = `${c.collectionName}_renamed`;
		const renamed = await c.rename(target);
		checkSame(await renamed.countDocuments(), 1, 'documents in the renamed collection');
		const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((x) => x.name);
		check(!names.includes(c.collectionName), 'the old name still exists');
		return 'documents moved, old name gone';
	});

	await probe(server, 'capped collection', async () => {
		const name = `p${++seq}_capped`;
		const c = await db.createCollection(name, { capped: true, size: 4096, max: 3 });
		for (let n = 1; n <= 5; n += 1) await c.insertOne({ n });
		const kept = (await c.find().sort({ n: 1 }).toArray()).map((d) => d.n);
		const capped = await c.isCapped();
		checkSame(
			{ capped, kept },
			{ capped: true, kept: [3, 4, 5] },
			'isCapped and documents kept (max 3)'
		);
		return 'createCollection capped with max 3 keeps the newest 3';
	});

	await probe(server, '$jsonSchema validator', async () => {
		const name = `p${++seq}_schema`;
		const c = await db.createCollection(name, {
			validator: { $jsonSchema: { bsonType: 'object', required: ['amount'] } }
		});
		const error = await errorOf(() => c.insertOne({ note: 'no amount' }));
		check(error, 'createCollection accepted the validator, but an invalid document is stored');
		check(errorCode(error) === 121, `invalid document: ${describeError(error)} (expected 121)`);
		await c.insertOne({ amount: 1 });
		return 'invalid document rejected with error 121';
	});

	await probe(server, 'retryable writes (driver default retryWrites=true)', async () => {
		const c = col('retry');
		await c.insertOne({ a: 1 });
		const hello = await db.admin().command({ hello: 1 });
		const topology = hello.setName
			? `replica set ${hello.setName}`
			: hello.msg === 'isdbgrid'
				? 'mongos'
				: 'standalone';
		const sessions = hello.logicalSessionTimeoutMinutes ?? 'none';
		const session = client.startSession();
		/** @type {string} */
		let resend;
		try {
			const command = {
				insert: c.collectionName,
				documents: [{ retried: true }],
				txnNumber: Long.fromNumber(1)
			};
			const first = await errorOf(() => db.command(command, { session }));
			const second = first ? null : await errorOf(() => db.command(command, { session }));
			const stored = await c.countDocuments({ retried: true });
			resend = first
				? `a write with lsid + txnNumber is refused (${describeError(first)})`
				: second
					? `resending it fails (${describeError(second)})`
					: `the same write (lsid + txnNumber) sent twice stores ${stored} document(s)`;
			const retries =
				topology === 'standalone'
					? 'so the driver never retries a write'
					: 'so the driver retries writes once';
			const note = `writes work with the default; the server reports ${topology} (logicalSessionTimeoutMinutes ${sessions}), ${retries}; ${resend}`;
			check(
				!(first === null && stored > 1),
				`${note} (MongoDB stores it once on a replica set, refuses txnNumber on a standalone)`
			);
			return note;
		} finally {
			await session.endSession().catch(() => {});
		}
	});

	// --- Data types and sizes -----------------------------------------------------------------
	const data = 'Data types and sizes';
	for (const megabytes of [1, 10]) {
		await probe(
			data,
			`large document (~${megabytes} MB)`,
			async () => {
				const c = col('large');
				const started = Date.now();
				const blob = 'x'.repeat(megabytes * 1_000_000);
				const { insertedId } = await c.insertOne({ blob });
				const back = await c.findOne({ _id: insertedId });
				checkSame(back?.blob?.length, blob.length, 'length read back');
				return `stored and read back in ${Date.now() - started} ms`;
			},
			30_000
		);
	}

	await probe(data, 'Decimal128', async () => {
		const c = col('dec');
		const refused = await errorOf(() =>
			c.insertOne({ _id: 1, v: Decimal128.fromString('1234.56') })
		);
		if (refused) {
			const closed = refused instanceof Error && refused.name === 'MongoNetworkError';
			return {
				result: 'unsupported',
				note: `insertOne: ${describeError(refused)}${closed ? ' (the server drops the connection on a Decimal128 value; the driver reconnects)' : ''}`
			};
		}
		const back = await c.findOne({ _id: 1 });
		check(back?.v instanceof Decimal128, `read back as ${show(back?.v)} (${typeof back?.v})`);
		checkSame(back.v.toString(), '1234.56', 'value');
		checkSame(await c.countDocuments({ v: { $gt: Decimal128.fromString('1000') } }), 1, '$gt');
		return 'round trip and comparison';
	});

	await probe(data, 'Date ranges', async () => {
		const c = col('dates');
		const dates = [
			'1965-05-05T00:00:00.000Z',
			'2026-01-31T23:59:59.999Z',
			'2026-02-01T00:00:00.000Z',
			'2026-03-31T23:59:59.999Z',
			'2026-04-01T00:00:00.000Z'
		];
		await c.insertMany(dates.map((d, n) => ({ n, at: new Date(d) })));
		const inRange = await c
			.find({ at: { $gte: new Date('2026-02-01'), $lt: new Date('2026-04-01') } })
			.sort({ at: 1 })
			.toArray();
		checkSame(
			inRange.map((d) => d.n),
			[2, 3],
			'$gte/$lt range'
		);
		const all = await c.find().sort({ at: -1 }).toArray();
		check(
			all.every((d) => d.at instanceof Date),
			'dates are not read back as Date'
		);
		checkSame(
			all.map((d) => d.at.toISOString()),
			[...dates].reverse(),
			'round trip and sort'
		);
		return 'ms precision, pre-1970, $gte/$lt, sort';
	});

	await probe(data, 'ObjectId', async () => {
		const c = col('oid');
		const ids = [];
		for (let n = 0; n < 3; n += 1) ids.push((await c.insertOne({ n })).insertedId);
		check(
			ids.every((id) => id instanceof ObjectId),
			'insertedId is not an ObjectId'
		);
		checkSame((await c.findOne({ _id: new ObjectId(ids[1].toHexString()) }))?.n, 1, 'find by id');
		checkSame(await c.countDocuments({ _id: { $in: [ids[0], ids[2]] } }), 2, '$in of ids');
		checkSame(
			(await c.find().sort({ _id: -1 }).toArray()).map((d) => d.n),
			[2, 1, 0],
			'sort'
		);
		checkSame(await c.countDocuments({ _id: { $gt: ids[0] } }), 2, '$gt on _id');
		return 'generated, found by id, $in, $gt, sorted by creation';
	});

	await probe(data, 'mixed number types (int, double, Long)', async () => {
		const c = col('num');
		await c.insertMany([
			{ n: 1, v: 3 },
			{ n: 2, v: 2.5 },
			{ n: 3, v: Long.fromNumber(10_000_000_000) }
		]);
		checkSame(
			(await c.find().sort({ v: 1 }).toArray()).map((d) => d.n),
			[2, 1, 3],
			'sort across number types'
		);
		checkSame(await c.countDocuments({ v: 3.0 }), 1, 'int equals double');
		return 'compared and sorted across int, double and Long';
	});

	// --- TTL expiry, last among the feature probes -------------------------------------------
	await probe(
		'Indexes',
		'TTL expiry (expired document removed)',
		async () => {
			if (!ttl) {
				return { result: 'unsupported', note: 'not measured: the TTL index could not be created' };
			}
			const deadline = ttl.since + TTL_WAIT_SECONDS * 1000;
			for (;;) {
				if (!(await ttl.coll.findOne({ _id: ttl.id }))) {
					return `removed ${Math.round((Date.now() - ttl.since) / 1000)} s after insertion`;
				}
				if (Date.now() >= deadline) break;
				await sleep(Math.min(2_000, Math.max(0, deadline - Date.now())));
			}
			return {
				result: 'unsupported',
				note:
					TTL_WAIT_SECONDS > 0
						? `a document an hour past expireAfterSeconds: 1 is still there after ${Math.round((Date.now() - ttl.since) / 1000)} s (MongoDB's TTL monitor runs every 60 s)`
						: 'not waited for (COMPAT_TTL_WAIT_SECONDS=0)'
			};
		},
		(TTL_WAIT_SECONDS + 15) * 1000
	);
}

/** A document without its _id. @param {Record<string, unknown> | null} doc */
function withoutId(doc) {
	if (!doc) return doc;
	const { _id, ...rest } = doc;
	void _id;
	return rest;
}

/** Sort documents by their `n`. @param {any[]} docs */
function byIdN(docs) {
	return [...docs].sort((a, b) => Number(a.n) - Number(b.n));
}

/**
 * The concurrency section: many writers at once against one key or one document, each round
 * on a fresh key. Writers use 50 separate clients (one connection each) or the shared pool of
 * one client, as the portal's single mongoose connection does.
 * @param {{ db: Db, client: Client, uri: string, dbName: string }} ctx
 */
async function concurrencyProbes({ db, client, uri, dbName }) {
	const group = 'Concurrency';
	/** @type {Client[]} */
	const clients = [];
	try {
		for (let i = 0; i < CONCURRENCY; i += 1) {
			clients.push(new MongoClient(uri, { maxPoolSize: 1, serverSelectionTimeoutMS: 10_000 }));
		}
		await Promise.all(clients.map((c) => c.connect()));
		await Promise.all(clients.map((c) => c.db(dbName).command({ ping: 1 })));
		// Open CONCURRENCY connections in the shared client's pool before the races start.
		for (let i = 0; i < 3; i += 1) {
			await Promise.all(Array.from({ length: CONCURRENCY }, () => db.command({ ping: 1 })));
		}
	} catch (error) {
		await Promise.all(clients.map((c) => c.close(true).catch(() => {})));
		await probe(group, 'concurrency set-up', () => Promise.reject(error));
		return;
	}

	let races = 0;
	/**
	 * Runs `rounds` rounds of CONCURRENCY simultaneous writers and records, per round, the
	 * number `measure` returns; `judge` turns the numbers into the row.
	 * @param {string} feature
	 * @param {{
	 *   separate: boolean,
	 *   rounds: number,
	 *   setup?: (c: import('mongodb').Collection) => Promise<unknown>,
	 *   prepare?: (c: import('mongodb').Collection, round: number) => Promise<unknown>,
	 *   write: (c: import('mongodb').Collection, round: number, writer: number) => Promise<unknown>,
	 *   measure: (c: import('mongodb').Collection, round: number, results: unknown[]) => Promise<number>,
	 *   judge: (perRound: number[], duplicates: number) => { ok: boolean, note: string }
	 * }} race
	 */
	const race = (feature, { separate, rounds, setup, prepare, write, measure, judge }) =>
		probe(
			group,
			`${feature} (${separate ? `${CONCURRENCY} clients` : 'shared pool'})`,
			async () => {
				const name = `race_${++races}`;
				const c = db.collection(name);
				if (setup) await setup(c);
				/** @type {number[]} */
				const perRound = [];
				/** @type {unknown[]} */
				const others = [];
				let duplicates = 0;
				for (let round = 0; round < rounds; round += 1) {
					if (prepare) await prepare(c, round);
					const settled = await Promise.allSettled(
						Array.from({ length: CONCURRENCY }, (_, i) =>
							write((separate ? clients[i] : client).db(dbName).collection(name), round, i)
						)
					);
					for (const s of settled) {
						if (s.status === 'fulfilled') continue;
						if (errorCode(s.reason) === 11000) duplicates += 1;
						else others.push(s.reason);
					}
					const results = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
					perRound.push(await measure(c, round, results));
				}
				const { ok, note } = judge(perRound, duplicates);
				const errors = others.length
					? `; ${others.length} other errors, e.g. ${describeError(others[0])}`
					: '';
				return {
					result: ok && others.length === 0 ? 'supported' : 'differs',
					note: note + errors,
					data: {
						concurrency: CONCURRENCY,
						rounds,
						perRound,
						duplicates,
						otherErrors: others.length
					}
				};
			},
			240_000
		);

	/** Exactly one writer per round should win. @param {string} what */
	const exactlyOne = (what) => (/** @type {number[]} */ perRound, /** @type {number} */ dups) => {
		const over = perRound.filter((n) => n > 1).length;
		const none = perRound.filter((n) => n === 0).length;
		return {
			ok: over === 0 && none === 0,
			note: `${what} per round over ${perRound.length} rounds: ${
				over === 0 && none === 0
					? `always exactly 1`
					: `worst ${Math.max(...perRound)} of ${CONCURRENCY}, ${over} rounds with more than 1 (${perRound.join(' ')})`
			}${dups ? `; ${dups} × error 11000` : ''}`
		};
	};
	const fulfilledInserts = async (
		/** @type {import('mongodb').Collection} */ c,
		/** @type {object} */ filter,
		/** @type {unknown[]} */ results
	) => {
		const stored = await c.countDocuments(filter);
		if (stored !== results.length)
			throw new Differs(`${results.length} inserts succeeded, ${stored} stored`);
		return results.length;
	};

	for (const separate of [true, false]) {
		await race('insertOne, same _id', {
			separate,
			rounds: 20,
			write: (c, round, i) => c.insertOne({ _id: round, by: i }),
			measure: (c, round, results) => fulfilledInserts(c, { _id: round }, results),
			judge: exactlyOne('successful inserts')
		});
	}
	for (const separate of [true, false]) {
		await race('insertOne, same unique value', {
			separate,
			rounds: 20,
			setup: (c) => c.createIndex({ key: 1 }, { unique: true }),
			write: (c, round, i) => c.insertOne({ key: `k${round}`, by: i }),
			measure: (c, round, results) => fulfilledInserts(c, { key: `k${round}` }, results),
			judge: exactlyOne('successful inserts')
		});
	}
	for (const separate of [true, false]) {
		await race('conditional updateOne', {
			separate,
			rounds: 20,
			prepare: (c, round) => c.insertOne({ _id: round, state: 'requested' }),
			write: (c, round, i) =>
				c.updateOne({ _id: round, state: 'requested' }, { $set: { state: 'approved', by: i } }),
			measure: async (_c, _round, results) =>
				results.filter((r) => /** @type {{ modifiedCount: number }} */ (r).modifiedCount === 1)
					.length,
			judge: exactlyOne(
				"updateOne({ _id, state: 'requested' }, { $set: { state: 'approved' } }): writers told modifiedCount 1"
			)
		});
	}
	await race('conditional findOneAndUpdate', {
		separate: true,
		rounds: 20,
		prepare: (c, round) => c.insertOne({ _id: round, state: 'requested' }),
		write: (c, round, i) =>
			c.findOneAndUpdate(
				{ _id: round, state: 'requested' },
				{ $set: { state: 'approved', by: i } }
			),
		measure: async (_c, _round, results) => results.filter((r) => r !== null).length,
		judge: exactlyOne(
			"findOneAndUpdate({ _id, state: 'requested' }, ...): writers given the document"
		)
	});
	for (const separate of [true, false]) {
		await race('$inc by 1 on one counter', {
			separate,
			rounds: 10,
			prepare: (c, round) => c.insertOne({ _id: round, n: 0 }),
			write: (c, round) => c.updateOne({ _id: round }, { $inc: { n: 1 } }),
			measure: async (c, round) => Number((await c.findOne({ _id: round }))?.n),
			judge: (finals) => {
				const lost = finals.reduce((sum, n) => sum + (CONCURRENCY - n), 0);
				return {
					ok: lost === 0,
					note: `final value per round (expected ${CONCURRENCY}): ${finals.join(' ')}; lost ${lost} of ${finals.length * CONCURRENCY} increments, worst round lost ${CONCURRENCY - Math.min(...finals)}`
				};
			}
		});
	}

	await Promise.all(clients.map((c) => c.close(true).catch(() => {})));
}

/** Prints the rows grouped, then a summary line. @param {Row[]} list */
function printTable(list) {
	const width = Math.max(...list.map((r) => r.feature.length)) + 2;
	const lines = [];
	let group = '';
	lines.push(`${'Feature'.padEnd(width + 2)}${'Result'.padEnd(13)}Note`);
	for (const row of list) {
		if (row.group !== group) {
			group = row.group;
			lines.push('', group);
		}
		lines.push(`  ${row.feature.padEnd(width)}${row.result.padEnd(13)}${row.note}`);
	}
	console.log(lines.join('\n'));
}

/**
 * Formats JSON as the repository's Prettier would, so `prettier --check .` stays clean;
 * plain JSON when Prettier is not installed.
 * @param {string} json @param {string} file
 */
async function formatJson(json, file) {
	try {
		const prettier = await import('prettier');
		const options = (await prettier.resolveConfig(file)) ?? {};
		return await prettier.format(json, { ...options, filepath: file });
	} catch {
		return `${json}\n`;
	}
}

/** @param {Row[]} list */
function summarise(list) {
	return {
		total: list.length,
		supported: list.filter((r) => r.result === 'supported').length,
		differs: list.filter((r) => r.result === 'differs').length,
		unsupported: list.filter((r) => r.result === 'unsupported').length
	};
}

async function main() {
	const external = process.env.MONGODB_URI;
	/** @type {string | undefined} */
	let dataDir;
	/** @type {import('../src/lib/server/db/embedded.js').EmbeddedDatabase | undefined} */
	let embedded;
	/** @type {Client | undefined} */
	let client;
	const dbName = `compat_probe_${randomBytes(4).toString('hex')}`;
	/** @type {import('mongodb').Db | undefined} */
	let db;

	let cleaned = false;
	const cleanup = async () => {
		if (cleaned) return;
		cleaned = true;
		if (db) await withTimeout(db.dropDatabase(), 15_000).catch(() => {});
		if (client) await client.close(true).catch(() => {});
		if (embedded) await embedded.stop().catch(() => {});
		if (dataDir) rmSync(dataDir, { recursive: true, force: true });
	};
	const onSignal = () => {
		void cleanup().finally(() => process.exit(130));
	};
	process.once('SIGINT', onSignal);
	process.once('SIGTERM', onSignal);

	try {
		let uri;
		if (external) {
			uri = external;
			console.error(`Probing the server at MONGODB_URI (database ${dbName})...`);
		} else {
			dataDir = mkdtempSync(path.join(os.tmpdir(), 'ferretdb-compat-'));
			console.error(`Starting the embedded FerretDB ${FERRETDB_VERSION} on 127.0.0.1:${PORT}...`);
			embedded = await startEmbeddedDatabase({
				dataDir,
				port: PORT,
				root: ROOT,
				log: (line) => console.error(line)
			});
			uri = embedded.uri;
		}
		client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
		await client.connect();
		db = client.db(dbName);
		const buildInfo = await db.admin().command({ buildInfo: 1 });
		const started = Date.now();

		await featureProbes({ db, client });
		await concurrencyProbes({ db, client, uri, dbName });
		process.stderr.write('\n\n');

		printTable(rows);
		const summary = summarise(rows);
		console.log(
			`\n${summary.total} probes: ${summary.supported} supported, ${summary.differs} differ, ${summary.unsupported} unsupported (${Math.round((Date.now() - started) / 1000)} s)`
		);

		const require = createRequire(import.meta.url);
		const driverVersion = JSON.parse(
			readFileSync(require.resolve('mongodb/package.json', { paths: [ROOT] }), 'utf8')
		).version;
		const report = {
			command: 'npm run db:compat',
			date: new Date().toISOString(),
			target: external ? 'MONGODB_URI' : `embedded FerretDB ${FERRETDB_VERSION} (SQLite)`,
			server: {
				version: buildInfo.version,
				...(buildInfo.ferretdbVersion ? { ferretdbVersion: buildInfo.ferretdbVersion } : {}),
				...(buildInfo.ferretdbFeatures ? { ferretdbFeatures: buildInfo.ferretdbFeatures } : {}),
				gitVersion: buildInfo.gitVersion
			},
			node: process.version,
			mongoose: mongoose.version,
			mongodbDriver: driverVersion,
			concurrency: CONCURRENCY,
			summary,
			rows
		};
		mkdirSync(path.dirname(OUT_FILE), { recursive: true });
		writeFileSync(OUT_FILE, await formatJson(JSON.stringify(report, null, '\t'), OUT_FILE));
		console.log(`Results written to ${path.relative(process.cwd(), OUT_FILE)}`);
		return 0;
	} catch (error) {
		console.error(`\nThe compatibility check failed: ${describeError(error)}`);
		const expected = error instanceof Error && /^(StartupError|Mongo)/.test(error.name);
		if (error instanceof Error && error.stack && !expected) console.error(error.stack);
		return 1;
	} finally {
		await cleanup();
	}
}

process.exit(await main());
