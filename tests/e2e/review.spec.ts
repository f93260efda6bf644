// The reviewer's journeys (issue 5, "Reviewing"): two new reviewers on one plan in separate
// browsers: the first declares a conflict and loses the plan; the second reads it blind, saves
// a draft, is refused an incomplete submit without losing her scores, submits, and only then
// sees the other reviewers' scores. Also: the chair's queue and link, and a draft saved
// without JavaScript.
//
// The plan used is the last one by code among the plans in review that need nothing (the
// last row of the coordinator's list): the demo's divergent plans, the chair's queue and the
// demo applicant's plan are left alone, and the second reviewer's total is kept within ten
// points of the plan's mean, so the plan does not become divergent.
import type { Page } from '@playwright/test';
import { CRITERIA, assign, declareNoConflict, newReviewer, openFromQueue } from './committeeSteps';
import { expect, signInAs, test } from './fixtures';
import { stamp } from './steps';

const CONFLICT_REMOVED =
	'Баярлалаа. Төлөвлөгөөг таны жагсаалтаас хаслаа; зохицуулагч үүнийг өөр гишүүнд шилжүүлнэ.';
const INCOMPLETE =
	'Шалгуур бүрт 1-ээс 5 хүртэл оноо өгнө үү. Таны оруулсан зүйл ноорогт хадгалагдсан.';

interface ChosenPlan {
	planId: string;
	code: string;
	soum: string;
	/** The mean of its submitted reviews, out of 100. */
	mean: number;
}

/**
 * The last demo plan (codes up to UMN-26-100; journeys register women after them) of the
 * coordinator's list of plans in review (the attention ones come first).
 */
async function chosenPlan(staff: Page): Promise<ChosenPlan> {
	await staff.goto('/staff/review');
	const rows = staff
		.getByRole('region', { name: 'Үнэлгээнд байгаа төлөвлөгөө' })
		.locator('tbody tr');
	const codes = await rows.getByRole('link').allTextContents();
	const index = codes.findLastIndex((code) => Number(code.trim().slice(-3)) <= 100);
	const row = rows.nth(index);
	const link = row.getByRole('link');
	const code = ((await link.textContent()) ?? '').trim();
	expect(code).toMatch(/^UMN-26-\d{3}$/);
	const planId = ((await link.getAttribute('href')) ?? '').split('/').pop() ?? '';
	const soum = ((await row.locator('td').nth(0).textContent()) ?? '').trim();
	const mean = Number(((await row.locator('td').nth(5).textContent()) ?? '').trim());
	expect(mean).toBeGreaterThan(0);
	return { planId, code, soum, mean };
}

/** What identifies the woman behind the plan, from her profile as the coordinator sees it. */
async function identifiersOf(staff: Page, code: string): Promise<string[]> {
	await staff.goto(`/staff/participants?q=${code}`);
	await staff.getByRole('link', { name: code }).first().click();
	const name = await staff.getByLabel('Овог нэр', { exact: true }).inputValue();
	const phone = await staff.getByLabel('Утасны дугаар', { exact: true }).inputValue();
	const nationalId = await staff.getByLabel('Регистрийн дугаар (заавал биш)').inputValue();
	const bag = await staff.getByLabel('Баг', { exact: true }).inputValue();
	expect(name.length).toBeGreaterThan(3);
	expect(phone).toMatch(/^\d{8}$/);
	const parts = name.split(/\s+/).filter((part) => part.length >= 3);
	return [name, ...parts, phone, `${phone.slice(0, 4)} ${phone.slice(4)}`, nationalId, bag].filter(
		Boolean
	);
}

/** Nothing on the page tells her another reviewer's score or comment. */
async function expectNoOtherScores(page: Page) {
	const html = await page.content();
	expect(html).not.toContain('/ 100');
	expect(html).not.toContain('үнэлгээчин:');
	expect(html).not.toContain('Бусад гишүүдийн оноо');
	expect(html).not.toContain('Зөрүүтэй');
}

