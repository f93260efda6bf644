// Fewer bytes over a slow connection (issue 9): the portal's pages, page data, JSON and CSV
// (from 1 KB, or of unknown length) arrive compressed, brotli or gzip for a browser that takes
// only gzip, and decode to what they were; the build's files are sent precompressed and cached
// for a year as immutable, while the service worker and the other files at the root are not
// (a new build must reach the phone).
import type { APIResponse } from '@playwright/test';
import { expect, test } from './fixtures';
import { parseCsv } from './csv';

const BR_OR_GZIP = 'gzip, deflate, br';
const YEAR = 31536000;

function encodingOf(response: APIResponse): string | undefined {
	return response.headers()['content-encoding'];
}

/** The Vary header names Accept-Encoding: a cache keeps the br and the plain copies apart. */
function expectVaryOnEncoding(response: APIResponse) {
	expect(response.headers()['vary'] ?? '').toMatch(/accept-encoding/i);
}

test('the sign-in page arrives brotli-encoded, or gzip-encoded when only gzip is taken', async ({
	page,
	request
}) => {
	const navigation = await page.goto('/login');
	expect(navigation?.status()).toBe(200);
	expect(await navigation?.headerValue('content-encoding')).toBe('br');
	await expect(page.locator('#phone')).toBeVisible();

	const gzip = await request.get('/login', { headers: { 'accept-encoding': 'gzip' } });
	expect(encodingOf(gzip)).toBe('gzip');
	expectVaryOnEncoding(gzip);
	expect(gzip.headers()['content-length']).toBeUndefined();
	expect(await gzip.text()).toContain('id="phone"');

	const plain = await request.get('/login', { headers: { 'accept-encoding': 'identity' } });
	expect(encodingOf(plain)).toBeUndefined();
	expectVaryOnEncoding(plain);
	expect(await plain.text()).toContain('id="phone"');
});

test('a signed-in page and its __data.json arrive compressed; a JSON under 1 KB is sent as is', async ({
	coordinatorPage: page
}) => {
	const navigation = await page.goto('/staff/reports');
	expect(await navigation?.headerValue('content-encoding')).toBe('br');

	const data = await page.request.get('/staff/reports/__data.json', {
		headers: { 'accept-encoding': BR_OR_GZIP }
	});
	expect(data.status()).toBe(200);
	expect(data.headers()['content-type']).toBe('application/json');
	expect(encodingOf(data)).toBe('br');
	expectVaryOnEncoding(data);
	expect(data.headers()['cache-control']).toBe('private, no-store');
	expect((await data.json()) as { type: string }).toMatchObject({ type: 'data' });

	// The indicators are some 400 bytes: one packet either way, so they go as they are.
	const json = await page.request.get('/staff/reports/indicators.json', {
		headers: { 'accept-encoding': BR_OR_GZIP }
	});
	expect(json.status()).toBe(200);
	expect(Number(json.headers()['content-length'])).toBeLessThan(1024);
	expect(encodingOf(json)).toBeUndefined();
	const indicators = (await json.json()) as { cohort?: { code?: string }; grantsAwarded?: number };
	expect(indicators.cohort?.code).toBeTruthy();
	expect(typeof indicators.grantsAwarded).toBe('number');
});

test('a streamed CSV export arrives compressed and is still a whole, correct CSV', async ({
	coordinatorPage: page
}) => {
	for (const encoding of ['br', 'gzip']) {
		const response = await page.request.get('/staff/exports/participants', {
			headers: { 'accept-encoding': encoding }
		});
		expect(response.status()).toBe(200);
		expect(encodingOf(response)).toBe(encoding);
		expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
		expect(response.headers()['content-disposition']).toMatch(/^attachment; filename=".+\.csv"$/);
		const bytes = await response.body();
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const rows = parseCsv(bytes.toString('utf8').slice(1));
		expect(rows[0]?.[0]).toBe('Код');
		const expected = Number(response.headers()['x-expected-rows']);
		// Other specs register women meanwhile: at least the rows announced, all of one width.
		expect(rows.length - 1).toBeGreaterThanOrEqual(expected);
		expect(expected).toBeGreaterThanOrEqual(100);
		expect(new Set(rows.map((row) => row.length)).size).toBe(1);
	}
});

test('the build files are immutable for a year; the service worker and root files are not', async ({
	page,
	request
}) => {
	await page.goto('/login');
	const script = await page.locator('link[rel="modulepreload"]').first().getAttribute('href');
	expect(script).toMatch(/\/_app\/immutable\/.+\.js$/);
	const asset = await request.get(new URL(script!, page.url()).pathname, {
		headers: { 'accept-encoding': BR_OR_GZIP }
	});
	expect(asset.status()).toBe(200);
	expect(encodingOf(asset)).toBe('br'); // the build's own .br file
	const cacheControl = asset.headers()['cache-control'] ?? '';
	expect(cacheControl).toContain('immutable');
	expect(cacheControl).toContain(`max-age=${YEAR}`);

	for (const path of ['/service-worker.js', '/favicon.svg', '/_app/version.json']) {
		const file = await request.get(path, { headers: { 'accept-encoding': BR_OR_GZIP } });
		expect(file.status(), path).toBe(200);
		const control = file.headers()['cache-control'] ?? '';
		expect(control, path).not.toContain('immutable');
		expect(control, path).not.toMatch(/max-age=[1-9]/);
	}
});
