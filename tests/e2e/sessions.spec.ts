// Sessions over HTTP, as a browser holds them: a fresh token at every sign-in (a planted or
// earlier one never carries over), the cookie's flags, sign-out everywhere, and a disabled
// account losing every session at once. Expiry and sliding renewal are in
// tests/integration/sessions.test.ts (they need the clock moved in the database).
import { randomBytes } from 'node:crypto';
import { request, type APIRequestContext } from '@playwright/test';
import { baseURL } from '../../playwright.config';
import { DEMO_PASSWORD, DEMO_PHONES, expect, test } from './fixtures';

const HTML = { accept: 'text/html', origin: baseURL };
const PASSWORD = 'session-test-pass-2026';

/** The session token a response set, with its attributes. */
function sessionCookieOf(setCookie: string | undefined) {
	const line = (setCookie ?? '').split('\n').find((l) => l.startsWith('session=')) ?? '';
	const [pair, ...attributes] = line.split(';').map((part) => part.trim());
	return { token: pair?.slice('session='.length) ?? '', attributes };
}

async function signIn(context: APIRequestContext, phone: string, password = DEMO_PASSWORD) {
	const response = await context.post('/login', { form: { phone, password }, maxRedirects: 0 });
	expect(response.status(), `${phone} signs in`).toBe(303);
	return sessionCookieOf(response.headers()['set-cookie']);
}

async function signedIn(context: APIRequestContext): Promise<boolean> {
	const response = await context.get('/account', { maxRedirects: 0 });
	return response.status() === 200;
}

/** A context holding exactly this session token. */
function holding(token: string) {
	const host = new URL(baseURL).hostname;
	return request.newContext({
		baseURL,
		extraHTTPHeaders: HTML,
		storageState: {
			cookies: [
				{
					name: 'session',
					value: token,
					domain: host,
					path: '/',
					expires: -1,
					httpOnly: true,
					secure: false,
					sameSite: 'Lax'
				}
			],
			origins: []
		}
	});
}

/** A reviewer account of this test's own (sign-out everywhere would end a demo account's). */
async function ownAccount(): Promise<string> {
	const phone = `9${String(Date.now()).slice(-7)}`;
	const admin = await request.newContext({ baseURL, extraHTTPHeaders: HTML });
	await signIn(admin, DEMO_PHONES.admin);
	const created = await admin.post('/staff/accounts?/create', {
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		data: new URLSearchParams({ name: 'Session Test', phone, roles: 'reviewer' }).toString()
	});
	const code = ((await created.text()).match(/class="code"[^>]*>([\d ]+)</)?.[1] ?? '').replace(
		/ /g,
		''
	);
	expect(code, 'a set-up code').toMatch(/^\d{8}$/);
	const anonymous = await request.newContext({ baseURL, extraHTTPHeaders: HTML });
	const setUp = await anonymous.post('/setup', {
		form: { phone, code, password: PASSWORD, confirm: PASSWORD },
		maxRedirects: 0
	});
	expect(setUp.status()).toBe(303);
	await Promise.all([admin.dispose(), anonymous.dispose()]);
	return phone;
}

test('every sign-in sets a new token with safe flags; a planted token is never adopted', async () => {
	const planted = randomBytes(20).toString('hex');
	const context = await holding(planted);
	expect(await signedIn(context)).toBe(false);
	const { token, attributes } = await signIn(context, DEMO_PHONES.finance);
	expect(token).toMatch(/^[a-z0-9]{32}$/);
	expect(token).not.toBe(planted);
	const flags = attributes.map((a) => a.toLowerCase());
	expect(flags).toContain('httponly');
	expect(flags).toContain('samesite=lax');
	expect(flags).toContain('path=/');
	// Over http here; Secure is set over https (the cookie options are in session.ts).
	expect(flags).not.toContain('secure');
	const expires = Date.parse(attributes.find((a) => /^expires=/i.test(a))!.slice(8));
	expect(expires - Date.now()).toBeGreaterThan(29 * 24 * 3600_000);
	expect(expires - Date.now()).toBeLessThanOrEqual(30 * 24 * 3600_000 + 60_000);
	expect(await signedIn(context)).toBe(true);
	// The planted token is still nobody's session.
	const attacker = await holding(planted);
	expect(await signedIn(attacker)).toBe(false);
	await Promise.all([context.dispose(), attacker.dispose()]);
});

test('signing in again on the same browser ends the session it held', async () => {
	const context = await request.newContext({ baseURL, extraHTTPHeaders: HTML });
	const first = await signIn(context, DEMO_PHONES.finance);
	const second = await signIn(context, DEMO_PHONES.finance);
	expect(second.token).not.toBe(first.token);
	const old = await holding(first.token);
	expect(await signedIn(old)).toBe(false);
	expect(await signedIn(context)).toBe(true);
	await Promise.all([context.dispose(), old.dispose()]);
});

test('sign-out everywhere ends her sessions on every device, and only hers', async () => {
	const phone = await ownAccount();
	const phone1 = await request.newContext({ baseURL, extraHTTPHeaders: HTML });
	const phone2 = await request.newContext({ baseURL, extraHTTPHeaders: HTML });
	const someoneElse = await request.newContext({ baseURL, extraHTTPHeaders: HTML });
	await signIn(phone1, phone, PASSWORD);
	await signIn(phone2, phone, PASSWORD);
	await signIn(someoneElse, DEMO_PHONES.finance);
	const out = await phone1.post('/account?/signOutEverywhere', { form: {}, maxRedirects: 0 });
	expect(out.status()).toBe(303);
	expect(out.headers().location).toBe('/login');
	expect(sessionCookieOf(out.headers()['set-cookie']).token).toBe('');
	expect(await signedIn(phone1)).toBe(false);
	expect(await signedIn(phone2)).toBe(false);
	expect(await signedIn(someoneElse)).toBe(true);
	await Promise.all([phone1.dispose(), phone2.dispose(), someoneElse.dispose()]);
});

test('a disabled account loses every session at its next request', async () => {
	const phone = await ownAccount();
	const device = await request.newContext({ baseURL, extraHTTPHeaders: HTML });
	await signIn(device, phone, PASSWORD);
	expect(await signedIn(device)).toBe(true);
	const admin = await request.newContext({ baseURL, extraHTTPHeaders: HTML });
	await signIn(admin, DEMO_PHONES.admin);
	const found = await (await admin.get(`/staff/accounts?q=${phone}`)).text();
	const id = found.match(/href="\/staff\/accounts\/([0-9a-f]{24})"/)?.[1] ?? '';
	expect(id).toMatch(/^[0-9a-f]{24}$/);
	const disabled = await admin.post(`/staff/accounts/${id}?/disable`, { form: {} });
	expect(disabled.status()).toBe(200);
	const refused = await device.get('/review', { maxRedirects: 0 });
	expect(refused.status()).toBe(303);
	expect(refused.headers().location).toMatch(/^\/login/);
	// And she cannot sign in again while disabled.
	const again = await device.post('/login', {
		form: { phone, password: PASSWORD },
		maxRedirects: 0
	});
	expect(again.status()).toBe(403);
	await Promise.all([device.dispose(), admin.dispose()]);
});
