// One signed-in page per demo role, plus helpers. Sign-in posts to the real /login action.
import { test as base, expect, type Page } from '@playwright/test';
import { baseURL } from '../../playwright.config';

export const DEMO_PASSWORD = 'demo-pass-2026';
export const DEMO_PHONES = {
	admin: '80000001',
	coordinator: '80000002',
	finance: '80000003',
	reviewer: '80000004',
	mentor: '80000005',
	applicant: '80000006'
} as const;
export type DemoRole = keyof typeof DEMO_PHONES;

/** The demo's soum mentors (demoSeed.ts), one per soum of the demo cohort, and the grantee P1. */
export const DEMO_MENTORS = {
	khanbogd: '80000005',
	manlai: '80000011',
	bayanOvoo: '80000012',
	dalanzadgad: '80000013'
} as const;
export const DEMO_GRANTEE_PHONE = '80000010';

export const HOME: Record<DemoRole, string> = {
	admin: '/admin',
	coordinator: '/staff',
	finance: '/finance',
	reviewer: '/review',
	mentor: '/mentor',
	applicant: '/applicant'
};

/** Signs in through the form, the way she does, in the current language. */
export async function signInThroughForm(page: Page, phone: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.locator('#phone').fill(phone);
	await page.locator('#password').fill(password);
	await page.locator('form[method="POST"] button[type="submit"]').click();
}

/**
 * Signs in by posting the form's fields (the same action, without drawing the form first: the
 * form itself is tested in journeys.spec.ts): the session cookie is the page's. Returns where
 * the portal sends her (her landing page).
 */
async function postSignIn(page: Page, phone: string, password: string): Promise<string> {
	const response = await page.context().request.post('/login', {
		form: { phone, password },
		// As a browser's form post: HTML accepted (Kit answers `*/*` with JSON), same origin.
		headers: { accept: 'text/html', origin: new URL(baseURL).origin },
		maxRedirects: 0
	});
	expect(response.status(), `${phone} signs in`).toBe(303);
	return response.headers().location ?? '/';
}

/** Signs in (postSignIn), then opens her landing page. */
export async function signInAs(page: Page, phone: string, password = DEMO_PASSWORD) {
	await page.goto(await postSignIn(page, phone, password));
}

/** Staff create an account on /staff/accounts (labels in Mongolian); returns the set-up code. */
export async function createAccountViaUi(
	staff: Page,
	account: { name: string; phone: string; roles: string[]; soums?: string[] }
): Promise<string> {
	await staff.goto('/staff/accounts');
	await staff.getByLabel('Овог нэр').fill(account.name);
	await staff.getByLabel('Утасны дугаар').fill(account.phone);
	for (const role of account.roles) await staff.getByRole('checkbox', { name: role }).check();
	for (const soum of account.soums ?? []) await staff.getByRole('checkbox', { name: soum }).check();
	await staff.getByRole('button', { name: 'Бүртгэл үүсгэх' }).click();
	const code = ((await staff.locator('.code').textContent()) ?? '').replace(/\s/g, '');
	expect(code).toMatch(/^\d{8}$/);
	return code;
}

/**
 * She sets her password on /setup with the code (the form in Mongolian), and is taken on, set
 * up and signed in (a context closed before that would lose the post).
 */
export async function setUpViaUi(page: Page, phone: string, code: string, password: string) {
	await page.goto('/setup');
	await page.getByLabel('Утасны дугаар').fill(phone);
	await page.getByLabel('Нэг удаагийн код').fill(code);
	await page.getByLabel('Шинэ нууц үг', { exact: true }).fill(password);
	await page.getByLabel('Шинэ нууц үгээ давтах').fill(password);
	await page.getByRole('button', { name: 'Нууц үг хадгалах' }).click();
	await expect(page).not.toHaveURL(/\/setup(\?|$)/, { timeout: 15_000 });
}

/**
 * `coordinatorPage` and the like: a page of its own browser context, signed in as the demo
 * account of that role. Each test opens the page it is about: landing pages drawn first by
 * every test cost CPU that the suite, on two cores, felt. The page waits on the light account
 * page instead, which leaves the app's shared scripts in the context's cache, so that the
 * test's first page hydrates as quickly as before (on a cold cache, clicks and choices raced
 * hydration in CI). The mentor's waits on her landing page: it installs the service worker,
 * as on her phone, before the offline tests go offline.
 */
type RoleFixtures = { [K in `${DemoRole}Page`]: Page };

export const test = base.extend<RoleFixtures>(
	Object.fromEntries(
		(Object.keys(DEMO_PHONES) as DemoRole[]).map((role) => [
			`${role}Page`,
			async (
				{ browser }: { browser: import('@playwright/test').Browser },
				use: (page: Page) => Promise<void>
			) => {
				const context = await browser.newContext();
				const page = await context.newPage();
				expect(await postSignIn(page, DEMO_PHONES[role], DEMO_PASSWORD)).toBe(HOME[role]);
				await page.goto(role === 'mentor' ? HOME.mentor : '/account');
				await use(page);
				await context.close();
			}
		])
	) as never
);

export { expect };
