// The programme office's side of mentoring: the board of assignments (every grant, the overdue
// and the unassigned flagged, filters that are plain links), assigning a mentor (refused for a
// mentor of another soum or without her consent; saved for one of hers, on the board and on the
// grant's page), the cohort's check-in rule (saved; bad values refused with a message), and a
// safeguarding concern raised by a mentor reaching the coordinators — counted on /staff and in
// the nav, listed, read (audited without its words), closed once — and nobody else.
// This spec changes only UMN-26-026's and UMN-26-034's mentoring and the rule (restored after).
import type { Page } from '@playwright/test';
import { baseURL } from '../../playwright.config';
import { DEMO_MENTORS, DEMO_PHONES, expect, signInAs, test } from './fixtures';
import { GRANT_DEMO, MENTORING_DEMO } from './grantDemo';

const HTML = { accept: 'text/html', origin: baseURL };
// Several sign-ins and page loads per test, beside the other specs on one machine.
test.describe.configure({ timeout: 90_000 });
/** Grants of Manlai this spec may change; 80000011 is their (only) mentor. */
const REASSIGNED = GRANT_DEMO.Q5; // UMN-26-026
const CONCERN_GRANT = GRANT_DEMO.Q9; // UMN-26-034

const board = (page: Page) => page.getByTestId('mentoring-board');
const boardRow = (page: Page, code: string) => board(page).locator(`tr[data-code="${code}"]`);
/** The grant's id, from its link on the board. */
async function grantIdOf(page: Page, code: string) {
	const href = await boardRow(page, code).getByRole('link', { name: code }).getAttribute('href');
	const id = href?.split('/').pop() ?? '';
	expect(id).toMatch(/^[a-f0-9]{24}$/);
	return id;
}
async function openBoard(page: Page, query = '') {
	await page.goto(`/staff/mentoring${query}`);
	await page.waitForLoadState('networkidle');
}
/** The number of open concerns the coordinators' home shows. */
async function openConcerns(page: Page) {
	await page.goto('/staff');
	const card = page.getByTestId('safeguarding-card');
	await expect(card).toBeVisible();
	const text = await card.innerText();
	return Number(text.match(/Шийдвэрлээгүй (\d+) асуудал/)?.[1] ?? 0);
}

test('the board lists every grant with its mentor, the overdue and the unassigned flagged', async ({
	coordinatorPage: page
}) => {
	await page.goto('/staff');
	await page.getByRole('link', { name: 'Томилолт ба хуваарь' }).click();
	await expect(page).toHaveURL(/\/staff\/mentoring$/);
	const total = Number(
		(await page.getByRole('link', { name: /^Бүгд: \d+$/ }).innerText()).match(/\d+/)?.[0]
	);
	expect(total).toBeGreaterThanOrEqual(20);
	await expect(board(page).locator('tbody tr')).toHaveCount(total);

	// P2's own spec (grantOwn) may already have recorded the visit that verifies her: one of
	// her two overdue visits is then made, and her business operating again.
	await expect(boardRow(page, MENTORING_DEMO.closed)).toContainText('2 уулзалт хоцорсон');
	await expect(boardRow(page, MENTORING_DEMO.temporarilyClosed)).toContainText(
		/[12] уулзалт хоцорсон/
	);
	for (const code of [MENTORING_DEMO.temporarilyClosed, MENTORING_DEMO.closed]) {
		await expect(boardRow(page, code)).toContainText('Хугацаа хэтэрсэн');
	}
	await expect(boardRow(page, MENTORING_DEMO.closed)).toContainText('Хаагдсан');
	const growing = boardRow(page, MENTORING_DEMO.growing);
	await expect(growing).toContainText('12 уулзалтаас 6 нь хийгдсэн');
	await expect(growing).not.toContainText('хоцорсон');
	await expect(growing).toContainText('Сарантуяа Пүрэв');

	const unassigned = boardRow(page, MENTORING_DEMO.unassigned);
	await expect(unassigned).toContainText('Зөвлөгч томилоогүй');
	await expect(unassigned).toContainText('Сумтай мэдээлэл хуваалцахыг зөвшөөрөөгүй');
	await expect(unassigned).toContainText('зөвлөгч томилох боломжгүй');
	await expect(unassigned.getByRole('combobox')).toHaveCount(0);
	// Signed today, first tranche not paid: no schedule yet.
	await expect(boardRow(page, REASSIGNED)).toContainText('Хуваарь хараахан үүсээгүй');

	// The filters are links: the overdue ones, then those without a mentor.
	await page.getByRole('link', { name: /^Уулзалт хоцорсон: \d+$/ }).click();
	await expect(page).toHaveURL(/\?show=overdue$/);
	await expect(boardRow(page, MENTORING_DEMO.temporarilyClosed)).toBeVisible();
	await expect(boardRow(page, MENTORING_DEMO.closed)).toBeVisible();
	await expect(boardRow(page, MENTORING_DEMO.growing)).toHaveCount(0);
	for (const row of await board(page).locator('tbody tr').all()) {
		await expect(row).toContainText('хоцорсон');
	}
	await page.getByRole('link', { name: /^Зөвлөгчгүй: \d+$/ }).click();
	await expect(page).toHaveURL(/\?show=unassigned$/);
	await expect(boardRow(page, MENTORING_DEMO.unassigned)).toBeVisible();
	await expect(boardRow(page, MENTORING_DEMO.growing)).toHaveCount(0);
});

