// The donor indicators: the coordinator's JSON shows the reference programme's figures, the
// page sets the programme's exact figures beside the donor report (consent-filtered, "<5" for
// small cells), the CSV and the printable report carry only the donor report, and no one else
// may see any of it. Other specs register participants, train, submit, award and pay at the
// same time: figures they can move are asserted as at least the demo's, never exactly.
import type { Page } from '@playwright/test';
import { DEMO_GRANTEE_PHONE, DEMO_PHONES, expect, signInAs, test } from './fixtures';

const PAGE = '/staff/reports/indicators';
const JSON_URL = '/staff/reports/indicators.json';
const CSV_URL = '/staff/reports/indicators.csv';
const PRINT = '/staff/reports/indicators/print';
const APPLICANT_NAME = 'Болормаа Очир';
const UNKNOWN_COHORT = '0123456789abcdef01234567';

const ISSUE_KEYS = [
	'trainedLifeSkills',
	'trainedBusinessPlan',
	'officialsTrained',
	'officialsTrainers',
	'plansSubmitted',
	'grantsAwarded',
	'firstTranchePaid',
	'totalPaidMnt',
	'operatingLatest',
	'referralSources',
	'indirectBeneficiaries'
] as const;

type Indicators = Record<Exclude<(typeof ISSUE_KEYS)[number], 'referralSources'>, number> & {
	referralSources: Record<string, number>;
	cohort: { id: string; code: string; name: string };
	asOf: string;
};

async function indicators(page: Page, query = ''): Promise<Indicators> {
	const response = await page.request.get(`${JSON_URL}${query}`);
	expect(response.status()).toBe(200);
	return (await response.json()) as Indicators;
}

/** The two cells of an indicator's row: programme figure, donor report. */
async function row(page: Page, label: string) {
	const cells = page.getByRole('row', { name: label }).getByRole('cell');
	return cells.allTextContents();
}

test("the JSON shows the reference programme's figures under the issue's keys", async ({
	coordinatorPage: page
}) => {
	const response = await page.request.get(JSON_URL);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('application/json');
	expect(response.headers()['cache-control']).toBe('private, no-store');
	const body = (await response.json()) as Indicators;
	expect(Object.keys(body).sort()).toEqual([...ISSUE_KEYS, 'cohort', 'asOf'].sort());
	for (const key of ISSUE_KEYS) {
		if (key !== 'referralSources') expect(typeof body[key], key).toBe('number');
	}
	// DOMAIN.md: 100 trained, 50 in business plans, 50 officials of whom 17 trainers, 40 plans,
	// 20 grants, 4 first tranches (₮9,520,700), about 4,000 indirect beneficiaries.
	expect(body.trainedLifeSkills).toBe(100);
	expect(body.trainedBusinessPlan).toBeGreaterThanOrEqual(50);
	expect(body.officialsTrained).toBeGreaterThanOrEqual(50);
	expect(body.officialsTrainers).toBe(17);
	expect(body.plansSubmitted).toBeGreaterThanOrEqual(40);
	expect(body.grantsAwarded).toBeGreaterThanOrEqual(20);
	expect(body.firstTranchePaid).toBeGreaterThanOrEqual(4);
	expect(body.totalPaidMnt).toBeGreaterThanOrEqual(9_520_700);
	expect(body.operatingLatest).toBeGreaterThanOrEqual(0);
	expect(body.indirectBeneficiaries).toBe(4000);
	const sources = Object.values(body.referralSources);
	expect(sources.every((n) => Number.isInteger(n))).toBe(true);
	// Every participant has one source: the 100 of the demo (more once other specs register).
	expect(sources.reduce((sum, n) => sum + n, 0)).toBeGreaterThanOrEqual(100);
	expect(Object.keys(body.referralSources)).toEqual(
		expect.arrayContaining(['self', 'social_worker', 'ngo', 'police', 'other'])
	);
	expect(body.cohort).toMatchObject({ code: 'umnugobi-2026', name: 'Umnugobi 2026' });
	expect(Number.isNaN(Date.parse(body.asOf))).toBe(false);

	// The same cohort asked for by id; an unknown or malformed id is a 404 with a message.
	const byId = await indicators(page, `?cohort=${body.cohort.id}`);
	expect(byId.cohort).toEqual(body.cohort);
	expect(byId.trainedLifeSkills).toBe(body.trainedLifeSkills);
	for (const bad of [UNKNOWN_COHORT, 'not-an-id', '%24ne']) {
		const refused = await page.request.get(`${JSON_URL}?cohort=${bad}`);
		expect(refused.status(), bad).toBe(404);
		expect(await refused.json()).toEqual({ message: 'Ийм бүлэг олдсонгүй.' });
	}
});

