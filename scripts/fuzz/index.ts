// `npm run fuzz`: hostile and broken input against every form action and POST endpoint of the
// built portal (issue 10), signed in as each demo role and signed out. Fails (exit 1) on any 5xx,
// any unexpected-error line in the portal's log, any OPERATOR-LEAK line (request input reaching a
// query as an operator; src/lib/server/db/queryWatch.ts), and any stored change made by a refused
// request (scripts/fuzz/digest.ts).
//
//   npm run fuzz                     every payload, both ways of posting, every identity
//   npm run fuzz -- --short          a fixed subset: every target, each identity probed, a few
//                                    payloads of each class as the roles that may use it and signed out
//   --seed <n>                       the generator's seed (default 1): the same seed, the same run
//   --only <text>                    targets whose label contains the text
//   --port <n> --db-port <n>         the portal's and its database's ports (4190 and 27290)
// BUILD_DIR names the build (default build/); nothing is built here.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from './clients';
import { differences, openDigester, VOLATILE, type Digest, type Digester } from './digest';
import { formsOf } from './forms';
import { closeConnections, send, type Answer } from './http';
import { Random, type FormBase } from './payloads';
import {
	actionPath,
	fullPlan,
	hashString,
	HEAVY,
	PROBE,
	shortPlans,
	toProbe,
	type Build,
	type Request,
	type Variant
} from './plans';
import { newResult, printReport, type Finding, type TargetResult } from './report';
import { LEAK_LINE, UNEXPECTED_LINE, startServer, type Server } from './server';
import {
	IDENTITIES,
	readDemoIds,
	scanTargets,
	targetUrls,
	type Identity,
	type Target,
	type TargetUrl
} from './targets';

const { values: options } = parseArgs({
	options: {
		short: { type: 'boolean', default: false },
		seed: { type: 'string', default: '1' },
		only: { type: 'string' },
		port: { type: 'string', default: '4190' },
		'db-port': { type: 'string' },
		verbose: { type: 'boolean', default: false }
	},
	strict: true
});

const root = path.resolve(import.meta.dirname, '..', '..');
const seed = Number(options.seed);
if (!Number.isSafeInteger(seed))
	throw new Error(`--seed must be a whole number, not ${options.seed}`);
const port = Number(options.port);
const dbPort = Number(options['db-port'] ?? 23100 + port);
const short = options.short;
/** Distinct from anything a person types, with a dot so that an escaped $regex of it differs. */
const sentinel = `fuzz.sentinel.${seed}`;
const DB_NAME = 'soum_incubator';

const findings: Finding[] = [];
/** In --short, the target that gets each of the 10 and 20 MB bodies. */
let heavyTargets = new Map<string, string[]>();
const started = performance.now();

let server: Server;
let digester: Digester;
const cpu = { portalStarting: 0, portalAnswering: 0, fuzzer: 0 };
const clients = new Map<Identity, Client>(
	(Object.keys(IDENTITIES) as Identity[]).map((who) => [who, new Client(who)])
);

// --- sending and judging ------------------------------------------------------------------

let logSeen = 0;
const inFlight: { at: number; request: Request; status?: number }[] = [];
/** Error reference ids found in answers (handleError's `id`), to pin its log lines on requests. */
const byErrorId = new Map<string, { request: Request; status: number }>();
/** handleError lines for requests answered 4xx: noise in the log, not failures (see the report). */
const loggedClientErrors: string[] = [];

function describe(request: Request) {
	return `${request.target.label} as ${request.identity}: ${request.payload.name} (${request.variant}) ${request.path}`;
}

/**
 * The portal's log: leak lines are pinned on the request in flight when they were read; error
 * lines by the reference id the answer carried (read at the end, when every answer is in).
 */
