// The committee's ranking and decisions: the chair (80000004) and coordinators see the ranked,
// pseudonymised list against the budget; another reviewer is refused; the decision form refuses
// an award above the request, above the cap or the remaining budget, and records a wait-list
// with its reason; the meeting pack downloads as CSV without names; and a declined applicant
// reads the kind text and where other support is. Decisions are made only on a plan already
// wait-listed (to the wait-list again), so that no other journey's expectations change.
import type { Browser, Page } from '@playwright/test';
import {
	DEMO_PASSWORD,
	DEMO_PHONES,
	expect,
	setUpViaUi,
	signInAs,
	signInThroughForm,
	test
} from './fixtures';
import { stamp } from './steps';

const OTHER_REVIEWER = '80000007';
const CODE = /^UMN-26-\d{3}$/;

/** A signed-in page in its own browser context; close it with page.context().close(). */
async function signedIn(browser: Browser, phone: string, password = DEMO_PASSWORD) {
	const context = await browser.newContext();
	const page = await context.newPage();
	// Through the drawn form: a refused sign-in (no password yet) leaves her on /login.
	await signInThroughForm(page, phone, password);
	// Signed in (she leaves /login), or refused: then the caller sees she is still on /login.
	await page
		.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 5_000 })
		.catch(() => undefined);
	return page;
}

/** Whole tögrög from a shown amount such as "₮ 3,687,000". */
const tugrik = (text: string | null) => Number((text ?? '').replace(/[^\d]/g, ''));

/** The value beside a term of a <dl> (budget summary, plan statistics). */
const termValue = async (page: Page, term: string) =>
	(await page.locator('dt', { hasText: term }).first().locator('+ dd').textContent()) ?? '';

/** Participants' names whose plans are in front of the committee, from the coordinator's list. */
async function namesInReview(browser: Browser): Promise<string[]> {
	const page = await signedIn(browser, DEMO_PHONES.coordinator);
	const names: string[] = [];
	for (const stage of ['review', 'grant']) {
		await page.goto(`/staff/participants?stage=${stage}`);
		// The name cell without its "protected" badge.
		const cells = await page.locator('tbody tr td:nth-child(2)').evaluateAll((tds) =>
			tds.map((td) => {
				const copy = td.cloneNode(true) as HTMLElement;
				copy.querySelectorAll('.badge').forEach((badge) => badge.remove());
				return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
			})
		);
		names.push(...cells.filter((name) => name.length > 3 && name !== 'Нууцлагдсан'));
	}
	await page.context().close();
	expect(names.length).toBeGreaterThan(10);
	return names;
}

const ranking = (page: Page) => page.getByRole('region', { name: 'Эрэмбэлсэн жагсаалт' });
const planRows = (page: Page) =>
	ranking(page)
		.getByRole('row')
		.filter({ has: page.getByRole('link', { name: CODE }) });

test('the chair sees the ranked list by code, 20 awards within the budget, divergent plans flagged', async ({
	reviewerPage: page,
	browser
}) => {
	const names = await namesInReview(browser);
	await page.goto('/review');
	await page.getByRole('link', { name: 'Хорооны эрэмбэ, шийдвэр' }).click();
	await expect(page).toHaveURL(/\/review\/committee$/);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Хорооны шийдвэр');

	// Ranked rows, by code only; the first is rank 1.
	expect(await planRows(page).count()).toBeGreaterThanOrEqual(30);
	await expect(planRows(page).first().getByRole('cell').first()).toHaveText(/^\s*1\b/);
	const body = (await page.locator('main').textContent()) ?? '';
	for (const name of names) expect(body, `no name on the ranking: ${name}`).not.toContain(name);

	// The reference programme's 20 grants (and one more when the full-cycle journey ran first).
	const awards = await page.getByText(/^Тэтгэлэг олгох: \d+$/).textContent();
	expect([20, 21]).toContain(Number(awards?.split(': ')[1]));
	const budget = tugrik(await termValue(page, 'Тэтгэлгийн төсөв'));
	const committed = tugrik(await termValue(page, 'Олгохоор шийдсэн'));
	const remaining = tugrik(await termValue(page, 'Үлдэгдэл'));
	expect(budget).toBe(100_000_000);
	expect(committed).toBeGreaterThan(0);
	expect(committed).toBeLessThanOrEqual(budget);
	expect(remaining).toBe(budget - committed);

	// The demo's three divergent plans (whether or not the chair has done her third review yet),
	// and any a journey may add: a row is flagged exactly when its totals are over 20 apart
	// (where she may see them: see the next test).
	const flags = await planRows(page).evaluateAll((rows) =>
		rows.map((row) => ({
			spread: Number(row.querySelectorAll('td')[7]?.textContent?.trim()),
			flagged: (row.textContent ?? '').includes('Зөрүүтэй')
		}))
	);
	expect(flags.filter((row) => row.flagged).length).toBeGreaterThanOrEqual(3);
	for (const { spread, flagged } of flags.filter((row) => !Number.isNaN(row.spread))) {
		expect(flagged).toBe(spread > 20);
	}
	// The budget line is marked in the ranked list.
	await expect(ranking(page).getByText(/^Төсвийн шугам/)).toBeVisible();
	// Reviewers' profiles: who is normalised.
	const profiles = page.getByRole('region', { name: 'Үнэлгээчдийн хандлага' });
	await expect(profiles.getByRole('row').filter({ hasText: 'Энхтуяа Ганбат' })).toContainText(
		'дарга'
	);
});

