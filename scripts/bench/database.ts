// `npm run bench`, the database section, on the database the portal under test is using:
// 1. the reporting services (the dashboard and the programme's indicators) for the current
//    cohort, as a coordinator: 1 cold and 5 warm runs;
// 2. every query of the hot paths (session validation on each request; the applicant home,
//    the reviewer queue, the mentor list; the dashboard and the indicators), recorded while
//    the same services the pages' loads call run once, then each explained (which index, or a
//    scan) and timed alone, with the size of the collection it reads.
// The paths below mirror the pages' load functions (src/routes/.../+page.server.ts and the
// root layout's): a change there belongs here too.
import mongoose from 'mongoose';
import {
	createSession,
	forgetValidatedSessions,
	generateSessionToken,
	invalidateSession,
	sessionUserOf,
	validateSessionToken,
	type SessionUser
} from '$lib/server/auth/session';
import { connectDatabase, disconnectDatabase } from '$lib/server/db/connection';
import { ReportSnapshot } from '$lib/server/db/models/reportSnapshot';
import { Session } from '$lib/server/db/models/session';
import { User } from '$lib/server/db/models/user';
import { cohortDoc, listCohorts } from '$lib/server/services/cohorts';
import { dashboard, programmeIndicators } from '$lib/server/services/reporting';
import { openConcernCount } from '$lib/server/services/safeguarding';
import { listSoums } from '$lib/server/services/soums';
import { HOT_LOADS } from '../../tests/fixtures/hotLoads';
import type { Accounts } from './server';

const IP = '127.0.0.1';
const WARM_RUNS = 5;

export interface ServiceTiming {
	service: string;
	coldMs: number;
	warmMs: number[];
	min: number;
	median: number;
	max: number;
}

export interface QueryRow {
	path: string;
	collection: string;
	op: string;
	/** The filter with its values replaced by their kind (short strings are kept). */
	shape: string;
	/** How often the path ran it. */
	times: number;
	/** Documents in the collection (what a scan reads). */
	collectionSize: number;
	returned: number | null;
	/** Median of up to 5 runs alone; null for writes (not repeated). */
	ms: number | null;
	runs: number;
	plan: string;
	filterPushdown: boolean | null;
	scan: boolean;
}

export interface PathTiming {
	path: string;
	queries: number;
	writes: number;
	median: number;
	runs: number;
}

export interface DatabaseResults {
	services: ServiceTiming[];
	paths: PathTiming[];
	queries: QueryRow[];
}

interface Captured {
	collection: string;
	method: string;
	args: unknown[];
}

const READS = new Set(['find', 'findOne', 'countDocuments', 'aggregate', 'distinct']);
/** Schema upkeep mongoose does on first use: not a query of the path. */
const IGNORED = new Set(['createIndex', 'createIndexes', 'listIndexes', 'createCollection']);

let capturing: Captured[] | null = null;
mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
	if (capturing && !IGNORED.has(method)) capturing.push({ collection, method, args });
});

const median = (values: number[]) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
};

async function timed(run: () => Promise<unknown>): Promise<number> {
	const started = performance.now();
	await run();
	return performance.now() - started;
}

/**
 * Up to `runs` timed runs (`before` untimed ahead of each), fewer when they have taken
 * `budgetMs` already (at least 2): on the scale data one run can take many seconds.
 */
async function timedRuns(
	run: () => Promise<unknown>,
	{ runs, budgetMs, before }: { runs: number; budgetMs: number; before?: (() => unknown) | null }
): Promise<number[]> {
	const times: number[] = [];
	while (times.length < runs) {
		await before?.();
		times.push(await timed(run));
		if (times.length >= 2 && times.reduce((a, b) => a + b, 0) > budgetMs) break;
	}
	return times;
}

/** The viewer a session of this phone's account would give the services. */
async function viewerFor(phone: string): Promise<SessionUser> {
	const user = await User.findOne({ phone }).lean();
	if (!user) throw new Error(`No account with the phone ${phone} in this database.`);
	return sessionUserOf(user);
}

