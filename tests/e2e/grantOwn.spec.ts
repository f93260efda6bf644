// Her grant through her own eyes (the demo grantee, P1: tranche 1 paid, verified, tranche 2 due)
// and through her mentor's (P2: tranche 1 paid, awaiting the mentor's verification). P1 is
// read-only except for the receipts added here; only this spec verifies P2.
import type { Locator, Page } from '@playwright/test';
import { expect, signInAs, test } from './fixtures';
import { GRANT_DEMO } from './grantDemo';

const GRANTEE = '80000010';
const MENTOR_NAME = 'Сарантуяа Пүрэв';

/** A valid 1×1 PNG: a stand-in for the photo of a receipt taken with her phone. */
const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' +
		'0000000d49444154789c6360f8ffff3f0005fe02fea7d6a4e80000000049454e44ae426082',
	'hex'
);

const digits = async (locator: Locator) => Number((await locator.innerText()).replace(/\D/g, ''));

async function openOwnGrant(page: Page) {
	await signInAs(page, GRANTEE);
	await expect(page).toHaveURL(/\/applicant$/);
	await page.goto('/applicant/grant');
	await expect(
		page.getByRole('heading', { level: 1, name: 'Миний буцалтгүй тусламж' })
	).toBeVisible();
}

/** The use-of-funds row of a budget line, and its spent cell. */
function useRow(page: Page, label: string) {
	const row = page
		.getByTestId('use-of-funds')
		.locator('tbody tr')
		.filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
	return { row, spent: row.locator('td').nth(1), count: row.locator('td').nth(2) };
}

/** Fills the receipt form on the first budget line; returns that line's label. */
async function fillReceipt(page: Page, amount: number, file: { name: string; buffer: Buffer }) {
	const line = page.getByLabel('Аль зардлын мөрөнд');
	await line.selectOption({ index: 1 });
	const label = (await line.locator('option:checked').innerText()).trim();
	await page.getByLabel('Дүн (₮)').fill(String(amount));
	await page.getByLabel('Тайлбар (заавал биш)').fill(`Туршилтын баримт ${amount}`);
	await page
		.getByLabel('Зураг эсвэл PDF (5 МБ хүртэл)')
		.setInputFiles({ name: file.name, mimeType: 'image/png', buffer: file.buffer });
	return label;
}