test('two reviewers: a conflict takes the plan away; the other scores it blind, then sees the others', async ({
	browser,
	coordinatorPage: staff
}) => {
	test.setTimeout(120_000);
	const plan = await chosenPlan(staff);
	const identifiers = await identifiersOf(staff, plan.code);
	const first = await newReviewer(browser, staff);
	const second = await newReviewer(browser, staff);
	await assign(staff, plan.planId, first);
	await assign(staff, plan.planId, second);

	// The first reviewer: before the declaration only the code, the soum and the question.
	const one = first.page;
	await one.goto('/review');
	await expect(one.getByRole('link', { name: 'Хорооны эрэмбэ, шийдвэр' })).toHaveCount(0);
	await openFromQueue(one, plan.code);
	await expect(one.getByText(plan.soum)).toBeVisible();
	await expect(one.getByRole('heading', { name: 'Үнэлгээний хуудас' })).toHaveCount(0);
	await expect(one.getByRole('heading', { name: 'Бизнес төлөвлөгөө' })).toHaveCount(0);
	// A conflict without its kind is refused beside the question.
	await one.getByRole('radio', { name: 'Надад ашиг сонирхлын зөрчил байна' }).check();
	await one.getByRole('button', { name: 'Мэдүүлэх' }).click();
	await expect(one.locator('#kind-error')).toHaveText('Зөрчлийн төрлийг сонгоно уу.');
	await one.getByRole('radio', { name: 'Нэг багийн хөрш' }).check();
	await one.getByLabel('Тайлбар (заавал биш)').fill('Манай хөрш байж магадгүй.');
	await one.getByRole('button', { name: 'Мэдүүлэх' }).click();
	await expect(one).toHaveURL(/\/review\?conflict=1$/);
	await expect(one.getByRole('status')).toHaveText(CONFLICT_REMOVED);
	await expect(one.getByRole('link', { name: plan.code })).toHaveCount(0);
	await expect(one.getByText('Одоогоор танд оноосон төлөвлөгөө алга.')).toBeVisible();
	const gone = await one.goto(`/review/${plan.planId}`);
	expect(gone?.status()).toBe(404);
	await first.close();

	// The second reviewer: no conflict, then the plan, blind.
	const two = second.page;
	await two.goto('/review');
	await expect(two.getByText('Илгээсэн: 0 / 1')).toBeVisible();
	await expect(two.getByRole('row').filter({ hasText: plan.code })).toContainText('Шинэ');
	await openFromQueue(two, plan.code);
	await expectNoOtherScores(two);
	await declareNoConflict(two);
	await expect(two).toHaveURL(new RegExp(`/review/${plan.planId}$`));
	await expect(two.getByText(plan.soum).first()).toBeVisible();
	await expect(two.getByRole('heading', { name: /^1\. Бизнесийн санаа/ })).toBeVisible();
	const blind = await two.content();
	for (const text of identifiers) expect(blind, `"${text}" is shown`).not.toContain(text);
	await expectNoOtherScores(two);

	// A draft with two scores and a comment; it is there again after a reload.
	const sheet = two.getByRole('region', { name: 'Үнэлгээний хуудас' });
	const criterion = (i: number) => sheet.getByRole('group', { name: CRITERIA[i] });
	const comment = `Санаа тодорхой, зах зээл бий (${stamp()}).`;
	await expect(criterion(0).getByRole('radio', { name: /^1 — Санаа тодорхойгүй/ })).toBeVisible();
	await criterion(0).getByRole('radio', { name: /^4 — / }).check();
	await criterion(0).getByLabel('Тайлбар').fill(comment);
	await criterion(1).getByRole('radio', { name: /^3 — / }).check();
	await sheet.getByRole('button', { name: 'Ноорог хадгалах' }).click();
	await expect(sheet.getByRole('status')).toHaveText('Ноорог хадгалагдлаа.');
	await expect(sheet.getByText(/^Ноорог \d{4}\.\d\d\.\d\d \d\d:\d\d-д хадгалсан$/)).toBeVisible();
	await two.reload();
	await expect(criterion(0).getByRole('radio', { name: /^4 — / })).toBeChecked();
	await expect(criterion(1).getByRole('radio', { name: /^3 — / })).toBeChecked();
	await expect(criterion(0).getByLabel('Тайлбар')).toHaveValue(comment);
	await expectNoOtherScores(two);

	// Submitting with scores missing is refused; what she entered stays.
	await sheet.getByRole('button', { name: 'Оноо илгээх' }).click();
	await expect(sheet.getByRole('alert').filter({ hasText: INCOMPLETE })).toBeVisible();
	await expect(criterion(2).getByText('1-ээс 5 хүртэлх бүхэл тоо сонгоно уу.')).toBeVisible();
	await expect(criterion(0).getByRole('radio', { name: /^4 — / })).toBeChecked();
	await expect(criterion(0).getByLabel('Тайлбар')).toHaveValue(comment);
	await expectNoOtherScores(two);
	await two.goto('/review');
	await expect(two.getByRole('row').filter({ hasText: plan.code })).toContainText('Ноорог');

	// Every criterion the same score: a total of 20 × score, within ten points of the mean.
	const score = Math.min(5, Math.max(1, Math.round(plan.mean / 20)));
	await openFromQueue(two, plan.code);
	for (let i = 0; i < CRITERIA.length; i++) {
		await criterion(i)
			.getByRole('radio', { name: new RegExp(`^${score} — `) })
			.check();
	}
	await sheet.getByRole('button', { name: 'Оноо илгээх' }).click();

	// Submitted: read-only, her total, and now the others' scores and the plan's figures.
	const own = two.getByRole('region', { name: 'Таны оноо' });
	await expect(own.getByText(`Таны нийт оноо: ${(score * 20).toFixed(1)} / 100`)).toBeVisible();
	await expect(own.getByText(comment)).toBeVisible();
	await expect(two.getByRole('button', { name: 'Оноо илгээх' })).toHaveCount(0);
	await expect(two.getByRole('radio')).toHaveCount(0);
	const others = two.getByRole('region', { name: 'Бусад гишүүдийн оноо' });
	await expect(
		others.getByRole('heading', { name: /^B үнэлгээчин: \d+\.\d \/ 100$/ })
	).toBeVisible();
	await expect(
		others.getByRole('heading', { name: /^C үнэлгээчин: \d+\.\d \/ 100$/ })
	).toBeVisible();
	const statistics = two.getByRole('region', { name: 'Төлөвлөгөөний үнэлгээний статистик' });
	await expect(statistics).toContainText(/Илгээсэн үнэлгээ\s*3/);
	await expect(statistics).toContainText('Дундаж');
	await expect(statistics.getByText('Зөрүүтэй: 3 дахь үнэлгээ хэрэгтэй')).toHaveCount(0);

	await two.goto('/review');
	await expect(two.getByText('Илгээсэн: 1 / 1')).toBeVisible();
	const row = two.getByRole('row').filter({ hasText: plan.code });
	await expect(row).toContainText('Илгээсэн');
	await expect(row).toContainText(`${(score * 20).toFixed(1)} / 100`);
	await second.close();
});

