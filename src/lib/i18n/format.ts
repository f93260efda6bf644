// Money and dates per DOMAIN.md: whole tögrög, shown without decimals; UTC stored, shown in
// Asia/Ulaanbaatar.
import type { Locale } from './index';

export const TIME_ZONE = 'Asia/Ulaanbaatar';

const intlLocale = (locale: Locale) => (locale === 'mn' ? 'mn-MN' : 'en-GB');

const mntFormats = new Map<Locale, Intl.NumberFormat>();
export function formatMnt(amount: number, locale: Locale = 'mn'): string {
	if (!Number.isSafeInteger(amount)) throw new RangeError(`Money must be whole tögrög: ${amount}`);
	let format = mntFormats.get(locale);
	if (!format) {
		format = new Intl.NumberFormat('mn-MN', {
			style: 'currency',
			currency: 'MNT',
			maximumFractionDigits: 0
		});
		mntFormats.set(locale, format);
	}
	return format.format(amount);
}

export function formatDate(date: Date | string, locale: Locale = 'mn'): string {
	return new Intl.DateTimeFormat(intlLocale(locale), {
		timeZone: TIME_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit'
	}).format(new Date(date));
}

export function formatDateTime(date: Date | string, locale: Locale = 'mn'): string {
	return new Intl.DateTimeFormat(intlLocale(locale), {
		timeZone: TIME_ZONE,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hour12: false
	}).format(new Date(date));
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
