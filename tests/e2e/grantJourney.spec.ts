// The money journey, end to end in the browser: a coordinator who is also a finance officer
// requests the rejected demo grant's first tranche again and cannot approve it herself; the
// demo finance officer approves it and records it paid; a receipt is uploaded against a budget
// line and planned against spent shows it. Uses only the demo grant R (tests/e2e/grantDemo.ts).
import type { Page } from '@playwright/test';
import { createAccountViaUi, expect, setUpViaUi, test } from './fixtures';
import { GRANT_DEMO } from './grantDemo';
import { stamp, uniquePhone } from './steps';

const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4e80000000049454e44ae426082',
	'hex'
);

async function openGrant(page: Page, code: string) {
	await page.goto('/staff/grants');
	await page.getByRole('row').filter({ hasText: code }).getByRole('link').first().click();
	await expect(page).toHaveURL(/\/staff\/grants\/[0-9a-f]{24}$/);
}

async function openRequest(page: Page, code: string) {
	await page.goto('/finance');
	const row = page
		.locator('section', { hasText: 'Батлах хүсэлтүүд' })
		.getByRole('row')
		.filter({ hasText: code });
	await row.getByRole('link').first().click();
	await expect(page).toHaveURL(/\/finance\/requests\/[0-9a-f]{24}$/);
}

test('request → refused self-approval → approve → paid → receipt → planned against spent', async ({
	adminPage,
	financePage,
	browser
}) => {
	test.setTimeout(180_000);
	const code = GRANT_DEMO.R;

	// A coordinator who also holds the finance role: the maker who must not be the checker.
	const phone = uniquePhone('8');
	const setupCode = await createAccountViaUi(adminPage, {
		name: `Давхар эрх ${stamp()}`,
		phone,
		roles: ['Хөтөлбөрийн зохицуулагч', 'Санхүүгийн ажилтан']
	});
	const context = await browser.newContext();
	const maker = await context.newPage();
	await setUpViaUi(maker, phone, setupCode, 'journey-pass-2026');
	await expect(maker).not.toHaveURL(/\/setup/); // signed in, on her home page

	// Her grant shows the rejection and its reason; she asks for tranche 1 again.
	await openGrant(maker, code);
	await expect(maker.getByText('Дансны эзэмшигчийн нэр').first()).toBeVisible();
	await maker.getByRole('radio', { name: 'Банкны шилжүүлэг' }).check();
	await maker.getByLabel('Банкны нэр').fill('Хаан банк');
	await maker.getByLabel('Данс эзэмшигчийн нэр').fill('Зөв нэр');
	await maker.getByLabel('Дансны дугаар').fill('5000 1234 5678');
	await maker.getByRole('button', { name: 'Төлбөрийн хүсэлт илгээх' }).click();
	await expect(maker.getByText('Төлбөрийн хүсэлт илгээгдлээ.')).toBeVisible();

	// She sees it in the finance queue as her own and cannot approve it.
	await openRequest(maker, code);
	const requestUrl = maker.url();
	await expect(maker.getByText('Энэ хүсэлтийг та өөрөө гаргасан')).toBeVisible();
	await expect(maker.getByRole('button', { name: 'Зөвшөөрөх' })).toHaveCount(0);
	const refused = await maker.request.post(`${requestUrl}?/approve`, {
		form: {},
		headers: { origin: new URL(requestUrl).origin, accept: 'text/html' },
		maxRedirects: 0
	});
	expect(refused.status()).toBe(403);
	expect(await refused.text()).toContain('Өөрийн гаргасан хүсэлтийг');

	// Another finance officer approves and records it paid.
	await financePage.goto(requestUrl);
	await financePage.getByRole('button', { name: 'Зөвшөөрөх' }).click();
	await expect(financePage.getByText('Зөвшөөрсөн:').first()).toBeVisible();
	await financePage
		.getByLabel('Банкны гүйлгээний эсвэл кассын дэвтрийн дугаар')
		.fill('ХААН-778899');
	await financePage.getByRole('button', { name: 'Төлсөн гэж бүртгэх' }).click();
	await expect(financePage.getByText('ХААН-778899').first()).toBeVisible();
	await expect(financePage.getByText('Төлсөн:').first()).toBeVisible();
	await financePage.goto('/finance');
	await expect(financePage.getByText('Төлбөрийн дэвтэр тэнцэж байна')).toBeVisible();

	// Back on her grant: tranche 1 paid; a receipt against the first budget line is spent.
	await openGrant(maker, code);
	const tranches = maker.getByRole('row').filter({ hasText: '1/2-р хэсэг' });
	await expect(tranches.first()).toContainText('Төлсөн');
	const use = maker.getByTestId('use-of-funds');
	const spent = use.locator('tbody tr').first().locator('td').nth(1);
	await expect(spent).toHaveText(/^\s*₮\s?0\s*$/);
	await maker.getByLabel('Зураг эсвэл PDF (5 МБ хүртэл)').setInputFiles({
		name: 'receipt.png',
		mimeType: 'image/png',
		buffer: PNG
	});
	await maker.getByLabel('Аль зардлын мөрөнд').selectOption({ index: 1 });
	await maker.getByLabel('Дүн (₮)').fill('120000');
	await maker.getByRole('button', { name: 'Баримт хадгалах' }).click();
	await expect(maker.getByText('Баримт хадгалагдлаа.')).toBeVisible();
	await expect(spent).toHaveText(/₮\s?120,000/);
	await expect(maker.getByTestId('receipts')).toContainText('120,000');
	await context.close();
});