test('the chair does not see the others’ scores on a plan still in her own queue; a coordinator does', async ({
	reviewerPage: chair,
	coordinatorPage: staff
}) => {
	const yoursFirst = 'Таны үнэлгээний дараа харагдана';
	await chair.goto('/review/committee');
	const blinded = planRows(chair).filter({ hasText: yoursFirst }).first();
	await expect(blinded).toContainText('Зөрүүтэй');
	const code = ((await blinded.getByRole('link').textContent()) ?? '').trim();
	await expect(blinded.getByRole('cell').nth(7)).toHaveText('—');
	await blinded.getByRole('link', { name: code }).click();
	await expect(chair.getByText('Энэ төлөвлөгөөг та үнэлэх ёстой.')).toBeVisible();
	await expect(chair.getByRole('link', { name: 'Төлөвлөгөөг үнэлэх' })).toBeVisible();
	await expect(chair.getByRole('region', { name: 'Үнэлгээчдийн оноо, тайлбар' })).toHaveCount(0);
	const csv = await (await chair.request.get('/review/committee/pack.csv')).text();
	const line = csv.split('\r\n').find((l) => l.includes(`,${code},`)) ?? '';
	expect(line.split(',')[6], 'no reviewer totals in her CSV').toBe('');

	// The coordinator, who reviews nothing, sees the divergent totals and the comments.
	await staff.goto('/review/committee');
	const row = planRows(staff).filter({ has: staff.getByRole('link', { name: code }) });
	expect(Number(await row.getByRole('cell').nth(7).textContent())).toBeGreaterThan(20);
	await row.getByRole('link', { name: code }).click();
	const reviews = staff.getByRole('region', { name: 'Үнэлгээчдийн оноо, тайлбар' });
	await expect(reviews.getByRole('heading', { level: 3 })).toHaveCount(2);
	await expect(reviews.getByRole('table').first()).toContainText('Бизнесийн амьдрах чадвар');
});

test('a reviewer who does not chair is refused; a coordinator may open the ranking and the pack', async ({
	coordinatorPage,
	browser
}) => {
	const other = await signedIn(browser, OTHER_REVIEWER);
	await expect(other).toHaveURL(/\/review$/);
	for (const path of ['/review/committee', '/review/committee/pack']) {
		const response = await other.goto(path);
		expect(response?.status(), path).toBe(403);
	}
	expect((await other.request.get('/review/committee/pack.csv')).status()).toBe(403);
	await other.context().close();

	await coordinatorPage.goto('/review/committee');
	await expect(coordinatorPage.getByRole('heading', { level: 1 })).toContainText('Хорооны шийдвэр');
	expect(await planRows(coordinatorPage).count()).toBeGreaterThanOrEqual(30);
	await coordinatorPage.goto('/review/committee/pack');
	await expect(coordinatorPage.getByRole('heading', { level: 1 })).toHaveText(
		'Хорооны хурлын материал'
	);
	await expect(coordinatorPage.getByRole('button', { name: 'Хэвлэх' })).toBeVisible();
});