test('the page sets the exact figures beside the donor report, with "<5" cells', async ({
	coordinatorPage: page
}) => {
	const figures = await indicators(page);
	await page.goto(PAGE);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Донорын үзүүлэлт');
	const table = page.locator('table.figures');
	await expect(table.getByRole('columnheader', { name: 'Хөтөлбөрийн тоо' })).toBeVisible();
	await expect(table.getByRole('columnheader', { name: 'Донорын тайлан' })).toBeVisible();

	// The programme column is exact; the donor column leaves out women without consent.
	const lifeSkills = await row(page, 'Амьдрах ухаан, орлого бий болгох сургалтад');
	expect(lifeSkills[0]).toBe(String(figures.trainedLifeSkills));
	expect(Number(lifeSkills[1])).toBeLessThan(figures.trainedLifeSkills);
	// Four first tranches are fewer than five: suppressed, and so is the money paid to them.
	const firstPaid = await row(page, 'Эхний хэсэг нь олгогдсон буцалтгүй тусламж');
	expect(firstPaid[0]).toBe(String(figures.firstTranchePaid));
	if (figures.firstTranchePaid < 5) {
		expect(firstPaid[1]).toBe('<5');
		expect((await row(page, 'Нийт олгосон дүн (₮)'))[1]).toBe('<5');
	}
	expect((await row(page, 'Нийт олгосон дүн (₮)'))[0]).toMatch(/^₮\s?\d{1,3}(,\d{3})+$/);
	// Officials and the indirect beneficiaries are not participants: no consent filter.
	expect(await row(page, 'Шууд бус ашиг хүртэгчид (тооцоо)')).toEqual(['4,000', '4,000']);
	await expect(table.getByRole('cell', { name: '<5', exact: true }).first()).toBeVisible();
	await expect(page.getByRole('row', { name: /Цагдаа, хууль сахиулах/ })).toBeVisible();

	// One sentence says who is left out and why the "<5".
	const explain = page.locator('#figures-explain');
	await expect(explain).toContainText('«<5»');
	const excluded = Number(
		/зөвшөөрөлгүй (\d+) эмэгтэйг/.exec((await explain.textContent()) ?? '')?.[1]
	);
	expect(excluded).toBeGreaterThanOrEqual(8); // 2 withdrew, 6 never gave it

	// The donor report by soum, the four soums of the demo.
	const soums = page.getByTestId('donor-by-soum');
	for (const soum of ['Ханбогд', 'Манлай', 'Баян-Овоо', 'Даланзадгад']) {
		await expect(soums.getByRole('rowheader', { name: soum })).toBeVisible();
	}
	await expect(soums.getByRole('cell', { name: '<5', exact: true }).first()).toBeVisible();

	// The downloads, for the cohort shown.
	const id = figures.cohort.id;
	await expect(page.getByRole('link', { name: 'CSV татах' })).toHaveAttribute(
		'href',
		`${CSV_URL}?cohort=${id}`
	);
	await expect(page.getByRole('link', { name: 'Хэвлэх хувилбар' })).toHaveAttribute(
		'href',
		`${PRINT}?cohort=${id}`
	);
	await expect(page.getByRole('link', { name: 'JSON' })).toHaveAttribute(
		'href',
		`${JSON_URL}?cohort=${id}`
	);

	// The cohort chooser is a GET form; an unknown cohort is a 404 page, not an error.
	await page.getByRole('button', { name: 'Харуулах' }).click();
	await expect(page).toHaveURL(new RegExp(`cohort=${id}`));
	expect((await page.goto(`${PAGE}?cohort=${UNKNOWN_COHORT}`))?.status()).toBe(404);
	expect((await page.goto(`${PAGE}?cohort=nonsense`))?.status()).toBe(404);
});

