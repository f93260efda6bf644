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
		await page.goto('/mentor');
		// Her name as the participants list shows it (her code when she is protected).
		const person = page
			.getByRole('row')
			.filter({ has: page.getByRole('cell', { name: GRANT_DEMO.P2, exact: true }) });
		const shown = (await person.locator('td').nth(1).innerText()).trim();
		const name = shown === 'Нууцлагдсан' ? GRANT_DEMO.P2 : shown;

		const grants = page.getByTestId('mentor-grants');
		const rows = grants.locator('li');
		await expect(rows).not.toHaveCount(0);
		for (const text of await rows.allInnerTexts()) expect(text).toContain('Ханбогд');
		const row = rows.filter({ has: page.getByRole('link', { name, exact: true }) });
		await expect(row).toContainText('Таны баталгаажуулалт хэрэгтэй');
		await row.getByRole('link', { name, exact: true }).click();
		await expect(page).toHaveURL(/\/mentor\/grants\/[0-9a-f]{24}$/);
		const url = page.url();
		await expect(page.getByTestId('grant-state')).toHaveText(
			'Зөвлөгчийн баталгаажуулалт хүлээгдэж буй'
		);

		await page
			.getByLabel('Юу харсан бэ')
			.fill('Дэлгүүр нээлттэй, бараа өрсөн, худалдан авагч ирж байна.');
		await page.getByRole('button', { name: 'Бизнес ажиллаж байна гэж баталгаажуулах' }).click();
		await expect(page.getByRole('status')).toContainText('Баталгаажуулалт хадгалагдлаа.');
		await expect(page.getByTestId('grant-state')).toHaveText('Төлбөр хүсэх боломжтой');
		await expect(page.getByText('Дэлгүүр нээлттэй, бараа өрсөн')).toBeVisible();

		// A second verification is neither offered nor accepted.
		await page.goto(url);
		await expect(
			page.getByRole('button', { name: 'Бизнес ажиллаж байна гэж баталгаажуулах' })
		).toHaveCount(0);
		const again = await page.request.post(`${url}?/verify`, {
			form: { visitedOn: new Date().toISOString().slice(0, 10), note: 'Дахин шалгав.' },
			headers: { origin: new URL(url).origin, 'x-sveltekit-action': 'true' }
		});
		expect(await again.json()).toMatchObject({ type: 'failure', status: 409 });

		await page.goto('/mentor');
		await expect(row).not.toContainText('Таны баталгаажуулалт хэрэгтэй');
		await expect(row).toContainText('Төлбөр хүсэх боломжтой');
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