test('a mentor of another soum, or a grantee without consent, is refused; her soum’s mentor is saved', async ({
	coordinatorPage: page
}) => {
	await openBoard(page);
	const grantId = await grantIdOf(page, REASSIGNED);
	const row = boardRow(page, REASSIGNED);
	const select = row.getByRole('combobox');
	// The Manlai mentor, the one the demo assigned (other specs may add Manlai mentors).
	const manlaiMentor = (await select.locator('option:checked').innerText()).trim();
	const manlaiMentorId = await select.inputValue();
	expect(manlaiMentorId).toMatch(/^[a-f0-9]{24}$/);
	expect(await select.locator('option').count()).toBeGreaterThanOrEqual(2);
	// A Khanbogd mentor's id, from a Khanbogd grantee's choices.
	const otherId = await boardRow(page, MENTORING_DEMO.growing).getByRole('combobox').inputValue();
	expect(otherId).not.toBe(manlaiMentorId);

	const refused = await page.request.post('/staff/mentoring?/assign', {
		form: { grantId, mentorId: otherId },
		headers: HTML
	});
	expect(refused.status()).toBe(400);
	expect(await refused.text()).toContain('Энэ зөвлөгч түүний суманд ажилладаггүй.');

	const noConsentId = await grantIdOf(page, MENTORING_DEMO.unassigned);
	const noConsent = await page.request.post('/staff/mentoring?/assign', {
		form: { grantId: noConsentId, mentorId: manlaiMentorId },
		headers: HTML
	});
	expect(noConsent.status()).toBe(400);
	expect(await noConsent.text()).toContain('сумтай хуваалцахыг зөвшөөрөөгүй');

	const garbage = await page.request.post('/staff/mentoring?/assign', {
		form: { grantId, mentorId: 'not-an-id' },
		headers: HTML
	});
	expect(garbage.status()).toBe(400);

	// Still hers; now (re)assigned through the form.
	await openBoard(page);
	await expect(boardRow(page, REASSIGNED)).toContainText(manlaiMentor);
	await boardRow(page, REASSIGNED).getByRole('combobox').selectOption(manlaiMentorId);
	await boardRow(page, REASSIGNED).getByRole('button', { name: 'Солих' }).click();
	await expect(boardRow(page, REASSIGNED).getByRole('status')).toHaveText('Зөвлөгчийг томиллоо.');
	await openBoard(page);
	await expect(boardRow(page, REASSIGNED)).toContainText(manlaiMentor);

	// The same form on her grant page, with her schedule and check-ins.
	await page.goto(`/staff/grants/${grantId}`);
	await page.waitForLoadState('networkidle');
	const mentoring = page.getByTestId('mentoring');
	await expect(mentoring.getByRole('heading', { name: 'Зөвлөгчийн дэмжлэг' })).toBeVisible();
	await expect(mentoring.getByTestId('mentor')).toHaveText(manlaiMentor);
	await expect(mentoring).toContainText('Хуваарь хараахан үүсээгүй');
	await mentoring.getByLabel(`${REASSIGNED}: зөвлөгч сонгох`).selectOption(manlaiMentorId);
	await mentoring.getByRole('button', { name: 'Солих' }).click();
	await expect(mentoring.getByRole('status')).toHaveText('Зөвлөгчийг томиллоо.');
	const wrong = await page.request.post(`/staff/grants/${grantId}?/assign`, {
		form: { mentorId: otherId },
		headers: HTML
	});
	expect(wrong.status()).toBe(400);
	expect(await wrong.text()).toContain('Энэ зөвлөгч түүний суманд ажилладаггүй.');
});

