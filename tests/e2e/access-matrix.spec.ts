// The access matrix: every route in src/routes, and what each role (and a signed-out visitor)
// gets from it. A route added without an entry here fails the first test.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { request, type APIRequestContext } from '@playwright/test';
import { baseURL } from '../../playwright.config';
import { DEMO_PASSWORD, DEMO_PHONES, expect, test, type DemoRole } from './fixtures';
import { GRANT_DEMO } from './grantDemo';

type Identity = DemoRole | 'anonymous';
const ROLES = Object.keys(DEMO_PHONES) as DemoRole[];
const IDENTITIES: Identity[] = ['anonymous', ...ROLES];

/** Who may use a route: anyone, any signed-in user, or the listed roles. */
type Access = 'public' | 'signedIn' | DemoRole[];

interface Entry {
	/** A concrete path to request (dynamic segments filled in at run time). */
	path: string | ((ids: SampleIds) => string);
	/** Access for GET; omitted for POST-only endpoints. */
	get?: Access;
	/** Form actions (`?/name`, or 'default') and who may call them. */
	actions?: Record<string, Access>;
	/** POST to a +server.ts endpoint. */
	post?: Access;
	/** The sample may not exist (no demo plan yet): allowed roles may then get 404. */
	mayBeMissing?: boolean;
}

interface SampleIds {
	applicantAccountId: string;
	participantId: string;
	/** A course with a session and a trainee who completed it (a certificate exists). */
	courseId: string;
	sessionId: string;
	completedEnrolmentId: string;
	/** A plan (submitted when the demo has one) and a version of it; the mentor's own. */
	planId: string;
	planVersion: string;
	mentorPlanId: string;
	/** A plan in the demo reviewer's queue. */
	reviewPlanId: string;
	/** The demo grantee's grant (Khanbogd, the mentor's), a receipt of it, a payment request. */
	grantId: string;
	receiptId: string;
	requestId: string;
	/** A check-in of the grantee's with a photo; a safeguarding concern. */
	checkInId: string;
	concernId: string;
}

const MANAGERS: DemoRole[] = ['coordinator', 'admin'];
/** The committee's chair (the demo reviewer) and coordinators. */
const COMMITTEE: DemoRole[] = ['reviewer', 'coordinator'];