test.describe('her grant', () => {
	test('she sees her grant, tranche 1 paid, what comes next, her receipts and planned vs spent', async ({
		page
	}) => {
		await signInAs(page, GRANTEE);
		await expect(page).toHaveURL(/\/applicant$/);
		const card = page.getByRole('region', { name: 'Буцалтгүй тусламж' });
		await expect(card).toContainText('Мөнгө олгохоор бэлтгэж байна');
		await card.getByRole('link', { name: 'Буцалтгүй тусламжаа харах' }).click();
		await expect(page).toHaveURL(/\/applicant\/grant$/);

		const amount = await digits(page.getByTestId('grant-amount'));
		const paid = await digits(page.getByTestId('grant-paid'));
		expect(amount).toBeGreaterThan(0);
		// 70 % on signing, paid; 30 % after the mentor's verification, still to come.
		expect(paid).toBe(Math.floor((amount * 70) / 100));
		const tranches = page.getByRole('region', { name: 'Олголтын хуваарь' });
		await expect(tranches.getByRole('row', { name: /1\/2-р хэсэг/ })).toContainText('Төлсөн');
		await expect(tranches.getByRole('row', { name: /2\/2-р хэсэг/ })).not.toContainText('Төлсөн');
		const history = page.getByTestId('paid-history');
		await expect(history.locator('li')).toHaveCount(1);
		await expect(history).toContainText('Банкны шилжүүлэг');

		const next = page.getByTestId('grant-next');
		await expect(next).toContainText('2-р хэсгийн мөнгийг');
		await expect(next).toContainText('Танаас одоо юу ч хийх шаардлагагүй');
		await expect(next).toContainText(MENTOR_NAME); // verified by her mentor

		// The demo's two receipts, uploaded by her mentor (other specs may only add receipts).
		const receipts = page.getByTestId('receipts').locator('li');
		await expect(receipts.filter({ hasText: `${MENTOR_NAME} оруулсан` })).toHaveCount(2);
		const use = page.getByTestId('use-of-funds');
		const planned = await digits(use.locator('tfoot td').nth(0));
		const spent = await digits(use.locator('tfoot td').nth(1));
		expect(planned).toBeGreaterThan(spent);
		expect(spent).toBeGreaterThan(0);
		await expect(page.getByRole('link', { name: 'Гэрээгээ харах, хэвлэх' })).toHaveAttribute(
			'href',
			'/applicant/grant/agreement'
		);
	});

	test('she adds a photo of a receipt on a budget line: it is listed and the line’s spent grows', async ({
		page
	}) => {
		await openOwnGrant(page);
		const receipts = page.getByTestId('receipts').locator('li');
		const before = await receipts.count();
		const line = page.getByLabel('Аль зардлын мөрөнд');
		await line.selectOption({ index: 1 });
		const label = (await line.locator('option:checked').innerText()).trim();
		const { spent, count } = useRow(page, label);
		const spentBefore = await digits(spent);
		const countBefore = await digits(count);

		const amount = 12_345;
		await fillReceipt(page, amount, { name: 'receipt.png', buffer: PNG });
		await page.getByRole('button', { name: 'Баримт хадгалах' }).click();

		await expect(page.getByRole('status')).toContainText('Баримт хадгалагдлаа.');
		await expect(receipts).toHaveCount(before + 1);
		await expect(receipts.filter({ hasText: `Туршилтын баримт ${amount}` })).toHaveCount(1);
		expect(await digits(spent)).toBe(spentBefore + amount);
		expect(await digits(count)).toBe(countBefore + 1);
	});

	test('a text file named .png is refused with a message, and nothing is added', async ({
		page
	}) => {
		await openOwnGrant(page);
		const receipts = page.getByTestId('receipts').locator('li');
		const before = await receipts.count();
		const text = Buffer.from('This is not a photo of a receipt.\n');
		await fillReceipt(page, 777, { name: 'receipt.png', buffer: text });
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Баримт хадгалах' }).click()
		]);
		expect(response.status()).toBe(400);
		await expect(page.getByRole('alert')).toContainText(
			'Зөвхөн JPEG, PNG, WebP зураг эсвэл PDF файл оруулна.'
		);
		await expect(receipts).toHaveCount(before);
		await expect(receipts.filter({ hasText: 'Туршилтын баримт 777' })).toHaveCount(0);
		// What she typed is kept.
		await expect(page.getByLabel('Дүн (₮)')).toHaveValue('777');
	});

	test('at 375 px wide her pages do not scroll sideways', async ({ page }) => {
		await page.setViewportSize({ width: 375, height: 800 });
		await openOwnGrant(page);
		for (const path of ['/applicant/grant', '/applicant']) {
			await page.goto(path);
			const [scroll, client] = await page.evaluate(() => [
				document.documentElement.scrollWidth,
				document.documentElement.clientWidth
			]);
			expect(scroll, path).toBeLessThanOrEqual(client);
		}
	});

	test('without JavaScript she sees her grant and uploads a receipt', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await openOwnGrant(page);
		const receipts = page.getByTestId('receipts').locator('li');
		const before = await receipts.count();
		await fillReceipt(page, 4_321, { name: 'photo.png', buffer: PNG });
		await page.getByRole('button', { name: 'Баримт хадгалах' }).click();
		await expect(page.getByText('Баримт хадгалагдлаа.')).toBeVisible();
		await expect(receipts).toHaveCount(before + 1);
		await expect(receipts.filter({ hasText: 'Туршилтын баримт 4321' })).toHaveCount(1);
		await context.close();
	});

	test('an applicant without a grant gets 404', async ({ applicantPage }) => {
		const response = await applicantPage.goto('/applicant/grant');
		expect(response?.status()).toBe(404);
	});
});

