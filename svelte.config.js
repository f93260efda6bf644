import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: true
	},
	kit: {
		// BUILD_DIR / KIT_OUT_DIR let parallel work on one checkout build apart (default as usual).
		adapter: adapter({ precompress: true, out: process.env.BUILD_DIR ?? 'build' }),
		outDir: process.env.KIT_OUT_DIR ?? '.svelte-kit',
		version: { name: process.env.npm_package_version ?? '0.1.0' },
		typescript: {
			// Type-check the TypeScript scripts and the Playwright config with the app.
			config: (config) => {
				config.include.push('../scripts/**/*.ts', '../playwright.config.ts');
				return config;
			}
		}
	}
};

export default config;
