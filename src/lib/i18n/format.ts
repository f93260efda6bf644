// Money and dates per DOMAIN.md: whole tögrög, shown without decimals; UTC stored, shown in
// Asia/Ulaanbaatar.
import type { Locale } from './index';

export const TIME_ZONE = 'Asia/Ulaanbaatar';

const mntFormats = new Map<Locale, Intl.NumberFormat>();
export function formatMnt(amount: number, locale: Locale = 'mn'): string {
	if (!Number.isSafeInteger(amount)) throw new RangeError(`Money must be whole tögrög: ${amount}`);
	let format = mntFormats.get(locale);
	if (!format) {
		format = new Intl.NumberFormat('mn-MN', {
			style: 'currency',
			currency: 'MNT',
			// 'narrowSymbol': Chromium's ICU data writes "MNT" for mn-MN's plain symbol, where
			// Node writes ₮; hydrated pages would change under her eyes.
			currencyDisplay: 'narrowSymbol',
			maximumFractionDigits: 0
		});
		mntFormats.set(locale, format);
	}
	return format.format(amount);
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: TIME_ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/**
 * The date's parts in Ulaanbaatar time. Built by hand rather than with the locale's own
 * pattern, because Node's and the browser's ICU data disagree for mn-MN (2026.05.04 on the
 * server, 2026-05-04 in Chromium), which would make hydrated pages change under her eyes.
 */
function ulaanbaatarParts(date: Date | string) {
	const parts = Object.fromEntries(
		partsFormat.formatToParts(new Date(date)).map((p) => [p.type, p.value])
	);
	return { y: parts.year, m: parts.month, d: parts.day, h: parts.hour, min: parts.minute };
}

/** 2026.11.29 in Mongolian, 29/11/2026 in English. */
export function formatDate(date: Date | string, locale: Locale = 'mn'): string {
	const { y, m, d } = ulaanbaatarParts(date);
	return locale === 'mn' ? `${y}.${m}.${d}` : `${d}/${m}/${y}`;
}

export function formatDateTime(date: Date | string, locale: Locale = 'mn'): string {
	const { h, min } = ulaanbaatarParts(date);
	return `${formatDate(date, locale)}${locale === 'mn' ? ' ' : ', '}${h}:${min}`;
}

/** Whole minutes, rounded up, for "try again in N minutes". */
export function minutesUntil(ms: number): number {
	return Math.max(1, Math.ceil(ms / 60_000));
}

/** Soum names in the chosen language, comma-separated, or a dash for none. */
export function soumNames(
	soums: { nameMn: string; nameEn: string }[],
	locale: Locale = 'mn'
): string {
	return soums.map((s) => (locale === 'en' ? s.nameEn : s.nameMn)).join(', ') || '—';
}

/** One soum's name in the chosen language, found by its code; the code when unknown. */
export function soumLabel(
	soums: { code: string; nameMn: string; nameEn: string }[],
	code: string,
	locale: Locale = 'mn'
): string {
	const soum = soums.find((s) => s.code === code);
	return soum ? soumNames([soum], locale) : code;
}