/** A filter's shape: operators and keys kept, values shown by kind. */
export function shapeOf(value: unknown, depth = 0): string {
	if (value === null || value === undefined) return String(value);
	if (value instanceof mongoose.Types.ObjectId) return 'id';
	if (value instanceof Date) return 'date';
	if (typeof value === 'string') return value.length <= 16 ? `'${value}'` : 'str';
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) {
		if (depth > 2) return `[${value.length}]`;
		const kinds = [...new Set(value.map((v) => shapeOf(v, depth + 1)))];
		return kinds.length === 1 && value.length > 1
			? `[${value.length}×${kinds[0]}]`
			: `[${kinds.join(', ')}]`;
	}
	if (typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>);
		if (entries.length === 0) return '{}';
		return `{ ${entries.map(([k, v]) => `${k}: ${shapeOf(v, depth + 1)}`).join(', ')} }`;
	}
	return typeof value;
}

/** What the path's query asked for: the filter (or pipeline) and, for finds, sort and limit. */
function describe(c: Captured): string {
	const [first, options] = c.args as [unknown, Record<string, unknown> | undefined];
	if (c.method === 'aggregate') {
		return (first as Record<string, unknown>[])
			.map((stage) => {
				const [name, body] = Object.entries(stage)[0] ?? ['?', null];
				return name === '$match' ? `$match ${shapeOf(body)}` : name;
			})
			.join(' | ');
	}
	if (c.method === 'distinct') return `${String(first)} of ${shapeOf(c.args[1])}`;
	let text = shapeOf(first);
	if (options?.sort) text += ` sort ${JSON.stringify(options.sort)}`;
	if (options?.limit) text += ` limit ${String(options.limit)}`;
	return text;
}

/** The explain command for a captured read, or null when it is not a read. */
function explainCommand(c: Captured): Record<string, unknown> | null {
	const [first, options = {}] = c.args as [unknown, Record<string, unknown> | undefined];
	switch (c.method) {
		case 'find':
		case 'findOne': {
			const find: Record<string, unknown> = { find: c.collection, filter: first ?? {} };
			if (options.projection) find.projection = options.projection;
			if (options.sort) find.sort = options.sort;
			if (c.method === 'findOne') find.limit = 1;
			else if (options.limit) find.limit = options.limit;
			if (options.skip) find.skip = options.skip;
			return find;
		}
		case 'countDocuments':
			return { count: c.collection, query: first ?? {} };
		case 'aggregate':
			return { aggregate: c.collection, pipeline: first, cursor: {} };
		case 'distinct':
			return { distinct: c.collection, key: first, query: c.args[1] ?? {} };
		default:
			return null;
	}
}

/** Runs a captured read alone with the driver; the number of documents it returns. */
async function replay(c: Captured): Promise<number> {
	const collection = mongoose.connection.db!.collection(c.collection);
	const [first, options = {}] = c.args as [
		Record<string, unknown>,
		Record<string, unknown> | undefined
	];
	switch (c.method) {
		case 'find':
			return (await collection.find(first ?? {}, options).toArray()).length;
		case 'findOne':
			return (await collection.findOne(first ?? {}, options)) ? 1 : 0;
		case 'countDocuments':
			return collection.countDocuments(first ?? {});
		case 'aggregate':
			return (await collection.aggregate(first as unknown as Record<string, unknown>[]).toArray())
				.length;
		case 'distinct':
			return (
				await collection.distinct(String(first), (c.args[1] ?? {}) as Record<string, unknown>)
			).length;
		default:
			throw new Error(`not a read: ${c.method}`);
	}
}

interface WinningStage {
	stage?: string;
	indexName?: string;
	inputStage?: WinningStage;
	inputStages?: WinningStage[];
}