test('indirect beneficiaries: a bad number is refused beside the field; a good one is saved', async ({
	coordinatorPage: page
}) => {
	await page.goto(PAGE);
	await page.waitForLoadState('networkidle');
	const field = page.getByLabel('Шууд бус ашиг хүртэгчдийн тоо');
	await expect(field).toHaveValue('4000');
	const save = page.getByRole('button', { name: 'Хадгалах' });

	for (const bad of ['-1', '10000001', '2.5']) {
		await field.fill(bad);
		await save.click();
		await expect(page.locator('#indirect-error')).toHaveText(
			'0-ээс 10 000 000 хүртэлх бүхэл тоо оруулна уу.'
		);
		await expect(field).toHaveAttribute('aria-invalid', 'true');
	}
	expect((await indicators(page)).indirectBeneficiaries).toBe(4000);

	// Without the page's script the refusal is a 400 page, not a 500.
	const { origin } = new URL(page.url());
	const refused = await page.request.post(`${PAGE}?/indirect`, {
		form: { indirectBeneficiaries: 'lots' },
		headers: { origin, accept: 'text/html' }
	});
	expect(refused.status()).toBe(400);
	expect(await refused.text()).toContain('0-ээс 10 000 000 хүртэлх бүхэл тоо оруулна уу.');

	// A round trip, back to the demo's 4,000 whatever happens.
	try {
		await field.fill('4321');
		await save.click();
		await expect(page.getByText('Шууд бус ашиг хүртэгчдийн тоо хадгалагдлаа.')).toBeVisible();
		expect((await indicators(page)).indirectBeneficiaries).toBe(4321);
		await expect(page.getByRole('row', { name: /Шууд бус ашиг хүртэгчид/ })).toContainText('4,321');
	} finally {
		await page.goto(PAGE);
		await page.waitForLoadState('networkidle');
		await field.fill('4000');
		await save.click();
		await expect(page.getByText('Шууд бус ашиг хүртэгчдийн тоо хадгалагдлаа.')).toBeVisible();
	}
	expect((await indicators(page)).indirectBeneficiaries).toBe(4000);
});

test('the form works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signInAs(page, DEMO_PHONES.coordinator);
	await expect(page).toHaveURL(/\/staff$/);
	await page.goto(PAGE);
	const field = page.getByLabel('Шууд бус ашиг хүртэгчдийн тоо');
	await field.fill('');
	await page.getByRole('button', { name: 'Хадгалах' }).click();
	await expect(page.locator('#indirect-error')).toHaveText(
		'0-ээс 10 000 000 хүртэлх бүхэл тоо оруулна уу.'
	);
	// Nothing was changed.
	await page.goto(PAGE);
	await expect(field).toHaveValue('4000');
	await context.close();
});