export const MATRIX: Record<string, Entry> = {
	'/': { path: '/', get: 'public' },
	'/login': { path: '/login', get: 'public', actions: { default: 'public' } },
	'/setup': { path: '/setup', get: 'public', actions: { default: 'public' } },
	'/lang': { path: '/lang', post: 'public' },
	'/logout': { path: '/logout', post: 'public' },
	'/healthz': { path: '/healthz', get: 'public' },
	'/healthz/live': { path: '/healthz/live', get: 'public' },
	'/account': {
		path: '/account',
		get: 'signedIn',
		actions: { password: 'signedIn', signOutEverywhere: 'signedIn' }
	},
	'/applicant': { path: '/applicant', get: ['applicant'] },
	'/applicant/plan': {
		path: '/applicant/plan',
		get: ['applicant'],
		actions: { submit: ['applicant'] }
	},
	'/applicant/plan/[section=planSection]': {
		path: '/applicant/plan/idea',
		get: ['applicant'],
		actions: { save: ['applicant'], autosave: ['applicant'] }
	},
	'/applicant/plan/print': { path: '/applicant/plan/print', get: ['applicant'] },
	'/applicant/plan/versions/[version=integer]': {
		path: '/applicant/plan/versions/99',
		get: ['applicant'],
		mayBeMissing: true
	},
	'/review': { path: '/review', get: ['reviewer'] },
	'/review/[planId=objectId]': {
		path: (ids) => `/review/${ids.reviewPlanId}`,
		get: ['reviewer'],
		actions: { declare: ['reviewer'], save: ['reviewer'], submit: ['reviewer'] },
		mayBeMissing: true
	},
	// The demo reviewer chairs the committee; a member who does not is refused below.
	'/review/committee': { path: '/review/committee', get: COMMITTEE },
	'/review/committee/[planId=objectId]': {
		path: (ids) => `/review/committee/${ids.planId}`,
		get: COMMITTEE,
		actions: { decide: COMMITTEE },
		mayBeMissing: true
	},
	'/review/committee/pack': { path: '/review/committee/pack', get: COMMITTEE },
	'/review/committee/pack.csv': { path: '/review/committee/pack.csv', get: COMMITTEE },
	'/mentor': { path: '/mentor', get: ['mentor'] },
	'/finance': { path: '/finance', get: ['finance'] },
	'/staff': { path: '/staff', get: ['coordinator'] },
	'/staff/accounts': { path: '/staff/accounts', get: MANAGERS, actions: { create: MANAGERS } },
	'/staff/accounts/[id=objectId]': {
		path: (ids) => `/staff/accounts/${ids.applicantAccountId}`,
		get: MANAGERS,
		actions: {
			reissue: MANAGERS,
			disable: ['admin'],
			enable: ['admin'],
			grantViewProtected: ['admin'],
			revokeViewProtected: ['admin']
		}
	},
	'/staff/participants': { path: '/staff/participants', get: ['coordinator'] },
	'/staff/participants/new': {
		path: '/staff/participants/new',
		get: ['coordinator'],
		actions: { default: ['coordinator'] }
	},
	'/staff/participants/[id=objectId]': {
		path: (ids) => `/staff/participants/${ids.participantId}`,
		get: ['coordinator'],
		actions: {
			profile: ['coordinator'],
			consent: ['coordinator'],
			protect: ['coordinator'],
			erase: ['coordinator']
		}
	},
	'/staff/training': {
		path: '/staff/training',
		get: ['coordinator'],
		actions: { createCourse: ['coordinator'] }
	},
	'/staff/training/[courseId=objectId]': {
		path: (ids) => `/staff/training/${ids.courseId}`,
		get: ['coordinator'],
		actions: {
			addSession: ['coordinator'],
			enrolParticipant: ['coordinator'],
			enrolOfficial: ['coordinator'],
			setTrainer: ['coordinator'],
			unenrol: ['coordinator']
		}
	},
	'/staff/training/[courseId=objectId]/sessions/[sessionId=objectId]': {
		path: (ids) => `/staff/training/${ids.courseId}/sessions/${ids.sessionId}`,
		get: ['coordinator'],
		actions: { save: ['coordinator'] }
	},
	'/staff/training/[courseId=objectId]/certificates/[enrolmentId=objectId]': {
		path: (ids) => `/staff/training/${ids.courseId}/certificates/${ids.completedEnrolmentId}`,
		get: ['coordinator']
	},
	'/staff/plans': { path: '/staff/plans', get: ['coordinator'] },
	'/staff/review': {
		path: '/staff/review',
		get: ['coordinator'],
		actions: {
			addMember: ['coordinator'],
			removeMember: ['coordinator'],
			setChair: ['coordinator'],
			autoAssign: ['coordinator'],
			publish: ['coordinator']
		}
	},
	'/staff/review/rubric': {
		path: '/staff/review/rubric',
		get: ['coordinator'],
		actions: { save: ['coordinator'], resize: ['coordinator'] }
	},
	'/staff/review/plans/[planId=objectId]': {
		path: (ids) => `/staff/review/plans/${ids.planId}`,
		get: ['coordinator'],
		actions: { assign: ['coordinator'], unassign: ['coordinator'], need: ['coordinator'] },
		mayBeMissing: true
	},
	'/staff/plans/[planId=objectId]': {
		path: (ids) => `/staff/plans/${ids.planId}`,
		get: ['coordinator'],
		actions: { return: ['coordinator'], comment: ['coordinator'] },
		mayBeMissing: true
	},
	'/staff/plans/[planId=objectId]/versions/[version=integer]': {
		path: (ids) => `/staff/plans/${ids.planId}/versions/${ids.planVersion}`,
		get: ['coordinator'],
		mayBeMissing: true
	},
	'/mentor/plans/[planId=objectId]': {
		path: (ids) => `/mentor/plans/${ids.mentorPlanId}`,
		get: ['mentor'],
		actions: { comment: ['mentor'] },
		mayBeMissing: true
	},
	'/staff/grants': {
		path: '/staff/grants',
		get: ['coordinator'],
		actions: { rules: ['coordinator'] }
	},
	'/staff/grants/[grantId=objectId]': {
		path: (ids) => `/staff/grants/${ids.grantId}`,
		get: ['coordinator'],
		actions: {
			schedule: ['coordinator'],
			sign: ['coordinator'],
			request: ['coordinator'],
			receipt: ['coordinator'],
			assign: ['coordinator']
		}
	},
	'/staff/grants/[grantId=objectId]/agreement': {
		path: (ids) => `/staff/grants/${ids.grantId}/agreement`,
		get: ['coordinator']
	},
	'/finance/requests/[requestId=objectId]': {
		path: (ids) => `/finance/requests/${ids.requestId}`,
		get: ['finance'],
		actions: { approve: ['finance'], reject: ['finance'], paid: ['finance'] }
	},
	// The demo applicant has no grant (404); the grantee's own is checked below.
	'/applicant/grant': {
		path: '/applicant/grant',
		get: ['applicant'],
		actions: { receipt: ['applicant'] },
		mayBeMissing: true
	},
	'/applicant/grant/agreement': {
		path: '/applicant/grant/agreement',
		get: ['applicant'],
		mayBeMissing: true
	},
	'/mentor/grants/[grantId=objectId]': {
		path: (ids) => `/mentor/grants/${ids.grantId}`,
		get: ['mentor'],
		actions: { receipt: ['mentor'] }
	},
	// The demo grantee is assigned to the demo mentor; another soum's mentor is checked below.
	'/mentor/grants/[grantId=objectId]/check-in': {
		path: (ids) => `/mentor/grants/${ids.grantId}/check-in`,
		get: ['mentor'],
		actions: { save: ['mentor'] }
	},
	// Someone else's photo is a 404 to an applicant (the demo applicant's case here).
	'/check-ins/[checkInId=objectId]/photos/[index=integer]': {
		path: (ids) => `/check-ins/${ids.checkInId}/photos/1`,
		get: ['applicant', 'mentor', 'coordinator'],
		mayBeMissing: true
	},
	'/applicant/grant/figures': {
		path: '/applicant/grant/figures',
		get: ['applicant'],
		actions: { save: ['applicant'] },
		mayBeMissing: true
	},
	'/staff/mentoring': {
		path: '/staff/mentoring',
		get: ['coordinator'],
		actions: { rule: ['coordinator'], assign: ['coordinator'] }
	},
	'/staff/safeguarding': { path: '/staff/safeguarding', get: ['coordinator'] },
	'/staff/safeguarding/[concernId=objectId]': {
		path: (ids) => `/staff/safeguarding/${ids.concernId}`,
		get: ['coordinator'],
		actions: { close: ['coordinator'] }
	},
	// Someone else's receipt is a 404 to an applicant (the demo applicant's case here).
	'/receipts/[receiptId=objectId]': {
		path: (ids) => `/receipts/${ids.receiptId}`,
		get: ['applicant', 'mentor', 'coordinator', 'finance'],
		mayBeMissing: true
	},
	'/admin': { path: '/admin', get: ['admin'] },
	'/admin/audit': { path: '/admin/audit', get: ['admin'] },
	'/admin/audit/export.csv': { path: '/admin/audit/export.csv', get: ['admin'] },
	// Programme dashboards, donor indicators and exports: coordinators only (aggregates and
	// exports of the cohort; admins run the system, not the programme).
	'/staff/reports': { path: '/staff/reports', get: ['coordinator'] },
	'/staff/reports/indicators': {
		path: '/staff/reports/indicators',
		get: ['coordinator'],
		actions: { indirect: ['coordinator'] }
	},
	'/staff/reports/indicators.json': {
		path: '/staff/reports/indicators.json',
		get: ['coordinator']
	},
	'/staff/reports/indicators.csv': { path: '/staff/reports/indicators.csv', get: ['coordinator'] },
	'/staff/reports/indicators/print': {
		path: '/staff/reports/indicators/print',
		get: ['coordinator']
	},
	'/staff/exports': { path: '/staff/exports', get: ['coordinator'] },
	// GET: pseudonymised; POST: identifying (the demo coordinator holds viewProtected).
	'/staff/exports/[kind=exportKind]': {
		path: '/staff/exports/checkins',
		get: ['coordinator'],
		post: ['coordinator']
	}
};

