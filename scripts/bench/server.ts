// `npm run bench`, the server section: requests per second and latency of the built portal at
// several numbers of concurrent connections (autocannon), each route also as a ratio to the
// baseline (`GET /healthz/live`: neither the session nor the database) measured in the same run.
// Every route is checked with one request first: a benchmark of refusals measures nothing.
import autocannon from 'autocannon';

export interface Accounts {
	coordinator: string;
	reviewer: string;
	mentor: string;
	applicant: string;
}

type Role = keyof Accounts;

export interface Route {
	name: string;
	method: 'GET' | 'POST';
	path: string;
	/** The account whose session cookie the requests carry; none for public routes. */
	as?: Role;
	headers?: Record<string, string>;
	body?: string;
	/** The status every request must answer with. */
	status: number;
	/** Holds the first response to account, beyond its status (throws when it does not). */
	check?: (response: Response) => Promise<void>;
	/** The issue gives this page a target (p95 and share of the baseline at 10 connections). */
	target?: boolean;
}

export interface Measurement {
	route: string;
	connections: number;
	requests: number;
	seconds: number;
	requestsPerSecond: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** Responses with another status than the route's. */
	wrongStatus: number;
	/** Requests sent but not answered when the time was up (their latency is not counted). */
	unfinished: number;
	/** Connection errors and timeouts. */
	errors: number;
	statuses: Record<string, number>;
	/** requestsPerSecond / the baseline's at the same number of connections. */
	ratio: number;
	target: boolean;
}

export interface ServerResults {
	skipped: { route: string; reason: string }[];
	measurements: Measurement[];
	/** One request of each route after its warm-up, with nothing else running (ms). */
	alone: { route: string; ms: number }[];
	/** Sessions the sign-in benchmark made, for the caller to delete: from this moment on. */
	signInFrom: string | null;
}

const FORM = 'application/x-www-form-urlencoded';

