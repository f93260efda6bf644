// How the indicator pages write a figure: counts with digit grouping, tögrög as formatMnt does,
// and a suppressed cell as "<5". The same on the server and in the browser (mn-MN grouping in
// both languages, as the money is).
import { SUPPRESSED, type IndicatorKey, type Reported } from '$lib/domain/reporting';
import type { Locale } from '$lib/i18n';
import { formatMnt } from '$lib/i18n/format';

const counts = new Intl.NumberFormat('mn-MN', { maximumFractionDigits: 0 });

export function formatCount(value: number): string {
	return counts.format(value);
}

/** A count of people as reported: "<5" when suppressed. */
export function formatReported(value: Reported): string {
	return value === SUPPRESSED ? SUPPRESSED : formatCount(value);
}

/** An indicator's value: "<5" when suppressed, tögrög for the money, a count otherwise. */
export function formatIndicator(key: IndicatorKey, value: Reported, locale: Locale): string {
	if (value === SUPPRESSED) return SUPPRESSED;
	return key === 'totalPaidMnt' ? formatMnt(value, locale) : formatCount(value);
}

/** A count and its share of a whole, as a whole percentage ("40 (40%)"); "<5" stays "<5". */
export function countAndShare(
	value: Reported,
	whole: number,
	template: (count: string, share: number) => string
): string {
	if (value === SUPPRESSED) return SUPPRESSED;
	return whole > 0
		? template(formatCount(value), Math.round((value / whole) * 100))
		: formatCount(value);
}