/** Route ids as SvelteKit sees them: folders holding a page or endpoint, groups dropped. */
function routeIds(dir = path.resolve('src/routes'), prefix = ''): string[] {
	const ids: string[] = [];
	const files = readdirSync(dir);
	if (
		files.some(
			(f) => /^\+(page|server)\.(svelte|ts|js)$/.test(f) || /^\+page\.server\.(ts|js)$/.test(f)
		)
	) {
		ids.push(prefix || '/');
	}
	for (const name of files) {
		const full = path.join(dir, name);
		if (!statSync(full).isDirectory()) continue;
		const segment = /^\(.+\)$/.test(name) ? '' : `/${name}`;
		ids.push(...routeIds(full, prefix + segment));
	}
	return ids;
}

function allows(access: Access, who: Identity): boolean {
	if (access === 'public') return true;
	if (access === 'signedIn') return who !== 'anonymous';
	return who !== 'anonymous' && access.includes(who);
}

const HTML = { accept: 'text/html', origin: baseURL };

async function contextFor(who: Identity): Promise<APIRequestContext> {
	const context = await request.newContext({ baseURL, extraHTTPHeaders: HTML });
	if (who === 'anonymous') return context;
	const response = await context.post('/login', {
		form: { phone: DEMO_PHONES[who], password: DEMO_PASSWORD },
		maxRedirects: 0
	});
	expect(response.status(), `${who} signs in`).toBe(303);
	return context;
}

