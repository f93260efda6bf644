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
		// Content-Security-Policy on every page: Kit puts a fresh nonce on its own inline start-up
		// script, and no other script may run: no 'unsafe-inline', no eval, nothing from another
		// origin. Styles may be inline (Svelte's style attributes); the portal may not be framed.
		// Other responses get src/lib/server/headers.ts's locked-down policy.
		csp: {
			mode: 'nonce',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
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
