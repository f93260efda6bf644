import {
	DEMO_PHONES,
	HOME,
	createAccountViaUi,
	expect,
	setUpViaUi,
	signInThroughForm,
	test,
	type DemoRole
} from './fixtures';

// What each role's home says in Mongolian and in English (the page's first heading).
const HEADINGS: Record<DemoRole, { mn: RegExp; en: RegExp }> = {
	admin: { mn: /^Админ$/, en: /^Admin$/ },
	coordinator: { mn: /^Хөтөлбөрийн удирдлага$/, en: /^Programme office$/ },
	finance: { mn: /^Төлбөрийн хүсэлтүүд$/, en: /^Payment requests$/ },
	reviewer: { mn: /^Үнэлгээ$/, en: /^Reviews$/ },
	mentor: { mn: /^Зөвлөгчийн хуудас$/, en: /^Mentoring$/ },
	applicant: { mn: /^Сайн байна уу, /, en: /^Hello, / }
};

test.describe('each demo role', () => {
	for (const role of Object.keys(DEMO_PHONES) as DemoRole[]) {
		test(`${role} signs in, sees her home in Mongolian, and switches to English`, async ({
			page
		}) => {
			await signInThroughForm(page, DEMO_PHONES[role]);
			await expect(page).toHaveURL(new RegExp(`${HOME[role]}$`));
			await expect(page.locator('html')).toHaveAttribute('lang', 'mn');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADINGS[role].mn);

			await page.getByRole('button', { name: 'English' }).click();
			await expect(page).toHaveURL(new RegExp(`${HOME[role]}$`));
			await expect(page.locator('html')).toHaveAttribute('lang', 'en');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(HEADINGS[role].en);

			// The choice is remembered on the next page.
			await page.getByRole('link', { name: 'My account' }).click();
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('My account');
		});
	}
});

test('a wrong password shows the error and keeps the phone', async ({ page }) => {
	await signInThroughForm(page, DEMO_PHONES.finance, 'not-the-password');
	await expect(page).toHaveURL(/\/login/);
	await expect(page.getByRole('alert')).toHaveText('Утасны дугаар эсвэл нууц үг буруу байна.');
	await expect(page.getByLabel('Утасны дугаар')).toHaveValue(DEMO_PHONES.finance);
	await expect(page.getByLabel('Нууц үг')).toHaveValue('');
});

test('a malformed phone number is explained beside the field', async ({ page }) => {
	await signInThroughForm(page, '12ab', 'whatever');
	await expect(page.locator('#phone-error')).toContainText('8 оронтой');
	await expect(page.getByLabel('Утасны дугаар')).toHaveAttribute('aria-invalid', 'true');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('sign-in, language switch and sign-out work as plain forms', async ({ page }) => {
		await signInThroughForm(page, DEMO_PHONES.mentor);
		await expect(page).toHaveURL(/\/mentor$/);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Зөвлөгчийн хуудас');
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mentoring');
		await page.getByRole('button', { name: 'Sign out' }).click();
		await expect(page).toHaveURL(/\/login$/);
		await page.goto('/mentor');
		await expect(page).toHaveURL(/\/login\?redirectTo=%2Fmentor$/);
	});

	test('a wrong password shows the error without JavaScript', async ({ page }) => {
		await signInThroughForm(page, DEMO_PHONES.reviewer, 'wrong-password');
		await expect(page.getByRole('alert')).toHaveText('Утасны дугаар эсвэл нууц үг буруу байна.');
	});
});

test('a reviewer opening /staff gets the friendly 403 page', async ({ reviewerPage: page }) => {
	const response = await page.goto('/staff');
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Энэ хуудас танд нээлттэй биш');
	await expect(page.getByRole('link', { name: 'Нүүр хуудас руу буцах' })).toBeVisible();
});

test('a signed-out visitor is sent to sign in, then back where she was going', async ({ page }) => {
	await page.goto('/admin/audit');
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fadmin%2Faudit$/);
	await page.locator('#phone').fill(DEMO_PHONES.admin);
	await page.locator('#password').fill('demo-pass-2026');
	await page.locator('form[method="POST"] button[type="submit"]').click();
	await expect(page).toHaveURL(/\/admin\/audit$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Аудитын бүртгэл');
	await expect(page.getByRole('cell', { name: 'auth.signin', exact: true }).first()).toBeVisible();
});