/** The first course on the coordinator's training page with a session and a certificate. */
async function trainingSample(coordinator: APIRequestContext) {
	const list = await (await coordinator.get('/staff/training')).text();
	for (const [, courseId] of list.matchAll(/href="\/staff\/training\/([0-9a-f]{24})"/g)) {
		const html = await (await coordinator.get(`/staff/training/${courseId}`)).text();
		const link = (kind: string) =>
			html.match(new RegExp(`href="/staff/training/${courseId}/${kind}/([0-9a-f]{24})"`))?.[1];
		const sessionId = link('sessions');
		const completedEnrolmentId = link('certificates');
		if (sessionId && completedEnrolmentId) return { courseId, sessionId, completedEnrolmentId };
	}
	return {};
}

/** A submitted plan (else any) with a version, and a plan on the mentor's list; made up if none. */
async function planSample(coordinator: APIRequestContext, mentor: APIRequestContext) {
	const made = '0123456789abcdef01234567';
	const planIn = async (url: string) =>
		(await (await coordinator.get(url)).text()).match(/href="\/staff\/plans\/([0-9a-f]{24})"/)?.[1];
	const planId = (await planIn('/staff/plans?state=submitted')) ?? (await planIn('/staff/plans'));
	const detail = planId ? await (await coordinator.get(`/staff/plans/${planId}`)).text() : '';
	const version = detail.match(new RegExp(`href="/staff/plans/${planId}/versions/(\\d+)"`))?.[1];
	const mentorHome = await (await mentor.get('/mentor')).text();
	return {
		planId: planId ?? made,
		planVersion: version ?? '1',
		mentorPlanId: mentorHome.match(/href="\/mentor\/plans\/([0-9a-f]{24})"/)?.[1] ?? made
	};
}

/** The demo grantee's grant and one of its receipts; a request waiting for finance. */
async function grantSample(coordinator: APIRequestContext, finance: APIRequestContext) {
	const list = await (await coordinator.get(`/staff/grants`)).text();
	const row = list.split('<tr').find((r) => r.includes(GRANT_DEMO.P1)) ?? '';
	const grantId = row.match(/href="\/staff\/grants\/([0-9a-f]{24})"/)?.[1] ?? '';
	expect(grantId, 'the grantee in the grants list').toMatch(/^[0-9a-f]{24}$/);
	const detail = await (await coordinator.get(`/staff/grants/${grantId}`)).text();
	const receiptId = detail.match(/href="\/receipts\/([0-9a-f]{24})"/)?.[1] ?? '';
	expect(receiptId, 'a receipt of hers').toMatch(/^[0-9a-f]{24}$/);
	const queue = await (await finance.get('/finance')).text();
	const requestId = queue.match(/href="\/finance\/requests\/([0-9a-f]{24})"/)?.[1] ?? '';
	expect(requestId, 'a request in the queue').toMatch(/^[0-9a-f]{24}$/);
	return { grantId, receiptId, requestId };
}

