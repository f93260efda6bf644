// What the fuzzer attacks, read from the source rather than listed by hand: every form action
// (`export const actions` in a +page.server.ts, named or `default`) and every POST/PUT/PATCH/
// DELETE handler of a +server.ts under src/routes. Route parameters are filled from the demo
// database (sample ids per route below) and from the matchers in src/params. A route with a
// parameter and no sample fails the run, so that a new route cannot go unfuzzed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type mongoose from 'mongoose';

export interface Param {
	name: string;
	matcher?: string;
}

export interface Target {
	/** As SvelteKit names the route: groups dropped, parameters as written. */
	routeId: string;
	/** The file that defines it, relative to the repository. */
	file: string;
	kind: 'action' | 'endpoint';
	/** The action's name (`default` included) or the endpoint's method. */
	name: string;
	method: string;
	params: Param[];
	label: string;
	/** Field names the route's own files mention (`form.get('x')`, `name="x"`). */
	fieldsInSource: string[];
	/**
	 * The roles its file's guards name (`requireRole('coordinator')`, `...MANAGERS`), or 'any'
	 * for `requireUser()` or no guard at all. A superset of who may use each action: --short
	 * probes these (and one other identity); the full run probes everyone.
	 */
	guardRoles: string[] | 'any';
}

const METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Skips a string, template literal or comment starting at `i`; returns the index after it. */
function skipLiteral(source: string, i: number): number {
	const c = source[i];
	if (c === '/' && source[i + 1] === '/') return source.indexOf('\n', i) + 1 || source.length;
	if (c === '/' && source[i + 1] === '*') return source.indexOf('*/', i + 2) + 2;
	if (c === "'" || c === '"' || c === '`') {
		let j = i + 1;
		while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
		return j + 1;
	}
	return i;
}

