// Steps shared by the journeys: what a coordinator does on the participant and training pages,
// with the Mongolian labels she sees.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

export const uniquePhone = (lead: string) => `${lead}${Date.now().toString().slice(-7)}`;

/** Fills the registration form (Mongolian labels) and submits it. */
export async function register(
	staff: Page,
	{
		name,
		phone,
		soum = 'Ханбогд',
		birthYear = '1991'
	}: { name: string; phone: string; soum?: string; birthYear?: string }
) {
	await staff.goto('/staff/participants/new');
	// Let the page hydrate first: Svelte's select binding resets a choice made before it (the
	// soum came back empty once in CI, and the journey waited for a code that never came).
	await staff.waitForLoadState('networkidle');
	await staff.getByLabel('Овог нэр').fill(name);
	await staff.getByLabel('Утасны дугаар').fill(phone);
	await staff.getByLabel('Оршин суугаа сум').selectOption({ label: soum });
	await staff.getByLabel('Баг').fill('2-р баг');
	await staff.getByLabel('Төрсөн он').fill(birthYear);
	await staff.getByLabel('Хэн чиглүүлсэн').selectOption({ label: 'Сумын нийгмийн ажилтан' });
	await staff.getByRole('checkbox', { name: 'Сумын захиргаатай мэдээлэл хуваалцах' }).check();
	await staff.getByRole('button', { name: 'Бүртгэж, код гаргах' }).click();
	// Wait for the outcome: the set-up code, or a message beside a field.
	await staff.locator('.code, .field-error').first().waitFor();
}

export const stamp = () => Date.now().toString(36);
/** A 2026 day as the Mongolian pages write it (2026.05.04), as a RegExp source. */
export const day = (month: string, date: string) => `2026\\.${month}\\.${date}`;

/** Creates a course on /staff/training (Mongolian labels) and lands on its page. */
export async function createCourse(page: Page, title: string, kind: string) {
	await page.goto('/staff/training');
	await page.getByLabel('Сургалтын нэр').fill(title);
	await page.getByRole('radio', { name: kind }).check();
	await page.getByLabel('Суудлын тоо').fill('10');
	await page.getByRole('button', { name: 'Сургалт нэмэх' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
}

export async function addSession(page: Page, date: string, venue: string) {
	await page.getByLabel('Огноо').fill(date);
	await page.getByLabel('Сум', { exact: true }).selectOption({ label: 'Ханбогд' });
	await page.getByLabel('Байршил').fill(venue);
	await page.getByLabel('Сургагч багш').fill('Д. Сайнбилэг');
	await page.getByRole('button', { name: 'Хичээл нэмэх' }).click();
	await expect(page.getByText('Хичээл нэмэгдлээ.')).toBeVisible();
}

export async function enrolOfficial(page: Page, name: string) {
	await page.getByLabel('Овог нэр').fill(name);
	await page.getByLabel('Байгууллага').fill('Ханбогд сумын Засаг даргын тамгын газар');
	await page.getByLabel('Албан тушаал').fill('Нийгмийн ажилтан');
	await page.getByRole('button', { name: 'Албан хаагч бүртгэх' }).click();
	await expect(page.getByText('Албан хаагч бүртгэгдлээ.')).toBeVisible();
}

/** Takes a trainee out of the course again (the disclosure, then the confirm button). */
export async function removeTrainee(page: Page, name: string) {
	const row = page.getByRole('row').filter({ hasText: name });
	await row.getByText('Хасах…').click();
	await row.getByRole('button', { name: 'Тийм, сургалтаас хасах' }).click();
	await expect(page.getByText('Сургалтаас хасагдлаа.')).toBeVisible();
	await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
}

/**
 * Registers a woman and makes her eligible to draft a plan: a one-session business-plan
 * course, her enrolment and her attendance. Returns her set-up code.
 */
export async function registerEligibleWoman(
	staff: Page,
	{ name, phone }: { name: string; phone: string }
): Promise<string> {
	await register(staff, { name, phone });
	const code = ((await staff.locator('.code').textContent()) ?? '').replace(/\s/g, '');
	expect(code).toMatch(/^\d{8}$/);
	await createCourse(staff, `Бизнес төлөвлөгөө ${stamp()}`, 'Бизнес төлөвлөгөө боловсруулах');
	await addSession(staff, '2026-07-06', 'Ханбогд сумын соёлын төв');
	await staff.getByLabel('Нэр, код эсвэл утас').fill(phone);
	await staff.getByRole('button', { name: 'Хайх' }).click();
	await staff.getByRole('button', { name: `Бүртгэх: ${name}` }).click();
	await expect(staff.getByText('Сургалтад бүртгэгдлээ.')).toBeVisible();
	await staff.getByRole('link', { name: new RegExp(`^${day('07', '06')} өдрийн ирц$`) }).click();
	await staff.getByRole('checkbox', { name: new RegExp(name) }).check();
	await staff.getByRole('button', { name: 'Ирц хадгалах' }).click();
	await expect(staff.getByRole('status')).toHaveText(/^Хадгалагдлаа/);
	return code;
}
