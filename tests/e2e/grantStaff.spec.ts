// The coordinators' grant pages: the cohort's 20 grants by state, one grant with its tranches,
// receipts and planned vs spent, a payment request (D's tranche 1, the only grant this spec
// changes) that a double click makes once, a refused request that keeps what was typed, the
// printable agreement in both languages, and the list on a 375 px phone.
import type { Page } from '@playwright/test';
import { DEMO_PHONES, expect, signInAs, test } from './fixtures';
import { GRANT_DEMO } from './grantDemo';

/** The demo grantee: P1 herself. */
const GRANTEE = '80000010';
const STATES = [
	'Гэрээ хүлээгдэж буй',
	'Төлбөр хүсэх боломжтой',
	'Төлбөр шийдвэрлэгдэж буй',
	'Зөвлөгчийн баталгаажуулалт хүлээгдэж буй',
	'Бүрэн олгосон',
	'Цуцалсан'
];
const grantRows = (page: Page) => page.getByTestId('grants').locator('tbody tr');
/** The count a state's link shows, e.g. "Төлбөр хүсэх боломжтой: 3". */
async function stateCount(page: Page, state: string) {
	const link = page.getByRole('link', { name: new RegExp(`^${state}: \\d+$`) });
	return Number((await link.innerText()).split(': ')[1]);
}

/** Opens a grant's page from the list, found by the participant's code. */
async function openGrant(page: Page, code: string) {
	await page.goto('/staff/grants');
	await page.getByRole('link', { name: code, exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Олголтын хуваарь' })).toBeVisible();
}

async function fillBankRequest(page: Page, accountNumber: string) {
	await page.getByRole('radio', { name: 'Банкны шилжүүлэг' }).check();
	await page.getByLabel('Банкны нэр').fill('Хаан банк');
	await page.getByLabel('Данс эзэмшигчийн нэр').fill('Б. Энхжаргал');
	await page.getByLabel('Дансны дугаар').fill(accountNumber);
	await page.getByLabel('Гүйлгээний утга').fill(`${GRANT_DEMO.D} эхний хэсэг`);
}

test('the list shows the demo’s 20 grants (or more), their counts by state and the money', async ({
	coordinatorPage: page
}) => {
	await page.goto('/staff');
	await page.getByRole('link', { name: 'Буцалтгүй тусламж', exact: true }).click();
	await expect(page).toHaveURL(/\/staff\/grants$/);
	const all = page.getByRole('link', { name: /^Бүгд: \d+$/ });
	await expect(all).toBeVisible();
	const total = Number((await all.textContent())?.match(/\d+/)?.[0]);
	// The demo's 20, plus the award the committee's journey may make beside this spec (unsigned).
	expect(total).toBeGreaterThanOrEqual(20);
	await expect(grantRows(page)).toHaveCount(total);
	let sum = 0;
	for (const state of STATES) sum += await stateCount(page, state);
	expect(sum).toBe(total);
	expect(await stateCount(page, 'Гэрээ хүлээгдэж буй')).toBe(total - 20);
	const money = page.getByRole('region', { name: 'Мөнгөн дүнгийн тойм' });
	await expect(money.getByText('Төсвийн үлдэгдэл')).toBeVisible();
	const p1 = grantRows(page).filter({ hasText: GRANT_DEMO.P1 });
	await expect(p1).toContainText('Ханбогд');
	await expect(p1).toContainText('2-р хэсэг');
});

test('the list filters by state, also without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signInAs(page, DEMO_PHONES.coordinator);
	await page.goto('/staff/grants');
	const state = 'Зөвлөгчийн баталгаажуулалт хүлээгдэж буй';
	await page.getByLabel('Төлөв', { exact: true }).selectOption({ label: state });
	await page.getByRole('button', { name: 'Шүүх' }).click();
	await expect(page).toHaveURL(/\?state=awaitingVerification$/);
	const count = await stateCount(page, state);
	expect(count).toBeGreaterThan(0);
	await expect(grantRows(page)).toHaveCount(count);
	for (const row of await grantRows(page).all()) await expect(row).toContainText(state);
	await expect(grantRows(page).filter({ hasText: GRANT_DEMO.P3 })).toHaveCount(1);
	await expect(grantRows(page).filter({ hasText: GRANT_DEMO.P1 })).toHaveCount(0);
	await context.close();
});

test('default tranche rules that do not add up to 100% are refused, as typed', async ({
	coordinatorPage: page
}) => {
	await page.goto('/staff/grants');
	await expect(page.locator('#rules-percent-1')).toHaveValue('70');
	await expect(page.locator('#rules-percent-2')).toHaveValue('30');
	await page.locator('#rules-percent-2').fill('20');
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Анхдагч хуваарийг хадгалах' }).click()
	]);
	expect(response.status()).toBe(400);
	await expect(page.getByText('Хэсгүүдийн нийлбэр тусламжийн дүн (эсвэл 100%)-тэй')).toBeVisible();
	await expect(page.locator('#rules-percent-2')).toHaveValue('20');
	await page.goto('/staff/grants');
	await expect(page.locator('#rules-percent-2')).toHaveValue('30');
});