/** MongoDB's stages (IXSCAN index, COLLSCAN) or FerretDB v1's SQLite plan (SCAN, SEARCH). */
function planOf(explained: Record<string, unknown>): { plan: string; scan: boolean } {
	const planner = (explained.queryPlanner ??
		(explained.stages as { $cursor?: { queryPlanner?: unknown } }[] | undefined)?.[0]?.$cursor
			?.queryPlanner ??
		{}) as { Plan?: string[]; winningPlan?: WinningStage };
	if (planner.Plan) {
		const details = planner.Plan.map((line) => line.replace(/^.*detail=/, ''));
		return {
			plan: details.join('; '),
			scan: details.some((d) => d.startsWith('SCAN ') && !d.includes('USING'))
		};
	}
	if (planner.winningPlan) {
		const stages: string[] = [];
		const walk = (s: WinningStage | undefined) => {
			if (!s) return;
			stages.push(s.indexName ? `${s.stage} ${s.indexName}` : String(s.stage));
			walk(s.inputStage);
			for (const input of s.inputStages ?? []) walk(input);
		};
		walk(planner.winningPlan);
		return { plan: stages.join(' ← '), scan: stages.some((s) => s.startsWith('COLLSCAN')) };
	}
	return { plan: 'no plan in the answer', scan: false };
}

/** Runs `run` with every query it makes recorded. */
async function capture(run: () => Promise<unknown>): Promise<Captured[]> {
	capturing = [];
	try {
		await run();
		return capturing;
	} finally {
		capturing = null;
	}
}

