// The admin's audit log: filters by action, person and day, a CSV export of what she filtered,
// clear messages for bad filters, and a page that fits a phone. Other specs add entries at the
// same time: counts are never asserted exactly.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { DEMO_PHONES, expect, signInAs, test } from './fixtures';
import { parseCsv } from './csv';

const COORDINATOR = 'Оюунчимэг Батболд';
const CSV_HEADER = [
	'Цаг (Улаанбаатар)',
	'Үйлдэл',
	'Хэн',
	'Утасны дугаар',
	'Үүрэг',
	'Бичлэгийн төрөл',
	'Бичлэгийн дугаар (id)',
	'Хэний өмнөөс',
	'IP хаяг',
	'Дэлгэрэнгүй'
];

/** A YYYY-MM-DD day in Ulaanbaatar (UTC+8), `offset` days from today. */
const ubDay = (offset = 0) =>
	new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
/** The same day as the Mongolian pages write it (2026.05.04). */
const shown = (day: string) => day.replaceAll('-', '.');

const cells = (page: Page, column: number) =>
	page.locator(`tbody tr td:nth-child(${column})`).allTextContents();

async function openFilters(page: Page, query = '') {
	await page.goto(`/admin/audit${query}`);
	await page.waitForLoadState('networkidle');
}

test.beforeAll(async ({ browser }) => {
	// The coordinator signs in today, so there is something of hers to find.
	const context = await browser.newContext();
	const page = await context.newPage();
	await signInAs(page, DEMO_PHONES.coordinator);
	await expect(page).toHaveURL(/\/staff$/, { timeout: 20_000 });
	await context.close();
});

test('the admin filters by action, one or a whole area', async ({ adminPage: page }) => {
	await openFilters(page);
	await page.getByLabel('Үйлдэл').selectOption('auth.signin');
	await page.getByRole('button', { name: 'Шүүх' }).click();
	await expect(page).toHaveURL(/[?&]action=auth\.signin(&|$)/);
	await expect(page.getByText(/Тохирох бичлэг: [\d\s,]+/)).toBeVisible();
	const actions = await cells(page, 2);
	expect(actions.length).toBeGreaterThan(0);
	expect(new Set(actions)).toEqual(new Set(['auth.signin']));
	// The choice is kept in the form.
	await expect(page.getByLabel('Үйлдэл')).toHaveValue('auth.signin');

	await page.getByLabel('Үйлдэл').selectOption({ label: 'Нэвтрэлт: бүх үйлдэл' });
	await page.getByRole('button', { name: 'Шүүх' }).click();
	await expect(page).toHaveURL(/[?&]action=auth\.(&|$)/);
	const area = await cells(page, 2);
	expect(area.length).toBeGreaterThan(0);
	expect(area.every((action) => action.startsWith('auth.'))).toBe(true);
});

test('the admin filters by person: phone digits or a Latin spelling of her name', async ({
	adminPage: page
}) => {
	for (const person of [DEMO_PHONES.coordinator, 'Oyunchimeg']) {
		await openFilters(page, '?action=auth.signin');
		await page.getByLabel('Хэн (утас эсвэл нэр)').fill(person);
		await page.getByRole('button', { name: 'Шүүх' }).click();
		await expect(page).toHaveURL(new RegExp(`person=${person}`));
		const who = await cells(page, 3);
		expect(who.length).toBeGreaterThan(0);
		for (const text of who) expect(text).toContain(`${COORDINATOR} (8000 0002)`);
	}
	// The pager keeps the filters.
	await openFilters(page, '?person=80000002');
	const next = page.getByRole('link', { name: 'Дараах' });
	if (await next.count()) {
		await next.click();
		await expect(page).toHaveURL(/person=80000002/);
		await expect(page).toHaveURL(/page=2/);
		for (const text of await cells(page, 3)) expect(text).toContain(COORDINATOR);
	}
});

test('the admin filters by Ulaanbaatar day', async ({ adminPage: page }) => {
	const today = ubDay();
	await openFilters(page, '?action=auth.signin');
	await page.getByLabel('Эхлэх өдөр').fill(today);
	await page.getByLabel('Дуусах өдөр').fill(today);
	await page.getByRole('button', { name: 'Шүүх' }).click();
	await expect(page).toHaveURL(new RegExp(`from=${today}&to=${today}`));
	const when = await cells(page, 1);
	expect(when.length).toBeGreaterThan(0);
	for (const text of when) expect(text).toContain(shown(today));

	// Yesterday only: nothing of today.
	const yesterday = ubDay(-1);
	await openFilters(page, `?action=auth.signin&from=${yesterday}&to=${yesterday}`);
	for (const text of await cells(page, 1)) expect(text).not.toContain(shown(today));
	await openFilters(page, '?from=2001-01-01&to=2001-01-31');
	await expect(page.getByText('Шүүлтүүрт тохирох бичлэг алга.')).toBeVisible();
	await expect(page.getByText('Тохирох бичлэг: 0')).toBeVisible();
});

