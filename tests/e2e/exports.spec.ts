// The coordinators' exports: each table streams as CSV, pseudonymised (codes, never a name or a
// phone); the identifying export needs the viewProtected permission and a reason, and is in the
// audit log with it; with JavaScript a download shows its progress and can be cancelled, without
// it the links and the form download directly. Other specs add rows at the same time: counts
// are asserted as at least what the server announced.
import { readFile } from 'node:fs/promises';
import type { APIResponse, Page } from '@playwright/test';
import {
	DEMO_GRANTEE_PHONE,
	DEMO_PHONES,
	createAccountViaUi,
	expect,
	setUpViaUi,
	signInAs,
	test
} from './fixtures';
import { stamp, uniquePhone } from './steps';
import { parseCsv } from './csv';

const PAGE = '/staff/exports';
const KINDS = ['participants', 'plans', 'scores', 'grants', 'payments', 'checkins'] as const;
const KIND_LABELS: Record<(typeof KINDS)[number], string> = {
	participants: 'Оролцогчид',
	plans: 'Бизнес төлөвлөгөө',
	scores: 'Үнэлгээ',
	grants: 'Буцалтгүй тусламж',
	payments: 'Төлбөр',
	checkins: 'Зөвлөгчийн уулзалт'
};
const APPLICANT_NAME = 'Болормаа Очир';
const REASON_MESSAGE = 'Шалтгаанаа 10-аас 500 тэмдэгтээр бичнэ үү.';
const BOM = [0xef, 0xbb, 0xbf];

/** A CSV download: its BOM checked, its rows, and the rows the server said it would send. */
async function csvOf(response: APIResponse) {
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
	const bytes = await response.body();
	expect([...bytes.subarray(0, 3)]).toEqual(BOM);
	const text = bytes.toString('utf8').slice(1);
	return {
		text,
		rows: parseCsv(text),
		expected: Number(response.headers()['x-expected-rows']),
		disposition: response.headers()['content-disposition'] ?? ''
	};
}

async function identifying(page: Page, kind: string, reason: string) {
	return page.request.post(`/staff/exports/${kind}`, {
		form: { reason },
		headers: { origin: new URL(page.url()).origin }
	});
}

async function openExports(page: Page) {
	await page.goto(PAGE);
	await page.waitForLoadState('networkidle');
}

test('every table downloads pseudonymised: codes, and no participant named', async ({
	coordinatorPage: page
}) => {
	// Who the women are, from the identifying export: none of it may be in the others.
	const people = await csvOf(
		await identifying(page, 'participants', `E2E: who must not appear ${stamp()}`)
	);
	expect(people.rows[0]?.slice(0, 3)).toEqual(['Код', 'Овог нэр', 'Утасны дугаар']);
	const names = people.rows
		.slice(1)
		.map((r) => r[1]!)
		.filter(Boolean);
	const phones = people.rows
		.slice(1)
		.map((r) => r[2]!)
		.filter(Boolean);
	expect(names).toContain(APPLICANT_NAME);
	expect(names.length).toBeGreaterThanOrEqual(100);
	expect(phones.length).toBeGreaterThanOrEqual(100);

	await openExports(page);
	for (const kind of KINDS) {
		const csv = await csvOf(await page.request.get(`/staff/exports/${kind}`));
		expect(csv.disposition, kind).toMatch(
			new RegExp(`^attachment; filename="${kind}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`)
		);
		const [header, ...rows] = csv.rows;
		expect(header?.[0], kind).toBe('Код');
		for (const column of ['Овог нэр', 'Утасны дугаар', 'Регистрийн дугаар', 'Дансны дугаар']) {
			expect(header, `${kind}: ${column}`).not.toContain(column);
		}
		expect(csv.expected, kind).toBeGreaterThan(0);
		expect(rows.length, kind).toBeGreaterThanOrEqual(csv.expected);
		expect(
			rows.every((r) => r.length === header!.length),
			kind
		).toBe(true);
		expect(
			rows.every((r) => /^UMN-26-\d{3}$/.test(r[0]!)),
			kind
		).toBe(true);
		// The page announces at least as many rows as there were then.
		const shown = await page.locator(`tr[data-kind="${kind}"] .rows`).textContent();
		expect(Number((shown ?? '').replace(/\D/g, '')), kind).toBeLessThanOrEqual(rows.length);

		expect(csv.text, kind).not.toContain(APPLICANT_NAME);
		expect(csv.text, kind).not.toContain(DEMO_GRANTEE_PHONE);
		const named = names.filter((name) => csv.text.includes(name));
		const called = phones.filter((phone) => csv.text.includes(phone));
		expect(named, kind).toEqual([]);
		expect(called, kind).toEqual([]);
	}

	// The participants' filters narrow it; a bad one is a 400, an unknown table or cohort a 404.
	const khanbogd = await csvOf(await page.request.get('/staff/exports/participants?soum=khanbogd'));
	expect(khanbogd.rows.slice(1).every((r) => r[1] === 'khanbogd')).toBe(true);
	expect(khanbogd.rows.length - 1).toBeLessThan(people.rows.length - 1);
	const badFilter = await page.request.get('/staff/exports/participants?stage=anything');
	expect(badFilter.status()).toBe(400);
	expect(await badFilter.text()).toContain('Шүүлтүүр буруу байна');
	expect((await page.request.get('/staff/exports/everything')).status()).toBe(404);
	const unknown = await page.request.get('/staff/exports/plans?cohort=0123456789abcdef01234567');
	expect(unknown.status()).toBe(404);
	expect(await unknown.text()).toBe('Ийм бүлэг олдсонгүй.');
});

