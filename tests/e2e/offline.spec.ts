// The check-in with a bad connection (issue 7, docs/offline.md): the page opens from the phone's
// copy when offline, a check-in saved offline waits on the phone (and survives a reload), is sent
// when the connection returns and is stored exactly once, also when the server stored it but its
// answer was lost; signing out takes her pages off the phone; without JavaScript the form is an
// ordinary POST. Mutates only UMN-26-037 (check-ins).
import type { Locator, Page } from '@playwright/test';
import { DEMO_MENTORS, expect, signInAs, test } from './fixtures';
import { GRANT_DEMO } from './grantDemo';
import { stamp } from './steps';

const MINE = GRANT_DEMO.Q10; // UMN-26-037: signed, assigned to the Khanbogd mentor (80000005)

/** Her grant's id, from her home's link to the check-in form. */
async function grantIdOf(page: Page, code: string): Promise<string> {
	await page.goto('/mentor');
	const href = await page
		.locator(`[data-testid="caseload-row"][data-code="${code}"] a[href$="/check-in"]`)
		.getAttribute('href');
	const id = href?.match(/[0-9a-f]{24}/)?.[0];
	expect(id, code).toBeTruthy();
	return id!;
}

/**
 * The service worker is active and controls this page. It claims the pages open when it
 * activates; a page whose navigation began just before that is left to itself, and is looked
 * after from her next page on, so such a page is opened again.
 */
async function serviceWorkerInCharge(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	if (!(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)))) {
		await page.reload();
	}
	await expect
		.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)))
		.toBe(true);
}

/** Whether the phone keeps a copy of this path (in any of the portal's caches). */
const cached = (page: Page, path: string) =>
	page.evaluate(async (p) => Boolean(await caches.match(p, { ignoreVary: true })), path);

/**
 * Opens the check-in form, and waits until the phone can open it offline (the app's files and
 * the page kept by the service worker) and the form keeps its check-ins on the phone.
 */
async function openForm(page: Page, grantId: string): Promise<Locator> {
	const path = `/mentor/grants/${grantId}/check-in`;
	await page.goto(path);
	await expect(page.locator('html[data-offline-ready="true"]')).toHaveCount(1, {
		timeout: 15_000
	});
	expect(await cached(page, path)).toBe(true);
	const form = page.getByTestId('check-in-form');
	await expect(form).toHaveAttribute('data-offline', 'ready');
	return form;
}

/** A call, the business operating, and a note made unique by the test. */
async function fillCall(form: Locator, note: string) {
	await form.getByRole('radio', { name: 'Утсаар ярьсан' }).check();
	await form.getByRole('radio', { name: 'Ажиллаж байна' }).check();
	await form.getByLabel('Өнгөрсөн сарын борлуулалт (₮)').fill('250000');
	await form.getByLabel('Өнгөрсөн сарын зардал (₮)').fill('150000');
	await form.getByLabel('Долоо хоногт үйлчлүүлэгч').fill('12');
	await form.getByLabel('Эзэн (өөрөө)').fill('1');
	await form.getByLabel('Цалинтай ажилтан').fill('0');
	await form.getByLabel('Цалингүй гэр бүлийн гишүүн').fill('1');
	await form.getByLabel('Үзүүлсэн дэмжлэг').fill(note);
}

const outbox = (page: Page) => page.getByTestId('outbox');
const waitingEntry = (page: Page) => page.getByTestId('outbox-entry').filter({ hasText: MINE });

/** On her record page, the check-in cards carrying the note: exactly one. */
async function storedOnce(page: Page, grantId: string, note: string) {
	await page.goto(`/mentor/grants/${grantId}`);
	const cards = page.getByTestId('check-in').filter({ hasText: note });
	await expect(cards).toHaveCount(1);
	return cards;
}