test('a grant’s staff page shows her schedule and check-ins, the concern as a mark only', async ({
	coordinatorPage: page
}) => {
	await openBoard(page);
	const grantId = await grantIdOf(page, MENTORING_DEMO.concern);
	await page.goto(`/staff/grants/${grantId}`);
	const mentoring = page.getByTestId('mentoring');
	await expect(mentoring.getByTestId('visit-schedule').locator('tbody tr')).toHaveCount(12);
	await expect(mentoring.getByTestId('check-in')).toHaveCount(6);
	await expect(mentoring.getByText('Хамгааллын асуудал мэдэгдсэн')).toHaveCount(1);
	await expect(mentoring).toContainText('Бүртгэсэн:');
	// The demo concern's words are on its own page, not here.
	await expect(page.locator('body')).not.toContainText('орлогыг нь хураан авдаг');
});

test('the check-in rule is saved for new schedules; bad values are refused with a message', async ({
	coordinatorPage: page
}) => {
	await openBoard(page);
	const rule = page.getByRole('region', { name: 'Уулзалтын дүрэм' });
	await expect(rule).toContainText('үүнээс хойш үүсэх хуваарьт');
	const interval = rule.getByLabel('Хэдэн сар тутамд уулзах вэ (1–6)');
	const visits = rule.getByLabel('Нийт уулзалтын тоо (1–36)');
	try {
		await interval.fill('2');
		await visits.fill('6');
		await rule.getByRole('button', { name: 'Дүрмийг хадгалах' }).click();
		await expect(rule.getByRole('status')).toContainText('Дүрмийг хадгаллаа');
		await openBoard(page);
		await expect(rule).toContainText('Одоогийн дүрэм: 2 сар тутамд нэг, нийт 6 уулзалт.');

		await interval.fill('0');
		await visits.fill('40');
		await rule.getByRole('button', { name: 'Дүрмийг хадгалах' }).click();
		await expect(rule.getByText('1-ээс 6 сарын хооронд байна.')).toBeVisible();
		await expect(rule.getByText('1-ээс 36 удаагийн хооронд байна.')).toBeVisible();
		await expect(interval).toHaveValue('0');
		const typed = await page.request.post('/staff/mentoring?/rule', {
			form: { intervalMonths: 'abc', visits: '12' },
			headers: HTML
		});
		expect(typed.status()).toBe(400);
		expect(await typed.text()).toContain('1-ээс 6 сарын хооронд байна.');
		await openBoard(page);
		await expect(rule).toContainText('Одоогийн дүрэм: 2 сар тутамд нэг, нийт 6 уулзалт.');
	} finally {
		// The demo's monthly × 12 again, for the specs that pay a first tranche.
		const restored = await page.request.post('/staff/mentoring?/rule', {
			form: { intervalMonths: '1', visits: '12' },
			headers: HTML
		});
		expect(restored.status()).toBe(200);
	}
});

test('nobody but a coordinator reaches the safeguarding pages', async ({ browser }) => {
	for (const phone of [
		DEMO_PHONES.finance,
		DEMO_PHONES.admin,
		DEMO_PHONES.reviewer,
		DEMO_MENTORS.manlai
	]) {
		// Plain pages (no JavaScript, no service worker): what the server answers is what counts.
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await signInAs(page, phone);
		await page.waitForURL((url) => !url.pathname.startsWith('/login'));
		for (const path of [
			'/staff/safeguarding',
			'/staff/mentoring',
			'/staff/safeguarding/000000000000000000000000'
		]) {
			const response = await page.goto(path);
			expect([403, 404], `${phone} ${path}`).toContain(response?.status());
		}
		await expect(page.getByRole('link', { name: /хамгааллын асуудал: \d+/ })).toHaveCount(0);
		await context.close();
	}
});

