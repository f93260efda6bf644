// The grantee's side of mentoring: P1 (80000010) sees her mentor, her next visit and her
// check-ins (never a safeguarding mark or note), and adds her own monthly figures, marked as
// self-reported, with and without JavaScript; bad input is refused with what she typed kept, the
// same form sent twice is stored once, and nobody else may use the form. This spec only adds P1's
// self-reports (each with sales of its own, to find it again).
import type { Browser, Locator, Page } from '@playwright/test';
import { DEMO_GRANTEE_PHONE, expect, signInAs, test } from './fixtures';

const MENTOR_NAME = 'Сарантуяа Пүрэв';
const FIGURES = '/applicant/grant/figures';
const SAVED = /\/applicant\/grant\?figures=saved$/;
/** Words about a safeguarding concern in either language: none may reach her. */
const SAFEGUARDING = /хамгаалл|санаа зов|safeguard|concern/i;

/** YYYY-MM of the month `offset` months from now, in Ulaanbaatar (UTC+8) or in UTC. */
function monthFrom(offset: number, zone: 'ub' | 'utc' = 'ub'): string {
	const now = new Date(Date.now() + (zone === 'ub' ? 8 * 60 * 60 * 1000 : 0));
	const index = now.getUTCFullYear() * 12 + now.getUTCMonth() + offset;
	return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
/** The month as her check-in list heads it: 2026.03 сарын тоо. */
const monthHeading = (month: string) => `${month.replace('-', '.')} сарын тоо`;
/** An amount as the pages write it, ₮ 1,234,567, as a RegExp. */
const money = (amount: number) =>
	new RegExp(amount.toLocaleString('en-US').replace(/,/g, '[,\\s\\u00a0\\u202f]'));
/** Unique sales for one run of one test: whole tögrög, 7 digits. */
const uniqueSales = (lead: number) => lead * 1_000_000 + (Date.now() % 1_000_000);

async function granteePage(browser: Browser, javaScriptEnabled = true) {
	const context = await browser.newContext({ javaScriptEnabled });
	const page = await context.newPage();
	await signInAs(page, DEMO_GRANTEE_PHONE);
	// The first sign-in after the server starts can be slow (the password hash, a cold cache).
	await expect(page).toHaveURL(/\/applicant$/, { timeout: 15_000 });
	return page;
}

function checkIns(page: Page) {
	return page.getByTestId('my-check-ins').getByTestId('check-in');
}
const selfReported = (page: Page) => checkIns(page).and(page.locator('[data-source="self"]'));
const cardsWith = (page: Page, sales: number) => checkIns(page).filter({ hasText: money(sales) });

async function openForm(page: Page, javaScript = true) {
	await page.goto(FIGURES);
	await expect(page.getByRole('heading', { level: 1, name: 'Сарын тоогоо оруулах' })).toBeVisible();
	// Let the page hydrate first: a choice made before it can be reset.
	if (javaScript) await page.waitForLoadState('networkidle');
	return page.getByTestId('self-report-form');
}

async function fillFigures(
	form: Locator,
	figures: {
		month?: string;
		status?: string;
		sales: string;
		costs: string;
		customers: string;
		owner: string;
		paid: string;
		family: string;
		problems?: string;
	}
) {
	if (figures.month !== undefined) await form.getByLabel('Аль сарын тоо').fill(figures.month);
	if (figures.status) await form.getByRole('radio', { name: figures.status }).check();
	await form.getByLabel('Өнгөрсөн сарын борлуулалт (₮)').fill(figures.sales);
	await form.getByLabel('Өнгөрсөн сарын зардал (₮)').fill(figures.costs);
	await form.getByLabel('Долоо хоногт үйлчлүүлэгч').fill(figures.customers);
	await form.getByLabel('Эзэн (өөрөө)').fill(figures.owner);
	await form.getByLabel('Цалинтай ажилтан').fill(figures.paid);
	await form.getByLabel('Цалингүй гэр бүлийн гишүүн').fill(figures.family);
	if (figures.problems !== undefined) {
		await form.getByLabel('Тулгарсан асуудал').fill(figures.problems);
	}
}

test.describe('her business check-ins', () => {
	test('she sees her mentor, her next visit, the schedule, the mentor’s check-ins and her own months, and nothing about safeguarding', async ({
		browser
	}) => {
		const page = await granteePage(browser);
		await page.goto('/applicant/grant');
		const section = page.getByRole('region', { name: 'Миний бизнесийн уулзалтууд' });
		await expect(section.getByTestId('my-mentor')).toHaveText(MENTOR_NAME);
		// Visits 1–6 done, the next one planned.
		await expect(section.getByTestId('my-next-visit')).toContainText('гэхэд');
		await expect(section.getByTestId('my-next-visit')).toContainText('Төлөвлөсөн');
		await expect(section).toContainText('6 / 12');

		await section.getByText('Уулзалтын хуваарийг харах').click();
		const schedule = section.getByTestId('visit-schedule');
		await expect(schedule.locator('tbody tr')).toHaveCount(12);
		await expect(schedule.locator('tbody tr[data-state="done"]')).toHaveCount(6);

		// Her mentor's six check-ins, the second verifying the business, the sixth with a photo.
		const mentor = checkIns(page).and(page.locator('[data-source="mentor"]'));
		await expect(mentor).toHaveCount(6);
		await expect(mentor.filter({ hasText: 'Ажиллаж байгааг баталсан' })).toHaveCount(1);
		await expect(mentor.filter({ has: page.locator('img') })).toHaveCount(1);
		await expect(mentor.first()).toContainText('Очиж уулзсан');

		// Her two earlier months, marked as self-reported (the demo wrote them a month apart).
		const own = selfReported(page);
		await expect(own).toHaveCount(2);
		for (const offset of [-1, -2]) {
			const card = own.filter({
				has: page.getByRole('heading', { name: monthHeading(monthFrom(offset, 'utc')) })
			});
			await expect(card).toHaveCount(1);
			await expect(card).toContainText('Өөрөө мэдээлсэн');
		}
		await expect(own.filter({ hasText: 'Цахилгаан тасарсан өдрүүд байсан.' })).toHaveCount(1);

		await expect(page.getByRole('link', { name: 'Энэ сарын тоогоо оруулах' })).toHaveAttribute(
			'href',
			FIGURES
		);
		expect(await page.locator('main').innerText()).not.toMatch(SAFEGUARDING);
		await page.goto(FIGURES);
		expect(await page.locator('main').innerText()).not.toMatch(SAFEGUARDING);

		// In English too.
		await page.goto('/applicant/grant');
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('My grant');
		await expect(
			page.getByRole('region', { name: 'My business check-ins' }).getByTestId('check-in')
		).toHaveCount(8);
		await expect(page.getByRole('link', { name: 'Add this month’s figures' })).toBeVisible();
		expect(await page.locator('main').innerText()).not.toMatch(SAFEGUARDING);
		await page.goto(FIGURES);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Add my monthly figures');
		expect(await page.locator('main').innerText()).not.toMatch(SAFEGUARDING);
		await page.context().close();
	});

	test('with JavaScript she adds this month’s figures: stored once, marked self-reported', async ({
		browser
	}) => {
		const page = await granteePage(browser);
		await page.goto('/applicant/grant');
		const before = await selfReported(page).count();
		await page.getByRole('link', { name: 'Энэ сарын тоогоо оруулах' }).click();
		await expect(page).toHaveURL(new RegExp(`${FIGURES}$`));
		await page.waitForLoadState('networkidle');
		const form = page.getByTestId('self-report-form');
		// This month in Ulaanbaatar is already chosen.
		await expect(form.getByLabel('Аль сарын тоо')).toHaveValue(monthFrom(0));

		const sales = uniqueSales(1);
		await fillFigures(form, {
			status: 'Ажиллаж байна',
			sales: String(sales),
			costs: '640000',
			customers: '30',
			owner: '1',
			paid: '1',
			family: '2',
			problems: 'Энэ сард захиалга олон байсан.'
		});
		await form.getByRole('button', { name: 'Тоогоо хадгалах' }).click();

		await expect(page).toHaveURL(SAVED);
		await expect(page.getByRole('status')).toHaveText('Баярлалаа! Таны сарын тоо хадгалагдлаа.');
		await expect(selfReported(page)).toHaveCount(before + 1);
		const card = cardsWith(page, sales);
		await expect(card).toHaveCount(1);
		await expect(card).toHaveAttribute('data-source', 'self');
		await expect(card).toContainText('Өөрөө мэдээлсэн');
		await expect(card.getByRole('heading')).toHaveText(monthHeading(monthFrom(0)));
		await expect(card).toContainText('Энэ сард захиалга олон байсан.');
		await expect(card).toContainText(money(sales - 640_000));
		await expect(card).toContainText('эзэн 1 · цалинтай 1 · гэр бүлийн 2');
		// Newest first: hers, sent today, heads the list.
		await expect(checkIns(page).first()).toHaveAttribute('data-source', 'self');

		// Reloading the page after saving does not store it again.
		await page.reload();
		await expect(cardsWith(page, sales)).toHaveCount(1);
		await page.context().close();
	});

	test('without JavaScript she adds figures for an earlier month, typed, amounts grouped', async ({
		browser
	}) => {
		const page = await granteePage(browser, false);
		const form = await openForm(page, false);
		const month = monthFrom(-3);
		const sales = uniqueSales(2);
		const grouped = sales.toLocaleString('en-US').replace(/,/g, ' ');
		await fillFigures(form, {
			month,
			status: 'Түр хаасан',
			sales: grouped,
			costs: '300,000',
			customers: '4',
			owner: '1',
			paid: '0',
			family: '0'
		});
		await form.getByRole('button', { name: 'Тоогоо хадгалах' }).click();

		await expect(page).toHaveURL(SAVED);
		await expect(page.getByRole('status')).toHaveText('Баярлалаа! Таны сарын тоо хадгалагдлаа.');
		const card = cardsWith(page, sales);
		await expect(card).toHaveCount(1);
		await expect(card).toContainText('Өөрөө мэдээлсэн');
		await expect(card).toContainText('Түр хаасан');
		await expect(card).toContainText(money(300_000));
		await expect(card.getByRole('heading')).toHaveText(monthHeading(month));
		await page.context().close();
	});

	test('bad input is refused with a message beside each field, what she typed is kept, nothing stored', async ({
		browser
	}) => {
		const page = await granteePage(browser);
		await page.goto('/applicant/grant');
		const before = await selfReported(page).count();
		const form = await openForm(page);
		// The browser's own checks (required, the latest month) would stop her first; the server
		// must refuse too.
		await form.evaluate((element: HTMLFormElement) => (element.noValidate = true));
		const future = monthFrom(1);
		await fillFigures(form, {
			month: future,
			status: 'Ажиллаж байна',
			sales: '-5000',
			costs: '',
			customers: '12',
			owner: '1',
			paid: '1.5',
			family: '0',
			problems: 'Бараа дууссан.'
		});
		await form.getByRole('button', { name: 'Тоогоо хадгалах' }).click();

		await expect(page.getByRole('alert').first()).toHaveText(
			'Улаанаар тэмдэглэсэн хэсгийг засаад дахин хадгална уу.'
		);
		await expect(page).toHaveURL(new RegExp(`${FIGURES}`));
		await expect(page.locator('#sr-month-error')).toHaveText(
			'Энэ сар эсвэл өмнөх сарыг сонгоно уу.'
		);
		await expect(page.locator('#sr-salesMnt-error')).toHaveText(
			'0-ээс их буюу тэнцүү бүхэл төгрөг оруулна уу.'
		);
		await expect(page.locator('#sr-costsMnt-error')).toHaveText(
			'0-ээс их буюу тэнцүү бүхэл төгрөг оруулна уу.'
		);
		await expect(page.locator('#sr-workersPaid-error')).toHaveText(
			'0-ээс 10 000 хүртэлх бүхэл тоо оруулна уу.'
		);
		await expect(page.locator('#sr-customersPerWeek-error')).toHaveCount(0);
		await expect(form.getByLabel('Өнгөрсөн сарын борлуулалт (₮)')).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		await expect(form.getByLabel('Аль сарын тоо')).toHaveValue(future);
		await expect(form.getByLabel('Өнгөрсөн сарын борлуулалт (₮)')).toHaveValue('-5000');
		await expect(form.getByLabel('Долоо хоногт үйлчлүүлэгч')).toHaveValue('12');
		await expect(form.getByLabel('Цалинтай ажилтан')).toHaveValue('1.5');
		await expect(form.getByLabel('Тулгарсан асуудал')).toHaveValue('Бараа дууссан.');
		await expect(form.getByRole('radio', { name: 'Ажиллаж байна' })).toBeChecked();

		await page.goto('/applicant/grant');
		await expect(selfReported(page)).toHaveCount(before);
		await page.context().close();
	});

	test('without JavaScript, a form sent blank is refused with a message on every figure', async ({
		browser
	}) => {
		const page = await granteePage(browser, false);
		await openForm(page, false);
		const key = await page.locator('input[name="idempotencyKey"]').inputValue();
		// What a browser without the required checks would send: nothing filled in.
		const response = await page.request.post(`${FIGURES}?/save`, {
			form: {
				idempotencyKey: key,
				month: '',
				salesMnt: '',
				costsMnt: ' ',
				customersPerWeek: '',
				workersOwner: '',
				workersPaid: '',
				workersFamily: '',
				problems: 'Хоосон илгээлт'
			},
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(response.status()).toBe(400);
		const html = await response.text();
		expect(html).toContain('Бизнесийн байдлыг сонгоно уу.');
		expect(html).toContain('Энэ сар эсвэл өмнөх сарыг сонгоно уу.');
		expect(html.match(/0-ээс их буюу тэнцүү бүхэл төгрөг оруулна уу\./g)).toHaveLength(2);
		expect(html.match(/0-ээс 10 000 хүртэлх бүхэл тоо оруулна уу\./g)).toHaveLength(4);
		expect(html).toContain('Хоосон илгээлт');
		// The same key, to send again once corrected.
		expect(html).toContain(`value="${key}"`);
		await page.context().close();
	});

	test('the same form sent twice is stored once', async ({ browser }) => {
		const page = await granteePage(browser);
		await openForm(page);
		const key = await page.locator('input[name="idempotencyKey"]').inputValue();
		expect(key).toMatch(/^[A-Za-z0-9-]{16,64}$/);
		const sales = uniqueSales(3);
		const post = () =>
			page.request.post(`${FIGURES}?/save`, {
				form: {
					idempotencyKey: key,
					month: monthFrom(-4),
					businessStatus: 'operating',
					salesMnt: String(sales),
					costsMnt: '100000',
					customersPerWeek: '10',
					workersOwner: '1',
					workersPaid: '0',
					workersFamily: '1',
					problems: ''
				},
				headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
				maxRedirects: 0
			});
		const first = await post();
		const second = await post();
		expect(first.status()).toBe(303);
		expect(second.status()).toBe(303);
		expect(first.headers()['location']).toBe('/applicant/grant?figures=saved');
		expect(second.headers()['location']).toBe('/applicant/grant?figures=saved');
		await page.goto('/applicant/grant');
		await expect(cardsWith(page, sales)).toHaveCount(1);
		await page.context().close();
	});

	test('at 375 px wide her grant page and the form do not scroll sideways', async ({ browser }) => {
		const page = await granteePage(browser);
		await page.setViewportSize({ width: 375, height: 800 });
		for (const path of ['/applicant/grant', FIGURES]) {
			await page.goto(path);
			const [scroll, client] = await page.evaluate(() => [
				document.documentElement.scrollWidth,
				document.documentElement.clientWidth
			]);
			expect(scroll, path).toBeLessThanOrEqual(client);
		}
		// Big enough to tap.
		const button = page.getByRole('button', { name: 'Тоогоо хадгалах' });
		expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(44);
		await page.context().close();
	});
});

test.describe('who may use the form', () => {
	test('an applicant without a grant gets 404', async ({ applicantPage: page }) => {
		const response = await page.goto(FIGURES);
		expect(response?.status()).toBe(404);
		const post = await page.request.post(`${FIGURES}?/save`, {
			form: { idempotencyKey: 'a'.repeat(20), month: monthFrom(0) },
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(post.status()).toBe(404);
	});

	test('a mentor and a coordinator get 403', async ({ mentorPage, coordinatorPage }) => {
		for (const page of [mentorPage, coordinatorPage]) {
			const response = await page.goto(FIGURES);
			expect(response?.status()).toBe(403);
			const post = await page.request.post(`${FIGURES}?/save`, {
				form: { idempotencyKey: 'a'.repeat(20), month: monthFrom(0) },
				headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
				maxRedirects: 0
			});
			expect(post.status()).toBe(403);
		}
	});
});