/** A photo of one of the grantee's check-ins (her mentor's record), and the demo's concern. */
async function mentoringSample(
	mentor: APIRequestContext,
	coordinator: APIRequestContext,
	grantId: string
) {
	const record = await (await mentor.get(`/mentor/grants/${grantId}`)).text();
	const checkInId = record.match(/\/check-ins\/([0-9a-f]{24})\/photos\/1/)?.[1] ?? '';
	expect(checkInId, 'a check-in photo of hers').toMatch(/^[0-9a-f]{24}$/);
	const list = await (await coordinator.get('/staff/safeguarding')).text();
	const concernId = list.match(/href="\/staff\/safeguarding\/([0-9a-f]{24})"/)?.[1] ?? '';
	expect(concernId, 'a safeguarding concern').toMatch(/^[0-9a-f]{24}$/);
	return { checkInId, concernId };
}

/**
 * The headers every response carries (src/lib/server/headers.ts), and on a page Kit's
 * Content-Security-Policy: a nonce for its own script, no inline script, no framing.
 */
function expectSecurityHeaders(headers: Record<string, string>, what: string) {
	expect(headers['x-content-type-options'], what).toBe('nosniff');
	expect(headers['x-frame-options'], what).toBe('DENY');
	expect(headers['referrer-policy'], what).toBe('same-origin');
	expect(headers['permissions-policy'], what).toContain('camera=()');
	expect(headers['cross-origin-opener-policy'], what).toBe('same-origin');
	// Served over http here: HSTS only over https (headers.spec.ts).
	expect(headers['strict-transport-security'], what).toBeUndefined();
	const csp = headers['content-security-policy'] ?? '';
	expect(csp, what).toContain("frame-ancestors 'none'");
	expect(csp, what).not.toMatch(/script-src[^;]*unsafe-(inline|eval)/);
	// A page's script runs by Kit's nonce; anything else (an endpoint, a redirect, the static
	// error page) may run nothing.
	expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'|^default-src 'none'/);
}

test('every route in src/routes has an entry in the access matrix, and no entry is stale', () => {
	expect(routeIds().sort()).toEqual(Object.keys(MATRIX).sort());
});

test.describe('access matrix', () => {
	const contexts = new Map<Identity, APIRequestContext>();
	const ids: SampleIds = {
		applicantAccountId: '',
		participantId: '',
		courseId: '',
		sessionId: '',
		completedEnrolmentId: '',
		planId: '',
		planVersion: '',
		mentorPlanId: '',
		reviewPlanId: '',
		grantId: '',
		receiptId: '',
		requestId: '',
		checkInId: '',
		concernId: ''
	};

	test.beforeAll(async () => {
		for (const who of IDENTITIES) contexts.set(who, await contextFor(who));
		const page = await contexts.get('admin')!.get(`/staff/accounts?q=${DEMO_PHONES.applicant}`);
		const match = (await page.text()).match(/href="\/staff\/accounts\/([0-9a-f]{24})"/);
		ids.applicantAccountId = match?.[1] ?? '';
		expect(ids.applicantAccountId).toMatch(/^[0-9a-f]{24}$/);
		const participants = await contexts.get('coordinator')!.get('/staff/participants?q=UMN-26-001');
		ids.participantId =
			(await participants.text()).match(/href="\/staff\/participants\/([0-9a-f]{24})"/)?.[1] ?? '';
		expect(ids.participantId).toMatch(/^[0-9a-f]{24}$/);
		Object.assign(ids, await trainingSample(contexts.get('coordinator')!));
		expect(ids.completedEnrolmentId, 'a demo course with a certificate').toMatch(/^[0-9a-f]{24}$/);
		Object.assign(ids, await planSample(contexts.get('coordinator')!, contexts.get('mentor')!));
		const queue = await (await contexts.get('reviewer')!.get('/review')).text();
		ids.reviewPlanId =
			queue.match(/href="\/review\/([0-9a-f]{24})"/)?.[1] ?? '0123456789abcdef01234567';
		Object.assign(ids, await grantSample(contexts.get('coordinator')!, contexts.get('finance')!));
		Object.assign(
			ids,
			await mentoringSample(contexts.get('mentor')!, contexts.get('coordinator')!, ids.grantId)
		);
	});

	test.afterAll(async () => {
		for (const context of contexts.values()) await context.dispose();
	});

	for (const [route, entry] of Object.entries(MATRIX)) {
		for (const who of IDENTITIES) {
			test(`${route} as ${who}`, async () => {
				const context = contexts.get(who)!;
				const url = typeof entry.path === 'function' ? entry.path(ids) : entry.path;

				if (entry.get) {
					const response = await context.get(url, { maxRedirects: 0 });
					const status = response.status();
					expect(status, `GET ${url}`).toBeLessThan(500);
					expectSecurityHeaders(response.headers(), `GET ${url} as ${who}`);
					if (allows(entry.get, who)) {
						const ok = entry.mayBeMissing ? [200, 303, 404] : [200, 303];
						expect(ok, `GET ${url} allowed`).toContain(status);
						if (status === 303) expect(response.headers().location).not.toMatch(/^\/login/);
					} else if (who === 'anonymous') {
						expect(status, `GET ${url} signed out`).toBe(303);
						expect(response.headers().location).toBe(
							`/login?redirectTo=${encodeURIComponent(url)}`
						);
					} else {
						expect(status, `GET ${url} as ${who}`).toBe(403);
					}
				}

				for (const [action, access] of Object.entries(entry.actions ?? {})) {
					if (allows(access, who)) continue; // allowed actions are exercised by the journeys
					const target = action === 'default' ? url : `${url}?/${action}`;
					const response = await context.post(target, { form: {}, maxRedirects: 0 });
					if (who === 'anonymous') {
						expect(response.status(), `POST ${target} signed out`).toBe(303);
						expect(response.headers().location).toMatch(/^\/login\?redirectTo=/);
					} else {
						expect(response.status(), `POST ${target} as ${who}`).toBe(403);
					}
				}

				if (entry.post && !allows(entry.post, who)) {
					const response = await context.post(url, { form: {}, maxRedirects: 0 });
					if (who === 'anonymous') {
						expect(response.status(), `POST ${url} signed out`).toBe(303);
						expect(response.headers().location).toMatch(/^\/login\?redirectTo=/);
					} else {
						expect(response.status(), `POST ${url} as ${who}`).toBe(403);
					}
				}
			});
		}
	}
});

