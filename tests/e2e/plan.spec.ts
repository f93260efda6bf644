// Stage 2 end to end, on a phone-sized screen: an eligible woman drafts her business plan over
// several visits (each visit a fresh browser: nothing is lost between them), one visit with
// JavaScript turned off, sees the computed cash flow, fixes what Submit reports and submits;
// the coordinator returns it, she revises and resubmits, and both versions are kept.
import type { Browser, Page } from '@playwright/test';
import { expect, signInAs, setUpViaUi, test } from './fixtures';
import { registerEligibleWoman, stamp, uniquePhone } from './steps';

const PHONE_SCREEN = { width: 375, height: 800 };
test.use({ viewport: PHONE_SCREEN });

const PASSWORD = 'minii-tolovlogoo-1';

/** A visit: a fresh browser on a phone-sized screen, signed in as her. */
async function visit(browser: Browser, phone: string, javaScriptEnabled = true) {
	const context = await browser.newContext({ viewport: PHONE_SCREEN, javaScriptEnabled });
	const page = await context.newPage();
	await signInAs(page, phone, PASSWORD);
	await expect(page).toHaveURL(/\/applicant$/);
	return { page, close: () => context.close() };
}

const next = (page: Page) => page.getByRole('button', { name: 'Дараах', exact: true }).click();
const heading = (page: Page, title: string) =>
	expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

