// Stage 1 end to end: the coordinator registers a woman and records her consent, enrols her
// in the business-plan course, takes attendance across its sessions; she becomes eligible,
// sets up her account with her code and sees her progress.
import { expect, test } from './fixtures';
import {
	addSession,
	createCourse,
	day,
	register,
	removeTrainee,
	stamp,
	uniquePhone
} from './steps';

test('from registration to eligibility, and her own view of it', async ({
	coordinatorPage: staff,
	browser
}) => {
	test.setTimeout(90_000); // a whole stage, many pages
	const name = `Ундрах Төмөр ${stamp().slice(-3)}`;
	const phone = uniquePhone('6');
	await register(staff, { name, phone });
	const code = ((await staff.locator('.code').textContent()) ?? '').replace(/\s/g, '');
	await staff.getByRole('link', { name: /бүртгэлийг нээх/ }).click();
	await expect(staff.getByText('Сургалт', { exact: true })).toBeVisible();

	// Her consent to donor reporting, given verbally before a witness.
	await staff
		.getByLabel('Зорилго')
		.selectOption({ label: 'Хандивлагчийн тайланд нэргүйгээр ашиглах' });
	await staff.getByLabel('Хэрхэн авсан').selectOption({ label: 'Амаар, гэрчтэй' });
	await staff.getByRole('button', { name: 'Бүртгэх', exact: true }).click();
	await expect(staff.locator('#witness-error')).toHaveText(
		'Амаар авсан зөвшөөрөлд гэрчийн нэр бичнэ.'
	);
	await staff.getByLabel('Гэрч').fill('Г. Сарангэрэл');
	await staff.getByRole('button', { name: 'Бүртгэх', exact: true }).click();
	await expect(staff.getByRole('status')).toContainText('Бүртгэгдлээ');

	// The business-plan course: two sessions, her enrolment, her attendance at both.
	const title = `Бизнес төлөвлөгөө ${stamp()}`;
	await createCourse(staff, title, 'Бизнес төлөвлөгөө боловсруулах');
	await addSession(staff, '2026-07-06', 'Ханбогд сумын соёлын төв');
	await addSession(staff, '2026-07-13', 'Ханбогд сумын соёлын төв');
	await staff.getByLabel('Нэр, код эсвэл утас').fill(phone);
	await staff.getByRole('button', { name: 'Хайх' }).click();
	await staff.getByRole('button', { name: `Бүртгэх: ${name}` }).click();
	await expect(staff.getByText('Сургалтад бүртгэгдлээ.')).toBeVisible();
	for (const date of [day('07', '06'), day('07', '13')]) {
		await staff.getByRole('link', { name: new RegExp(`^${date} өдрийн ирц$`) }).click();
		await staff.getByRole('checkbox', { name: new RegExp(name) }).check();
		await staff.getByRole('button', { name: 'Ирц хадгалах' }).click();
		await expect(staff.getByRole('status')).toHaveText(/^Хадгалагдлаа/);
		await staff.getByRole('link', { name: title }).click();
	}
	await expect(staff.getByRole('row').filter({ hasText: name })).toContainText('Дүүргэсэн');
	const course = staff.url();

	// She is now at the business-plan stage.
	await staff.goto(`/staff/participants?q=${phone}`);
	await expect(staff.getByRole('row').filter({ hasText: name })).toContainText('Бизнес төлөвлөгөө');

	// She sets up her account with the code and sees her progress in plain Mongolian.
	const context = await browser.newContext();
	const her = await context.newPage();
	await her.goto('/setup');
	await her.getByLabel('Утасны дугаар').fill(phone);
	await her.getByLabel('Нэг удаагийн код').fill(code);
	await her.getByLabel('Шинэ нууц үг', { exact: true }).fill('minii-nuuts-ug-1');
	await her.getByLabel('Шинэ нууц үгээ давтах').fill('minii-nuuts-ug-1');
	await her.getByRole('button', { name: 'Нууц үг хадгалах' }).click();
	await expect(her).toHaveURL(/\/applicant$/);
	await expect(her.locator('[aria-current="step"]')).toContainText('Бизнес төлөвлөгөө');
	await expect(her.getByText(/Баяр хүргэе!/)).toBeVisible();
	await expect(her.getByRole('listitem').filter({ hasText: title })).toContainText(
		'2 хичээлээс 2-д ирсэн'
	);
	await context.close();

	await staff.goto(course);
	await removeTrainee(staff, name);
});