test('a committee member who does not chair it is refused the ranking, decisions and pack', async () => {
	const member = await request.newContext({ baseURL, extraHTTPHeaders: HTML });
	const signIn = await member.post('/login', {
		form: { phone: '80000007', password: DEMO_PASSWORD },
		maxRedirects: 0
	});
	expect(signIn.status()).toBe(303);
	const coordinator = await contextFor('coordinator');
	const ranking = await (await coordinator.get('/review/committee')).text();
	const planId = ranking.match(/href="\/review\/committee\/([0-9a-f]{24})"/)?.[1];
	expect(planId).toMatch(/^[0-9a-f]{24}$/);
	for (const url of [
		'/review/committee',
		`/review/committee/${planId}`,
		'/review/committee/pack',
		'/review/committee/pack.csv'
	]) {
		expect((await member.get(url, { maxRedirects: 0 })).status(), url).toBe(403);
	}
	const refused = await member.post(`/review/committee/${planId}?/decide`, {
		form: { outcome: 'award', amountMnt: '1', reason: 'x' },
		maxRedirects: 0
	});
	expect(refused.status()).toBe(403);
	await member.dispose();
	await coordinator.dispose();
});

test('a refused action changes nothing: a coordinator cannot disable an account', async () => {
	const coordinator = await contextFor('coordinator');
	const admin = await contextFor('admin');
	const list = await (await admin.get(`/staff/accounts?q=${DEMO_PHONES.applicant}`)).text();
	const id = list.match(/href="\/staff\/accounts\/([0-9a-f]{24})"/)?.[1];
	const refused = await coordinator.post(`/staff/accounts/${id}?/disable`, {
		form: {},
		maxRedirects: 0
	});
	expect(refused.status()).toBe(403);
	const detail = await (await admin.get(`/staff/accounts/${id}`)).text();
	expect(detail).toContain('Идэвхтэй');
	await coordinator.dispose();
	await admin.dispose();
});