function readLog(final = false) {
	for (; logSeen < server.log.length; logSeen++) {
		const line = server.log[logSeen]!;
		if (LEAK_LINE.test(line.text)) {
			const sent = [...inFlight].reverse().find((r) => r.at <= line.at);
			const where = sent ? describe(sent.request) : '(no request)';
			findings.push({ kind: 'operator leak', where, detail: line.text.slice(0, 400) });
		} else if (UNEXPECTED_LINE.test(line.text)) {
			errorLines.push(line.text);
		} else if (options.verbose || line.stream === 'stderr') {
			otherLines.push(line.text.slice(0, 300));
		}
	}
	inFlight.splice(0, Math.max(0, inFlight.length - 5));
	if (!final) return;
	for (const text of errorLines) {
		const sent = byErrorId.get(text.slice(1, 9));
		const where = sent ? describe(sent.request) : '(no request carried this id)';
		// SvelteKit's own refusals (415, 413) carry their 4xx status; an answer cut short by a
		// reset (an unread 20 MB body) brings no id back to match.
		const kitRefusal = !sent && /^\S+ \S+ \S+ SvelteKitError: /.test(text);
		if ((sent && sent.status >= 400 && sent.status < 500) || kitRefusal) {
			loggedClientErrors.push(`${sent?.status ?? '4xx'} ${where}\n      ${text.slice(0, 200)}`);
		} else findings.push({ kind: 'unexpected error', where, detail: text.slice(0, 400) });
	}
}
const errorLines: string[] = [];
const otherLines: string[] = [];

interface Outcome {
	/** The status the action or endpoint answered with (an enhanced post's JSON `status`). */
	status: number;
	accepted: boolean;
}

function judge(answer: Answer, variant: Variant): Outcome {
	let status = answer.status;
	let location = String(answer.headers.location ?? '');
	const json = String(answer.headers['content-type'] ?? '').includes('application/json');
	if (variant === 'enhanced' && status === 200 && json) {
		try {
			const result = JSON.parse(answer.body) as {
				type?: string;
				status?: number;
				location?: string;
			};
			if (typeof result.status === 'number') status = result.status;
			if (result.type === 'redirect') location = result.location ?? '';
			if (result.type === 'error' && status === 200) status = 500;
		} catch {
			// not an action result: the status stands
		}
	}
	const redirect = status >= 300 && status < 400;
	const accepted = (status >= 200 && status < 300) || (redirect && !location.startsWith('/login'));
	return { status, accepted };
}