test('set-up code: staff create an account, she chooses her password and signs in', async ({
	coordinatorPage: staff,
	browser
}) => {
	const phone = `9${Date.now().toString().slice(-7)}`;
	await staff.goto('/staff/accounts');
	await staff.getByRole('button', { name: 'English' }).click();
	await staff.getByLabel('Full name').fill('Нарантуяа Баяр');
	await staff.getByLabel('Phone number').fill(phone);
	await staff.getByRole('checkbox', { name: 'Participant' }).check();
	await staff.getByRole('checkbox', { name: 'Khanbogd' }).check();
	await staff.getByRole('button', { name: 'Create account' }).click();
	const codeText = await staff.locator('.code').textContent();
	const code = (codeText ?? '').replace(/\s/g, '');
	expect(code).toMatch(/^\d{8}$/);
	await expect(staff.getByRole('link', { name: 'Нарантуяа Баяр' })).toBeVisible();

	const herContext = await browser.newContext();
	const her = await herContext.newPage();
	await her.goto('/setup');
	await her.getByLabel('Утасны дугаар').fill(phone);
	await her.getByLabel('Нэг удаагийн код').fill(`${code.slice(0, 4)} ${code.slice(4)}`);
	await her.getByLabel('Шинэ нууц үг', { exact: true }).fill('minii-nuuts-ug');
	await her.getByLabel('Шинэ нууц үгээ давтах').fill('minii-nuuts-ug');
	await her.getByRole('button', { name: 'Нууц үг хадгалах' }).click();
	await expect(her).toHaveURL(/\/applicant$/);
	await expect(her.getByRole('heading', { level: 1 })).toHaveText('Сайн байна уу, Нарантуяа Баяр');

	// The code works once.
	await her.getByRole('button', { name: 'Гарах' }).click();
	await her.goto('/setup');
	await her.getByLabel('Утасны дугаар').fill(phone);
	await her.getByLabel('Нэг удаагийн код').fill(code);
	await her.getByLabel('Шинэ нууц үг', { exact: true }).fill('another-password');
	await her.getByLabel('Шинэ нууц үгээ давтах').fill('another-password');
	await her.getByRole('button', { name: 'Нууц үг хадгалах' }).click();
	await expect(her.locator('#code-error')).toHaveText(
		'Энэ кодыг аль хэдийн ашигласан байна. Нэвтрэх эсвэл шинэ код аваарай.'
	);

	// Her own password signs her in.
	await signInThroughForm(her, phone, 'minii-nuuts-ug');
	await expect(her).toHaveURL(/\/applicant$/);
	await herContext.close();
});

test('a user with several roles chooses where to go', async ({ adminPage: admin, browser }) => {
	const phone = `8${Date.now().toString().slice(-7)}`;
	const code = await createAccountViaUi(admin, {
		name: 'Туяа Ганболд',
		phone,
		roles: ['Сумын зөвлөгч', 'Үнэлгээний хорооны гишүүн'],
		soums: ['Манлай']
	});
	const context = await browser.newContext();
	const page = await context.newPage();
	await setUpViaUi(page, phone, code, 'two-roles-pass');
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Аль хуудас руу орох вэ?');
	await page.getByRole('main').getByRole('link', { name: 'Үнэлгээ' }).click();
	await expect(page).toHaveURL(/\/review$/);
	await context.close();
});

test('admin disables an account and its open session ends at once', async ({
	adminPage: admin,
	browser
}) => {
	const phone = `7${Date.now().toString().slice(-7)}`;
	const code = await createAccountViaUi(admin, {
		name: 'Санхүү Туршилт',
		phone,
		roles: ['Санхүүгийн ажилтан']
	});
	const context = await browser.newContext();
	const page = await context.newPage();
	await setUpViaUi(page, phone, code, 'finance-pass-1');
	await expect(page).toHaveURL(/\/finance$/);

	await admin.getByRole('link', { name: 'Санхүү Туршилт' }).click();
	await admin.getByRole('button', { name: 'Бүртгэлийг идэвхгүй болгох' }).click();
	await expect(admin.getByRole('status')).toHaveText(
		'Бүртгэл идэвхгүй боллоо; түүний бүх нэвтрэлт хаагдлаа.'
	);

	await page.reload();
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Ffinance$/);
	await signInThroughForm(page, phone, 'finance-pass-1');
	await expect(page.getByRole('alert')).toContainText('идэвхгүй');
	await context.close();
});