test('the grantee reaches her own grant and receipts; nobody outside reaches them', async () => {
	const grantee = await request.newContext({ baseURL, extraHTTPHeaders: HTML });
	const signIn = await grantee.post('/login', {
		form: { phone: '80000010', password: DEMO_PASSWORD },
		maxRedirects: 0
	});
	expect(signIn.status()).toBe(303);
	const coordinator = await contextFor('coordinator');
	const finance = await contextFor('finance');
	const { grantId, receiptId } = await grantSample(coordinator, finance);
	expect((await grantee.get('/applicant/grant', { maxRedirects: 0 })).status()).toBe(200);
	expect((await grantee.get('/applicant/grant/agreement', { maxRedirects: 0 })).status()).toBe(200);
	const file = await grantee.get(`/receipts/${receiptId}`, { maxRedirects: 0 });
	expect(file.status()).toBe(200);
	expect(file.headers()['x-content-type-options']).toBe('nosniff');
	expect(file.headers()['cache-control']).toContain('no-store');
	// Her PDF receipt is downloaded, never rendered in the portal's origin.
	const detail = await (await coordinator.get(`/staff/grants/${grantId}`)).text();
	const types = [];
	for (const [, id] of detail.matchAll(/href="\/receipts\/([0-9a-f]{24})"/g)) {
		const headers = (await grantee.get(`/receipts/${id}`)).headers();
		types.push(headers['content-type']);
		const disposition = headers['content-disposition'] ?? '';
		expect(disposition).toMatch(/^attachment; filename\*=UTF-8''/);
	}
	expect(types).toContain('application/pdf');
	// Another applicant, and a reviewer, get nothing that confirms the receipt exists.
	const applicant = await contextFor('applicant');
	expect((await applicant.get(`/receipts/${receiptId}`, { maxRedirects: 0 })).status()).toBe(404);
	expect((await grantee.get(`/mentor/grants/${grantId}`, { maxRedirects: 0 })).status()).toBe(403);
	// A mentor outside the grant's soum gets a 404: P3 is in another soum than the demo mentor's.
	const list = await (await coordinator.get('/staff/grants')).text();
	const p3 = list
		.split('<tr')
		.find((r) => r.includes(GRANT_DEMO.P3))
		?.match(/href="\/staff\/grants\/([0-9a-f]{24})"/)?.[1];
	const mentor = await contextFor('mentor');
	expect((await mentor.get(`/mentor/grants/${p3}`, { maxRedirects: 0 })).status()).toBe(404);
	for (const context of [grantee, coordinator, finance, applicant, mentor]) await context.dispose();
});

test('her check-ins reach her, her own mentor and coordinators; no other mentor, no finance', async () => {
	const signedIn = async (phone: string) => {
		const context = await request.newContext({ baseURL, extraHTTPHeaders: HTML });
		const response = await context.post('/login', {
			form: { phone, password: DEMO_PASSWORD },
			maxRedirects: 0
		});
		expect(response.status(), `${phone} signs in`).toBe(303);
		return context;
	};
	const coordinator = await contextFor('coordinator');
	const finance = await contextFor('finance');
	const mentor = await contextFor('mentor');
	const grantee = await signedIn('80000010');
	const otherMentor = await signedIn('80000011'); // Manlai: not her soum
	const { grantId } = await grantSample(coordinator, finance);
	const { checkInId, concernId } = await mentoringSample(mentor, coordinator, grantId);
	const photo = `/check-ins/${checkInId}/photos/1`;
	for (const context of [grantee, mentor, coordinator]) {
		const response = await context.get(photo, { maxRedirects: 0 });
		expect(response.status()).toBe(200);
		expect(response.headers()['cache-control']).toContain('no-store');
		expect(response.headers()['x-content-type-options']).toBe('nosniff');
	}
	expect((await otherMentor.get(photo, { maxRedirects: 0 })).status()).toBe(404);
	expect((await finance.get(photo, { maxRedirects: 0 })).status()).toBe(403);
	for (const path of [`/mentor/grants/${grantId}`, `/mentor/grants/${grantId}/check-in`]) {
		expect((await otherMentor.get(path, { maxRedirects: 0 })).status(), path).toBe(404);
	}
	const refused = await otherMentor.post(`/mentor/grants/${grantId}/check-in?/save`, {
		form: {},
		maxRedirects: 0
	});
	expect(refused.status()).toBe(404);
	// The concern is the coordinators' alone, the woman herself included.
	for (const context of [grantee, mentor, otherMentor, finance]) {
		expect(
			(await context.get(`/staff/safeguarding/${concernId}`, { maxRedirects: 0 })).status()
		).toBe(403);
	}
	for (const context of [grantee, coordinator, finance, mentor, otherMentor])
		await context.dispose();
});