export async function measureDatabase(
	uri: string,
	accounts: Accounts,
	{ log = console.log }: { log?: (line: string) => void } = {}
): Promise<DatabaseResults> {
	await connectDatabase(uri);
	const session = { token: generateSessionToken(), id: '' };
	try {
		const [coordinator, reviewer, mentor, applicant] = await Promise.all([
			viewerFor(accounts.coordinator),
			viewerFor(accounts.reviewer),
			viewerFor(accounts.mentor),
			viewerFor(accounts.applicant)
		]);

		// 1. The reporting services, as the dashboard page and indicators.json call them. They
		// serve a snapshot of the cohort's figures (reportSnapshots) and count the cohort again
		// only when it is missing or stale: the count is timed with the snapshot deleted first
		// (each call then counts, and writes the snapshot back), then the snapshot reads alone.
		const cohort = await cohortDoc();
		if (!cohort) throw new Error('No cohort in this database.');
		const dropSnapshot = async () => {
			await ReportSnapshot.deleteOne({ _id: cohort._id });
		};
		const services: ServiceTiming[] = [];
		for (const [service, run, before] of [
			['dashboard: count (no snapshot)', () => dashboard(coordinator, null), dropSnapshot],
			[
				'programmeIndicators: count (no snapshot)',
				() => programmeIndicators(coordinator, null),
				dropSnapshot
			],
			['dashboard: from the snapshot', () => dashboard(coordinator, null), null],
			['programmeIndicators: from the snapshot', () => programmeIndicators(coordinator, null), null]
		] as const) {
			const all = await timedRuns(run, { runs: 1 + WARM_RUNS, budgetMs: 120_000, before });
			const [coldMs = NaN, ...warmMs] = all;
			services.push({
				service,
				coldMs,
				warmMs,
				min: Math.min(...all),
				median: median(warmMs),
				max: Math.max(...all)
			});
			log(
				`  ${service}: cold ${coldMs.toFixed(0)} ms, warm median ${median(warmMs).toFixed(0)} ms`
			);
		}

		// 2. The hot paths, each what one request runs (the session check is on every request).
		session.id = (await createSession(session.token, applicant.id, IP)).id;
		// `before` runs untimed ahead of each run: what makes the run read the database.
		const paths: [string, () => Promise<unknown>, (() => unknown)?][] = [
			[
				'session (uncached)',
				() => validateSessionToken(session.token),
				forgetValidatedSessions // the portal keeps a validated session for 30 s
			],
			['/applicant', () => HOT_LOADS['/applicant'](applicant, IP)],
			['/review', () => HOT_LOADS['/review'](reviewer)],
			['/mentor', () => HOT_LOADS['/mentor'](mentor, IP)],
			// The count first: it leaves a fresh snapshot for the two after it (a snapshot older
			// than 10 minutes is counted again in the background: services/reporting.ts).
			['report count (no snapshot)', () => dashboard(coordinator, null), dropSnapshot],
			[
				'/staff/reports (data)',
				async () => {
					await openConcernCount(coordinator); // the root layout, for coordinators
					const [figures] = await Promise.all([dashboard(coordinator, null), listCohorts()]);
					await listSoums(figures.soums);
				}
			],
			['indicators.json', () => programmeIndicators(coordinator, null)]
		];

		const pathTimings: PathTiming[] = [];
		const queries: QueryRow[] = [];
		const sizes = new Map<string, number>();
		for (const [path, run, before] of paths) {
			await before?.();
			const captured = await capture(run);
			const runs = await timedRuns(run, { runs: 5, budgetMs: 60_000, before });
			const reads = captured.filter((c) => READS.has(c.method));
			pathTimings.push({
				path,
				queries: reads.length,
				writes: captured.length - reads.length,
				median: median(runs),
				runs: runs.length
			});
			const seen = new Map<string, QueryRow>();
			for (const c of captured) {
				const shape = describe(c);
				const key = `${c.collection} ${c.method} ${shape}`;
				const known = seen.get(key);
				if (known) {
					known.times++;
					continue;
				}
				if (!sizes.has(c.collection)) {
					sizes.set(
						c.collection,
						await mongoose.connection.db!.collection(c.collection).estimatedDocumentCount()
					);
				}
				const row: QueryRow = {
					path,
					collection: c.collection,
					op: c.method,
					shape,
					times: 1,
					collectionSize: sizes.get(c.collection) ?? 0,
					returned: null,
					ms: null,
					runs: 0,
					plan: 'write (not repeated)',
					filterPushdown: null,
					scan: false
				};
				const command = explainCommand(c);
				if (command) {
					try {
						const explained = await mongoose.connection.db!.command({
							explain: command,
							verbosity: 'queryPlanner'
						});
						Object.assign(row, planOf(explained));
						row.filterPushdown =
							typeof explained.filterPushdown === 'boolean' ? explained.filterPushdown : null;
					} catch (cause) {
						row.plan = `explain failed: ${(cause as Error).message.split('\n')[0]}`;
					}
					const times = await timedRuns(
						async () => {
							row.returned = await replay(c);
						},
						{ runs: 5, budgetMs: 20_000 }
					);
					row.ms = median(times);
					row.runs = times.length;
				}
				seen.set(key, row);
				queries.push(row);
			}
			log(
				`  ${path}: ${reads.length} reads, ${captured.length - reads.length} writes, ` +
					`${median(runs).toFixed(1)} ms`
			);
		}
		return { services, paths: pathTimings, queries };
	} finally {
		if (session.id) await invalidateSession(session.id).catch(() => {});
		await disconnectDatabase();
	}
}

/**
 * Waits until the portal has counted the current cohort's reports (it does at start-up, in the
 * background: measuring before it is done would measure the count too). Returns how long the
 * portal took to count (the snapshot's `tookMs`), or null when it did not finish in time.
 */
export async function waitForReportSnapshot(uri: string, timeoutMs: number) {
	await connectDatabase(uri);
	try {
		const cohort = await cohortDoc();
		if (!cohort) return null;
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const snapshot = await ReportSnapshot.findById(cohort._id, { tookMs: 1 }).lean();
			if (snapshot) return snapshot.tookMs;
			await new Promise((resolve) => setTimeout(resolve, 2_000));
		}
		return null;
	} finally {
		await disconnectDatabase();
	}
}

