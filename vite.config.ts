import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { port: 3000 },
	test: {
		include: ['src/**/*.spec.ts', 'tests/integration/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['tests/integration/globalSetup.ts'],
		// Integration suites each get their own database on one shared server; the server is
		// single-node SQLite, so keep the number of writers modest.
		maxWorkers: 2,
		testTimeout: 20_000,
		hookTimeout: 120_000
	}
});