test('the CSV is the donor report only: a BOM, "<5" cells, no one named', async ({
	coordinatorPage: page
}) => {
	const response = await page.request.get(CSV_URL);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8');
	expect(response.headers()['content-disposition']).toMatch(
		/^attachment; filename="donor-indicators-\d{4}-\d{2}-\d{2}\.csv"$/
	);
	const bytes = await response.body();
	expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	const text = bytes.toString('utf8');
	expect(text).toContain('\r\n');
	// Four first tranches in the demo (other specs may pay more): under five, neither the women
	// nor their money show; from five on, both do.
	const paid = text.match(/Эхний хэсэг нь олгогдсон буцалтгүй тусламж,(<5|\d+)\r\n/)?.[1];
	const money = text.match(/Нийт олгосон дүн \(₮\),(<5|\d+)\r\n/)?.[1];
	expect(paid).toBeDefined();
	expect(money === '<5').toBe(paid === '<5');
	// Dalanzadgad's two awards at most: a suppressed cell in the per-soum table.
	expect(text).toMatch(/,<5(\r\n|,)/);
	expect(text).toContain('Шууд бус ашиг хүртэгчид (тооцоо),4000\r\n');
	expect(text).toMatch(/Ханбогд,\d+,\d+,/);
	expect(text).not.toContain('UMN-26-');
	expect(text).not.toContain(APPLICANT_NAME);
	expect(text).not.toContain(DEMO_GRANTEE_PHONE);
	// The programme's exact money figure never leaves in the donor report.
	expect(text).not.toContain('9520700');
	expect((await page.request.get(`${CSV_URL}?cohort=${UNKNOWN_COHORT}`)).status()).toBe(404);
});

test('the printable report: the donor figures only, and no site chrome on paper', async ({
	coordinatorPage: page
}) => {
	const figures = await indicators(page);
	await page.goto(`${PRINT}?cohort=${figures.cohort.id}`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Донорт зориулсан тайлан');
	await expect(page.getByText('Umnugobi 2026 (umnugobi-2026)')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Хэвлэх' })).toBeVisible();
	const report = page.locator('article.report');
	await expect(report.getByRole('cell', { name: '<5', exact: true }).first()).toBeVisible();
	await expect(report).toContainText('оролцогчийг тайланд оруулаагүй');
	await expect(report).not.toContainText('9,520,700');
	await expect(report.getByRole('columnheader', { name: 'Хөтөлбөрийн тоо' })).toHaveCount(0);
	await expect(page.getByTestId('donor-by-soum').getByRole('rowheader')).toHaveCount(4);

	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('header.top')).toBeHidden();
	await expect(page.getByRole('navigation')).toBeHidden();
	await expect(page.locator('footer.foot')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Хэвлэх' })).toBeHidden();
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	expect((await page.goto(`${PRINT}?cohort=${UNKNOWN_COHORT}`))?.status()).toBe(404);
});

test('the indicators page fits a 375 px screen', async ({ coordinatorPage: page }) => {
	await page.setViewportSize({ width: 375, height: 812 });
	for (const url of [PAGE, PRINT]) {
		await page.goto(url);
		await expect(page.locator('table').first()).toBeVisible();
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
		expect(overflow, url).toBeLessThanOrEqual(0);
	}
});

for (const role of ['finance', 'mentor', 'admin', 'applicant'] as const) {
	test(`the ${role} may not see the indicators`, async ({ browser }) => {
		const context = await browser.newContext();
		const page = await context.newPage();
		await signInAs(page, DEMO_PHONES[role]);
		await expect(page).not.toHaveURL(/\/login/);
		for (const url of [JSON_URL, CSV_URL, PAGE, PRINT]) {
			const response = await page.request.get(url, { maxRedirects: 0 });
			expect(response.status(), url).toBe(403);
			expect(await response.text(), url).not.toContain('trainedLifeSkills');
		}
		const refused = await page.request.post(`${PAGE}?/indirect`, {
			form: { indirectBeneficiaries: '1' },
			headers: { origin: new URL(page.url()).origin, accept: 'text/html' },
			maxRedirects: 0
		});
		expect(refused.status()).toBe(403);
		await context.close();
	});
}

test('signed out, the JSON sends her to sign in', async ({ request }) => {
	const response = await request.get(JSON_URL, { maxRedirects: 0 });
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toContain('/login');
});