/** Signs in with the form as a browser without JavaScript does; returns `session=<token>`. */
export async function signIn(baseURL: string, phone: string, password: string): Promise<string> {
	const response = await fetch(`${baseURL}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: baseURL, 'content-type': FORM, accept: 'text/html' },
		body: new URLSearchParams({ phone, password }).toString()
	});
	await response.body?.cancel();
	const cookie = response.headers
		.getSetCookie()
		.map((c) => c.split(';')[0] ?? '')
		.find((c) => c.startsWith('session=') && c.length > 'session='.length);
	if (response.status !== 303 || !cookie) {
		throw new Error(
			`Signing in as ${phone} answered ${response.status} ` +
				`(${response.headers.get('location') ?? 'no redirect'}), not 303 with a session.`
		);
	}
	return cookie;
}

/**
 * The values of a `__data.json` node, decoded from SvelteKit's serialisation (devalue's flat
 * array: each value an index into the array). Enough for plain objects, arrays, strings,
 * numbers, booleans, null and dates: what the checks here read.
 */
export function decodeNodeData(flat: unknown[]): unknown {
	const seen = new Map<number, unknown>();
	const at = (index: number): unknown => {
		if (index === -1) return undefined;
		if (index < 0) return index === -3 ? NaN : index === -6 ? -0 : null;
		if (seen.has(index)) return seen.get(index);
		const raw = flat[index];
		let value: unknown = raw;
		if (Array.isArray(raw)) {
			if (typeof raw[0] === 'string') {
				value = raw[0] === 'Date' ? new Date(String(raw[1])) : raw; // other types: left as is
			} else {
				const list: unknown[] = [];
				seen.set(index, list);
				for (const i of raw as number[]) list.push(at(i));
				return list;
			}
		} else if (raw && typeof raw === 'object') {
			const object: Record<string, unknown> = {};
			seen.set(index, object);
			for (const [key, i] of Object.entries(raw as Record<string, number>)) object[key] = at(i);
			return object;
		}
		seen.set(index, value);
		return value;
	};
	return at(0);
}

/** A `__data.json` answer: its nodes' data, or an error when it is not `type: 'data'`. */
export async function nodesOf(response: Response): Promise<Record<string, unknown>[]> {
	const body = (await response.json()) as {
		type: string;
		location?: string;
		nodes?: ({ type: string; data?: unknown[] } | null)[];
	};
	if (body.type !== 'data' || !body.nodes) {
		throw new Error(`answered ${body.type}${body.location ? ` to ${body.location}` : ''}`);
	}
	return body.nodes.map((node) =>
		node?.type === 'data' && node.data
			? ((decodeNodeData(node.data) ?? {}) as Record<string, unknown>)
			: {}
	);
}

/** The fields of one plan step exactly as the editor's form sends them, from its saved content. */
function marketForm(content: Record<string, unknown>): string {
	const market = (content.market ?? {}) as Record<string, unknown>;
	const form = new URLSearchParams();
	for (const field of ['customers', 'customerNeeds', 'marketSize']) {
		form.set(field, String(market[field] ?? ''));
	}
	return form.toString();
}

/**
 * The routes, in the order measured. The plan autosave sends her saved `market` step back
 * unchanged (what the editor sends when she has paused), so a run leaves her plan as it was.
 */
async function routesFor(
	baseURL: string,
	cookies: Partial<Record<Role, string>>,
	signInPhone: string,
	password: string
): Promise<{ routes: Route[]; skipped: { route: string; reason: string }[] }> {
	const skipped: { route: string; reason: string }[] = [];
	const html = { accept: 'text/html' };
	const routes: Route[] = [
		{ name: 'baseline GET /healthz/live', method: 'GET', path: '/healthz/live', status: 200 },
		{
			name: 'dashboard data GET /staff/reports/__data.json',
			method: 'GET',
			path: '/staff/reports/__data.json',
			as: 'coordinator',
			status: 200,
			check: async (response) => {
				const nodes = await nodesOf(response);
				if (!nodes.some((n) => 'dashboard' in n)) throw new Error('has no dashboard in it');
			}
		},
		{
			name: 'indicators GET /staff/reports/indicators.json',
			method: 'GET',
			path: '/staff/reports/indicators.json',
			as: 'coordinator',
			status: 200,
			check: async (response) => {
				const body = (await response.json()) as { cohort?: unknown };
				if (!body.cohort) throw new Error('has no cohort in it');
			}
		},
		{
			name: 'applicant home GET /applicant',
			method: 'GET',
			path: '/applicant',
			as: 'applicant',
			headers: html,
			status: 200,
			target: true
		},
		{
			name: 'reviewer queue GET /review',
			method: 'GET',
			path: '/review',
			as: 'reviewer',
			headers: html,
			status: 200,
			target: true
		},
		{
			name: 'mentor list GET /mentor',
			method: 'GET',
			path: '/mentor',
			as: 'mentor',
			headers: html,
			status: 200,
			target: true
		}
	];

	// The reports come first, while the portal's snapshot of them (counted at start-up, stale
	// after 10 minutes: services/reporting.ts) is fresh; a stale one is counted again in the
	// background and a request waits up to 2 s for it.

	// The autosave: only for an applicant with a draft plan (the demo applicant is in training).
	const step = '/applicant/plan/market';
	const current = cookies.applicant
		? await fetch(`${baseURL}${step}/__data.json`, { headers: { cookie: cookies.applicant } })
		: null;
	let content: Record<string, unknown> | undefined;
	let reason = 'no applicant signed in';
	if (current) {
		try {
			const nodes = await nodesOf(current);
			const page = nodes.at(-1) ?? {};
			if (page.frozen) reason = 'her plan is submitted (frozen): nothing to autosave';
			else content = page.content as Record<string, unknown> | undefined;
		} catch (cause) {
			reason = `${step} ${(cause as Error).message}: the applicant has no plan to draft`;
		}
	}
	if (content) {
		routes.push({
			name: 'plan autosave POST /applicant/plan/market?/autosave',
			method: 'POST',
			path: `${step}?/autosave`,
			as: 'applicant',
			headers: {
				origin: baseURL,
				'content-type': FORM,
				accept: 'application/json',
				'x-sveltekit-action': 'true'
			},
			body: marketForm(content),
			status: 200,
			check: async (response) => {
				const body = (await response.json()) as { type?: string };
				if (body.type !== 'success') throw new Error(`answered ${JSON.stringify(body)}`);
			}
		});
	} else skipped.push({ route: 'plan autosave', reason });

	// Last: each sign-in adds a session, and the sessions are read on every other request.
	routes.push({
		name: 'sign-in POST /login',
		method: 'POST',
		path: '/login',
		headers: { origin: baseURL, 'content-type': FORM, accept: 'text/html' },
		body: new URLSearchParams({ phone: signInPhone, password }).toString(),
		status: 303,
		check: async (response) => {
			const location = response.headers.get('location') ?? '';
			const cookie = response.headers.getSetCookie().some((c) => /^session=[^;]/.test(c));
			if (!cookie || location.startsWith('/login')) {
				throw new Error(`was refused (to ${location || 'nowhere'}, session cookie: ${cookie})`);
			}
		}
	});
	return { routes, skipped };
}

function headersFor(route: Route, cookies: Partial<Record<Role, string>>) {
	const headers: Record<string, string> = { ...route.headers };
	if (route.as) {
		const cookie = cookies[route.as];
		if (!cookie) throw new Error(`${route.name}: no session for the ${route.as}`);
		headers.cookie = cookie;
	}
	return headers;
}

/** One request, its status and `check` held to; throws with what it got otherwise. */
async function checkRoute(baseURL: string, route: Route, headers: Record<string, string>) {
	const response = await fetch(`${baseURL}${route.path}`, {
		method: route.method,
		headers,
		body: route.body,
		redirect: 'manual'
	});
	if (response.status !== route.status) {
		const where = response.headers.get('location');
		await response.body?.cancel();
		throw new Error(
			`${route.name}: one request answered ${response.status}${where ? ` (to ${where})` : ''}, ` +
				`not ${route.status}`
		);
	}
	try {
		await route.check?.(response);
	} catch (cause) {
		throw new Error(`${route.name}: ${(cause as Error).message}`);
	} finally {
		await response.body?.cancel().catch(() => {});
	}
}

/**
 * Waits until the requests autocannon left behind have been served: when its time is up it
 * closes its connections, but the portal still works through what they had sent, which would
 * slow the next measurement. Two requests one after the other: the first waits behind them.
 */
async function settle(
	baseURL: string,
	route: Route,
	headers: Record<string, string>
): Promise<number> {
	let ms = NaN;
	for (let i = 0; i < 2; i++) {
		const started = performance.now();
		const response = await fetch(`${baseURL}${route.path}`, {
			method: route.method,
			headers,
			body: route.body,
			redirect: 'manual'
		});
		await response.arrayBuffer();
		ms = performance.now() - started;
	}
	return ms; // the second: one request with nothing else in the way
}

function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[index]!;
}

/** autocannon at `connections` for `seconds`; latency percentiles from every response. */
async function load(
	baseURL: string,
	route: Route,
	headers: Record<string, string>,
	connections: number,
	seconds: number
) {
	const latencies: number[] = [];
	const statuses: Record<string, number> = {};
	const result = await new Promise<autocannon.Result>((resolve, reject) => {
		const instance = autocannon(
			{
				url: `${baseURL}${route.path}`,
				method: route.method,
				headers,
				body: route.body,
				connections,
				duration: seconds,
				timeout: 30
			},
			(error: unknown, result: autocannon.Result) =>
				error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result)
		);
		instance.on('response', (_client, statusCode, _bytes, responseTime) => {
			latencies.push(responseTime);
			statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
		});
	});
	latencies.sort((a, b) => a - b);
	const wrong = Object.entries(statuses)
		.filter(([code]) => Number(code) !== route.status)
		.reduce((sum, [, n]) => sum + n, 0);
	return {
		requests: latencies.length,
		seconds: result.duration,
		requestsPerSecond: latencies.length / result.duration,
		p50: percentile(latencies, 50),
		p95: percentile(latencies, 95),
		p99: percentile(latencies, 99),
		max: latencies.at(-1) ?? NaN,
		wrongStatus: wrong,
		unfinished: Math.max(
			0,
			((result.requests as { sent?: number }).sent ?? latencies.length) - latencies.length
		),
		errors: result.errors + result.timeouts,
		statuses
	};
}

export async function measureServer(
	baseURL: string,
	accounts: Accounts,
	password: string,
	{
		connections,
		seconds,
		log = console.log
	}: { connections: number[]; seconds: number; log?: (line: string) => void }
): Promise<ServerResults> {
	const cookies: Partial<Record<Role, string>> = {};
	for (const role of Object.keys(accounts) as Role[]) {
		cookies[role] = await signIn(baseURL, accounts[role], password);
	}
	const { routes, skipped } = await routesFor(baseURL, cookies, accounts.applicant, password);
	for (const s of skipped) log(`  skipped ${s.route}: ${s.reason}`);
	for (const route of routes) await checkRoute(baseURL, route, headersFor(route, cookies));

	const measurements: Measurement[] = [];
	const alone: { route: string; ms: number }[] = [];
	let signInFrom: string | null = null;
	for (const route of routes) {
		const headers = headersFor(route, cookies);
		if (route.path === '/login') signInFrom = new Date().toISOString();
		// A short warm-up: the first requests compile and fill caches.
		await load(baseURL, route, headers, 1, 1);
		alone.push({ route: route.name, ms: await settle(baseURL, route, headers) });
		log(`  ${route.name}: one request alone ${alone.at(-1)!.ms.toFixed(1)} ms`);
		let answered = Infinity;
		for (const n of connections) {
			// A route that could not answer one request per connection in the window at fewer
			// connections would only queue more: its latency is then its queue, not a figure.
			// The targets' count is measured all the same, unless nothing was answered.
			if (answered === 0 || (answered < n && n !== TARGET_CONNECTIONS)) {
				skipped.push({
					route: `${route.name} @${n}`,
					reason: `it answered ${answered} requests in ${seconds} s at fewer connections`
				});
				log(`  ${route.name} @${n}: skipped (${answered} answered at fewer connections)`);
				continue;
			}
			const m = await load(baseURL, route, headers, n, seconds);
			answered = m.requests;
			await settle(baseURL, route, headers);
			const baseline = measurements.find((b) => b.route === routes[0]!.name && b.connections === n);
			const measurement: Measurement = {
				route: route.name,
				connections: n,
				...m,
				target: Boolean(route.target),
				ratio: baseline ? m.requestsPerSecond / baseline.requestsPerSecond : 1
			};
			measurements.push(measurement);
			log(
				`  ${route.name} @${n}: ${m.requestsPerSecond.toFixed(0)} req/s, ` +
					`p95 ${m.p95.toFixed(1)} ms, ${m.unfinished} unanswered at the end` +
					(m.wrongStatus + m.errors ? `, ${m.wrongStatus} wrong status, ${m.errors} errors` : '')
			);
		}
	}
	return { skipped, measurements, alone, signInFrom };
}

const TARGET_P95_MS = 100;
const TARGET_RATIO = 0.25;
const TARGET_CONNECTIONS = 10;

/** The table, and the issue's targets for the pages that have them. */
export function printServer(results: ServerResults, log: (line: string) => void = console.log) {
	const pad = (s: string, n: number) => s.padEnd(n);
	const num = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '-');
	const width = Math.max(...results.measurements.map((m) => m.route.length), 10);
	log(
		`${pad('route', width)}  conns    req/s   %base   p50 ms   p95 ms   p99 ms  answered  unanswered  wrong status  errors`
	);
	for (const m of results.measurements) {
		log(
			`${pad(m.route, width)}  ${String(m.connections).padStart(5)}  ${num(m.requestsPerSecond, 0).padStart(7)}` +
				`  ${`${num(m.ratio * 100)}%`.padStart(6)}  ${num(m.p50).padStart(7)}  ${num(m.p95).padStart(7)}` +
				`  ${num(m.p99).padStart(7)}  ${String(m.requests).padStart(8)}  ${String(m.unfinished).padStart(10)}` +
				`  ${String(m.wrongStatus).padStart(12)}  ${String(m.errors).padStart(6)}`
		);
	}
	log('One request alone, after the warm-up, with nothing else running:');
	for (const a of results.alone) log(`  ${pad(a.route, width)}  ${num(a.ms).padStart(9)} ms`);
	log(
		'unanswered: sent but not answered when the time was up (not in the latencies); ' +
			'wrong status: any other status than the one checked first.'
	);
	for (const s of results.skipped) log(`not measured: ${s.route}: ${s.reason}`);
	const targeted = [...new Set(results.measurements.filter((m) => m.target).map((m) => m.route))];
	if (targeted.length) {
		log(
			`Targets at ${TARGET_CONNECTIONS} connections: p95 < ${TARGET_P95_MS} ms and ` +
				`≥ ${TARGET_RATIO * 100}% of the baseline's req/s`
		);
	}
	for (const route of targeted) {
		const m = results.measurements.find(
			(m) => m.route === route && m.connections === TARGET_CONNECTIONS
		);
		if (!m) {
			log(`  MISSED ${route}: too slow to measure at ${TARGET_CONNECTIONS} connections`);
			continue;
		}
		const ok = m.requests > 0 && m.p95 < TARGET_P95_MS && m.ratio >= TARGET_RATIO;
		log(
			`  ${ok ? 'met   ' : 'MISSED'} ${m.route}: p95 ${num(m.p95)} ms, ` +
				`${num(m.ratio * 100)}% of the baseline`
		);
	}
}
