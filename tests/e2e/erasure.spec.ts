// Erasing a participant's personal data from her staff page (issue 10, retention): a woman
// registered for this test (never a demo person other specs use), erased on her request, with
// and without JavaScript. Labels are the Mongolian ones.
import { expect, signInAs, test, DEMO_PHONES } from './fixtures';
import { register, uniquePhone } from './steps';
import type { Page } from '@playwright/test';

const ERASED = 'Мэдээлэл нь устгагдсан оролцогч';

/** Registers her and opens her record; returns her code. */
async function registered(staff: Page, name: string, phone: string): Promise<string> {
	await register(staff, { name, phone });
	await staff.getByRole('link', { name: /бүртгэлийг нээх/ }).click();
	await expect(staff.getByRole('heading', { level: 1 })).toContainText(name);
	return ((await staff.locator('.code-tag').textContent()) ?? '').trim();
}

async function erase(staff: Page, confirmation: string) {
	await staff.getByLabel('Үндэслэл').selectOption({ label: 'Өөрөө хүссэн' });
	await staff.getByLabel('Шалтгаан').selectOption({ label: 'Бичгээр хүсэлт гаргасан' });
	await staff.getByLabel(/Баталгаажуулахын тулд түүний кодыг бичнэ үү/).fill(confirmation);
	await staff.getByRole('button', { name: 'Хувийн мэдээллийг нь устгах' }).click();
}

async function expectErased(staff: Page, code: string, name: string, phone: string) {
	await expect(staff.getByRole('heading', { level: 1 })).toContainText(ERASED);
	await expect(staff.getByRole('heading', { level: 1 })).toContainText(code);
	await expect(staff.getByRole('note')).toContainText('Оюунчимэг Батболд устгасан');
	await expect(staff.getByRole('main')).not.toContainText(name);
	await expect(staff.getByRole('button', { name: 'Хувийн мэдээллийг нь устгах' })).toHaveCount(0);
	// Found by her code, marked erased; never by her name or phone.
	await staff.goto(`/staff/participants?q=${code}`);
	await expect(staff.getByRole('row', { name: new RegExp(code) })).toContainText(ERASED);
	await staff.goto(`/staff/participants?q=${encodeURIComponent(name)}`);
	await expect(staff.getByText('Оролцогч олдсонгүй.')).toBeVisible();
	await staff.goto(`/staff/participants?q=${phone}`);
	await expect(staff.getByText('Оролцогч олдсонгүй.')).toBeVisible();
}

test('a coordinator erases a woman on her request; a wrong code is refused first', async ({
	coordinatorPage: staff
}) => {
	const name = 'Устгах Туршилтын';
	const phone = uniquePhone('6');
	const code = await registered(staff, name, phone);
	await expect(staff.getByRole('heading', { name: 'Хувийн мэдээллийг нь устгах' })).toBeVisible();
	await expect(staff.getByText(/Хадгалах хугацаа \d{4}\.\d{2}\.\d{2}-нд дуусна/)).toBeVisible();

	await erase(staff, 'UMN-00-000');
	await expect(staff.locator('#confirmation-error')).toHaveText(
		'Бичсэн код түүний кодтой таарахгүй байна.'
	);
	await expect(staff.getByRole('heading', { level: 1 })).toContainText(name);

	await erase(staff, code);
	await expect(staff.getByRole('status')).toHaveText('Түүний хувийн мэдээлэл устгагдлаа.');
	await expectErased(staff, code, name, phone);
});

test('erasure works without JavaScript', async ({ browser }) => {
	const context = await browser.newContext({ javaScriptEnabled: false });
	const staff = await context.newPage();
	await signInAs(staff, DEMO_PHONES.coordinator);
	await expect(staff).toHaveURL(/\/staff$/);
	const name = 'Скриптгүй Устгал';
	const phone = uniquePhone('7');
	const code = await registered(staff, name, phone);
	await erase(staff, code);
	await expectErased(staff, code, name, phone);
	await context.close();
});