test.describe('a check-in with a bad connection', () => {
	// Each signs in, opens her home and her grantee's record: slow pages on a small machine.
	test.describe.configure({ timeout: 60_000 });

	test('saved offline, it waits on the phone, survives a reload and is stored once', async ({
		mentorPage: page
	}) => {
		const context = page.context();
		const grantId = await grantIdOf(page, MINE);
		await serviceWorkerInCharge(page);
		const form = await openForm(page, grantId);

		await context.setOffline(true);
		const note = `Холболтгүй тэмдэглэл ${stamp()}`;
		await fillCall(form, note);
		await form.getByRole('button', { name: 'Уулзалтыг хадгалах' }).click();

		await expect(outbox(page).getByRole('status').first()).toContainText(
			'энэ утсанд хадгаллаа; холболт сэргэхэд илгээгдэнэ'
		);
		await expect(waitingEntry(page)).toContainText('Илгээгдэхийг хүлээж байна');
		// Ready for the next one: as first shown, today's date kept.
		await expect(form.getByLabel('Үзүүлсэн дэмжлэг')).toHaveValue('');
		await expect(form.getByLabel('Өнгөрсөн сарын борлуулалт (₮)')).toHaveValue('');
		await expect(form.getByLabel('Уулзсан өдөр')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
		await expect(form.getByRole('radio', { name: 'Үгүй' })).toBeChecked();

		// Still offline: the page comes from the phone's copy, and the check-in still waits.
		await page.reload();
		await expect(page.locator('[data-offline-copy]')).toBeVisible();
		await expect(page.getByTestId('check-in-form')).toBeVisible();
		await expect(waitingEntry(page)).toContainText('Илгээгдэхийг хүлээж байна');

		// Back online: sent by itself, and no longer waiting.
		await context.setOffline(false);
		await expect(outbox(page)).toContainText(`Илгээгдлээ: ${MINE}`);
		await expect(waitingEntry(page)).toHaveCount(0);

		const card = await storedOnce(page, grantId, note);
		await expect(card).toContainText('Утаснаас дараа нь илгээсэн');
	});

	test('stored by the server but the answer lost: sent again, still stored once', async ({
		mentorPage: page
	}) => {
		const grantId = await grantIdOf(page, MINE);
		await serviceWorkerInCharge(page);
		const form = await openForm(page, grantId);

		// The POST reaches the server, which stores it; its answer never reaches the phone.
		let answered = '';
		await page.route('**/check-in?/save', async (route) => {
			const response = await route.fetch();
			answered = await response.text();
			await route.abort('connectionfailed');
		});
		const note = `Хариу алга болсон ${stamp()}`;
		await fillCall(form, note);
		await form.getByRole('button', { name: 'Уулзалтыг хадгалах' }).click();
		await expect(waitingEntry(page)).toContainText('Илгээгдэхийг хүлээж байна');
		expect(answered).toContain('"type":"redirect"');
		await page.unroute('**/check-in?/save');

		// Sent again with the same key: the server answers with the check-in it already has.
		await outbox(page).getByRole('button', { name: 'Одоо илгээх' }).click();
		await expect(outbox(page)).toContainText(`Илгээгдлээ: ${MINE}`);
		await expect(waitingEntry(page)).toHaveCount(0);
		await storedOnce(page, grantId, note);
	});

	test('refused when sent later: it stays listed with the reason until she discards it', async ({
		mentorPage: page
	}) => {
		const context = page.context();
		const grantId = await grantIdOf(page, MINE);
		const form = await openForm(page, grantId);

		// Saved offline for a day before her grant was signed: the server will refuse it.
		await context.setOffline(true);
		const note = `Татгалзах тэмдэглэл ${stamp()}`;
		await fillCall(form, note);
		await form.getByLabel('Уулзсан өдөр').fill('2021-03-01');
		await form.getByRole('button', { name: 'Уулзалтыг хадгалах' }).click();
		await expect(waitingEntry(page)).toContainText('Илгээгдэхийг хүлээж байна');

		await context.setOffline(false);
		const refused = waitingEntry(page);
		await expect(refused).toContainText('Хүлээж аваагүй');
		await expect(refused).toContainText('Гэрээ байгуулахаас өмнөх өдөр байж болохгүй.');
		// What she typed is still there to copy, and nothing was stored.
		await refused.getByText('Хадгалсан утгууд').click();
		await expect(refused).toContainText(note);
		await page.reload();
		await expect(waitingEntry(page)).toContainText('Хүлээж аваагүй');

		// Discarding asks first; declined, it stays.
		page.once('dialog', (dialog) => void dialog.dismiss());
		await waitingEntry(page).getByRole('button', { name: 'Устгах' }).click();
		await expect(waitingEntry(page)).toHaveCount(1);
		page.once('dialog', (dialog) => void dialog.accept());
		await waitingEntry(page).getByRole('button', { name: 'Устгах' }).click();
		await expect(waitingEntry(page)).toHaveCount(0);

		await page.goto(`/mentor/grants/${grantId}`);
		await expect(page.getByTestId('check-in').filter({ hasText: note })).toHaveCount(0);
	});

	test('a session that ended keeps the check-in on the phone; signed in again, it is sent', async ({
		mentorPage: page
	}) => {
		const grantId = await grantIdOf(page, MINE);
		const form = await openForm(page, grantId);
		const path = `/mentor/grants/${grantId}/check-in`;

		// The session ends (here: its cookie is gone) while she fills the form.
		await page.context().clearCookies();
		const note = `Нэвтрэлт дууссан ${stamp()}`;
		await fillCall(form, note);
		await form.getByRole('button', { name: 'Уулзалтыг хадгалах' }).click();
		await expect(outbox(page)).toContainText('дахин нэвтэрсний дараа илгээгдэнэ');
		await expect(waitingEntry(page)).toContainText('Илгээгдэхийг хүлээж байна');

		// Her pages redirect to the sign-in page now: their copies leave the phone.
		await page.goto(path);
		await expect(page).toHaveURL(/\/login/);
		expect(await cached(page, path)).toBe(false);

		// Signed in again, the check-in goes by itself, once.
		await signInAs(page, DEMO_MENTORS.khanbogd);
		await expect(page).toHaveURL(/\/mentor$/);
		await expect(outbox(page)).toContainText(`Илгээгдлээ: ${MINE}`);
		await storedOnce(page, grantId, note);
	});

	test('signing out takes her pages off the phone; other pages are never kept', async ({
		mentorPage: page
	}) => {
		const grantId = await grantIdOf(page, MINE);
		await serviceWorkerInCharge(page);
		await openForm(page, grantId);
		await page.goto('/account');
		expect(await cached(page, '/account')).toBe(false);
		expect(await cached(page, `/mentor/grants/${grantId}/check-in`)).toBe(true);

		await page.getByRole('button', { name: 'Гарах', exact: true }).click();
		await expect(page).toHaveURL(/\/login/);
		await expect
			.poll(() =>
				page.evaluate(async () =>
					(await caches.keys()).filter((name) => name.includes('mentor-pages'))
				)
			)
			.toEqual([]);
		expect(await cached(page, `/mentor/grants/${grantId}/check-in`)).toBe(false);
	});

	test('without JavaScript the form is an ordinary POST', async ({ browser }) => {
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		try {
			await signInAs(page, DEMO_MENTORS.khanbogd);
			await expect(page).toHaveURL(/\/mentor$/);
			const grantId = await grantIdOf(page, MINE);
			await page.goto(`/mentor/grants/${grantId}/check-in`);
			const form = page.getByTestId('check-in-form');
			await expect(form).toHaveAttribute('method', 'POST');
			await expect(form).toHaveAttribute('enctype', 'multipart/form-data');
			await expect(form).not.toHaveAttribute('data-offline', 'ready');

			const note = `JavaScript-гүй ${stamp()}`;
			await fillCall(form, note);
			await form.getByRole('button', { name: 'Уулзалтыг хадгалах' }).click();
			await expect(page).toHaveURL(new RegExp(`/mentor/grants/${grantId}\\?saved=`));
			const card = page.getByTestId('check-in').filter({ hasText: note });
			await expect(card).toHaveCount(1);
			await expect(card).not.toContainText('Утаснаас дараа нь илгээсэн');
		} finally {
			await context.close();
		}
	});
});
