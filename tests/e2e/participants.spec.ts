import { readFileSync } from 'node:fs';
import { DEMO_PHONES, expect, signInAs, test } from './fixtures';
import { register, uniquePhone } from './steps';

test('coordinator registers a woman, records consent, and protects her', async ({
	coordinatorPage: staff
}) => {
	const phone = uniquePhone('6');
	await register(staff, { name: 'Мөнхзаяа Ганзориг', phone });
	await expect(staff.locator('.code')).toHaveText(/^\d{4} \d{4}$/);
	await staff.getByRole('link', { name: /бүртгэлийг нээх/ }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toContainText('Мөнхзаяа Ганзориг');

	// Her donor-report consent was not ticked; she gives it now, then withdraws it.
	await staff
		.getByLabel('Зорилго')
		.selectOption({ label: 'Хандивлагчийн тайланд нэргүйгээр ашиглах' });
	await staff.getByRole('button', { name: 'Бүртгэх', exact: true }).click();
	await expect(staff.getByRole('status')).toContainText('Бүртгэгдлээ');
	await expect(staff.getByRole('row', { name: /Хандивлагчийн тайланд/ }).first()).toContainText(
		'зөвшөөрсөн'
	);

	await staff.getByRole('button', { name: 'Хамгаалалттай болгох' }).click();
	await expect(staff.locator('.badge.warn')).toHaveText('Хамгаалалттай');
});

test('a protected woman is masked for her mentor and in the CSV export', async ({
	coordinatorPage: staff,
	browser
}) => {
	const phone = uniquePhone('5');
	const name = 'Нууцлаг Туршилтын';
	await register(staff, { name, phone });
	await staff.getByRole('link', { name: /бүртгэлийг нээх/ }).click();
	const code = ((await staff.locator('.code-tag').textContent()) ?? '').trim();
	await staff.getByRole('button', { name: 'Хамгаалалттай болгох' }).click();
	await expect(staff.locator('.badge.warn')).toBeVisible();

	// The mentor of her soum sees her code only.
	const context = await browser.newContext();
	const mentor = await context.newPage();
	await signInAs(mentor, DEMO_PHONES.mentor);
	const row = mentor.getByRole('row', { name: new RegExp(code) });
	await expect(row).toContainText('Нууцлагдсан');
	await expect(mentor.getByRole('main')).not.toContainText(name);
	await expect(mentor.getByRole('main')).not.toContainText('Хамгаалалттай');
	await context.close();

	// The export masks her too, although this coordinator may see her on the page.
	await staff.goto('/staff/participants');
	const download = staff.waitForEvent('download');
	await staff.getByRole('link', { name: 'CSV татах' }).click();
	const csv = readFileSync(await (await download).path(), 'utf8');
	expect(csv.charCodeAt(0)).toBe(0xfeff);
	expect(csv).toContain(code);
	expect(csv).not.toContain(name);
	expect(csv).not.toContain(phone);
	expect(csv.split('\r\n')[0]).toContain('Код');
});

test('bad input is explained beside the field and nothing is stored', async ({
	coordinatorPage: staff
}) => {
	const nextYear = String(new Date().getFullYear() + 1);
	await register(staff, { name: 'Ирээдүйн Он', phone: uniquePhone('7'), birthYear: nextYear });
	await expect(staff.locator('#birthYear-error')).toContainText('ирээдүйн он биш');
	await expect(staff.getByLabel('Овог нэр')).toHaveValue('Ирээдүйн Он');

	await register(staff, { name: 'Давхар Утас', phone: DEMO_PHONES.mentor });
	await expect(staff.locator('#phone-error')).toHaveText(
		'Энэ утасны дугаараар бүртгэл аль хэдийн байна.'
	);
	await staff.goto('/staff/participants?q=Давхар');
	await expect(staff.getByText('Оролцогч олдсонгүй.')).toBeVisible();
});

test('search matches Latin and Cyrillic spellings', async ({ coordinatorPage: staff }) => {
	const phone = uniquePhone('9');
	await register(staff, { name: 'Өлзийхишиг Тэмүүжин', phone });
	for (const q of ['Ölziikhishig', 'olziihishig', 'Өлзийх', phone.slice(-4)]) {
		await staff.goto(`/staff/participants?q=${encodeURIComponent(q)}`);
		await expect(staff.getByRole('cell', { name: /Өлзийхишиг Тэмүүжин/ }), q).toBeVisible();
	}
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('registration works as a plain form', async ({ page }) => {
		await signInAs(page, DEMO_PHONES.coordinator);
		await register(page, { name: 'Жавгүй Бүртгэл', phone: uniquePhone('6') });
		await expect(page.locator('.code')).toHaveText(/^\d{4} \d{4}$/);
	});
});