test('the chair sees her three plans to do and the link to the committee, also on a phone', async ({
	reviewerPage: page
}) => {
	await page.goto('/review');
	const link = page.getByRole('link', { name: 'Хорооны эрэмбэ, шийдвэр' });
	await expect(link).toHaveAttribute('href', '/review/committee');
	const queue = page.getByRole('region', { name: 'Миний үнэлэх төлөвлөгөөнүүд' });
	await expect(queue.getByRole('row').filter({ hasText: 'Шинэ' })).toHaveCount(3);
	const progress = queue.getByRole('progressbar', { name: 'Үнэлгээний явц' });
	const max = Number(await progress.getAttribute('max'));
	await expect(progress).toHaveAttribute('value', String(max - 3));
	await expect(queue.getByText(`Илгээсэн: ${max - 3} / ${max}`)).toBeVisible();
	// On a 375 px phone the queue reads without sideways scrolling.
	await page.setViewportSize({ width: 375, height: 740 });
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
});

test('a reviewer who does not chair sees her queue but no committee link', async ({ browser }) => {
	const context = await browser.newContext();
	const page = await context.newPage();
	await signInAs(page, '80000007');
	await expect(page).toHaveURL(/\/review$/);
	await expect(page.getByRole('link', { name: /^UMN-26-\d{3}$/ }).first()).toBeVisible();
	await expect(page.getByRole('link', { name: 'Хорооны эрэмбэ, шийдвэр' })).toHaveCount(0);
	await context.close();
});

test('without JavaScript, a reviewer declares and saves a draft', async ({
	browser,
	coordinatorPage: staff
}) => {
	test.setTimeout(90_000);
	const plan = await chosenPlan(staff);
	const reviewer = await newReviewer(browser, staff, { javaScriptEnabled: false });
	await assign(staff, plan.planId, reviewer);
	const page = reviewer.page;

	await openFromQueue(page, plan.code);
	await declareNoConflict(page);
	const sheet = page.getByRole('region', { name: 'Үнэлгээний хуудас' });
	const viability = sheet.getByRole('group', { name: CRITERIA[0] });
	await viability.getByRole('radio', { name: /^2 — / }).check();
	await viability.getByLabel('Тайлбар').fill('JavaScript-гүйгээр хадгалсан.');
	await sheet.getByRole('button', { name: 'Ноорог хадгалах' }).click();
	await expect(sheet.getByRole('status')).toHaveText('Ноорог хадгалагдлаа.');

	await page.goto(`/review/${plan.planId}`);
	await expect(viability.getByRole('radio', { name: /^2 — / })).toBeChecked();
	await expect(viability.getByLabel('Тайлбар')).toHaveValue('JavaScript-гүйгээр хадгалсан.');
	await page.goto('/review');
	await expect(page.getByRole('row').filter({ hasText: plan.code })).toContainText('Ноорог');
	await reviewer.close();
});