test('P1: tranche 1 paid, the verification, the receipts and planned vs spent', async ({
	coordinatorPage: page
}) => {
	await openGrant(page, GRANT_DEMO.P1);
	const tranches = page.getByRole('region', { name: 'Олголтын хуваарь' });
	await expect(tranches.getByRole('row', { name: /^1\/2-р хэсэг/ })).toContainText('Төлсөн');
	await expect(tranches.getByRole('row', { name: /^2\/2-р хэсэг/ })).toContainText('Төлбөр хүсэх');
	const verification = page.getByRole('region', { name: /баталгаажуулсан эсэх/ });
	await expect(verification.getByText('Очсон өдөр')).toBeVisible();
	const history = page.getByTestId('payment-history');
	await expect(history.getByRole('row', { name: /^Төлсөн/ })).toHaveCount(1);
	expect(await page.getByTestId('receipts').locator('li').count()).toBeGreaterThanOrEqual(2);
	const use = page.getByTestId('use-of-funds');
	await expect(use.getByRole('columnheader', { name: 'Төлөвлөсөн' })).toBeVisible();
	await expect(use.locator('tfoot')).toContainText('Нийт');
	const spent = (await use.locator('tfoot td').nth(1).innerText()).replace(/\D/g, '');
	expect(Number(spent)).toBeGreaterThan(0);
});

test('the agreement prints in Mongolian, then English, with the amount', async ({
	coordinatorPage: page
}) => {
	await openGrant(page, GRANT_DEMO.P1);
	const amount = await page
		.locator('dt', { hasText: 'Буцалтгүй тусламж' })
		.locator('+ dd')
		.innerText();
	await page.getByRole('link', { name: 'Гэрээг хэвлэх' }).click();
	await expect(
		page.getByRole('heading', { level: 1, name: 'Буцалтгүй тусламжийн гэрээ / Grant agreement' })
	).toBeVisible();
	const mn = page.getByRole('region', { name: 'Буцалтгүй тусламжийн гэрээ', exact: true });
	const en = page.getByRole('region', { name: 'Grant agreement', exact: true });
	await expect(mn).toContainText(`${amount} буцалтгүй тусламж олгоно`);
	await expect(mn).toContainText('12 сарын турш');
	await expect(en).toContainText(`a grant of ${amount}`);
	await expect(en).toContainText('for 12 months after signing');
	const sections = await page
		.locator('section[lang]')
		.evaluateAll((s) => s.map((e) => e.getAttribute('lang')));
	expect(sections).toEqual(['mn', 'en']);
	await expect(page.getByRole('region', { name: /Гарын үсэг \/ Signatures/ })).toContainText(
		/\d{4}\.\d{2}\.\d{2}/
	);
});

