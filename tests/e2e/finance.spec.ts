// The finance officer's desk (maker-checker): the queue with the cohort's money and a ledger
// that reconciles; approving a request moves it to awaiting payment, recording it paid shows
// the date and reference and adds its amount to "paid"; a rejection needs a reason (refused
// with 400 without one, also without JavaScript); two officers approving at once make one
// approval; the coordinator who makes requests may not open or decide them here.
// Only Q1–Q4, A1 and A2 of the demo are touched (tests/e2e/grantDemo.ts).
import type { Browser, Locator, Page } from '@playwright/test';
import { DEMO_PHONES, expect, signInAs, test } from './fixtures';
import { GRANT_DEMO } from './grantDemo';

test.describe.configure({ mode: 'serial' });

const { Q1, Q2, Q3, Q4, A1, A2 } = GRANT_DEMO;

const awaitingApproval = (page: Page) => page.getByRole('region', { name: /^Батлах хүсэлтүүд/ });
const awaitingPayment = (page: Page) =>
	page.getByRole('region', { name: /^Зөвшөөрсөн, төлбөр хүлээгдэж буй/ });
const decided = (page: Page) => page.getByRole('region', { name: 'Сүүлд шийдвэрлэсэн' });
const rowOf = (table: Locator, code: string) =>
	table.getByRole('row').filter({ has: table.page().getByRole('link', { name: code }) });

/** Whole tögrög from a shown amount such as "₮ 3,687,000". */
const tugrik = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** The cohort's money on the queue, one <dl> term at a time. */
async function money(page: Page, term: string) {
	const summary = page.getByRole('region', { name: 'Бүлгийн мөнгө' });
	const dd = summary.locator('dt', { hasText: new RegExp(`^${term}$`) }).locator('+ dd');
	return tugrik(await dd.textContent());
}

/** Today in Ulaanbaatar as the Mongolian pages write it (2026.05.04). */
const todayShown = () =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ulaanbaatar' })
		.format(new Date())
		.replaceAll('-', '.');

