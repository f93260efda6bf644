// Plan review journeys: a coordinator cannot return a plan the committee is reviewing (an empty
// reason is refused with a clear message first), the mentor comments on a section of her soum's plan, and
// the coordinators' list reads on a 375 px phone. Uses the demo's submitted Khanbogd plans.
import type { Page } from '@playwright/test';
import { DEMO_PHONES, expect, signInAs, test } from './fixtures';
import { stamp } from './steps';

/** The demo applicant's own plan is left alone: her journeys use it. */
const DEMO_APPLICANT = 'Болормаа Очир';

/** Opens a submitted Khanbogd plan from the list; returns her participant code. */
async function openSubmittedKhanbogdPlan(page: Page): Promise<string> {
	await page.goto('/staff/plans');
	// Hydration sets each select to the page's filter: choices made before it are undone.
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Төлөв', { exact: true }).selectOption({ label: 'Илгээсэн' });
	await page.getByLabel('Сум', { exact: true }).selectOption({ label: 'Ханбогд' });
	await page.getByRole('button', { name: 'Шүүх' }).click();
	await expect(page).toHaveURL(/state=submitted/);
	const row = page
		.getByRole('row')
		.filter({ has: page.getByRole('link') })
		.filter({ hasNotText: DEMO_APPLICANT })
		.first();
	await expect(row).toContainText('Илгээсэн');
	const link = row.getByRole('link');
	const code = ((await link.textContent()) ?? '').trim();
	await link.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(code);
	return code;
}

test('a plan the committee is reviewing cannot be returned; an empty reason is refused first', async ({
	coordinatorPage: page
}) => {
	// Returning a plan for revision is covered end to end in plan.spec.ts, on a plan of her own.
	const code = await openSubmittedKhanbogdPlan(page);

	// An empty reason is refused beside the field, and nothing changes.
	await page.getByRole('button', { name: 'Засварт буцаах' }).click();
	await expect(page.locator('#reason-error')).toHaveText(
		'Буцаах шалтгааныг дор хаяж 5 тэмдэгтээр бичнэ үү.'
	);
	await expect(page.getByLabel('Юуг засах вэ (шалтгаан)')).toHaveAttribute('aria-invalid', 'true');

	// Every demo plan is with the committee: its reviewers' scores belong to this version.
	await page.getByLabel('Юуг засах вэ (шалтгаан)').fill(`Зах зээлийн хэмжээ (${stamp()}).`);
	await page.getByRole('button', { name: 'Засварт буцаах' }).click();
	await expect(
		page.getByText('Хороо энэ төлөвлөгөөг үнэлж эхэлсэн тул буцаах боломжгүй.')
	).toBeVisible();
	await page.goto('/staff/plans?state=submitted&soum=khanbogd');
	await expect(page.getByRole('row').filter({ hasText: code })).toHaveCount(1);
});

test('without JavaScript, an empty reason is refused beside the field', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signInAs(page, DEMO_PHONES.coordinator);
	await openSubmittedKhanbogdPlan(page);
	await page.getByLabel('Юуг засах вэ (шалтгаан)').fill('   ');
	await page.getByRole('button', { name: 'Засварт буцаах' }).click();
	await expect(page.locator('#reason-error')).toHaveText(
		'Буцаах шалтгааныг дор хаяж 5 тэмдэгтээр бичнэ үү.'
	);
	await expect(page.getByRole('button', { name: 'Засварт буцаах' })).toBeVisible();
	await context.close();
});

test('the mentor comments on a section of her soum participant’s plan', async ({
	mentorPage: page
}) => {
	await page.goto('/mentor');
	const participant = page.getByRole('row').filter({ hasNotText: DEMO_APPLICANT });
	await participant
		.getByRole('link', { name: /^Төлөвлөгөө үзэх/ })
		.first()
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Бизнес төлөвлөгөө');
	const form = page.locator('form').filter({ has: page.locator('#comment-market') });

	await form.getByRole('button', { name: 'Сэтгэгдэл нэмэх' }).click();
	await expect(page.locator('#comment-market-error')).toHaveText('Сэтгэгдлээ бичнэ үү.');

	const text = `Уурхайн ажилчдын тоог нэмж бичээрэй (${stamp()}).`;
	await page.locator('#comment-market').fill(text);
	await form.getByRole('button', { name: 'Сэтгэгдэл нэмэх' }).click();
	await expect(form.getByRole('status')).toHaveText('Сэтгэгдэл нэмэгдлээ.');
	const market = page.getByRole('region', { name: /Худалдан авагч, зах зээл/ });
	await expect(market.getByText(text)).toBeVisible();
	await expect(page.locator('#comment-market')).toHaveValue('');
});

test('the plans list fits a 375 px phone', async ({ coordinatorPage: page }) => {
	await page.setViewportSize({ width: 375, height: 740 });
	await page.goto('/staff/plans?soum=khanbogd');
	await expect(page.getByRole('link', { name: /^Илгээсэн: \d+$/ })).toBeVisible();
	await expect(page.getByText(/хоног үлдлээ/)).toBeVisible();
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
});