test('her own agreement: the same document for the grantee, none without a grant', async ({
	page,
	applicantPage
}) => {
	await signInAs(page, GRANTEE);
	await expect(page).toHaveURL(/\/applicant$/);
	await page.goto('/applicant/grant/agreement');
	await expect(page.getByRole('region', { name: 'Grant agreement', exact: true })).toContainText(
		GRANT_DEMO.P1
	);
	await expect(
		page.getByRole('region', { name: 'Буцалтгүй тусламжийн гэрээ', exact: true })
	).toBeVisible();
	const response = await applicantPage.goto('/applicant/grant/agreement');
	expect(response?.status()).toBe(404);
});

test.describe('D: the payment request for tranche 1', () => {
	test.describe.configure({ mode: 'serial' });

	test('a refused request keeps what was typed and says why, with a 400', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await signInAs(page, DEMO_PHONES.coordinator);
		await openGrant(page, GRANT_DEMO.D);
		await fillBankRequest(page, '12-AB');
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Төлбөрийн хүсэлт илгээх' }).click()
		]);
		expect(response.status()).toBe(400);
		await expect(page.getByText('Дансны дугаар 6–34 оронтой тоо байна.')).toBeVisible();
		await expect(page.getByLabel('Дансны дугаар')).toHaveValue('12-AB');
		await expect(page.getByLabel('Банкны нэр')).toHaveValue('Хаан банк');
		await expect(page.getByRole('radio', { name: 'Банкны шилжүүлэг' })).toBeChecked();
		await expect(page.getByText('Төлбөрийн хүсэлт гараагүй байна.')).toBeVisible();
		await context.close();
	});

	test('a double click on submit makes exactly one request', async ({ coordinatorPage: page }) => {
		await openGrant(page, GRANT_DEMO.D);
		// The bank's fields show for a bank transfer, the supplier's for a supplier.
		await page.getByRole('radio', { name: 'Нийлүүлэгчид шууд төлөх' }).check();
		await expect(page.getByLabel('Нийлүүлэгчийн нэр')).toBeVisible();
		await expect(page.getByLabel('Дансны дугаар')).toBeHidden();
		await fillBankRequest(page, '5005 1234 5678');
		await expect(page.getByLabel('Нийлүүлэгчийн нэр')).toBeHidden();
		let posts = 0;
		page.on('request', (r) => {
			if (r.method() === 'POST' && r.url().includes('/request')) posts++;
		});
		await page.getByRole('button', { name: 'Төлбөрийн хүсэлт илгээх' }).dblclick();
		await expect(
			page.getByText('Төлбөрийн хүсэлт илгээгдлээ. Санхүүгийн ажилтан зөвшөөрсний дараа төлөгдөнө.')
		).toBeVisible();
		expect(posts).toBe(2);
		await page.reload();
		const history = page.getByTestId('payment-history');
		await expect(history.locator('tbody tr')).toHaveCount(1);
		await expect(history.getByRole('row', { name: /^Хүсэлт илгээсэн/ })).toContainText(
			'Банкны шилжүүлэг'
		);
		const tranches = page.getByRole('region', { name: 'Олголтын хуваарь' });
		await expect(tranches.getByRole('row', { name: /^1\/2-р хэсэг/ })).toContainText(
			'Хүсэлт илгээсэн'
		);
		await expect(page.getByRole('button', { name: 'Төлбөрийн хүсэлт илгээх' })).toHaveCount(0);
	});
});

test('the list and a grant fit a 375 px phone', async ({ coordinatorPage: page }) => {
	const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
	await page.setViewportSize({ width: 375, height: 740 });
	await page.goto('/staff/grants');
	await expect(grantRows(page).filter({ hasText: GRANT_DEMO.P1 })).toBeVisible();
	expect(await grantRows(page).count()).toBeGreaterThanOrEqual(20);
	expect(await overflow()).toBeLessThanOrEqual(0);
	await openGrant(page, GRANT_DEMO.P1);
	expect(await overflow()).toBeLessThanOrEqual(0);
	await page.getByRole('link', { name: 'Гэрээг хэвлэх' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	expect(await overflow()).toBeLessThanOrEqual(0);
});
