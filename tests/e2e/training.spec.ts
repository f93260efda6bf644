// Training journeys: a coordinator runs a course from creation to certificate, takes
// attendance on the one-screen sheet (with JavaScript, when the save fails, and without
// JavaScript). Each test makes its own course and takes its trainees out again at the end,
// so the demo's figures are left as they were.
import { baseURL } from '../../playwright.config';
import { DEMO_PHONES, expect, signInAs, test } from './fixtures';
import {
	addSession,
	createCourse,
	day,
	enrolOfficial,
	register,
	removeTrainee,
	stamp,
	uniquePhone
} from './steps';

test('a business-plan course: two sessions, her attendance, completion and certificate', async ({
	coordinatorPage: page
}) => {
	test.setTimeout(60_000);
	// A woman of her own: the demo applicant is left alone, so that journeys running in
	// parallel always find her still in training.
	const name = `Номин Дорж ${stamp().slice(-3)}`;
	const phone = uniquePhone('6');
	await register(page, { name, phone });
	const title = `Бизнес төлөвлөгөө ${stamp()}`;
	await createCourse(page, title, 'Бизнес төлөвлөгөө боловсруулах');
	await addSession(page, '2026-05-04', 'Ханбогд сумын соёлын төв');
	await addSession(page, '2026-05-11', 'Ханбогд сумын номын сан');
	await expect(page.getByRole('link', { name: /өдрийн ирц$/ })).toHaveCount(2);

	// She is found by her phone among the cohort's participants and enrolled.
	await page.getByLabel('Нэр, код эсвэл утас').fill(phone);
	await page.getByRole('button', { name: 'Хайх' }).click();
	await page.getByRole('button', { name: `Бүртгэх: ${name}` }).click();
	await expect(page.getByText('Сургалтад бүртгэгдлээ.')).toBeVisible();
	const her = page.getByRole('row').filter({ hasText: name });
	await expect(her).toContainText('0 / 2');
	await expect(her).toContainText('Дүүргээгүй');

	for (const date of [day('05', '04'), day('05', '11')]) {
		await page.getByRole('link', { name: new RegExp(`^${date} өдрийн ирц$`) }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^Ирц: ${date}$`));
		await page.getByRole('checkbox', { name: new RegExp(name) }).check();
		await expect(page.getByText('Хадгалаагүй өөрчлөлт байна.')).toBeVisible();
		await page.getByRole('button', { name: 'Ирц хадгалах' }).click();
		await expect(page.getByRole('status')).toHaveText('Хадгалагдлаа: 1 ирсэн, 0 ирээгүй.');
		await expect(page.getByRole('checkbox', { name: new RegExp(name) })).toBeChecked();
		await page.getByRole('link', { name: title }).click();
	}

	await expect(her).toContainText('2 / 2');
	await expect(her).toContainText('Дүүргэсэн');
	await her.getByRole('link', { name: 'Гэрчилгээ' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Сургалт дүүргэсний гэрчилгээ');
	const certificate = page.getByRole('article');
	await expect(certificate).toContainText(name);
	await expect(certificate).toContainText(`«${title}» сургалтыг амжилттай дүүргэснийг`);
	await expect(certificate).toContainText('Ирц: 2 хичээлээс 2');
	await expect(page.getByRole('button', { name: 'Хэвлэх' })).toBeVisible();

	await page.getByRole('link', { name: title }).click();
	await removeTrainee(page, name);
});

test('a failed save keeps every tick on screen and says so', async ({ coordinatorPage: page }) => {
	const title = `Албан хаагчдын сургалт ${stamp()}`;
	const official = `Туршилт Албан ${stamp()}`;
	await createCourse(page, title, 'Бусад');
	await addSession(page, '2026-05-20', 'Сумын танхим');
	await enrolOfficial(page, official);
	await page.getByRole('link', { name: new RegExp(`^${day('05', '20')} өдрийн ирц$`) }).click();

	await page.route('**/sessions/**', (route) =>
		route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()
	);
	await page.getByRole('checkbox', { name: new RegExp(official) }).check();
	await page.getByRole('button', { name: 'Ирц хадгалах' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Хадгалагдсангүй, дахин оролдоно уу. Таны тэмдэглэгээ энд хэвээр байна.'
	);
	await expect(page.getByRole('checkbox', { name: new RegExp(official) })).toBeChecked();

	// Connection back: the same ticks are saved.
	await page.unroute('**/sessions/**');
	await page.getByRole('button', { name: 'Ирц хадгалах' }).click();
	await expect(page.getByRole('status')).toHaveText('Хадгалагдлаа: 1 ирсэн, 0 ирээгүй.');
	await page.reload();
	await expect(page.getByRole('checkbox', { name: new RegExp(official) })).toBeChecked();

	await page.getByRole('link', { name: title }).click();
	await removeTrainee(page, official);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('attendance is saved with the plain form, and a forged sheet is refused', async ({
		page
	}) => {
		await signInAs(page, DEMO_PHONES.coordinator);
		await expect(page).toHaveURL(/\/staff$/);
		const title = `Сургалт JS-гүй ${stamp()}`;
		const official = `Скриптгүй Албан ${stamp()}`;
		await createCourse(page, title, 'Бусад');
		// Bad input is explained beside the fields, and nothing is added.
		await page.getByRole('button', { name: 'Хичээл нэмэх' }).click();
		await expect(page.locator('#session-date-error')).toHaveText('Огноог зөв оруулна уу.');
		await expect(page.locator('#session-soum-error')).toHaveText('Сумаа сонгоно уу.');
		await expect(page.getByText('Хичээл хараахан нэмээгүй байна.')).toBeVisible();
		await addSession(page, '2026-06-01', 'Багийн төв');
		await enrolOfficial(page, official);

		await page.getByRole('link', { name: new RegExp(`^${day('06', '01')} өдрийн ирц$`) }).click();
		const sheetUrl = page.url();
		const tick = page.getByRole('checkbox', { name: new RegExp(official) });
		await tick.check();
		await page.getByRole('button', { name: 'Ирц хадгалах' }).click();
		await expect(page.getByRole('status')).toHaveText('Хадгалагдлаа: 1 ирсэн, 0 ирээгүй.');
		await expect(tick).toBeChecked();

		// A sheet naming someone not enrolled is refused with a clear 400, storing nothing.
		const enrolmentId = (await tick.getAttribute('value')) ?? '';
		const refused = await page.request.post(`${sheetUrl}?/save`, {
			headers: { origin: baseURL, accept: 'text/html' },
			form: { shown: enrolmentId, present: '0123456789abcdef01234567' },
			maxRedirects: 0
		});
		expect(refused.status()).toBe(400);
		expect(await refused.text()).toContain('энэ сургалтад бүртгэлгүй байна');
		await page.goto(sheetUrl);
		await expect(tick).toBeChecked();

		await page.getByRole('link', { name: title }).click();
		await expect(page.getByRole('row').filter({ hasText: official })).toContainText('1 / 1');
		await removeTrainee(page, official);
	});
});

test('unknown ids and certificates not earned are 404, not errors', async ({
	coordinatorPage: page
}) => {
	const title = `Хоосон сургалт ${stamp()}`;
	await createCourse(page, title, 'Амьдрах ухаан');
	const course = page.url();
	const unknown = '0123456789abcdef01234567';
	for (const url of [
		`/staff/training/${unknown}`,
		`${course}/sessions/${unknown}`,
		`${course}/certificates/${unknown}`
	]) {
		const response = await page.goto(url);
		expect(response?.status(), url).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Хуудас олдсонгүй');
	}
});