test('the export downloads the filtered log as CSV, and is audited', async ({
	adminPage: page
}) => {
	const today = ubDay();
	await openFilters(page, `?person=${DEMO_PHONES.coordinator}&action=auth.signin&from=${today}`);
	const link = page.getByRole('link', { name: 'CSV файлаар татах' });
	await expect(link).toHaveAttribute(
		'href',
		`/admin/audit/export.csv?person=80000002&action=auth.signin&from=${today}`
	);
	const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
	expect(download.suggestedFilename()).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
	const bytes = await readFile((await download.path()) ?? '');
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const [header, ...rows] = parseCsv(bytes.toString('utf8').slice(1));
	expect(header).toEqual(CSV_HEADER);
	expect(rows.length).toBeGreaterThan(0);
	for (const row of rows) {
		expect(row).toHaveLength(CSV_HEADER.length);
		expect(row[0]).toMatch(new RegExp(`^${today}T\\d{2}:\\d{2}:\\d{2}\\+08:00$`));
		expect(row.slice(1, 4)).toEqual(['auth.signin', COORDINATOR, '80000002']);
	}

	// The export is in the log with its filters; so is her reading of the log.
	await openFilters(page, `?action=audit.exported&person=${DEMO_PHONES.admin}`);
	await expect(
		page.locator('tbody tr').filter({ hasText: '"person":"80000002"' }).first()
	).toBeVisible();
	await openFilters(page, `?action=audit.viewed&person=${DEMO_PHONES.admin}`);
	await expect(
		page.locator('tbody tr').filter({ hasText: '"action":"audit.exported"' }).first()
	).toBeVisible();
});

test('bad filters get a message, never a server error', async ({ adminPage: page }) => {
	const cases = [
		['?from=2026-05-10&to=2026-05-01', 'Эхлэх өдөр дуусах өдрөөс хойно байж болохгүй.'],
		['?from=2026-02-30', 'Бодит өдрийг ОООО-СС-ӨӨ хэлбэрээр оруулна уу (жишээ нь 2026-05-04).'],
		['?to=10.05.2026', 'Бодит өдрийг ОООО-СС-ӨӨ хэлбэрээр оруулна уу (жишээ нь 2026-05-04).'],
		['?action=DROP%20TABLE', 'Үйлдлийг жагсаалтаас сонгоно уу.'],
		['?person=8', 'Утасны дугаарын дор хаяж 3 орон, эсвэл нэрийн дор хаяж 2 үсэг оруулна уу.'],
		['?page=abc', 'Хуудасны дугаар буруу байна.']
	] as const;
	for (const [query, message] of cases) {
		const response = await page.goto(`/admin/audit${query}`);
		expect(response?.status(), query).toBe(200);
		await expect(page.getByRole('alert')).toContainText('Шүүлтүүрийг засна уу:');
		await expect(page.getByRole('alert')).toContainText(message);
		await expect(page.locator('tbody tr')).toHaveCount(0);

		const csv = await page.request.get(`/admin/audit/export.csv${query}`);
		expect(csv.status(), query).toBe(400);
		expect(await csv.text()).toContain(message);
	}
	// What she typed stays in the form.
	await page.goto('/admin/audit?person=8&action=auth.signin');
	await expect(page.getByLabel('Хэн (утас эсвэл нэр)')).toHaveValue('8');
});

test('the filters work without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signInAs(page, DEMO_PHONES.admin);
	await page.goto('/admin/audit');
	await page.getByLabel('Үйлдэл').selectOption('auth.signin');
	await page.getByLabel('Хэн (утас эсвэл нэр)').fill('80000002');
	await page.getByRole('button', { name: 'Шүүх' }).click();
	await expect(page).toHaveURL(/person=80000002/);
	const actions = await cells(page, 2);
	expect(actions.length).toBeGreaterThan(0);
	expect(new Set(actions)).toEqual(new Set(['auth.signin']));
	await context.close();
});

test('the page fits a 375 px screen; only the table scrolls', async ({ adminPage: page }) => {
	await page.setViewportSize({ width: 375, height: 812 });
	await openFilters(page);
	await expect(page.locator('.table-wrap table')).toBeVisible();
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	for (const label of ['Хэн (утас эсвэл нэр)', 'Үйлдэл', 'Эхлэх өдөр', 'Дуусах өдөр']) {
		const box = await page.getByLabel(label).boundingBox();
		expect(box && box.x + box.width, label).toBeLessThanOrEqual(375);
	}
});

test('only the admin reads or exports the log', async ({ coordinatorPage: page }) => {
	expect((await page.goto('/admin/audit'))?.status()).toBe(403);
	expect((await page.request.get('/admin/audit/export.csv')).status()).toBe(403);
});
