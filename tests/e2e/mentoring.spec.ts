// The soum mentor's desk: her caseload in the order to work it, a grantee's timeline (schedule,
// check-ins, her own figures, photos, the verification), and the check-in form with and without
// JavaScript, its refusals and its idempotency key. Mutates only UMN-26-041 (check-ins); P1 is
// read-only here; P2 is verified in grantOwn.spec.ts.
import type { Browser, Locator, Page } from '@playwright/test';
import { DEMO_MENTORS, expect, signInAs, test } from './fixtures';
import { GRANT_DEMO, MENTORING_DEMO } from './grantDemo';
import { stamp } from './steps';

const MINE = GRANT_DEMO.Q11; // UMN-26-041: signed, assigned to the Khanbogd mentor
const P1 = MENTORING_DEMO.growing;
const P2 = MENTORING_DEMO.temporarilyClosed;

// Each test signs in and walks several pages: allow for a busy machine.
test.describe.configure({ timeout: 60_000 });

/** A valid 1×1 PNG: a stand-in for a photo of her shop. */
const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489' +
		'0000000d49444154789c6360f8ffff3f0005fe02fea7d6a4e80000000049454e44ae426082',
	'hex'
);

const ubDay = (offsetDays = 0) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ulaanbaatar' }).format(
		new Date(Date.now() + offsetDays * 86_400_000)
	);

/** A check-in's fields as the form posts them: a call, the business operating. */
const callFields = (idempotencyKey: string, supportGiven: string) => ({
	idempotencyKey,
	on: ubDay(),
	mode: 'phone',
	businessStatus: 'operating',
	salesMnt: '300000',
	costsMnt: '180000',
	customersPerWeek: '10',
	workersOwner: '1',
	workersPaid: '0',
	workersFamily: '1',
	supportGiven,
	problems: '',
	nextSteps: '',
	safeguarding: 'no'
});

const caseloadRow = (page: Page, code: string) =>
	page.locator(`[data-testid="caseload-row"][data-code="${code}"]`);

/** A grantee's id, from the link to her record on the mentor's home. */
async function grantIdOf(page: Page, code: string): Promise<string> {
	await page.goto('/mentor');
	const href = await caseloadRow(page, code)
		.getByRole('link', { name: /^Бүртгэл харах/ })
		.getAttribute('href');
	const id = href?.match(/[0-9a-f]{24}/)?.[0];
	expect(id, code).toBeTruthy();
	return id!;
}

/** The record's message after a save (the phone's outbox panel has a status line of its own). */
const savedMessage = (page: Page) =>
	page.getByRole('status').filter({ hasText: /^Уулзалтын бүртгэл хадгалагдлаа\.$/ });

/** The check-in cards carrying a text (what a test typed, made unique by a stamp). */
const cardsWith = (page: Page, text: string) =>
	page.getByTestId('check-in').filter({ hasText: text });

