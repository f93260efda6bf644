import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 4173);
export const baseURL = `http://localhost:${PORT}`;

/** Debian's chromium in a container (Playwright cannot download its own here). */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 2,
	retries: 0,
	reporter: process.env.CI ? [['list']] : [['list']],
	timeout: 30_000,
	expect: { timeout: 5_000 },
	use: {
		baseURL,
		locale: 'mn-MN',
		// A trace records every action's screenshots and DOM: on two cores that costs the suite
		// about a tenth of its time, and nobody opens a CI machine's test-results. Kept locally.
		trace: process.env.CI ? 'off' : 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: CHROMIUM_ARGS
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		// The built portal (`npm run build` runs first in `npm test`) on a fresh embedded database.
		command: 'node tests/e2e/serve.js',
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 300_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: { PORT: String(PORT), ORIGIN: baseURL }
	}
});