test('an identifying export needs a reason, names the women, and is in the audit log', async ({
	coordinatorPage: page,
	adminPage
}) => {
	await openExports(page);
	await expect(page.getByText('аудитын бүртгэлд үлдэнэ')).toBeVisible();

	// No reason, or too short: a 400 and no file, by the script and without it.
	for (const reason of ['', 'short']) {
		const refused = await identifying(page, 'participants', reason);
		expect(refused.status()).toBe(400);
		expect(refused.headers()['content-type']).toContain('text/plain');
		expect(await refused.text()).toBe(REASON_MESSAGE);
	}
	let downloads = 0;
	page.on('download', () => downloads++);
	const button = page.getByRole('button', { name: 'Оролцогчид: хувийн мэдээлэлтэй татах' });
	await button.click();
	await expect(page.locator('#reason-error')).toHaveText(REASON_MESSAGE);
	await expect(page.getByLabel('Татах шалтгаан')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByTestId('export-progress').getByRole('alert')).toContainText(
		REASON_MESSAGE
	);
	expect(downloads).toBe(0);

	// With a reason: the file, with her name and phone.
	const reason = `Сумын захиргаатай уулзалтын жагсаалт ${stamp()}`;
	await page.getByLabel('Татах шалтгаан').fill(reason);
	const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
	expect(download.suggestedFilename()).toMatch(/^participants-identifying-\d{4}-\d{2}-\d{2}\.csv$/);
	const file = await readFile((await download.path())!);
	expect([...file.subarray(0, 3)]).toEqual(BOM);
	const text = file.toString('utf8');
	expect(text).toContain(APPLICANT_NAME);
	expect(text).toContain('80000006');
	await expect(page.locator('#reason-error')).toHaveCount(0);

	// Another table's identifying export: the grant payments' bank details.
	const payments = await csvOf(await identifying(page, 'payments', reason));
	expect(payments.rows[0]).toContain('Дансны дугаар');

	// The admin finds the export, with its reason, in the audit log.
	await adminPage.goto('/admin/audit?action=export.downloaded');
	const entry = adminPage.getByRole('row').filter({ hasText: reason });
	await expect(entry.first()).toBeVisible();
	await expect(entry.first()).toContainText('export.downloaded');
	await expect(entry.first()).toContainText('Оюунчимэг Батболд');
});

test('with JavaScript a download shows its progress, then saves the file', async ({
	coordinatorPage: page
}) => {
	await openExports(page);
	const link = page.getByRole('link', { name: 'Оролцогчид: татах (нэргүйжүүлсэн)' });
	await expect(link).toHaveAttribute(
		'href',
		/^\/staff\/exports\/participants\?cohort=[0-9a-f]{24}$/
	);
	const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
	expect(download.suggestedFilename()).toMatch(/^participants-\d{4}-\d{2}-\d{2}\.csv$/);
	const progress = page.getByTestId('export-progress');
	const bar = progress.locator('progress');
	await expect(bar).toBeVisible();
	await expect(bar).toHaveAttribute('value', '1');
	await expect(progress.getByRole('status')).toContainText(
		/^Бэлэн: participants-.*\.csv \(\d+ мөр, [\d.,]+ КБ\)/
	);
	const text = (await readFile((await download.path())!)).toString('utf8');
	expect(text.charCodeAt(0)).toBe(0xfeff);
	expect(text).toContain('UMN-26-001');
	expect(text).not.toContain(APPLICANT_NAME);

	// Rows counted against what the server announced, while it streams; and a cancel button.
	let release = () => {};
	const held = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/staff/exports/checkins**', async (route) => {
		await held;
		await route.abort().catch(() => {});
	});
	await page.getByRole('link', { name: 'Зөвлөгчийн уулзалт: татах (нэргүйжүүлсэн)' }).click();
	await expect(progress.getByRole('status')).toContainText(/^0 \/ \d+ мөр/);
	await expect(progress.locator('progress')).toHaveAttribute('max', /^\d+$/);
	await progress.getByRole('button', { name: 'Цуцлах' }).click();
	await expect(progress.getByRole('status')).toHaveText('Татахыг цуцаллаа.');
	release();
	await page.unroute('**/staff/exports/checkins**');

	// A refusal from the server is shown, not saved.
	await page.route('**/staff/exports/plans**', (route) =>
		route.fulfill({ status: 404, contentType: 'text/plain', body: 'Ийм бүлэг олдсонгүй.' })
	);
	await page.getByRole('link', { name: 'Бизнес төлөвлөгөө: татах (нэргүйжүүлсэн)' }).click();
	await expect(progress.getByRole('alert')).toHaveText('Татаж чадсангүй: Ийм бүлэг олдсонгүй.');
});

