// Languages: Mongolian (Cyrillic) first, English second. Messages are typed: a key missing in
// either language, or a misspelt key in a component, fails `npm run check`.
import { en } from './en';
import { mn, type MessageKey } from './mn';

export const LOCALES = ['mn', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'mn';
export const LANG_COOKIE = 'lang';
export type { MessageKey };

const catalogues: Record<Locale, Record<MessageKey, string>> = { mn, en };

export function isLocale(value: unknown): value is Locale {
	return value === 'mn' || value === 'en';
}

/** The remembered choice, else Mongolian (the programme's language) whatever the browser says. */
export function resolveLocale(cookie: string | undefined, _acceptLanguage?: string | null): Locale {
	return isLocale(cookie) ? cookie : DEFAULT_LOCALE;
}

export type MessageParams = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
	const template = catalogues[locale][key] ?? catalogues.mn[key] ?? key;
	if (!params) return template;
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? String(params[name]) : whole
	);
}

export function isMessageKey(value: string): value is MessageKey {
	return value in mn;
}

/** A translator bound to one language, for server code. */
export function translator(locale: Locale) {
	return (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
}