/** The keys of the object literal `export const actions ... = { ... }` in a page server file. */
export function actionNames(source: string): string[] {
	const start = /export\s+const\s+actions\b[^=]*=\s*(?:\(?\s*)\{/.exec(source);
	if (!start) return [];
	const names: string[] = [];
	let depth = 1;
	let expectKey = true;
	let i = start.index + start[0].length;
	while (i < source.length && depth > 0) {
		const after = skipLiteral(source, i);
		if (after !== i) {
			if (expectKey && depth === 1 && /['"]/.test(source[i]!)) {
				names.push(source.slice(i + 1, after - 1));
				expectKey = false;
			}
			i = after;
			continue;
		}
		const c = source[i]!;
		if ('{(['.includes(c)) depth++;
		else if ('})]'.includes(c)) depth--;
		else if (c === ',' && depth === 1) expectKey = true;
		else if (expectKey && depth === 1 && /[A-Za-z_$]/.test(c)) {
			const word = /^[A-Za-z_$][\w$]*/.exec(source.slice(i))![0];
			i += word.length;
			// `async name(...)`, `get name()`: the key is the next word.
			if (/^\s+[A-Za-z_$]/.test(source.slice(i)) && ['async', 'get'].includes(word)) continue;
			names.push(word);
			expectKey = false;
			continue;
		}
		i++;
	}
	return names;
}

/** The methods a +server.ts handles beyond GET. */
export function endpointMethods(source: string): string[] {
	const found = new Set<string>();
	const direct = /export\s+(?:const|let|async\s+function|function)\s+([A-Z]+)\b/g;
	for (const [, name] of source.matchAll(direct)) found.add(name!);
	for (const [, list] of source.matchAll(/export\s*\{([^}]*)\}/g)) {
		for (const part of list!.split(','))
			found.add(
				part
					.trim()
					.split(/\s+as\s+/)
					.pop()!
					.trim()
			);
	}
	if (found.has('fallback')) return METHODS;
	return METHODS.filter((m) => found.has(m));
}

function routeParams(routeId: string): Param[] {
	return [...routeId.matchAll(/\[+(?:\.\.\.)?([\w]+)(?:=([\w]+))?\]+/g)].map(
		([, name, matcher]) => ({
			name: name!,
			matcher
		})
	);
}

/** The roles the guards in a route file name; 'any' when it has requireUser() or no guard. */
export function guardRolesIn(source: string): string[] | 'any' {
	if (/\brequireUser\(/.test(source) || !/\brequireRole\(/.test(source)) return 'any';
	const constants = new Map<string, string[]>();
	for (const [, name, list] of source.matchAll(/const\s+(\w+)\s*=\s*\[([^\]]*)\]/g)) {
		constants.set(
			name!,
			[...list!.matchAll(/'(\w+)'/g)].map(([, role]) => role!)
		);
	}
	const roles = new Set<string>();
	for (const [, args] of source.matchAll(/\brequireRole\(([^)]*)\)/g)) {
		for (const [, role] of args!.matchAll(/'(\w+)'/g)) roles.add(role!);
		for (const [, name] of args!.matchAll(/\.\.\.(\w+)/g)) {
			for (const role of constants.get(name!) ?? []) roles.add(role);
		}
	}
	return [...roles].sort();
}

function fieldsIn(dir: string, files: string[]): string[] {
	const names = new Set<string>();
	for (const file of files) {
		const source = readFileSync(path.join(dir, file), 'utf8');
		for (const [, name] of source.matchAll(/\.(?:get|getAll|has)\(\s*'([\w.[\]-]+)'\s*\)/g))
			names.add(name!);
		for (const [, name] of source.matchAll(/\bname="([\w.[\]-]+)"/g)) names.add(name!);
	}
	return [...names].sort();
}

export function scanTargets(root: string): Target[] {
	const routes = path.join(root, 'src', 'routes');
	const targets: Target[] = [];
	const walk = (dir: string, routeId: string) => {
		const files = readdirSync(dir);
		const local = files.filter((f) => /\.(ts|js|svelte)$/.test(f) && !/\.(spec|test)\./.test(f));
		const id = routeId || '/';
		const relative = (f: string) => path.relative(root, path.join(dir, f));
		for (const file of files.filter((f) => /^\+page\.server\.(ts|js)$/.test(f))) {
			const source = readFileSync(path.join(dir, file), 'utf8');
			for (const name of actionNames(source)) {
				targets.push({
					routeId: id,
					file: relative(file),
					kind: 'action',
					name,
					method: 'POST',
					params: routeParams(id),
					label: name === 'default' ? `${id}` : `${id} ?/${name}`,
					fieldsInSource: fieldsIn(dir, local),
					guardRoles: guardRolesIn(source)
				});
			}
		}
		for (const file of files.filter((f) => /^\+server\.(ts|js)$/.test(f))) {
			const source = readFileSync(path.join(dir, file), 'utf8');
			for (const method of endpointMethods(source)) {
				targets.push({
					routeId: id,
					file: relative(file),
					kind: 'endpoint',
					name: method,
					method,
					params: routeParams(id),
					label: `${method} ${id}`,
					fieldsInSource: fieldsIn(dir, local),
					guardRoles: guardRolesIn(source)
				});
			}
		}
		for (const name of files) {
			const full = path.join(dir, name);
			if (!statSync(full).isDirectory()) continue;
			const segment = /^\(.+\)$/.test(name) ? '' : `/${name}`;
			walk(full, routeId + segment);
		}
	};
	walk(routes, '');
	return targets.sort((a, b) => a.label.localeCompare(b.label));
}

/** The demo's phones (tests/e2e/fixtures.ts), signed in as each role. */
export const IDENTITIES = {
	anonymous: '',
	admin: '80000001',
	coordinator: '80000002',
	finance: '80000003',
	reviewer: '80000004',
	mentor: '80000005',
	applicant: '80000006',
	grantee: '80000010'
} as const;
export type Identity = keyof typeof IDENTITIES;

/** The demo identities holding a role (the applicant role: the applicant and the grantee). */
export function identitiesWith(role: string): Identity[] {
	if (role === 'applicant') return ['applicant', 'grantee'];
	return role in IDENTITIES && role !== 'anonymous' ? [role as Identity] : [];
}
export const DEMO_PASSWORD = 'demo-pass-2026';

/** Real ids from the demo database that the routes' parameters are filled with. */
export interface DemoIds {
	/** An account no fuzzed identity signs in with (a reviewer), for the account actions. */
	spareAccountId: string;
	participantId: string;
	courseId: string;
	sessionId: string;
	/** A plan in the demo reviewer's queue; a submitted plan; one in the demo mentor's soum. */
	reviewPlanId: string;
	submittedPlanId: string;
	mentorPlanId: string;
	/** The demo grantee's grant, a payment request of it, and the demo's safeguarding concern. */
	granteeGrantId: string;
	requestId: string;
	concernId: string;
}

/** Sample values per route parameter. A route with parameters must have an entry. */
const SAMPLES: Record<string, (ids: DemoIds) => Record<string, string>> = {
	'/applicant/plan/[section=planSection]': () => ({ section: 'idea' }),
	'/review/[planId=objectId]': (ids) => ({ planId: ids.reviewPlanId }),
	'/review/committee/[planId=objectId]': (ids) => ({ planId: ids.submittedPlanId }),
	'/finance/requests/[requestId=objectId]': (ids) => ({ requestId: ids.requestId }),
	'/mentor/plans/[planId=objectId]': (ids) => ({ planId: ids.mentorPlanId }),
	'/mentor/grants/[grantId=objectId]': (ids) => ({ grantId: ids.granteeGrantId }),
	'/mentor/grants/[grantId=objectId]/check-in': (ids) => ({ grantId: ids.granteeGrantId }),
	'/staff/plans/[planId=objectId]': (ids) => ({ planId: ids.submittedPlanId }),
	'/staff/grants/[grantId=objectId]': (ids) => ({ grantId: ids.granteeGrantId }),
	'/staff/training/[courseId=objectId]': (ids) => ({ courseId: ids.courseId }),
	'/staff/training/[courseId=objectId]/sessions/[sessionId=objectId]': (ids) => ({
		courseId: ids.courseId,
		sessionId: ids.sessionId
	}),
	'/staff/review/plans/[planId=objectId]': (ids) => ({ planId: ids.submittedPlanId }),
	'/staff/participants/[id=objectId]': (ids) => ({ id: ids.participantId }),
	'/staff/safeguarding/[concernId=objectId]': (ids) => ({ concernId: ids.concernId }),
	'/staff/accounts/[id=objectId]': (ids) => ({ id: ids.spareAccountId }),
	'/staff/exports/[kind=exportKind]': () => ({ kind: 'checkins' })
};

/** Values each matcher refuses or that name nothing: the route must answer 404 or 4xx. */
export function invalidValues(matcher: string | undefined, sentinel: string): string[] {
	const operator = encodeURIComponent(JSON.stringify({ $ne: sentinel }));
	if (matcher === 'objectId') {
		return [
			'000000000000000000000000', // well formed, names nothing
			'zzzzzzzzzzzzzzzzzzzzzzzz',
			'0123456789abcdef0123456789',
			operator,
			'%24ne'
		];
	}
	return ['nope', '0', '-1', '99999999999999999999', operator, '..%2f..%2fetc%2fpasswd'];
}

export interface TargetUrl {
	/** The path with real sample ids. */
	path: string;
	/** The same route with each parameter replaced in turn by invalid values. */
	invalid: string[];
}

function fill(routeId: string, values: Record<string, string>): string {
	return routeId.replace(/\[+(?:\.\.\.)?([\w]+)(?:=[\w]+)?\]+/g, (_, name: string) => {
		const value = values[name];
		if (value === undefined) throw new Error(`no value for [${name}] in ${routeId}`);
		return value;
	});
}

export function targetUrls(
	targets: Target[],
	ids: DemoIds,
	sentinel: string
): Map<Target, TargetUrl> {
	const missing = targets.filter((t) => t.params.length && !SAMPLES[t.routeId]);
	if (missing.length) {
		const routes = [...new Set(missing.map((t) => t.routeId))];
		throw new Error(
			`No sample parameters for ${routes.join(', ')}: add them to SAMPLES in scripts/fuzz/targets.ts.`
		);
	}
	const urls = new Map<Target, TargetUrl>();
	for (const target of targets) {
		const values = SAMPLES[target.routeId]?.(ids) ?? {};
		for (const param of target.params) {
			if (!values[param.name]) {
				throw new Error(`The demo has no sample for [${param.name}] of ${target.routeId}.`);
			}
		}
		const invalid = target.params.flatMap((param) =>
			invalidValues(param.matcher, sentinel).map((bad) =>
				fill(target.routeId, { ...values, [param.name]: bad })
			)
		);
		urls.set(target, { path: fill(target.routeId, values), invalid });
	}
	return urls;
}

/** Reads the sample ids from the demo database. */
export async function readDemoIds(db: mongoose.mongo.Db): Promise<DemoIds> {
	const one = async (collection: string, filter: object = {}) =>
		db.collection(collection).findOne(filter, { sort: { _id: 1 } });
	const user = (phone: string) => one('users', { phone });
	const [spare, reviewer, mentor, grantee] = await Promise.all([
		user('80000009'),
		user(IDENTITIES.reviewer),
		user(IDENTITIES.mentor),
		user(IDENTITIES.grantee)
	]);
	const granteeParticipant = grantee ? await one('participants', { userId: grantee._id }) : null;
	const grant = granteeParticipant
		? await one('grants', { participantId: granteeParticipant._id })
		: null;
	const session = await one('trainingsessions');
	const assignment = reviewer
		? await one('reviewassignments', { reviewerId: reviewer._id, active: true })
		: null;
	const mentorPlan = mentor
		? await one('businessplans', { soum: { $in: mentor.soums ?? [] } })
		: null;
	const request =
		(grant && (await one('paymentrequests', { grantId: grant._id }))) ??
		(await one('paymentrequests'));
	const ids = {
		spareAccountId: spare?._id,
		participantId: (await one('participants'))?._id,
		courseId: session?.courseId,
		sessionId: session?._id,
		reviewPlanId: assignment?.planId,
		submittedPlanId: (await one('businessplans', { state: 'submitted' }))?._id,
		mentorPlanId: mentorPlan?._id,
		granteeGrantId: grant?._id,
		requestId: request?._id,
		concernId: (await one('safeguardingconcerns'))?._id
	};
	const absent = Object.entries(ids).filter(([, id]) => !id);
	if (absent.length) {
		throw new Error(`The demo database has no ${absent.map(([name]) => name).join(', ')}.`);
	}
	return Object.fromEntries(
		Object.entries(ids).map(([k, v]) => [k, String(v)])
	) as unknown as DemoIds;
}