test('the decision form refuses awards beyond the request, the cap or the budget, and records a wait-list', async ({
	reviewerPage: page
}) => {
	await page.goto('/review/committee');
	const remaining = tugrik(await termValue(page, 'Үлдэгдэл'));
	const cap = tugrik(await termValue(page, 'Нэг тэтгэлгийн дээд хэмжээ'));
	const row = planRows(page).filter({ hasText: 'Хүлээлгийн жагсаалт' }).first();
	const code = ((await row.getByRole('link').textContent()) ?? '').trim();
	await row.getByRole('link', { name: code }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Шийдвэр: ${code}`);
	const requested = tugrik(await termValue(page, 'Хүссэн дүн'));
	expect(requested).toBeGreaterThan(0);

	const form = page.getByRole('region', { name: 'Шийдвэр гаргах' });
	const award = async (amount: number) => {
		await form.getByRole('radio', { name: 'Тэтгэлэг олгох' }).check();
		await form.getByLabel('Олгох дүн (төгрөг)').fill(String(amount));
		await form.getByLabel('Үндэслэл').fill(`Шалгалт ${stamp()}`);
		await form.getByRole('button', { name: 'Шийдвэр хадгалах' }).click();
	};
	const amountError = page.locator('#amountMnt-error');

	// More than she asked for.
	await award(requested + 1);
	await expect(amountError).toContainText('Олгох дүн хүссэн дүнгээс их байж болохгүй.');
	await expect(form.getByLabel('Олгох дүн (төгрөг)')).toHaveAttribute('aria-invalid', 'true');

	// More than the budget has left, when an award within the cap can be: 409 and the remainder;
	// otherwise (the demo leaves more than a grant's cap) a clearly-over-cap award is refused.
	const withinRules = Math.min(requested, cap);
	if (remaining < withinRules) {
		await award(withinRules);
		await expect(page.getByRole('alert').filter({ hasText: 'төсвөөс хэтэрнэ' })).toContainText(
			'Үлдэгдэл'
		);
	} else {
		await award(cap * 2);
		await expect(amountError).toContainText(
			'Олгох дүн нэг тэтгэлгийн дээд хэмжээнээс их байж болохгүй.'
		);
	}
	// Refusals leave the ledger alone: still on the wait-list, no new history row.
	const history = page.getByRole('region', { name: 'Шийдвэрийн түүх' });
	const entries = await history.getByRole('row').count();

	// A reason is required.
	await form.getByRole('radio', { name: 'Хүлээлгийн жагсаалт' }).check();
	await form.getByLabel('Үндэслэл').fill('');
	await form.getByRole('button', { name: 'Шийдвэр хадгалах' }).click();
	await expect(page.locator('#reason-error')).toHaveText('Шийдвэрийн үндэслэлийг бичнэ үү.');
	await expect(history.getByRole('row')).toHaveCount(entries);

	// The wait-list again, with the chair's reason: it is in the history, newest first.
	const reason = `Төсвийн шугамын доор, дарга шийдэв (${stamp()}).`;
	await form.getByRole('radio', { name: 'Хүлээлгийн жагсаалт' }).check();
	await form.getByLabel('Үндэслэл').fill(reason);
	await form.getByRole('button', { name: 'Шийдвэр хадгалах' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Шийдвэрийг хадгаллаа.' })).toBeVisible();
	await expect(history.getByRole('row')).toHaveCount(entries + 1);
	const newest = history.getByRole('row').nth(1);
	await expect(newest).toContainText(reason);
	await expect(newest).toContainText('Хүлээлгийн жагсаалт');
	await expect(newest).toContainText('Энхтуяа Ганбат');
});

test('without JavaScript an award above the request is refused with 400, over the cap or budget too', async ({
	browser
}) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signInAs(page, DEMO_PHONES.reviewer);
	await page.goto('/review/committee');
	const remaining = tugrik(await termValue(page, 'Үлдэгдэл'));
	const cap = tugrik(await termValue(page, 'Нэг тэтгэлгийн дээд хэмжээ'));
	const row = planRows(page).filter({ hasText: 'Хүлээлгийн жагсаалт' }).last();
	await row.getByRole('link').click();
	const requested = tugrik(await termValue(page, 'Хүссэн дүн'));

	const post = async (amount: number) => {
		await page.getByRole('radio', { name: 'Тэтгэлэг олгох' }).check();
		await page.getByLabel('Олгох дүн (төгрөг)').fill(String(amount));
		await page.getByLabel('Үндэслэл').fill('Шалгалт');
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Шийдвэр хадгалах' }).click()
		]);
		await page.waitForLoadState();
		return response.status();
	};
	expect(await post(requested + 1)).toBe(400);
	await expect(page.locator('#amountMnt-error')).toContainText('хүссэн дүнгээс их');
	const withinRules = Math.min(requested, cap);
	if (remaining < withinRules) {
		expect(await post(withinRules)).toBe(409);
		await expect(page.getByRole('alert').filter({ hasText: 'төсвөөс хэтэрнэ' })).toBeVisible();
	} else {
		expect(await post(cap * 2)).toBe(400);
		await expect(page.locator('#amountMnt-error')).toContainText('дээд хэмжээнээс');
	}
	await context.close();
});

test('the meeting pack downloads as CSV, by code and without names', async ({
	reviewerPage: page,
	browser
}) => {
	const names = await namesInReview(browser);
	const response = await page.request.get('/review/committee/pack.csv');
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toContain('text/csv');
	expect(response.headers()['content-disposition']).toMatch(
		/^attachment; filename="committee-pack-[\w-]+-\d{4}-\d{2}-\d{2}\.csv"$/
	);
	const csv = await response.text();
	const lines = csv.trim().split('\r\n');
	expect(lines[0]).toContain('Код');
	expect(lines[0]).toContain('Бизнесийн амьдрах чадвар: тайлбар');
	expect(csv).toMatch(/UMN-26-\d{3}/);
	expect(csv).toContain('Тэтгэлэг олгох');
	for (const name of names) expect(csv, `no name in the pack: ${name}`).not.toContain(name);
});

test('a declined applicant reads the kind text and where other support is', async ({
	coordinatorPage: staff,
	browser
}) => {
	// A declined plan from the ranking, and its owner's phone from her profile.
	await staff.goto('/review/committee');
	const declined = planRows(staff).filter({ hasText: 'Татгалзах' }).last();
	const code = ((await declined.getByRole('link').textContent()) ?? '').trim();
	const soum = ((await declined.getByRole('cell').nth(1).textContent()) ?? '').trim();
	expect(code).toMatch(CODE);
	await staff.goto(`/staff/participants?q=${code}`);
	await staff.getByRole('link', { name: code }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toContainText(code);
	const header = (await staff.locator('main > p').nth(1).textContent()) ?? '';
	const phone = header.replace(/[^\d]/g, '').slice(0, 8);
	expect(phone).toMatch(/^\d{8}$/);

	// She signs in with the demo password, or sets one with a code from the coordinator.
	let applicant = await signedIn(browser, phone);
	if (!/\/applicant$/.test(applicant.url())) {
		await applicant.context().close();
		await staff.getByRole('link', { name: 'Нэвтрэх бүртгэл, код' }).click();
		await staff.getByRole('button', { name: 'Шинэ код гаргах' }).click();
		const setupCode = ((await staff.locator('.code').textContent()) ?? '').replace(/\s/g, '');
		expect(setupCode).toMatch(/^\d{8}$/);
		const context = await browser.newContext();
		applicant = await context.newPage();
		await setUpViaUi(applicant, phone, setupCode, `Declined-${stamp()}-pass`);
	}
	await expect(applicant).toHaveURL(/\/applicant$/);

	const outcome = applicant.getByRole('region', { name: 'Хорооны шийдвэр' });
	await expect(outcome).toContainText('Энэ удаа таны төлөвлөгөөнд тэтгэлэг олгох боломжгүй боллоо');
	await expect(outcome).toContainText('Таны хичээл зүтгэл, бичсэн төлөвлөгөөг хороо өндөр үнэлж');
	await expect(outcome.getByRole('heading', { name: 'Танд өөр дэмжлэг бий' })).toBeVisible();
	await expect(outcome).toContainText(
		`${soum} сумын Хөдөлмөр, халамжийн үйлчилгээний хэлтэс танд тохирох ажилд зуучилна.`
	);
	await expect(outcome).toContainText('ур чадварын сургалтад бүртгэж өгнө');
	// The same in English.
	await applicant.getByRole('button', { name: 'English' }).click();
	await expect(applicant.getByRole('region', { name: 'The committee’s decision' })).toContainText(
		'There is other support for you'
	);
	await applicant.context().close();
});