test.describe('her mentor', () => {
	test('verifies P2 at a check-in: the grant moves to payment due, and not twice', async ({
		mentorPage: page
	}) => {
		// A journey of a dozen pages and two submissions: more than the default 30 s on a busy machine.
		test.setTimeout(90_000);
		await page.goto('/mentor');
		const rows = page.getByTestId('caseload-row');
		await expect(rows).not.toHaveCount(0);
		for (const text of await rows.allInnerTexts()) expect(text).toContain('Ханбогд');
		const row = page.locator(`[data-testid="caseload-row"][data-code="${GRANT_DEMO.P2}"]`);
		await expect(row.getByTestId('needs-verification')).toHaveText('Таны баталгаажуулалт хэрэгтэй');
		await row.getByRole('link', { name: /^Бүртгэл харах/ }).click();
		await expect(page).toHaveURL(/\/mentor\/grants\/[0-9a-f]{24}$/);
		const url = page.url();
		await expect(page.getByTestId('grant-state')).toHaveText(
			'Зөвлөгчийн баталгаажуулалт хүлээгдэж буй'
		);

		// The verification is made in a check-in: the record points to the form.
		await page.getByTestId('verification').getByRole('link').click();
		await expect(page).toHaveURL(`${url}/check-in`);
		await page.waitForLoadState('networkidle');
		const form = page.getByTestId('check-in-form');
		const verify = form.getByRole('checkbox', { name: /Бизнес ажиллаж байгааг нүдээр харж/ });
		const seen = `Дэлгүүр дахин нээгдсэн, бараа өрсөн, худалдан авагч ирж байна (${Date.now()}).`;
		await form.getByRole('radio', { name: 'Утсаар ярьсан' }).check();
		await form.getByRole('radio', { name: 'Ажиллаж байна' }).check();
		await form.getByLabel('Өнгөрсөн сарын борлуулалт (₮)').fill('380000');
		await form.getByLabel('Өнгөрсөн сарын зардал (₮)').fill('230000');
		await form.getByLabel('Долоо хоногт үйлчлүүлэгч').fill('7');
		await form.getByLabel('Эзэн (өөрөө)').fill('1');
		await form.getByLabel('Цалинтай ажилтан').fill('0');
		await form.getByLabel('Цалингүй гэр бүлийн гишүүн').fill('1');
		await form.getByLabel('Үзүүлсэн дэмжлэг').fill(seen);
		await verify.check();

		// Not on a phone call: refused beside the box, nothing lost.
		await form.getByRole('button', { name: 'Уулзалтыг хадгалах' }).click();
		await expect(page.locator('#ci-verifiesOperating-error')).toHaveText(
			'Ажиллаж байгааг зөвхөн биечлэн очиж, бизнес ажиллаж байхад баталж болно.'
		);
		await expect(verify).toBeChecked();
		await expect(form.getByLabel('Үзүүлсэн дэмжлэг')).toHaveValue(seen);
		await expect(form.getByLabel('Өнгөрсөн сарын борлуулалт (₮)')).toHaveValue('380000');

		// On a visit it is accepted, and opens the second tranche.
		await form.getByRole('radio', { name: 'Очиж уулзсан' }).check();
		await form.getByRole('button', { name: 'Уулзалтыг хадгалах' }).click();
		await expect(page).toHaveURL(new RegExp(`^${url}\\?saved=[0-9a-f]{24}$`));
		// (The phone's outbox panel has a status line of its own.)
		const saved = page.getByRole('status').filter({ hasText: 'Уулзалтын бүртгэл хадгалагдлаа.' });
		await expect(saved).toContainText('дараагийн хэсгийн мөнгийг');
		await expect(page.getByTestId('grant-state')).toHaveText('Төлбөр хүсэх боломжтой');
		await expect(page.getByTestId('verification')).toContainText(`${MENTOR_NAME} `);
		const card = page.getByTestId('check-in').filter({ hasText: seen });
		await expect(card).toHaveCount(1);
		await expect(card).toContainText('Ажиллаж байгааг баталсан');

		// A second verification is neither offered nor possible through the old form.
		await page.goto(`${url}/check-in`);
		await expect(page.getByTestId('check-in-form')).toBeVisible();
		await expect(
			page.getByRole('checkbox', { name: /Бизнес ажиллаж байгааг нүдээр харж/ })
		).toHaveCount(0);
		await page.goto(url);
		await expect(page.getByTestId('verification').getByRole('link')).toHaveCount(0);
		const again = await page.request.post(`${url}?/verify`, {
			form: { visitedOn: new Date().toISOString().slice(0, 10), note: 'Дахин шалгав.' },
			headers: { origin: new URL(url).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(again.status()).toBeGreaterThanOrEqual(400);
		expect(again.status()).toBeLessThan(500);

		await page.goto('/mentor');
		await expect(row).toBeVisible();
		await expect(row.getByTestId('needs-verification')).toHaveCount(0);
	});

	test('cannot open a grant outside her soum', async ({ mentorPage, coordinatorPage }) => {
		for (const code of [GRANT_DEMO.P3, GRANT_DEMO.P4]) {
			await coordinatorPage.goto('/staff/grants');
			const href = await coordinatorPage
				.getByRole('link', { name: code, exact: true })
				.getAttribute('href');
			const id = href?.match(/[0-9a-f]{24}/)?.[0];
			expect(id, code).toBeTruthy();
			const response = await mentorPage.goto(`/mentor/grants/${id}`);
			expect(response?.status(), code).toBe(404);
		}
	});
});