test('she drafts her plan over several visits, fixes what Submit reports and submits', async ({
	coordinatorPage: staff,
	browser
}) => {
	test.setTimeout(240_000);
	const name = `Саран Батболд ${stamp().slice(-3)}`;
	const phone = uniquePhone('9');
	const code = await registerEligibleWoman(staff, { name, phone });
	const setup = await browser.newContext({ viewport: PHONE_SCREEN });
	await setUpViaUi(await setup.newPage(), phone, code, PASSWORD);
	await setup.close();

	await test.step('visit 1: from her home page to the first steps', async () => {
		const { page, close } = await visit(browser, phone);
		await page.getByRole('link', { name: 'Миний бизнес төлөвлөгөө' }).click();
		await expect(page.getByRole('heading', { name: /Төлөв: Ноорог/ })).toBeVisible();
		await page.getByRole('link', { name: 'Бичиж эхлэх' }).click();
		await expect(page.getByText('10 алхмын 1-р алхам')).toBeVisible();
		await heading(page, 'Бизнесийн санаа, таны туршлага');
		await field(page, 'Бизнесийн нэр').fill('Саран оёдол');
		await field(page, 'Бизнесийн төрөл').selectOption({ label: 'Оёдол' });
		await field(page, 'Та юу хийх вэ?').fill('Ханбогд суманд дээл, хүүхдийн хувцас оёж зарна.');
		await field(page, 'Таны туршлага').fill('Гэртээ 8 жил оёдол хийсэн.');
		await next(page);
		await expect(page.getByText('10 алхмын 2-р алхам')).toBeVisible();
		// She types and leaves without pressing a button: the page saves as she goes.
		await field(page, 'Таны худалдан авагчид хэн бэ?').fill('Уурхайн ажилчдын гэр бүл');
		const saved = page.waitForResponse((r) => r.url().endsWith('?/autosave') && r.ok());
		await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
		await saved;
		await expect(page.getByRole('status').filter({ hasText: /хадгалсан$/ })).toBeVisible();
		await close();
	});

	await test.step('visit 2, JavaScript off: the written steps and a start-up budget', async () => {
		const { page, close } = await visit(browser, phone, false);
		await page.goto('/applicant/plan/idea');
		await expect(field(page, 'Бизнесийн нэр')).toHaveValue('Саран оёдол');
		await page
			.getByRole('navigation', { name: 'Алхмууд' })
			.getByRole('button', { name: 'Худалдан авагч, зах зээл' })
			.click();
		await expect(field(page, 'Таны худалдан авагчид хэн бэ?')).toHaveValue(
			'Уурхайн ажилчдын гэр бүл'
		);
		await field(page, 'Тэдэнд юу хэрэгтэй вэ?').fill('Цагаан сараар шинэ дээл');
		await field(page, 'Хэдэн хүн худалдаж авах вэ?').fill('Сард 20 орчим захиалга');
		await next(page);
		await field(page, 'Ижил юм зардаг хүмүүс хэн бэ?').fill('Төвд 2 оёдлын газар');
		await field(page, 'Та юугаараа илүү вэ?').fill('Гэрт нь очиж хэмжээ авна');
		await next(page);
		await field(page, 'Бараа, үйлчилгээ').fill('Дээл, засвар');
		await field(page, 'Үнэ').fill('Дээл 180,000₮');
		await field(page, 'Хаана зарах вэ?').fill('Гэртээ');
		await field(page, 'Хүмүүс таныг яаж мэдэх вэ?').fill('Фэйсбүүк групп');
		await next(page);
		await field(page, 'Та юу хийх вэ?').fill('Би өөрөө оёно.');
		await next(page);
		await field(page, 'Бүртгэлийн хэлбэр').selectOption({ label: 'Хувиараа' });
		await next(page);
		await heading(page, 'Эхлэх хөрөнгө');
		const lines: [string, string, string][] = [
			['Оёдлын машин', '1', '1 200 000'],
			['Оверлок', '1', '900,000'],
			['Даавуу (метр)', '20', '15000']
		];
		for (const [i, [item, quantity, price]] of lines.entries()) {
			await field(page, `${i + 1}-р мөр: Юу`).fill(item);
			await field(page, `${i + 1}-р мөр: Тоо`).fill(quantity);
			await field(page, `${i + 1}-р мөр: Нэгжийн үнэ (₮)`).fill(price);
		}
		// Three empty rows were offered; she needs a fourth: Add rows saves and shows more.
		await expect(field(page, '4-р мөр: Юу')).toHaveCount(0);
		await page.getByRole('button', { name: 'Мөр нэмэх' }).click();
		await expect(field(page, '3-р мөр: Юу')).toHaveValue('Даавуу (метр)');
		await field(page, '4-р мөр: Юу').fill('Утас');
		await field(page, '4-р мөр: Тоо').fill('10');
		await field(page, '4-р мөр: Нэгжийн үнэ (₮)').fill('5 мянга');
		await field(page, 'Эргэлтийн мөнгө (₮)').fill('550000');
		await page.getByRole('button', { name: 'Хадгалах', exact: true }).click();
		// The bad price stays as she typed it, with its message beside it; the rest is saved.
		await expect(field(page, '4-р мөр: Нэгжийн үнэ (₮)')).toHaveValue('5 мянга');
		await expect(page.locator('#itemUnitPrice-3-error')).toHaveText(/бүхэл төгрөгөөр/);
		await expect(field(page, '1-р мөр: Юу')).toHaveValue('Оёдлын машин');
		await field(page, '4-р мөр: Нэгжийн үнэ (₮)').fill('5000');
		await page.getByRole('button', { name: 'Хадгалах', exact: true }).click();
		await expect(page.locator('#itemUnitPrice-3-error')).toHaveCount(0);
		// Line totals are computed: 20 × ₮15,000 on line 3.
		const line3 = page.getByRole('row').filter({ has: field(page, '3-р мөр: Юу') });
		await expect(line3.getByRole('cell').last()).toHaveText(/^₮\s300,000$/);
		await expect(page.getByText(/3,000,000/)).toBeVisible(); // 2,450,000 + 550,000
		await close();
	});

	await test.step('visit 3: the forecast, the computed cash flow, funding', async () => {
		const { page, close } = await visit(browser, phone);
		await page.goto('/applicant/plan/startup');
		await expect(field(page, '4-р мөр: Нэгжийн үнэ (₮)')).toHaveValue('5000');
		await next(page);
		await heading(page, '12 сарын орлого, зардал');
		for (let month = 1; month <= 12; month += 1) {
			await field(page, `${month}-р сар: Орлого (₮)`).fill('700000');
			await field(page, `${month}-р сар: Зардал (₮)`).fill('400000');
		}
		// Computed as she types: no funding yet, so she starts ₮2,450,000 short.
		const cash = page.getByRole('table', { name: 'Мөнгөний урсгал (автоматаар бодсон)' });
		await expect(cash.getByRole('row').filter({ hasText: '12-р сар' })).toContainText('1,150,000');
		await expect(page.getByText('1-р сард мөнгө хасах болно', { exact: false })).toBeVisible();
		await next(page);
		await heading(page, 'Мөнгө хаанаас гарах вэ');
		await field(page, 'Таны өөрийн мөнгө (₮)').fill('500000');
		await field(page, 'Хүсэх буцалтгүй тусламж (₮)').fill('2000000');
		await next(page);
		await heading(page, 'Эрсдэл, түүнийг даван туулах');
		await page.getByRole('button', { name: 'Хадгалаад дуусгах' }).click();
		await expect(page).toHaveURL(/\/applicant\/plan$/);
		await close();
	});

	await test.step('visit 4: Submit reports what is missing; she fixes it and submits', async () => {
		const { page, close } = await visit(browser, phone);
		await page.goto('/applicant/plan');
		await page.getByRole('button', { name: 'Төлөвлөгөөг илгээх' }).click();
		const problems = page
			.getByRole('alert')
			.filter({ hasText: 'Илгээхийн өмнө эдгээрийг засна уу' });
		await expect(problems).toContainText(/Буцалтгүй тусламж ₮\s2,500,000 байх ёстой/);
		await expect(problems).toContainText('Юу буруу болж болох вэ?');
		await expect(problems.getByRole('listitem')).toHaveCount(3);
		await problems.getByRole('link', { name: /Хүсэх буцалтгүй тусламж/ }).click();
		await expect(page).toHaveURL(/\/applicant\/plan\/funding#grantRequested$/);
		await field(page, 'Хүсэх буцалтгүй тусламж (₮)').fill('2 500 000');
		await expect(page.getByText('Хүсэх тусламж зөв байна.')).toBeVisible();
		await next(page);
		await field(page, 'Юу буруу болж болох вэ?').fill('Машин эвдэрч болно.');
		await field(page, 'Та яаж даван туулах вэ?').fill('Засварын мөнгө хуримтлуулна.');
		await page.getByRole('button', { name: 'Хадгалаад дуусгах' }).click();
		await expect(page.getByText('10 / 10 хэсэг бэлэн')).toBeVisible();
		await expect(page.getByText(/^Хамгийн бага үлдэгдэл: ₮\s550,000$/)).toBeVisible();
		await page.getByRole('button', { name: 'Төлөвлөгөөг илгээх' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'илгээгдлээ' })).toBeVisible();
		await expect(page.getByRole('heading', { name: /Төлөв: Илгээсэн/ })).toBeVisible();

		// Frozen: the steps are read-only, and version 1 is kept.
		await page.goto('/applicant/plan/idea');
		await expect(page.getByText('Та төлөвлөгөөгөө илгээсэн.', { exact: false })).toBeVisible();
		await expect(field(page, 'Бизнесийн нэр')).toHaveCount(0);
		await page.goto('/applicant/plan');
		await page.getByRole('link', { name: '1-р хувилбар' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Илгээсэн төлөвлөгөө, 1-р хувилбар'
		);
		await expect(page.getByText('Саран оёдол')).toBeVisible();
		const response = await page.goto('/applicant/plan/versions/2');
		expect(response?.status()).toBe(404);
		await close();
	});

	await test.step('the coordinator returns it; she revises and resubmits; both versions kept', async () => {
		await staff.goto('/staff/plans?state=submitted&soum=khanbogd');
		await staff.getByRole('row').filter({ hasText: name }).getByRole('link').first().click();
		await staff.getByLabel('Юуг засах вэ (шалтгаан)').fill('Зах зээлийн хэмжээг тоогоор бичнэ үү.');
		await staff.getByRole('button', { name: 'Засварт буцаах' }).click();
		await expect(staff.getByRole('status').filter({ hasText: 'засварт буцаалаа' })).toBeVisible();

		const { page, close } = await visit(browser, phone);
		await page.goto('/applicant/plan');
		await expect(
			page.getByText('Зах зээлийн хэмжээг тоогоор бичнэ үү.', { exact: false }).first()
		).toBeVisible();
		await page.goto('/applicant/plan/market');
		await field(page, 'Хэдэн хүн худалдаж авах вэ?').fill('Сард 25 захиалга, 300 өрх');
		await page.getByRole('button', { name: 'Хадгалах', exact: true }).click();
		await page.goto('/applicant/plan');
		await page.getByRole('button', { name: 'Төлөвлөгөөг илгээх' }).click();
		await expect(page.getByRole('status').filter({ hasText: '2-р хувилбар' })).toBeVisible();
		await expect(page.getByRole('link', { name: '1-р хувилбар' })).toBeVisible();
		await expect(page.getByRole('link', { name: '2-р хувилбар' })).toBeVisible();
		await page.getByRole('link', { name: '1-р хувилбар' }).click();
		await expect(page.getByText('Сард 20 орчим захиалга')).toBeVisible();
		await close();
	});
});

test('the demo applicant, still in training, is told her plan is not open yet', async ({
	applicantPage: page
}) => {
	await page.goto('/applicant/plan');
	await expect(
		page.getByRole('heading', { name: 'Бизнес төлөвлөгөө бичих эрх хараахан нээгдээгүй' })
	).toBeVisible();
	await page.goto('/applicant/plan/idea');
	await expect(page).toHaveURL(/\/applicant\/plan$/);
});