/**
 * Deletes the sessions the sign-in benchmark made (the account's sessions from `since` on):
 * they are not anyone's, and every request's session check reads the sessions.
 */
export async function deleteSessionsSince(uri: string, phone: string, since: Date) {
	await connectDatabase(uri);
	try {
		const user = await User.findOne({ phone }, { _id: 1 }).lean();
		if (!user) return 0;
		const result = await Session.deleteMany({ userId: user._id, createdAt: { $gte: since } });
		return result.deletedCount;
	} finally {
		await disconnectDatabase();
	}
}

export function printDatabase(results: DatabaseResults, log: (line: string) => void = console.log) {
	const ms = (v: number | null) => (v === null ? '-' : v < 10 ? v.toFixed(2) : v.toFixed(0));
	log(
		'Reporting services (ms; 1 cold + up to 5 warm runs, fewer past 2 minutes; ' +
			'the target, < 500 ms, is for the count):'
	);
	for (const s of results.services) {
		log(
			`  ${s.service.padEnd(40)} cold ${ms(s.coldMs).padStart(6)}  min ${ms(s.min).padStart(6)}` +
				`  median ${ms(s.median).padStart(6)}  max ${ms(s.max).padStart(6)}` +
				`  ${s.median < 500 ? 'met' : 'MISSED'}`
		);
	}
	log('Hot paths, as their loads run them (ms: median of up to 5 runs, fewer past 60 s):');
	for (const p of results.paths) {
		log(
			`  ${p.path.padEnd(26)} ${String(p.queries).padStart(3)} reads ${String(p.writes).padStart(2)} writes  ${ms(p.median).padStart(7)} ms`
		);
	}
	log(
		'Their queries, each alone (ms: median of up to 5 runs, fewer past 20 s; docs: in the ' +
			'collection; rows: returned; push: FerretDB filterPushdown; plan: explain):'
	);
	log(
		`  ${'path'.padEnd(26)} ${'collection'.padEnd(22)} ${'op'.padEnd(14)} ${'×'.padStart(3)} ${'docs'.padStart(7)} ${'rows'.padStart(6)} ${'ms'.padStart(7)}  push  plan | filter`
	);
	for (const q of results.queries) {
		const push = q.filterPushdown === null ? ' -  ' : q.filterPushdown ? 'yes ' : 'no  ';
		log(
			`  ${q.path.slice(0, 26).padEnd(26)} ${q.collection.slice(0, 22).padEnd(22)} ${q.op.padEnd(14)}` +
				` ${String(q.times).padStart(3)} ${String(q.collectionSize).padStart(7)}` +
				` ${String(q.returned ?? '-').padStart(6)} ${ms(q.ms).padStart(7)}  ${push}  ${q.plan} | ${q.shape}`
		);
	}
	const scans = results.queries.filter((q) => q.scan);
	const reads = results.queries.filter((q) => q.ms !== null);
	log(
		`${scans.length} of ${reads.length} distinct reads scan their whole collection` +
			(scans.length ? ' (SCAN / COLLSCAN: no index used).' : '.')
	);
	if (reads.some((q) => q.filterPushdown !== null)) {
		log(
			'FerretDB v1 (SQLite) pushes a filter down to SQLite only when it is exactly ' +
				'{ _id: <string or ObjectId> } (push: yes), and even then SQLite scans: the pushed-down ' +
				"expression (_ferretdb_sjson->'$._id') is not the one the _id index holds " +
				'(_ferretdb_sjson->"_id"). Every other filter, sort and $match is applied in FerretDB ' +
				'after reading the whole table: the time of a query follows the size of its collection, ' +
				'and the indexes serve only uniqueness.'
		);
	}
	const slowest = [...reads].sort((a, b) => (b.ms ?? 0) - (a.ms ?? 0)).slice(0, 5);
	log(
		`Slowest alone: ${slowest.map((q) => `${q.collection} ${q.op} ${ms(q.ms)} ms (${q.path})`).join('; ')}`
	);
}
