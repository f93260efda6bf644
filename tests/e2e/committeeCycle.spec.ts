// The whole committee cycle on a plan of its own (issue 5, "Done when"): a woman submits a plan;
// the coordinator gives it her need score and two new reviewers; they score it blind in their
// own browsers, far apart, so the third-review flag appears; a third reviewer settles it; it
// is ranked; an award is recorded within the budget; and she sees her outcome.
import { PLAN_SECTIONS } from '$lib/domain/businessPlan';
import { formDataOf, tailoringForms } from '../fixtures/plans';
import { baseURL } from '../../playwright.config';
import {
	assign,
	declareNoConflict,
	newReviewer,
	openFromQueue,
	submitScores
} from './committeeSteps';
import { expect, setUpViaUi, test } from './fixtures';
import { registerEligibleWoman, stamp, uniquePhone } from './steps';

const HER_PASSWORD = 'minii-tolovlogoo-2';
const NEEDS_THIRD = 'Зөрүүтэй: 3 дахь үнэлгээ хэрэгтэй';

test('a new plan goes from submission through blind scoring and a third review to an award', async ({
	browser,
	coordinatorPage: staff
}) => {
	// Long: registration, training, a plan, three reviewers; slower still beside other journeys.
	test.setTimeout(420_000);
	const name = `Сарнай Ганзориг ${stamp().slice(-3)}`;
	const phone = uniquePhone('8');
	const her = await browser.newContext();
	const applicant = await her.newPage();

	await test.step('she submits a complete plan', async () => {
		const code = await registerEligibleWoman(staff, { name, phone });
		await setUpViaUi(applicant, phone, code, HER_PASSWORD);
		await expect(applicant).toHaveURL(/\/applicant$/); // set up and signed in
		await applicant.goto('/applicant/plan');
		// Her sections as the forms post them (the drafting itself is plan.spec.ts's journey).
		for (const section of PLAN_SECTIONS) {
			const response = await applicant.request.post(`/applicant/plan/${section}?/save`, {
				multipart: formDataOf(tailoringForms[section]),
				headers: { origin: baseURL },
				maxRedirects: 0
			});
			// The action's answer to a script: a redirect to the next step, not to the sign-in page.
			expect(response.status(), section).toBe(200);
			expect(await response.text(), section).toMatch(/"type":"redirect".*\/applicant\/plan/);
		}
		await applicant.goto('/applicant/plan');
		await applicant.getByRole('button', { name: 'Төлөвлөгөөг илгээх' }).click();
		await expect(applicant.getByRole('status').filter({ hasText: '1-р хувилбар' })).toBeVisible();
	});

	// Her plan, as the committee knows it: an id and a pseudonymous code.
	await staff.goto('/staff/plans?state=submitted&soum=khanbogd');
	const link = staff.getByRole('row').filter({ hasText: name }).getByRole('link').first();
	const code = ((await link.textContent()) ?? '').trim();
	const planId = ((await link.getAttribute('href')) ?? '').split('/').pop() ?? '';
	expect(code).toMatch(/^UMN-26-\d{3}$/);

	await test.step('the coordinator gives her need score', async () => {
		await staff.goto(`/staff/review/plans/${planId}`);
		await staff.getByRole('radio', { name: /^4 — / }).check();
		await staff.getByRole('button', { name: 'Оноо хадгалах' }).click();
		await expect(staff.getByText('Хэрэгцээний оноо хадгалагдлаа.')).toBeVisible();
	});

	const high = await newReviewer(browser, staff);
	const low = await newReviewer(browser, staff);
	await assign(staff, planId, high);
	await assign(staff, planId, low);

	await test.step('two reviewers score it blind, far apart: a third review is needed', async () => {
		await openFromQueue(high.page, code);
		await declareNoConflict(high.page);
		await expect(high.page.getByText(name)).toHaveCount(0);
		await submitScores(high.page, 5);
		// Alone so far: nobody else's scores to see.
		await expect(high.page.getByRole('heading', { name: /үнэлгээчин:/ })).toHaveCount(0);

		await openFromQueue(low.page, code);
		await declareNoConflict(low.page);
		await expect(low.page.getByText('100.0 / 100')).toHaveCount(0);
		await submitScores(low.page, 2);
		const others = low.page.getByRole('region', { name: 'Бусад гишүүдийн оноо' });
		await expect(others.getByRole('heading', { name: 'B үнэлгээчин: 100.0 / 100' })).toBeVisible();
		await expect(low.page.getByText(NEEDS_THIRD)).toBeVisible();

		await staff.goto(`/staff/review/plans/${planId}`);
		await expect(staff.getByText(NEEDS_THIRD)).toBeVisible();
		await staff.goto('/review/committee');
		const row = staff.getByRole('row').filter({ hasText: code });
		await expect(row).toContainText(NEEDS_THIRD);
	});

	const third = await newReviewer(browser, staff);
	await assign(staff, planId, third);

	await test.step('a third review settles it; it is ranked with a score', async () => {
		await openFromQueue(third.page, code);
		await declareNoConflict(third.page);
		await submitScores(third.page, 4);
		await expect(third.page.getByText('Зөрүүтэй (3 дахь үнэлгээ хийгдсэн)')).toBeVisible();
		// Mean of 100, 40 and 80 is 73.3; with the need score 4 of 5 at 15 points: 74.3.
		await staff.goto(`/review/committee/${planId}`);
		await expect(staff.getByText('74.3', { exact: false }).first()).toBeVisible();
	});

	await test.step('an award is recorded within the budget; she sees her outcome', async () => {
		// Recorded by the coordinator after the meeting (the chair's own decisions are covered in
		// committee.spec.ts); the demo's published outcomes make it hers to see at once.
		await staff.goto(`/review/committee/${planId}`);
		await staff.getByRole('radio', { name: 'Тэтгэлэг олгох' }).check();
		await staff.getByLabel('Үндэслэл', { exact: true }).fill('Оноо өндөр, төсөвт багтана.');
		await staff.getByRole('button', { name: 'Шийдвэр хадгалах' }).click();
		await expect(staff.getByText('Шийдвэрийг хадгаллаа.')).toBeVisible();

		await applicant.goto('/applicant');
		await expect(applicant.getByText(/^Баяр хүргэе!/)).toBeVisible();
	});

	for (const reviewer of [high, low, third]) await reviewer.close();
	await her.close();
});
