// Languages: Mongolian (Cyrillic) first, English second. Messages are typed: a key missing in
// either language, or a misspelt key in a component, fails `npm run check`.
// The catalogues are not imported here: the browser loads only the one she reads
// (`loadCatalogue`, awaited by the root layout's load, src/routes/+layout.ts), the other only if
// she switches. Server code has both: `$lib/i18n/all.server` registers them, and src/hooks.server.ts
// imports it; a script or test that translates imports it too.
import type { MessageKey } from './mn';

export const LOCALES = ['mn', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'mn';
export const LANG_COOKIE = 'lang';
export type { MessageKey };

export type Catalogue = Record<MessageKey, string>;

const catalogues: Partial<Record<Locale, Catalogue>> = {};
const loading = new Map<Locale, Promise<void>>();

export function registerCatalogue(locale: Locale, catalogue: Catalogue): void {
	catalogues[locale] = catalogue;
}

/** Fetches and registers one language's messages, once; a failed fetch is tried again. */
export function loadCatalogue(locale: Locale): Promise<void> {
	if (catalogues[locale]) return Promise.resolve();
	let loaded = loading.get(locale);
	if (!loaded) {
		// Literal paths: the bundler makes one chunk per language.
		const catalogue =
			locale === 'en' ? import('./en').then((m) => m.en) : import('./mn').then((m) => m.mn);
		loaded = catalogue.then((messages) => registerCatalogue(locale, messages));
		loaded.catch(() => loading.delete(locale));
		loading.set(locale, loaded);
	}
	return loaded;
}

export function isLocale(value: unknown): value is Locale {
	return value === 'mn' || value === 'en';
}

/** The remembered choice, else Mongolian (the programme's language) whatever the browser says. */
export function resolveLocale(cookie: string | undefined, _acceptLanguage?: string | null): Locale {
	return isLocale(cookie) ? cookie : DEFAULT_LOCALE;
}

export type MessageParams = Record<string, string | number>;

/** The message in that language, else in Mongolian, else the key itself (not loaded). */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
	const template = catalogues[locale]?.[key] ?? catalogues.mn?.[key] ?? key;
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

/** A key of the catalogue (both languages have the same keys: i18n.spec.ts), of any loaded. */
export function isMessageKey(value: string): value is MessageKey {
	return LOCALES.some((locale) => {
		const catalogue = catalogues[locale];
		return catalogue !== undefined && Object.hasOwn(catalogue, value);
	});
}

/** A translator bound to one language, for server code. */
export function translator(locale: Locale) {
	return (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
}
