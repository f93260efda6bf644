// Steps of the committee's journeys: a new reviewer on the committee, assignment by the
// coordinator, and what a reviewer does on a plan. Labels in Mongolian, the default language.
import type { Browser, BrowserContextOptions, Page } from '@playwright/test';
import { createAccountViaUi, expect, setUpViaUi } from './fixtures';
import { stamp } from './steps';

export const PASSWORD = 'review-pass-2026';
export const CRITERIA = [
	'1. Бизнесийн амьдрах чадвар',
	'2. Хэрэглэгч, зах зээлийн ойлголт',
	'3. Төсөв, таамаглалын бодитой байдал',
	'4. Ур чадвар, тууштай байдал',
	'5. Ажлын байр, нийгмийн нөлөө'
];

export interface Reviewer {
	name: string;
	phone: string;
	page: Page;
	close: () => Promise<void>;
}

let phoneSeq = 0;

/**
 * A new reviewer account (created by the coordinator, set up by her in her own browser) on
 * the committee.
 */
export async function newReviewer(
	browser: Browser,
	staff: Page,
	options: BrowserContextOptions = {}
): Promise<Reviewer> {
	const phone = `95${(Date.now() + phoneSeq++).toString().slice(-6)}`;
	const name = `Шинэ Үнэлгээчин ${stamp()}${phoneSeq}`;
	const code = await createAccountViaUi(staff, {
		name,
		phone,
		roles: ['Үнэлгээний хорооны гишүүн']
	});
	const context = await browser.newContext(options);
	const page = await context.newPage();
	await setUpViaUi(page, phone, code, PASSWORD);
	await expect(page).toHaveURL(/\/review$/);

	await staff.goto('/staff/review');
	const select = staff.getByLabel('Үнэлгээчин', { exact: true });
	const value = await select
		.locator('option', { hasText: `${phone.slice(0, 4)} ${phone.slice(4)}` })
		.getAttribute('value');
	await select.selectOption(value ?? '');
	await staff.getByRole('button', { name: 'Хороонд нэмэх' }).click();
	await expect(staff.getByText('Хороонд нэмэгдлээ.')).toBeVisible();
	return { name, phone, page, close: () => context.close() };
}

/** The coordinator assigns her to the plan on the plan's review page. */
export async function assign(staff: Page, planId: string, reviewer: Reviewer) {
	await staff.goto(`/staff/review/plans/${planId}`);
	const select = staff.getByLabel('Хорооны гишүүн', { exact: true });
	const value = await select.locator('option', { hasText: reviewer.name }).getAttribute('value');
	await select.selectOption(value ?? '');
	await staff.getByRole('button', { name: 'Хуваарилах' }).click();
	await expect(staff.getByText('Үнэлгээчин хуваарилагдлаа.')).toBeVisible();
}

/** Opens the plan from her queue. */
export async function openFromQueue(page: Page, code: string) {
	await page.goto('/review');
	await page.getByRole('link', { name: code }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Төлөвлөгөө ${code}`);
}

export async function declareNoConflict(page: Page) {
	await page.getByRole('radio', { name: 'Надад ашиг сонирхлын зөрчил байхгүй' }).check();
	await page.getByRole('button', { name: 'Мэдүүлэх' }).click();
	await expect(page.getByRole('heading', { name: 'Үнэлгээний хуудас' })).toBeVisible();
}

/** Gives every criterion the same score and submits; her total is 20 × score. */
export async function submitScores(page: Page, score: number) {
	const sheet = page.getByRole('region', { name: 'Үнэлгээний хуудас' });
	for (const name of CRITERIA) {
		await sheet
			.getByRole('group', { name })
			.getByRole('radio', { name: new RegExp(`^${score} — `) })
			.check();
	}
	await sheet.getByRole('button', { name: 'Оноо илгээх' }).click();
	await expect(
		page
			.getByRole('region', { name: 'Таны оноо' })
			.getByText(`Таны нийт оноо: ${(score * 20).toFixed(1)} / 100`)
	).toBeVisible();
}