test('without JavaScript the links and the identifying form download directly', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signInAs(page, DEMO_PHONES.coordinator);
	await expect(page).toHaveURL(/\/staff$/);
	await page.goto(PAGE);
	const [plain] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: 'Үнэлгээ: татах (нэргүйжүүлсэн)' }).click()
	]);
	expect(plain.suggestedFilename()).toMatch(/^scores-\d{4}-\d{2}-\d{2}\.csv$/);

	const [filtered] = await Promise.all([
		page.waitForEvent('download'),
		(async () => {
			await page.getByLabel('Сум').selectOption({ label: 'Манлай' });
			await page.getByRole('button', { name: 'Шүүсэн оролцогчдыг татах' }).click();
		})()
	]);
	const rows = parseCsv((await readFile((await filtered.path())!)).toString('utf8').slice(1));
	expect(rows.length).toBeGreaterThan(1);
	expect(rows.slice(1).every((r) => r[1] === 'manlai')).toBe(true);

	await page.getByLabel('Татах шалтгаан').fill(`Скриптгүй татсан ${stamp()}`);
	const [named] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Буцалтгүй тусламж: хувийн мэдээлэлтэй татах' }).click()
	]);
	expect(named.suggestedFilename()).toMatch(/^grants-identifying-/);
	expect((await readFile((await named.path())!)).toString('utf8')).toContain('Овог нэр');

	// No reason: a short page that says what is missing.
	await page.goto(PAGE);
	await page.getByRole('button', { name: 'Төлбөр: хувийн мэдээлэлтэй татах' }).click();
	await expect(page.getByText(REASON_MESSAGE)).toBeVisible();
	await context.close();
});

test('a coordinator without viewProtected downloads only pseudonymised files', async ({
	adminPage,
	browser
}) => {
	test.setTimeout(60_000);
	const phone = uniquePhone('9');
	const code = await createAccountViaUi(adminPage, {
		name: `Эрхгүй Зохицуулагч ${stamp()}`,
		phone,
		roles: ['Хөтөлбөрийн зохицуулагч']
	});
	const context = await browser.newContext();
	const page = await context.newPage();
	await setUpViaUi(page, phone, code, 'exports-pass-2026');
	await expect(page).toHaveURL(/\/staff$/);
	await openExports(page);
	await expect(page.getByText('«хамгаалалттай мэдээлэл харах» эрх хэрэгтэй')).toBeVisible();
	await expect(page.getByLabel('Татах шалтгаан')).toHaveCount(0);
	await expect(page.getByRole('button', { name: /хувийн мэдээлэлтэй татах/ })).toHaveCount(0);
	const refused = await identifying(page, 'participants', 'Миний шалтгаан бол энэ юм');
	expect(refused.status()).toBe(403);
	expect(await refused.text()).not.toContain(APPLICANT_NAME);
	const csv = await csvOf(await page.request.get('/staff/exports/participants'));
	expect(csv.rows.length).toBeGreaterThan(100);
	expect(csv.text).not.toContain(APPLICANT_NAME);
	await context.close();
});

for (const role of ['finance', 'mentor', 'admin', 'applicant'] as const) {
	test(`the ${role} may not export`, async ({ browser }) => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await signInAs(page, DEMO_PHONES[role]);
		await expect(page).not.toHaveURL(/\/login/);
		expect((await page.request.get(PAGE)).status()).toBe(403);
		for (const kind of KINDS) {
			const response = await page.request.get(`/staff/exports/${kind}`, { maxRedirects: 0 });
			expect(response.status(), kind).toBe(403);
		}
		const refused = await identifying(page, 'participants', 'Надад хэрэгтэй байна, үнэхээр');
		expect(refused.status()).toBe(403);
		expect(await refused.text()).not.toContain(APPLICANT_NAME);
		await context.close();
	});
}

test('the exports page fits a 375 px screen', async ({ coordinatorPage: page }) => {
	await page.setViewportSize({ width: 375, height: 812 });
	await openExports(page);
	for (const kind of KINDS) {
		await expect(page.getByRole('rowheader', { name: KIND_LABELS[kind] })).toBeVisible();
	}
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
	const box = await page.getByLabel('Татах шалтгаан').boundingBox();
	expect(box && box.x + box.width).toBeLessThanOrEqual(375);
});
