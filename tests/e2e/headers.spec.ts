// The Content-Security-Policy in a real browser: the pages that run the most script (her plan
// editor, the mentor's offline pages and service worker, the staff dashboard's chart) work
// under it, and the browser reports no violation. The headers of every route are checked in
// access-matrix.spec.ts.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Collects the policy violations the page reports from now on. */
async function watchViolations(page: Page): Promise<string[]> {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) =>
			console.error(`Content Security Policy: ${event.violatedDirective} ${event.blockedURI}`)
		);
	});
	return violations;
}

test("her home starts Kit's script by its nonce and nothing else runs", async ({
	applicantPage
}) => {
	const violations = await watchViolations(applicantPage);
	const response = await applicantPage.goto('/applicant');
	const csp = response?.headers()['content-security-policy'] ?? '';
	const nonce = csp.match(/'nonce-([^']+)'/)?.[1];
	expect(nonce).toBeTruthy();
	// Kit's start-up script carries this response's nonce, and it ran: the app is hydrated, so
	// a link is followed on the client (no new document).
	const html = await response!.text();
	expect(html).toContain(`nonce="${nonce}"`);
	await applicantPage.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
	await applicantPage.locator('a[href="/account"]').first().click();
	await expect(applicantPage).toHaveURL(/\/account$/);
	expect(
		await applicantPage.evaluate(() => (window as unknown as { marker?: number }).marker)
	).toBe(1);
	expect(violations).toEqual([]);
});

test('the staff dashboard draws its chart under the policy', async ({ coordinatorPage }) => {
	const violations = await watchViolations(coordinatorPage);
	await coordinatorPage.goto('/staff');
	await expect(coordinatorPage.locator('canvas').first()).toBeVisible();
	expect(violations).toEqual([]);
});

test('the mentor pages register the service worker and keep a page offline under the policy', async ({
	mentorPage
}) => {
	const violations = await watchViolations(mentorPage);
	await mentorPage.goto('/mentor');
	await expect(mentorPage.locator('html[data-offline-ready="true"]')).toBeAttached({
		timeout: 20_000
	});
	expect(violations).toEqual([]);
});
