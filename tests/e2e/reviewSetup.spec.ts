// The coordinator's committee set-up at /staff/review: the control room over the demo's
// committee, the locked rubric, a new reviewer joining the committee for a manual assignment
// (and leaving it again), automatic assignment, the need score, a refused unassignment and
// publishing again. The demo's committee, scores and decisions are left as they were: the new
// reviewer is removed at the end, and the need score is put back.
import type { Page } from '@playwright/test';
import { DEMO_PHONES, createAccountViaUi, expect, signInAs, test } from './fixtures';
import { stamp, uniquePhone } from './steps';

const REVIEWER_ROLE = 'Үнэлгээний хорооны гишүүн';

/** The figure on one tile of the control room's "at a glance" card. */
async function tile(page: Page, name: string): Promise<number> {
	const card = page.getByRole('region', { name: 'Товч үзүүлэлт' });
	const text = await card.locator('div').filter({ hasText: name }).locator('dd').textContent();
	return Number(text);
}

const planRows = (page: Page) =>
	page.getByRole('region', { name: 'Үнэлгээнд байгаа төлөвлөгөө' }).locator('tbody tr');

/** Opens the last plan of the table: one with its reviews complete and nothing to reassign. */
async function openCompletePlan(page: Page): Promise<string> {
	await page.goto('/staff/review');
	const link = planRows(page).last().getByRole('link');
	const code = ((await link.textContent()) ?? '').trim();
	await link.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Төлөвлөгөө ${code}`);
	return code;
}

test('the control room shows the demo committee, its counts, conflicts and divergent plans', async ({
	coordinatorPage: page
}) => {
	await page.goto('/staff');
	await page.getByRole('link', { name: 'Хорооны үнэлгээ', exact: true }).click();
	await expect(page).toHaveURL(/\/staff\/review$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Үнэлгээний хороо');

	// The 40 submitted demo plans are in review (other journeys may have submitted more).
	const plans = await tile(page, 'Үнэлгээнд байгаа төлөвлөгөө');
	expect(plans).toBeGreaterThanOrEqual(40);
	await expect(planRows(page)).toHaveCount(plans);
	// Divergent plans are flagged in the table, as many as the tile says (the demo has 3).
	const divergent = await tile(page, 'Гурав дахь үнэлгээ хэрэгтэй');
	expect(divergent).toBeGreaterThan(0);
	await expect(planRows(page).filter({ hasText: 'Зөрүүтэй: 3 дахь үнэлгээ хэрэгтэй' })).toHaveCount(
		divergent
	);
	// They come first, with their third review waiting.
	await expect(planRows(page).first()).toContainText('Зөрүүтэй: 3 дахь үнэлгээ хэрэгтэй');
	await expect(planRows(page).first()).toContainText('2 / 3');

	// The two declared conflicts show with their kind; both were reassigned.
	await expect(
		planRows(page).filter({ hasText: 'Зөрчилтэй (Нэг багийн хөрш)' }).first()
	).toBeVisible();
	await expect(
		planRows(page).filter({ hasText: 'Зөрчилтэй (Хамаатан садан)' }).first()
	).toBeVisible();
	const conflicted = planRows(page).filter({ hasText: 'Зөрчилтэй (Хамаатан садан)' }).first();
	await expect(conflicted.getByText('Илгээсэн')).toHaveCount(2);

	// The committee: four demo members, the chair marked, progress per member.
	const committee = page.getByRole('region', { name: 'Хорооны гишүүд' });
	const chair = committee.getByRole('row').filter({ hasText: 'Энхтуяа Ганбат' });
	await expect(chair).toContainText('Дарга');
	await expect(chair.getByRole('cell').nth(0)).toHaveText(/^\d+$/);

	// The filter keeps only the plans needing attention.
	await page.getByRole('link', { name: /^Анхаарах \(\d+\)$/ }).click();
	await expect(page).toHaveURL(/show=attention/);
	expect(await planRows(page).count()).toBeGreaterThanOrEqual(divergent);
	expect(await planRows(page).count()).toBeLessThan(plans);

	// Outcomes were published; the ranking and rubric are a click away.
	const publish = page.getByRole('region', { name: 'Шийдвэрийг нийтлэх' });
	await expect(publish.getByText(/^Нийтэлсэн: \d{4}\.\d{2}\.\d{2} \d{2}:\d{2}$/)).toBeVisible();
	await expect(page.getByRole('link', { name: 'Эрэмбэ ба шийдвэр' })).toHaveAttribute(
		'href',
		'/review/committee'
	);
});

test('the rubric is locked since scoring started, and shown read-only', async ({
	coordinatorPage: page
}) => {
	await page.goto('/staff/review');
	await page.getByRole('link', { name: 'Үнэлгээний шалгуур' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Үнэлгээний шалгуур');
	await expect(page.getByRole('status')).toHaveText(
		'Үнэлгээ эхэлснээс хойш шалгуур түгжигдсэн: өөрчлөх боломжгүй.'
	);
	const viability = page.getByRole('region', { name: 'Бизнесийн амьдрах чадвар' });
	await expect(viability).toContainText('Жин: 25');
	await expect(viability).toContainText('Хороо (нэргүйгээр)');
	const need = page.getByRole('region', { name: 'Хэрэгцээ, эмзэг байдал' });
	await expect(need).toContainText('Жин: 15');
	await expect(need).toContainText('Нийгмийн ажилтан эсвэл зохицуулагч');
	await expect(page.getByRole('button', { name: 'Шалгуур хадгалах' })).toHaveCount(0);
	await expect(page.getByRole('textbox')).toHaveCount(0);
});

/** Creates a reviewer account and adds her to the committee; returns her name. */
async function newCommitteeMember(page: Page, first: string): Promise<string> {
	const name = `${first} Шинэ ${stamp()}`;
	await createAccountViaUi(page, { name, phone: uniquePhone('8'), roles: [REVIEWER_ROLE] });
	await page.goto('/staff/review');
	const committee = page.getByRole('region', { name: 'Хорооны гишүүд' });
	const option = committee.locator('#reviewerId option', { hasText: name });
	await committee.getByLabel('Үнэлгээчин').selectOption((await option.getAttribute('value'))!);
	await committee.getByRole('button', { name: 'Хороонд нэмэх' }).click();
	await expect(committee.getByRole('status')).toHaveText('Хороонд нэмэгдлээ.');
	return name;
}

/** Takes her off the committee again (the disclosure, then the confirm button). */
async function removeFromCommittee(page: Page, name: string) {
	await page.goto('/staff/review');
	const committee = page.getByRole('region', { name: 'Хорооны гишүүд' });
	const member = committee.getByRole('row').filter({ hasText: name });
	await member.getByText('Хорооноос хасах…').click();
	await member.getByRole('button', { name: `Тийм, хорооноос хасах: ${name}` }).click();
	await expect(committee.getByRole('status')).toHaveText('Хорооноос хасагдлаа.');
	await expect(committee.getByRole('row').filter({ hasText: name })).toHaveCount(0);
	// She can be added again.
	await expect(committee.locator('#reviewerId option', { hasText: name })).toHaveCount(1);
}

test('a new reviewer joins the committee, is assigned to a plan by hand and unassigned', async ({
	coordinatorPage: page
}) => {
	test.slow();
	const name = await newCommitteeMember(page, 'Сарантуяа');
	const member = page
		.getByRole('region', { name: 'Хорооны гишүүд' })
		.getByRole('row')
		.filter({ hasText: name });
	await expect(member.getByRole('cell')).toHaveText(['0', '0', '0', /Хорооноос хасах/]);

	// By hand: she reviews one more plan, then is taken off it again.
	const code = await openCompletePlan(page);
	const reviewers = page.getByRole('region', { name: 'Үнэлгээчид' });
	const candidate = reviewers.locator('#reviewerId option', { hasText: name });
	await reviewers
		.getByLabel('Хорооны гишүүн')
		.selectOption((await candidate.getAttribute('value'))!);
	await reviewers.getByRole('button', { name: 'Хуваарилах' }).click();
	await expect(reviewers.getByRole('status')).toHaveText('Үнэлгээчин хуваарилагдлаа.');
	await expect(reviewers.getByRole('row').filter({ hasText: name })).toContainText('Хуваарилсан');
	await page.goto('/staff/review');
	await expect(planRows(page).filter({ hasText: code })).toContainText(`${name}: Хуваарилсан`);
	await expect(member.getByRole('cell').first()).toHaveText('1');

	await page.goBack();
	await reviewers.getByRole('button', { name: `Хуваарилалтаас хасах: ${name}` }).click();
	await expect(reviewers.getByRole('status')).toHaveText('Үнэлгээчин хуваарилалтаас хасагдлаа.');
	await expect(reviewers.getByRole('row').filter({ hasText: name })).toHaveCount(0);

	await removeFromCommittee(page, name);
});

test('automatic assignment runs and says how many assignments it made', async ({
	coordinatorPage: page
}) => {
	test.slow();
	// Two new members with no load take whatever lacks reviewers (a plan needs at most two
	// more), so that taking them off again afterwards leaves the demo committee's load as it was.
	const names = [
		await newCommitteeMember(page, 'Оюунаа'),
		await newCommitteeMember(page, 'Гэрэлмаа')
	];
	const assignment = page.getByRole('region', { name: 'Хуваарилалт' });
	await assignment.getByRole('button', { name: 'Автоматаар хуваарилах' }).click();
	await expect(assignment.getByRole('status')).toHaveText(/^\d+ хуваарилалт хийгдлээ\.$/);
	// Nothing is left short of reviewers while the committee has room.
	await expect(assignment.getByText('Хангалттай үнэлгээчин олдоогүй төлөвлөгөө:')).toHaveCount(0);
	for (const name of names) await removeFromCommittee(page, name);
});

test('the need score is kept; it is put back as it was', async ({ coordinatorPage: page }) => {
	await openCompletePlan(page);
	const need = page.getByRole('region', { name: 'Хэрэгцээ, эмзэг байдал' });
	const radios = need.getByRole('radio');
	await expect(radios).toHaveCount(5);
	await expect(
		need.getByRole('radio', { name: '5 — Хэрэгцээ маш өндөр, эмзэг байдалтай' })
	).toBeVisible();
	const values = await radios.evaluateAll((inputs) =>
		inputs.map((i) => ((i as HTMLInputElement).checked ? (i as HTMLInputElement).value : ''))
	);
	const before = Number(values.find(Boolean));
	expect(before).toBeGreaterThanOrEqual(1);
	const other = (before % 5) + 1;

	await radios.nth(other - 1).check();
	await need.getByRole('button', { name: 'Оноо хадгалах' }).click();
	await expect(need.getByRole('status')).toHaveText('Хэрэгцээний оноо хадгалагдлаа.');
	await page.reload();
	await expect(radios.nth(other - 1)).toBeChecked();
	await expect(need.getByText(new RegExp(`^Одоогийн оноо: ${other} \\(`))).toBeVisible();

	await radios.nth(before - 1).check();
	await need.getByRole('button', { name: 'Оноо хадгалах' }).click();
	await expect(need.getByRole('status')).toHaveText('Хэрэгцээний оноо хадгалагдлаа.');
	await page.reload();
	await expect(radios.nth(before - 1)).toBeChecked();
});

test('unassigning a reviewer who submitted is refused with a 409 and a message', async ({
	browser
}) => {
	// Without JavaScript, so that the refusal is the page's own HTTP status.
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signInAs(page, DEMO_PHONES.coordinator);
	await openCompletePlan(page);
	const reviewers = page.getByRole('region', { name: 'Үнэлгээчид' });
	const submitted = reviewers.getByRole('row').filter({ hasText: 'Илгээсэн' }).first();
	const name = ((await submitted.getByRole('rowheader').textContent()) ?? '').trim();

	const response = page.waitForResponse((r) => r.request().method() === 'POST');
	await submitted.getByRole('button', { name: `Хуваарилалтаас хасах: ${name}` }).click();
	expect((await response).status()).toBe(409);
	await expect(page.getByRole('alert')).toHaveText(
		'Үнэлгээгээ илгээсэн үнэлгээчнийг хасах боломжгүй.'
	);
	await expect(
		page.getByRole('region', { name: 'Үнэлгээчид' }).getByRole('row').filter({ hasText: name })
	).toContainText('Илгээсэн');
	await context.close();
});

test('publishing again keeps the outcomes published, with the decisions counted', async ({
	coordinatorPage: page
}) => {
	await page.goto('/staff/review');
	const publish = page.getByRole('region', { name: 'Шийдвэрийг нийтлэх' });
	const awards = Number(await publish.locator('dt:text-is("Тэтгэлэг олгох") + dd').textContent());
	expect(awards).toBeGreaterThanOrEqual(1);
	await publish.getByText('Дахин нийтлэх…').click();
	await expect(publish.getByText(/оролцогч бүр өөрийн үр дүнг харна/)).toBeVisible();
	await publish.getByRole('button', { name: 'Тийм, шийдвэрийг нийтлэх' }).click();
	await expect(publish.getByRole('status')).toHaveText(/^Шийдвэр нийтлэгдлээ \(\d+ шийдвэр\)\.$/);
	await expect(publish.getByText(/^Нийтэлсэн: /)).toBeVisible();
});

test('the control room and a plan read on a 375 px phone', async ({ coordinatorPage: page }) => {
	await page.setViewportSize({ width: 375, height: 740 });
	await page.goto('/staff/review');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Үнэлгээний хороо');
	const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
	expect(await overflow()).toBeLessThanOrEqual(0);
	await openCompletePlan(page);
	expect(await overflow()).toBeLessThanOrEqual(0);
});

test('a plan that is not in review is a 404', async ({ coordinatorPage: page }) => {
	const response = await page.goto('/staff/review/plans/000000000000000000000000');
	expect(response?.status()).toBe(404);
});