async function fire(request: Request): Promise<Outcome> {
	const client = clients.get(request.identity)!;
	const built = request.build();
	const headers: Record<string, string> = { origin: server.origin };
	if (request.variant === 'enhanced') {
		headers.accept = 'application/json';
		headers['x-sveltekit-action'] = 'true';
	} else headers.accept = 'text/html';
	if (built.contentType) headers['content-type'] = built.contentType;
	if (client.cookies.size) headers.cookie = client.cookieHeader;
	const query = built.query;
	const url = query
		? `${request.path}${request.path.includes('?') ? '&' : '?'}${query}`
		: request.path;
	const sent: (typeof inFlight)[number] = { at: Date.now(), request };
	inFlight.push(sent);
	const answer = await send(server.origin, {
		method: request.target.method,
		path: url,
		headers,
		body: built.body
	});
	const wasSignedIn = client.signedIn;
	client.absorb(answer);
	let outcome = judge(answer, request.variant);
	// Signing out (here, or everywhere) is done, whatever the redirect says.
	if (wasSignedIn && !client.signedIn) outcome = { ...outcome, accepted: true };
	sent.status = outcome.status;
	if (answer.status >= 400 || outcome.status >= 400) {
		for (const [, id] of answer.body.matchAll(/\bid"?\s*:\s*"([0-9a-f]{8})"/g)) {
			byErrorId.set(id!, { request, status: outcome.status });
		}
	}
	if (options.verbose) {
		console.log(
			`  ${String(outcome.status).padStart(3)} ${answer.ms.toFixed(0).padStart(5)} ms  ${describe(request)}`
		);
	}
	if (answer.status === 0) {
		// The portal may close the connection on a big body it will not read (a guard refused it
		// first, or it is over BODY_SIZE_LIMIT): fine if it still answers.
		const big = (built.body?.length ?? 0) >= 1024 * 1024;
		const alive =
			(await send(server.origin, { method: 'GET', path: '/healthz/live' })).status === 200;
		if (!big || !alive) {
			findings.push({ kind: 'no answer', where: describe(request), detail: answer.failure ?? '' });
		}
	} else if (answer.status >= 500 || outcome.status >= 500) {
		findings.push({
			kind: '5xx',
			where: describe(request),
			detail: `${answer.status}/${outcome.status} ${answer.body.slice(0, 200)}`
		});
	}
	const result = results.get(request.target)!;
	result.requests++;
	result.statuses.set(outcome.status, (result.statuses.get(outcome.status) ?? 0) + 1);
	if (outcome.accepted) result.accepted++;
	else result.refused++;
	readLog();
	return outcome;
}

// --- one target as one identity ------------------------------------------------------------

const results = new Map<Target, TargetResult>();
const bases = new Map<string, Map<Identity, FormBase>>();

/** Re-sends refused requests one at a time, with a digest around each: which one stored what. */
async function pinDown(
	pending: Request[],
	before: Digest,
	/** What changed while they were sent, when no accepted request explains it; else null. */
	unexplained: string[] | null
): Promise<Digest> {
	let current = before;
	let found = false;
	for (const request of pending) {
		const outcome = await fire(request);
		const after = await digester.take();
		const changed = differences(current, after);
		if (changed.length && !outcome.accepted) {
			found = true;
			results.get(request.target)!.storedChanges++;
			findings.push({
				kind: 'stored change',
				where: describe(request),
				detail: changed.join(', ')
			});
		} else if (changed.length) noteAccepted(request, changed);
		current = after;
	}
	if (!found && unexplained) {
		const first = pending[0]!;
		findings.push({
			kind: 'stored change',
			where: `${first.target.label} as ${first.identity}: ${pending.length} refused requests`,
			detail: `${unexplained.join(', ')} changed; not again when sent one at a time`
		});
		results.get(first.target)!.storedChanges++;
	}
	return current;
}

function noteAccepted(request: Request, changed: string[]) {
	const map = results.get(request.target)!.acceptedChanges;
	for (const name of changed) {
		const key = name.replace(/ \(.*\)$/, '');
		map.set(key, (map.get(key) ?? 0) + 1);
	}
	if (options.verbose)
		console.log(`  accepted and stored: ${describe(request)} → ${changed.join(', ')}`);
}

/** Sends the requests; a change seen after a run of refused ones is pinned down to the request. */
async function runGroup(requests: Request[]) {
	let before = await digester.take();
	let pending: Request[] = [];
	for (const request of requests) {
		const outcome = await fire(request);
		if (!outcome.accepted) {
			pending.push(request);
			continue;
		}
		const after = await digester.take();
		const changed = differences(before, after);
		if (changed.length) {
			// The refused requests before it are not judged by this digest: send them again alone.
			before = pending.length ? await pinDown(pending, after, null) : after;
			noteAccepted(request, changed);
		} else before = after;
		pending = [];
	}
	if (pending.length) {
		const after = await digester.take();
		const changed = differences(before, after);
		if (changed.length) await pinDown(pending, after, changed);
	}
}

function fallbackBase(target: Target): FormBase {
	const fields: [string, string][] = target.fieldsInSource.map((name) => [name, '']);
	return { fields: fields.length ? fields : [['name', '']], files: [] };
}

function baseFor(target: Target, url: TargetUrl, identity: Identity): FormBase {
	const key =
		target.kind === 'action' && target.name !== 'default'
			? `${url.path}?/${target.name}`
			: url.path;
	const known = bases.get(key);
	const base = known?.get(identity) ?? known?.values().next().value ?? fallbackBase(target);
	return {
		fields: base.fields.length ? base.fields : fallbackBase(target).fields,
		files: base.files
	};
}

/** Refused before the body is read: a redirect to sign in, or 403. */
const refusedAtTheDoor = (outcome: Outcome) =>
	outcome.status === 403 || (outcome.status >= 300 && outcome.status < 400 && !outcome.accepted);

async function fuzzTarget(target: Target, index: number, url: TargetUrl) {
	const t0 = performance.now();
	const shared = new Random(hashString(`${seed}|${target.label}`));
	const identities = toProbe(target, short, shared);
	if (target.kind === 'action') await harvest(url.path, identities);
	const builders = new Map<Identity, Build>();
	const rngs = new Map<Identity, Random>();
	for (const identity of identities) {
		const rng = new Random(hashString(`${seed}|${target.label}|${identity}`));
		const base = baseFor(target, url, identity);
		rngs.set(identity, rng);
		builders.set(identity, (payload, variant, path = url.path) => ({
			target,
			identity,
			payload,
			variant,
			path: actionPath(target, path),
			build: () => payload.build({ base, rng, sentinel })
		}));
	}

	// The probe, an empty form from each identity, says who gets past the door.
	const relevant: Identity[] = [];
	for (const identity of identities) {
		const client = clients.get(identity)!;
		await client.ready(server.origin);
		const probe = builders.get(identity)!(PROBE, 'enhanced');
		const before = await digester.take();
		const probed = await fire(probe);
		const after = await digester.take();
		const changed = differences(before, after);
		if (changed.length && !probed.accepted) {
			results.get(target)!.storedChanges++;
			findings.push({ kind: 'stored change', where: describe(probe), detail: changed.join(', ') });
		} else if (changed.length) noteAccepted(probe, changed);
		if (identity !== 'anonymous' && !refusedAtTheDoor(probed)) relevant.push(identity);
	}

	const plans = short
		? shortPlans(index, url, relevant, builders, shared, heavyTargets.get(target.label) ?? [])
		: new Map(identities.map((who) => [who, fullPlan(url, builders.get(who)!, rngs.get(who)!)]));
	for (const identity of identities) {
		const requests = plans.get(identity) ?? [];
		if (!requests.length) continue;
		const client = clients.get(identity)!;
		await client.ready(server.origin);
		await runGroup(requests);
	}
	results.get(target)!.ms = performance.now() - t0;
}

const harvested = new Set<string>();

/** Reads a page as each of the identities, once, for the forms the fuzzer starts from. */
async function harvest(page: string, identities: Identity[]) {
	for (const identity of identities) {
		if (harvested.has(`${identity} ${page}`)) continue;
		harvested.add(`${identity} ${page}`);
		const client = clients.get(identity)!;
		await client.ready(server.origin);
		const answer = await send(server.origin, {
			method: 'GET',
			path: page,
			headers: { accept: 'text/html', ...(client.cookies.size && { cookie: client.cookieHeader }) }
		});
		client.absorb(answer);
		if (answer.status !== 200) continue;
		for (const [key, form] of formsOf(answer.body, new URL(page, server.origin))) {
			if (!bases.has(key)) bases.set(key, new Map());
			if (!bases.get(key)!.has(identity)) bases.get(key)!.set(identity, form);
		}
	}
}

/** Sign-in and set-up last: their failures are counted by the throttle, per phone and address. */
function order(targets: Target[]): Target[] {
	const last = ['POST /logout', '/setup', '/login'];
	const rank = (t: Target) => last.indexOf(t.label);
	return [...targets].sort((a, b) => rank(a) - rank(b) || a.label.localeCompare(b.label));
}

async function main() {
	let targets = order(scanTargets(root));
	if (options.only) targets = targets.filter((t) => t.label.includes(options.only!));
	if (!targets.length) throw new Error('No targets.');
	server = await startServer({
		root,
		buildDir: process.env.BUILD_DIR ?? 'build',
		port,
		dbPort,
		sentinel,
		bodySizeLimit: process.env.BODY_SIZE_LIMIT ?? '16M'
	});
	try {
		console.log(
			`The portal answers at ${server.origin} (${((performance.now() - started) / 1000).toFixed(0)} s).`
		);
		cpu.portalStarting = server.cpuSeconds();
		digester = await openDigester(server.databaseUri, DB_NAME, server.dataDir);
		const urls = targetUrls(targets, await readDemoIds(digester.db), sentinel);
		for (const client of clients.values())
			if (client.identity !== 'anonymous') await client.signIn(server.origin);
		const picked = new Random(seed).sample(
			targets.filter((t) => t.kind === 'action'),
			HEAVY.size
		);
		heavyTargets = new Map(picked.map((t, i) => [t.label, [[...HEAVY][i]!]]));
		console.log(`${targets.length} targets; fuzzing${short ? ' (short)' : ''}, seed ${seed}.`);
		for (const target of targets) {
			results.set(target, newResult(target));
			await fuzzTarget(target, targets.indexOf(target), urls.get(target)!);
			const done = results.get(target)!;
			const failed = findings.length ? `, ${findings.length} failures so far` : '';
			console.log(
				`[${results.size}/${targets.length}] ${target.label}: ${done.requests} requests, ${(done.ms / 1000).toFixed(1)} s${failed}`
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
		readLog(true);
		cpu.portalAnswering = server.cpuSeconds() - cpu.portalStarting;
	} finally {
		await digester?.close();
		closeConnections();
		await server.stop();
	}
	const own = process.cpuUsage();
	cpu.fuzzer = (own.user + own.system) / 1e6;
	printReport([...results.values()], findings, {
		short,
		seed,
		seconds: (performance.now() - started) / 1000,
		volatile: VOLATILE,
		digests: digester.stats,
		cpu,
		loggedClientErrors,
		otherLines
	});
	process.exitCode = findings.length ? 1 : 0;
}

process.once('SIGINT', () => {
	void server?.stop().finally(() => process.exit(130));
});

main().catch(async (error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	await server?.stop().catch(() => {});
	process.exit(1);
});
