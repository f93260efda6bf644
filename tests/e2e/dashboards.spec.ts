// The programme dashboards: on the coordinators' home (funnel and money at a glance) and on
// /staff/reports (every chart of a cohort). Each chart is drawn on its canvas with no console
// or page error, on a desktop and on a 375 px phone without the page scrolling sideways; each
// has its data table with the demo's figures, there without JavaScript too; chart.js is loaded
// by the pages with charts only; a cohort that does not exist is a 404; and only coordinators
// see the dashboard. This spec changes nothing.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from '@playwright/test';
import { DEMO_PHONES, expect, signInAs, test } from './fixtures';

test.describe.configure({ timeout: 90_000 });

/** This build's chunk holding chart.js: its name is a hash, its text carries chart.js's own. */
function chartChunks(): string[] {
	const dir = path.join(process.env.BUILD_DIR ?? 'build', 'client', '_app', 'immutable', 'chunks');
	const chunks = readdirSync(dir).filter(
		(file) =>
			file.endsWith('.js') &&
			readFileSync(path.join(dir, file), 'utf8').includes('Canvas is already in use')
	);
	expect(chunks, 'the chart.js chunk of the build').toHaveLength(1);
	return chunks;
}

/** Every script the page asks for, and every console error and uncaught error it has. */
function watch(page: Page) {
	const scripts: string[] = [];
	const errors: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'script') scripts.push(request.url());
	});
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	return { scripts, errors };
}

async function coordinatorIn(browser: Browser, viewport?: { width: number; height: number }) {
	const context = await browser.newContext(viewport ? { viewport } : {});
	const page = await context.newPage();
	const seen = watch(page);
	await signInAs(page, DEMO_PHONES.coordinator);
	await expect(page).toHaveURL(/\/staff$/);
	return { context, page, seen };
}

/** The chart is made (data-ready) and has painted something on its canvas. */
async function expectDrawn(figure: Locator) {
	const canvas = figure.locator('canvas').first();
	await expect(canvas).toHaveAttribute('data-ready', 'true');
	await expect(canvas).toHaveAttribute('role', 'img');
	const painted = await canvas.evaluate((c: HTMLCanvasElement) => {
		const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
		for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) return true;
		return false;
	});
	expect(painted, 'pixels drawn on the canvas').toBe(true);
}

/** The figure of a row of a chart's data table, by the row's heading. */
async function cell(figure: Locator, row: string, column = 1) {
	const text = await figure
		.locator('tbody tr')
		.filter({ has: figure.page().locator('th', { hasText: row }) })
		.first()
		.locator('td')
		.nth(column - 1)
		.textContent();
	return (text ?? '').trim();
}

/** The demo's funnel and budget in the tables of the funnel and money charts. */
async function expectDemoFigures(page: Page) {
	const funnel = page.getByTestId('funnel-chart');
	expect(await cell(funnel, 'Амьдрах ухааны сургалт')).toBe('100');
	// Other specs complete a business-plan course now and then.
	expect(Number(await cell(funnel, 'Бизнес төлөвлөгөөний сургалт'))).toBeGreaterThanOrEqual(50);
	expect(Number(await cell(funnel, 'Төлөвлөгөө илгээсэн'))).toBeGreaterThanOrEqual(40);
	expect(Number(await cell(funnel, 'Тусламж шийдвэрлэсэн'))).toBeGreaterThanOrEqual(20);
	expect(Number(await cell(funnel, 'Эхний хэсэг олгосон'))).toBeGreaterThanOrEqual(4);
	const money = page.getByTestId('money-chart');
	expect(await cell(money, 'Төсөв')).toMatch(/^₮\s?100,000,000$/);
}

const VIEWPORTS = [
	{ name: 'a desktop', viewport: undefined },
	{ name: 'a 375 px phone', viewport: { width: 375, height: 740 } }
];

