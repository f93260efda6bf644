// One signed-in page per demo role, plus helpers. Sign-in goes through the real /login form.
import { test as base, expect, type Page } from '@playwright/test';

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

export const HOME: Record<DemoRole, string> = {
	admin: '/admin',
	coordinator: '/staff',
	finance: '/finance',
	reviewer: '/review',
	mentor: '/mentor',
	applicant: '/applicant'
};

/** Signs in through the form, the way she does, in the current language. */
export async function signInAs(page: Page, phone: string, password = DEMO_PASSWORD) {
	await page.goto('/login');
	await page.locator('#phone').fill(phone);
	await page.locator('#password').fill(password);
	await page.locator('form[method="POST"] button[type="submit"]').click();
}

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
				await signInAs(page, DEMO_PHONES[role]);
				await expect(page).toHaveURL(new RegExp(`${HOME[role]}$`));
				await use(page);
				await context.close();
			}
		])
	) as never
);

export { expect };