/** Opens a request from the queue by its participant's code. */
async function openRequest(page: Page, code: string, where = awaitingApproval) {
	await page.goto('/finance');
	await rowOf(where(page), code).getByRole('link', { name: code }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Төлбөрийн хүсэлт · ${code}`);
}

const history = (page: Page) => page.getByRole('table', { name: 'Түүх' });
const historyRows = (page: Page, step: string) =>
	history(page)
		.locator('tbody tr')
		.filter({ has: page.getByRole('cell', { name: step, exact: true }) });

/** At a phone's width the page itself does not scroll sideways (tables scroll in their box). */
async function fitsAPhone(page: Page) {
	await page.setViewportSize({ width: 375, height: 800 });
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
}

async function financeIn(browser: Browser, options: { javaScriptEnabled?: boolean } = {}) {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await signInAs(page, DEMO_PHONES.finance);
	await expect(page).toHaveURL(/\/finance$/);
	return page;
}

test('the queue shows the money, a ledger that reconciles and the requests awaiting approval', async ({
	financePage: page
}) => {
	await page.goto('/finance');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Төлбөрийн хүсэлтүүд');
	expect(await money(page, 'Төсөв')).toBeGreaterThan(0);
	expect(await money(page, 'Шийдвэрээр баталсан')).toBeGreaterThan(0);
	// The batch of four is paid; A1, A2 and the Q requests are open.
	expect(await money(page, 'Төлсөн')).toBeGreaterThan(0);
	expect(await money(page, 'Хүсэлт, төлөгдөөгүй')).toBeGreaterThan(0);
	await expect(page.getByText(/^Төлбөрийн дэвтэр тэнцэж байна \(\d+ бичилт\)\.$/)).toBeVisible();

	for (const code of [Q1, Q2, Q3, Q4]) {
		const row = rowOf(awaitingApproval(page), code);
		await expect(row).toHaveCount(1);
		await expect(row).toContainText('1/2-р хэсэг');
		await expect(row).toContainText('Банкны шилжүүлэг');
	}
	for (const code of [A1, A2]) await expect(rowOf(awaitingPayment(page), code)).toHaveCount(1);
	await expect(rowOf(awaitingApproval(page), A1)).toHaveCount(0);

	await fitsAPhone(page);
});

test('approving a request moves it to awaiting payment; recording it paid shows the date and reference, once', async ({
	financePage: page
}) => {
	await page.goto('/finance');
	const paidBefore = await money(page, 'Төлсөн');

	await openRequest(page, Q1);
	const amount = tugrik(
		await page.locator('dt', { hasText: 'Төлөх дүн' }).locator('+ dd').textContent()
	);
	expect(amount).toBeGreaterThan(0);
	await expect(page.getByText('Хаан банк')).toBeVisible();
	await fitsAPhone(page);
	await page.getByRole('button', { name: 'Зөвшөөрөх' }).click();
	await expect(page).toHaveURL(/\?done=approved$/);
	await expect(page.getByText('Хүсэлтийг зөвшөөрлөө.')).toBeVisible();
	await expect(page.getByText(/^Зөвшөөрсөн: .+\. Төлбөр хүлээгдэж байна\.$/)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Зөвшөөрөх' })).toHaveCount(0);

	await page.goto('/finance');
	await expect(rowOf(awaitingApproval(page), Q1)).toHaveCount(0);
	await expect(rowOf(awaitingPayment(page), Q1)).toHaveCount(1);

	await openRequest(page, Q1, awaitingPayment);
	const paidOn = page.getByLabel('Төлсөн өдөр');
	await expect(paidOn).toHaveAttribute('max', /^\d{4}-\d{2}-\d{2}$/);
	await page.getByLabel('Банкны гүйлгээний эсвэл кассын дэвтрийн дугаар').fill('ХААН-0504-7781');
	await page.getByRole('button', { name: 'Төлсөн гэж бүртгэх' }).click();
	await expect(page).toHaveURL(/\?done=paid$/);
	await expect(page.getByText('Төлбөрийг бүртгэлээ.')).toBeVisible();
	await expect(
		page.getByText(`Төлсөн: ${todayShown()}, гүйлгээний дугаар ХААН-0504-7781.`, { exact: false })
	).toBeVisible();
	await expect(page.getByRole('button', { name: 'Төлсөн гэж бүртгэх' })).toHaveCount(0);
	// A refresh does not post again: exactly one approval and one payment in its history.
	await page.reload();
	await expect(historyRows(page, 'Зөвшөөрсөн')).toHaveCount(1);
	await expect(historyRows(page, 'Төлсөн')).toHaveCount(1);
	await expect(historyRows(page, 'Төлсөн')).toContainText('ХААН-0504-7781');

	await page.goto('/finance');
	await expect(rowOf(awaitingPayment(page), Q1)).toHaveCount(0);
	await expect(rowOf(decided(page), Q1)).toContainText('Төлсөн');
	// Other journeys may pay their own grants meanwhile, so at least its amount was added.
	expect(await money(page, 'Төлсөн')).toBeGreaterThanOrEqual(paidBefore + amount);
	await expect(page.getByText(/^Төлбөрийн дэвтэр тэнцэж байна/)).toBeVisible();
});

test('a rejection needs a reason: without one 400 and nothing changes (also without JavaScript)', async ({
	browser
}) => {
	const page = await financeIn(browser, { javaScriptEnabled: false });
	await openRequest(page, Q2);
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Татгалзах' }).click()
	]);
	expect(response.status()).toBe(400);
	await expect(page.getByText('Маягтын алдааг засна уу.')).toBeVisible();
	await expect(page.getByText('Энэ талбарыг бөглөнө үү.')).toBeVisible();
	await openRequest(page, Q2);
	await expect(page.getByText('Хүсэлт гаргасан, шийдвэр хүлээж байна.')).toBeVisible();
	await expect(history(page).locator('tbody tr')).toHaveCount(1);
	await page.context().close();
});

test('rejecting with a reason shows the reason, on the request and in the queue', async ({
	financePage: page
}) => {
	const reason = 'Дансны дугаар гэрээнд заасантай таарахгүй байна.';
	await openRequest(page, Q2);
	await page.getByLabel('Татгалзах шалтгаан').fill(reason);
	await page.getByRole('button', { name: 'Татгалзах' }).click();
	await expect(page).toHaveURL(/\?done=rejected$/);
	await expect(page.getByText('Хүсэлтийг татгалзлаа.')).toBeVisible();
	await expect(page.getByText(`Шалтгаан: ${reason}`).first()).toBeVisible();
	await expect(historyRows(page, 'Татгалзсан')).toContainText(reason);
	await expect(page.getByRole('button', { name: 'Зөвшөөрөх' })).toHaveCount(0);

	await page.goto('/finance');
	await expect(rowOf(awaitingApproval(page), Q2)).toHaveCount(0);
	const row = rowOf(decided(page), Q2);
	await expect(row).toContainText('Татгалзсан');
	await expect(row).toContainText(reason);
});

test('an approved request is paid directly from awaiting payment', async ({
	financePage: page
}) => {
	await openRequest(page, A1, awaitingPayment);
	await expect(page.getByText(/^Зөвшөөрсөн: .+\. Төлбөр хүлээгдэж байна\.$/)).toBeVisible();
	await page.getByLabel('Банкны гүйлгээний эсвэл кассын дэвтрийн дугаар').fill('КАСС-2026-014');
	await page.getByRole('button', { name: 'Төлсөн гэж бүртгэх' }).click();
	await expect(page.getByText('Төлбөрийг бүртгэлээ.')).toBeVisible();
	await expect(historyRows(page, 'Төлсөн')).toHaveCount(1);
	await expect(historyRows(page, 'Төлсөн')).toContainText('КАСС-2026-014');

	await page.goto('/finance');
	await expect(rowOf(awaitingPayment(page), A1)).toHaveCount(0);
	await expect(rowOf(awaitingPayment(page), A2)).toHaveCount(1);
	await expect(rowOf(decided(page), A1)).toContainText('Төлсөн');
});

test('two finance officers approve the same request at once: one approval, the other told so', async ({
	browser
}) => {
	const [one, two] = await Promise.all([financeIn(browser), financeIn(browser)]);
	await Promise.all([openRequest(one, Q3), openRequest(two, Q3)]);
	await Promise.all([
		one.getByRole('button', { name: 'Зөвшөөрөх' }).click(),
		two.getByRole('button', { name: 'Зөвшөөрөх' }).click()
	]);
	for (const page of [one, two]) await page.waitForURL(/\?(done|repeated)=approved$/);
	const outcomes = [one.url(), two.url()].map((url) => new URL(url).search).sort();
	expect(outcomes).toEqual(['?done=approved', '?repeated=approved']);
	const quiet = one.url().includes('repeated') ? one : two;
	await expect(quiet.getByText(/^Энэ хүсэлтийг .+ аль хэдийн зөвшөөрсөн байна\.$/)).toBeVisible();
	await quiet.reload();
	await expect(historyRows(quiet, 'Зөвшөөрсөн')).toHaveCount(1);
	await expect(history(quiet).locator('tbody tr')).toHaveCount(2);
	await Promise.all([one.context().close(), two.context().close()]);
});

test('the coordinator who makes the requests may not open or decide them here', async ({
	financePage,
	coordinatorPage
}) => {
	await openRequest(financePage, Q4);
	const path = new URL(financePage.url()).pathname;

	const opened = await coordinatorPage.goto(path);
	expect(opened?.status()).toBe(403);
	expect((await coordinatorPage.goto('/finance'))?.status()).toBe(403);
	const posted = await coordinatorPage.request.post(`${path}?/approve`, {
		headers: { origin: new URL(financePage.url()).origin, accept: 'text/html' },
		form: {},
		maxRedirects: 0
	});
	expect(posted.status()).toBe(403);

	await financePage.reload();
	await expect(financePage.getByText('Хүсэлт гаргасан, шийдвэр хүлээж байна.')).toBeVisible();
	await expect(history(financePage).locator('tbody tr')).toHaveCount(1);
});