for (const { name, viewport } of VIEWPORTS) {
	test(`the funnel and money charts are drawn on /staff and /staff/reports on ${name}`, async ({
		browser
	}) => {
		const { context, page, seen } = await coordinatorIn(browser, viewport);
		const fits = async () => {
			if (!viewport) return;
			const width = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(width, 'no sideways scrolling').toBeLessThanOrEqual(viewport.width + 1);
		};

		// The home: the cohort at a glance, after the safeguarding card.
		const summary = page.getByTestId('dashboard-summary');
		await expect(summary.getByRole('heading', { name: 'Товч самбар' })).toBeVisible();
		for (const id of ['funnel-chart', 'money-chart']) await expectDrawn(page.getByTestId(id));
		await expect(page.getByTestId('funnel-chart').locator('canvas')).toHaveAttribute(
			'aria-label',
			/Амьдрах ухааны сургалт: 100/
		);
		await expectDemoFigures(page);
		await fits();
		await expect(page.getByTestId('safeguarding-card')).toBeVisible();
		const quickLinks = page.getByRole('navigation', { name: 'Түргэн холбоос' });
		await expect(quickLinks.getByRole('link', { name: 'Хөтөлбөрийн самбар' })).toHaveAttribute(
			'href',
			'/staff/reports'
		);
		await expect(quickLinks.getByRole('link', { name: 'Донорын үзүүлэлт' })).toBeVisible();
		await expect(quickLinks.getByRole('link', { name: 'Өгөгдөл татах' })).toBeVisible();

		// The full dashboard, through the home's link.
		await summary.getByRole('link', { name: 'Бүрэн самбар' }).click();
		await expect(page).toHaveURL(/\/staff\/reports$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Хөтөлбөрийн самбар');
		await expect(page.getByText('Бүлэг: Umnugobi 2026')).toBeVisible();
		await expect(page.getByText(/байдлаар$/)).toBeVisible();
		for (const id of [
			'funnel-chart',
			'funnel-soum-chart',
			'money-chart',
			'paid-chart',
			'categories-chart',
			'operating-chart',
			'mentoring-chart'
		]) {
			await expectDrawn(page.getByTestId(id));
		}
		await expectDemoFigures(page);
		await fits();
		// Open safeguarding concerns: a count and the way to them, never what they say.
		const totals = page.getByTestId('mentoring-totals');
		await expect(totals).toContainText('Шийдвэрлээгүй хамгааллын асуудал');
		await expect(totals.getByRole('link')).toHaveAttribute('href', '/staff/safeguarding');

		// Opened afresh (a full load, not through the app).
		await page.reload();
		await expectDrawn(page.getByTestId('funnel-chart'));
		await expectDrawn(page.getByTestId('money-chart'));
		await fits();

		expect(seen.errors, 'console and page errors').toEqual([]);
		await context.close();
	});
}

test('chart.js is loaded by the pages with charts only', async ({ browser }) => {
	const [chunk] = chartChunks();
	const { context, page, seen } = await coordinatorIn(browser);
	await expectDrawn(page.getByTestId('money-chart'));
	expect(seen.scripts.some((url) => url.endsWith(`/${chunk}`))).toBe(true);

	seen.scripts.length = 0;
	await page.goto('/staff/participants');
	await page.waitForLoadState('networkidle');
	expect(seen.scripts.length).toBeGreaterThan(0);
	expect(seen.scripts.filter((url) => url.endsWith(`/${chunk}`))).toEqual([]);
	await context.close();
});

test('choosing a cohort works without JavaScript; an unknown one is a 404 with a message', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signInAs(page, DEMO_PHONES.coordinator);
	await expect(page).toHaveURL(/\/staff$/);
	// The home's tables stand open in place of the charts.
	await expect(page.getByTestId('funnel-chart').getByRole('table')).toBeVisible();
	await expectDemoFigures(page);

	await page.goto('/staff/reports');
	const chooser = page.getByLabel('Бүлэг', { exact: true });
	await expect(chooser.locator('option:checked')).toContainText('Umnugobi 2026');
	await page.getByRole('button', { name: 'Харуулах' }).click();
	await expect(page).toHaveURL(/\/staff\/reports\?cohort=[a-f0-9]{24}$/);
	for (const id of ['funnel-chart', 'funnel-soum-chart', 'money-chart', 'mentoring-chart']) {
		await expect(page.getByTestId(id).getByRole('table')).toBeVisible();
	}
	await expect(page.getByTestId('funnel-chart').locator('canvas')).toHaveCount(0);
	await expectDemoFigures(page);

	for (const bad of ['nope', '0123456789abcdef01234567']) {
		const response = await page.goto(`/staff/reports?cohort=${bad}`);
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { name: 'Хуудас олдсонгүй' })).toBeVisible();
	}
	await context.close();
});

test('finance, mentors and the admin are refused the dashboard', async ({ browser }) => {
	for (const phone of [DEMO_PHONES.finance, DEMO_PHONES.mentor, DEMO_PHONES.admin]) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await signInAs(page, phone);
		await page.waitForURL((url) => url.pathname !== '/login');
		const response = await page.goto('/staff/reports');
		expect(response?.status(), phone).toBe(403);
		await context.close();
	}
});