test('a concern raised at a check-in reaches the coordinators, and nobody else reads it', async ({
	browser,
	coordinatorPage: staff
}) => {
	test.setTimeout(120_000);
	const note = `Туршилтын нууц тэмдэглэл ${Date.now()}: хөрш нь айлган сүрдүүлсэн гэж хэлсэн.`;
	const before = await openConcerns(staff);
	expect(before).toBeGreaterThanOrEqual(1); // the demo's open concern (P3)
	await openBoard(staff);
	const grantId = await grantIdOf(staff, CONCERN_GRANT);

	// Her mentor records a check-in with a concern (the plain form, as without JavaScript).
	const mentorContext = await browser.newContext({ javaScriptEnabled: false });
	const mentor = await mentorContext.newPage();
	await signInAs(mentor, DEMO_MENTORS.manlai);
	await mentor.waitForURL(/\/mentor$/);
	await mentor.goto(`/mentor/grants/${grantId}/check-in`);
	const form = mentor.getByTestId('check-in-form');
	await form.getByRole('radio', { name: 'Очиж уулзсан' }).check();
	await form.getByRole('radio', { name: 'Ажиллаж байна' }).check();
	await form.getByLabel('Өнгөрсөн сарын борлуулалт (₮)').fill('350000');
	await form.getByLabel('Өнгөрсөн сарын зардал (₮)').fill('200000');
	await form.getByLabel('Долоо хоногт үйлчлүүлэгч').fill('6');
	await form.getByLabel('Эзэн (өөрөө)').fill('1');
	await form.getByLabel('Цалинтай ажилтан').fill('0');
	await form.getByLabel('Цалингүй гэр бүлийн гишүүн').fill('1');
	await form.getByRole('radio', { name: 'Тийм' }).check();
	await form.getByLabel('Нууц тэмдэглэл (зөвхөн зохицуулагчид харна)').fill(note);
	await form.locator('button[type="submit"]').click();
	await expect(mentor).toHaveURL(new RegExp(`/mentor/grants/${grantId}\\?saved=`));
	// Sent, it is out of her hands: a mark at most, never the words.
	await expect(mentor.locator('body')).not.toContainText(note);
	await mentor.goto('/mentor');
	await expect(mentor.locator('body')).not.toContainText(note);
	await mentorContext.close();

	// The coordinators: the count, the nav badge, the list (no note), the concern (the note).
	expect(await openConcerns(staff)).toBeGreaterThanOrEqual(before + 1);
	await staff.goto('/staff/mentoring');
	await expect(
		staff.getByRole('link', { name: /^Шийдвэрлээгүй хамгааллын асуудал: \d+$/ })
	).toBeVisible();
	await staff.goto('/staff');
	await staff.getByRole('link', { name: 'Хамгааллын асуудлууд' }).click();
	await expect(staff).toHaveURL(/\/staff\/safeguarding$/);
	const mine = staff
		.getByTestId('concerns')
		.locator(`tr[data-code="${CONCERN_GRANT}"]`)
		.filter({ hasText: 'Нээлттэй' });
	await expect(mine).toHaveCount(1);
	await expect(mine).toContainText('Манлай');
	await expect(staff.locator('body')).not.toContainText(note);
	await mine.getByRole('link', { name: CONCERN_GRANT }).click();
	await expect(staff).toHaveURL(/\/staff\/safeguarding\/[a-f0-9]{24}$/);
	const concernUrl = staff.url();
	const concernId = concernUrl.split('/').pop() ?? '';
	expect(concernId).toMatch(/^[a-f0-9]{24}$/);
	await expect(staff.getByText('Нууц мэдээлэл.')).toBeVisible();
	await expect(staff.getByTestId('concern-note')).toHaveText(note);
	await expect(
		staff.getByRole('link', { name: 'Түүний буцалтгүй тусламжийн хуудас' })
	).toHaveAttribute('href', `/staff/grants/${grantId}`);

	// No export carries the note.
	for (const kind of ['participants', 'checkins']) {
		const csv = await staff.request.get(`/staff/exports/${kind}`);
		expect(csv.status()).toBe(200);
		expect(await csv.text()).not.toContain(note);
	}

	// Finance, admin and the reviewer: refused, and the words on none of their pages.
	for (const phone of [DEMO_PHONES.finance, DEMO_PHONES.admin, DEMO_PHONES.reviewer]) {
		// Plain pages (no JavaScript, no service worker): what the server answers is what counts.
		const context = await browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await signInAs(page, phone);
		await page.waitForURL((url) => !url.pathname.startsWith('/login'));
		for (const path of ['/staff/safeguarding', `/staff/safeguarding/${concernId}`]) {
			const response = await page.goto(path);
			expect([403, 404], `${phone} ${path}`).toContain(response?.status());
			await expect(page.locator('body')).not.toContainText(note);
		}
		if (phone === DEMO_PHONES.finance) {
			await page.goto('/finance');
			await expect(page.locator('body')).not.toContainText(note);
			const open = page.getByRole('link', { name: new RegExp(CONCERN_GRANT) });
			for (const href of await open.evaluateAll((links) =>
				links.map((a) => a.getAttribute('href'))
			)) {
				await page.goto(href ?? '/finance');
				await expect(page.locator('body')).not.toContainText(note);
			}
		}
		if (phone === DEMO_PHONES.admin) {
			// Her reading is in the audit log: which concern, never its words.
			await page.goto('/admin/audit?action=safeguarding.read');
			const read = page.locator('tbody tr').filter({ hasText: concernId });
			await expect(read.first()).toBeVisible();
			await expect(read.first()).toContainText(grantId);
			await page.goto('/admin/audit?action=safeguarding.raised');
			await expect(page.locator('tbody tr').filter({ hasText: concernId })).toHaveCount(1);
			await expect(page.locator('body')).not.toContainText(note);
		}
		await context.close();
	}

	// Closing: an empty account of what was done is refused; then closed, once.
	const empty = await staff.request.post(`${concernUrl}?/close`, {
		form: { actionTaken: ' ' },
		headers: HTML
	});
	expect(empty.status()).toBe(400);
	expect(await empty.text()).toContain('Энэ талбарыг бөглөнө үү.');
	await staff.goto(concernUrl);
	await staff.waitForLoadState('networkidle');
	const action = 'Сумын нийгмийн ажилтанд шилжүүлж, маргааш нь утсаар ярьсан.';
	await staff.getByLabel('Авсан арга хэмжээ').fill(action);
	await staff.getByRole('button', { name: 'Арга хэмжээг тэмдэглээд хаах' }).click();
	await expect(staff.getByText('Асуудлыг хаалаа.')).toBeVisible();
	await expect(staff.getByRole('region', { name: 'Авсан арга хэмжээ' })).toContainText(action);
	await expect(staff.getByText('Хаасан', { exact: true }).first()).toBeVisible();
	await expect(staff.getByRole('button', { name: 'Арга хэмжээг тэмдэглээд хаах' })).toHaveCount(0);
	const again = await staff.request.post(`${concernUrl}?/close`, {
		form: { actionTaken: 'Дахин хаах оролдлого.' },
		headers: HTML
	});
	expect(again.status()).toBe(409);
	expect(await again.text()).toContain('Энэ асуудлыг аль хэдийн хаасан байна.');
	await staff.goto('/staff/safeguarding');
	const closed = staff
		.getByTestId('concerns')
		.locator('tr', { has: staff.locator(`a[href$="${concernId}"]`) });
	await expect(closed).toContainText('Хаасан');
	// The demo's concern (P3) is still open.
	await expect(
		staff
			.getByTestId('concerns')
			.locator(`tr[data-code="${MENTORING_DEMO.concern}"]`)
			.filter({ hasText: 'Нээлттэй' })
	).toHaveCount(1);
});