async function openForm(page: Page, grantId: string) {
	await page.goto(`/mentor/grants/${grantId}/check-in`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Уулзалт бүртгэх · ${MINE}`);
	await page.waitForLoadState('networkidle');
	return page.getByTestId('check-in-form');
}

async function fillFigures(form: Locator, figures: Partial<Record<string, string>> = {}) {
	const values = {
		sales: '350000',
		costs: '210000',
		customers: '14',
		owner: '1',
		paid: '0',
		family: '1',
		...figures
	};
	await form.getByLabel('Өнгөрсөн сарын борлуулалт (₮)').fill(values.sales);
	await form.getByLabel('Өнгөрсөн сарын зардал (₮)').fill(values.costs);
	await form.getByLabel('Долоо хоногт үйлчлүүлэгч').fill(values.customers);
	await form.getByLabel('Эзэн (өөрөө)').fill(values.owner);
	await form.getByLabel('Цалинтай ажилтан').fill(values.paid);
	await form.getByLabel('Цалингүй гэр бүлийн гишүүн').fill(values.family);
}

/** Fills and saves a check-in on UMN-26-041; lands on her record. */
async function recordCheckIn(page: Page, grantId: string, support: string, photo = false) {
	const form = await openForm(page, grantId);
	await form.getByRole('radio', { name: 'Очиж уулзсан' }).check();
	await form.getByRole('radio', { name: 'Ажиллаж байна' }).check();
	await fillFigures(form);
	await form.getByRole('checkbox', { name: 'Анхны борлуулалт хийсэн' }).check();
	await form.getByLabel('Үзүүлсэн дэмжлэг').fill(support);
	await form.getByLabel('Дараагийн алхам').fill('Дараа сард дахин очно.');
	if (photo) {
		await form
			.getByLabel('Зураг (заавал биш, 3 хүртэл)')
			.setInputFiles({ name: 'shop.png', mimeType: 'image/png', buffer: PNG });
	}
	await expect(form.getByRole('radio', { name: 'Үгүй' })).toBeChecked();
	await form.getByRole('button', { name: 'Уулзалтыг хадгалах' }).click();
	await expect(page).toHaveURL(new RegExp(`/mentor/grants/${grantId}\\?saved=[0-9a-f]{24}$`));
	await expect(savedMessage(page)).toBeVisible();
}

async function expectNoSidewaysScroll(page: Page, path: string) {
	await page.goto(path);
	const [scroll, client] = await page.evaluate(() => [
		document.documentElement.scrollWidth,
		document.documentElement.clientWidth
	]);
	expect(scroll, path).toBeLessThanOrEqual(client);
}

async function signedInMentor(browser: Browser, phone: string, javaScriptEnabled = true) {
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	await signInAs(page, phone);
	await expect(page).toHaveURL(/\/mentor$/);
	return { context, page };
}

test.describe('her caseload', () => {
	test('overdue visits first: P2 with its overdue visits before P1, whose next visit is planned', async ({
		mentorPage: page
	}) => {
		await page.goto('/mentor');
		await expect(
			page.getByRole('heading', { level: 2, name: 'Миний хариуцсан оролцогчид' })
		).toBeVisible();
		const codes = await page
			.getByTestId('caseload-row')
			.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-code')));
		expect(codes).toContain(P1);
		expect(codes).toContain(P2);
		expect(codes.indexOf(P2)).toBeLessThan(codes.indexOf(P1));
		// The first rows are those with overdue visits, P2 among them (2 in the demo; 1 once the
		// verification spec has made its visit).
		expect(codes[0]).toBe(P2);
		await expect(caseloadRow(page, P2).getByTestId('overdue')).toHaveText(
			/^⚠ [12] уулзалт хугацаа хэтэрсэн$/
		);
		await expect(caseloadRow(page, P2).getByTestId('last-check-in')).not.toHaveText('Бүртгэл алга');

		const p1 = caseloadRow(page, P1);
		await expect(p1.getByTestId('overdue')).toHaveCount(0);
		await expect(p1.getByTestId('needs-verification')).toHaveCount(0);
		await expect(p1.getByTestId('next-visit')).toContainText('Төлөвлөсөн');
		await expect(p1.getByTestId('last-check-in')).toContainText('Ажиллаж байна');
		// Every row offers her record and the check-in form.
		const id = await grantIdOf(page, P1);
		await expect(p1.getByRole('link', { name: /^Уулзалт бүртгэх/ })).toHaveAttribute(
			'href',
			`/mentor/grants/${id}/check-in`
		);
		// Those without a schedule yet (first tranche not paid) come last.
		await expect(caseloadRow(page, MINE).getByTestId('next-visit')).toHaveText(
			'Хуваарь хараахан гараагүй (эхний хэсгийн мөнгө олгогдоогүй)'
		);
		expect(codes.indexOf(MINE)).toBeGreaterThan(codes.indexOf(P1));
	});
});

test.describe('a grantee’s timeline', () => {
	test('P1: six visits done, six mentor check-ins with the photo and the verification, her own figures marked', async ({
		mentorPage: page
	}) => {
		const id = await grantIdOf(page, P1);
		await page.goto(`/mentor/grants/${id}`);
		await expect(page.getByRole('link', { name: 'Уулзалт бүртгэх' })).toHaveAttribute(
			'href',
			`/mentor/grants/${id}/check-in`
		);
		await expect(page.getByTestId('grant-state')).toHaveText('Төлбөр хүсэх боломжтой');
		await expect(page.getByTestId('verification')).toContainText('баталгаажуулсан');

		const schedule = page.getByTestId('visit-schedule');
		await expect(schedule.locator('tbody tr[data-state="done"]')).toHaveCount(6);
		await expect(schedule.locator('tbody tr[data-state="overdue"]')).toHaveCount(0);

		const mentor = page.locator('[data-testid="check-in"][data-source="mentor"]');
		await expect(mentor).toHaveCount(6);
		// Verified at the second visit, once.
		await expect(mentor.filter({ hasText: 'Ажиллаж байгааг баталсан' })).toHaveCount(1);
		await expect(page.getByText('Хамгааллын асуудал мэдэгдсэн')).toHaveCount(0);

		// Her own figures (two in the demo; the self-report spec may add more), marked as hers.
		const self = page.locator('[data-testid="check-in"][data-source="self"]');
		expect(await self.count()).toBeGreaterThanOrEqual(2);
		for (const card of await self.all()) await expect(card).toContainText('Өөрөө мэдээлсэн');
		await expect(mentor.filter({ hasText: 'Өөрөө мэдээлсэн' })).toHaveCount(0);

		// The photo of the sixth visit: a thumbnail that loads, served privately.
		const img = mentor.locator('.photos img');
		await expect(img).toHaveCount(1);
		await img.scrollIntoViewIfNeeded();
		await expect
			.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth))
			.toBeGreaterThan(0);
		const src = (await img.getAttribute('src')) ?? '';
		expect(src).toMatch(/^\/check-ins\/[0-9a-f]{24}\/photos\/1$/);
		await expect(img.locator('xpath=..')).toHaveAttribute('href', src);
		const response = await page.request.get(src);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-type']).toBe('image/png');
		expect(response.headers()['cache-control']).toBe('private, no-store');
		expect(response.headers()['x-content-type-options']).toBe('nosniff');
		expect((await page.request.get(src.replace(/1$/, '2'))).status()).toBe(404);
	});

	test('a mentor of another soum gets 404 on P1’s record, check-in form and photo', async ({
		mentorPage: page,
		browser
	}) => {
		const id = await grantIdOf(page, P1);
		await page.goto(`/mentor/grants/${id}`);
		const src = (await page.locator('.photos img').first().getAttribute('src')) ?? '';
		const { context, page: other } = await signedInMentor(browser, DEMO_MENTORS.manlai);
		for (const path of [`/mentor/grants/${id}`, `/mentor/grants/${id}/check-in`, src]) {
			const response = await other.goto(path);
			expect(response?.status(), path).toBe(404);
		}
		const posted = await other.request.post(`/mentor/grants/${id}/check-in?/save`, {
			multipart: callFields(crypto.randomUUID(), `Өөр сумын зөвлөгч (${stamp()}).`),
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(posted.status()).toBe(404);
		await context.close();
	});
});

test.describe('recording a check-in on UMN-26-041', () => {
	test('with JavaScript: saved once, shown on her record with its milestone', async ({
		mentorPage: page
	}) => {
		const id = await grantIdOf(page, MINE);
		const support = `Үнийн жагсаалт шинэчилсэн (JS ${stamp()}).`;
		await recordCheckIn(page, id, support);
		const card = cardsWith(page, support);
		await expect(card).toHaveCount(1);
		await expect(card).toContainText('Очиж уулзсан');
		await expect(card).toContainText('Анхны борлуулалт хийсэн');
		await expect(card).toContainText(/350[\s,.\u00a0\u202f]000/);
		await expect(card).toContainText('Бүртгэсэн: ');
		// Newest first.
		await expect(page.getByTestId('check-in').first()).toContainText(support);
		await page.reload();
		await expect(cardsWith(page, support)).toHaveCount(1);
	});

	test('without JavaScript: the form posts, with a photo, and the check-in appears once', async ({
		browser
	}) => {
		const { context, page } = await signedInMentor(browser, DEMO_MENTORS.khanbogd, false);
		const id = await grantIdOf(page, MINE);
		const support = `Нягтлан бодох бүртгэл заасан (no JS ${stamp()}).`;
		await recordCheckIn(page, id, support, true);
		const card = cardsWith(page, support);
		await expect(card).toHaveCount(1);
		const src = (await card.locator('.photos img').getAttribute('src')) ?? '';
		expect(src).toMatch(/^\/check-ins\/[0-9a-f]{24}\/photos\/1$/);
		const photo = await page.request.get(src);
		expect(photo.status()).toBe(200);
		expect(Buffer.from(await photo.body()).equals(PNG)).toBe(true);
		await context.close();
	});

	test('bad input is refused beside each field, what she typed is kept, nothing is stored', async ({
		mentorPage: page
	}) => {
		const id = await grantIdOf(page, MINE);
		const form = await openForm(page, id);
		const support = `Буруу оруулга (${stamp()}).`;
		const future = ubDay(3);
		// The browser's own checks (required, max) would stop the form first: let the server judge.
		await form.evaluate((f) => ((f as HTMLFormElement).noValidate = true));
		await form.getByLabel('Уулзсан өдөр').fill(future);
		await form.getByRole('radio', { name: 'Утсаар ярьсан' }).check();
		await form.getByRole('radio', { name: 'Түр хаасан' }).check();
		await fillFigures(form, { sales: '', costs: '120000' });
		await form.getByLabel('Үзүүлсэн дэмжлэг').fill(support);
		await form.getByRole('radio', { name: 'Тийм' }).check();
		await form.getByRole('button', { name: 'Уулзалтыг хадгалах' }).click();

		await expect(page.getByTestId('check-in-form').getByRole('alert').first()).toHaveText(
			'Доор улаанаар тэмдэглэсэн талбаруудыг засна уу. Юу ч хадгалагдаагүй.'
		);
		await expect(page.locator('#ci-on-error')).toHaveText('Өнөөдөр эсвэл өмнөх өдрийг сонгоно уу.');
		await expect(page.locator('#ci-salesMnt-error')).toHaveText(
			'0-ээс их буюу тэнцүү бүхэл төгрөг оруулна уу.'
		);
		await expect(page.locator('#ci-costsMnt-error')).toHaveCount(0);
		const again = page.getByTestId('check-in-form');
		await expect(again.getByLabel('Уулзсан өдөр')).toHaveValue(future);
		await expect(again.getByLabel('Өнгөрсөн сарын борлуулалт (₮)')).toHaveValue('');
		await expect(again.getByLabel('Өнгөрсөн сарын зардал (₮)')).toHaveValue('120000');
		await expect(again.getByLabel('Үзүүлсэн дэмжлэг')).toHaveValue(support);
		await expect(again.getByRole('radio', { name: 'Утсаар ярьсан' })).toBeChecked();
		await expect(again.getByRole('radio', { name: 'Түр хаасан' })).toBeChecked();
		await expect(again.getByRole('radio', { name: 'Тийм' })).toBeChecked();

		// Those fixed, a concern raised without a word about it is refused beside the note.
		await again.evaluate((f) => ((f as HTMLFormElement).noValidate = true));
		await again.getByLabel('Уулзсан өдөр').fill(ubDay());
		await again.getByLabel('Өнгөрсөн сарын борлуулалт (₮)').fill('90000');
		await again.getByRole('button', { name: 'Уулзалтыг хадгалах' }).click();
		await expect(page.locator('#ci-safeguardingNote-error')).toHaveText(
			'Юу санаа зовоосныг товч бичнэ үү.'
		);
		await expect(page.locator('#ci-on-error')).toHaveCount(0);
		await expect(page.locator('#ci-salesMnt-error')).toHaveCount(0);
		await expect(again.getByLabel('Өнгөрсөн сарын борлуулалт (₮)')).toHaveValue('90000');
		await expect(again.getByRole('radio', { name: 'Тийм' })).toBeChecked();
		await expect(again.getByLabel('Үзүүлсэн дэмжлэг')).toHaveValue(support);

		// Verifying on a phone call is refused too (her grant does not wait for it: sent by hand).
		const key = await again.locator('input[name="idempotencyKey"]').inputValue();
		const phone = await page.request.post(`/mentor/grants/${id}/check-in?/save`, {
			multipart: { ...callFields(key, support), verifiesOperating: 'on' },
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(phone.status()).toBe(400);
		expect(await phone.text()).toContain(
			'Ажиллаж байгааг зөвхөн биечлэн очиж, бизнес ажиллаж байхад баталж болно.'
		);

		await page.goto(`/mentor/grants/${id}`);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(cardsWith(page, support)).toHaveCount(0);
	});

	test('the same form sent twice is stored once', async ({ mentorPage: page }) => {
		const id = await grantIdOf(page, MINE);
		const form = await openForm(page, id);
		const key = await form.locator('input[name="idempotencyKey"]').inputValue();
		expect(key).toMatch(/^[A-Za-z0-9-]{16,64}$/);
		const support = `Давхар илгээлт (${stamp()}).`;
		const fields = callFields(key, support);
		const post = () =>
			page.request.post(`/mentor/grants/${id}/check-in?/save`, {
				multipart: fields,
				headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
				maxRedirects: 0
			});
		const first = await post();
		const second = await post();
		expect(first.status()).toBe(303);
		expect(second.status()).toBe(303);
		const location = first.headers()['location'] ?? '';
		expect(location).toMatch(new RegExp(`^/mentor/grants/${id}\\?saved=[0-9a-f]{24}$`));
		expect(second.headers()['location']).toBe(location);
		await page.goto(location);
		await expect(savedMessage(page)).toBeVisible();
		await expect(cardsWith(page, support)).toHaveCount(1);
	});
});

test('at 375 px wide her home, a record and the check-in form do not scroll sideways', async ({
	mentorPage: page
}) => {
	const p1 = await grantIdOf(page, P1);
	const mine = await grantIdOf(page, MINE);
	await page.setViewportSize({ width: 375, height: 800 });
	for (const path of ['/mentor', `/mentor/grants/${p1}`, `/mentor/grants/${mine}/check-in`]) {
		await expectNoSidewaysScroll(page, path);
	}
});
