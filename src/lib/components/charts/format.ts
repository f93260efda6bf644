// How the charts write their figures: counts, percentages, tögrög (whole, as formatMnt writes
// them in tooltips and tables; shortened on an axis, where a phone has room for a few letters),
// days, and category names wrapped onto lines that fit beside a bar.
import { translate, type Locale } from '$lib/i18n';
import { formatDate, formatMnt } from '$lib/i18n/format';

export type ValueFormat = 'count' | 'mnt' | 'percent';

const counts = new Intl.NumberFormat('mn-MN', { maximumFractionDigits: 1 });
// Written out rather than Intl's compact notation, whose Mongolian Node and Chromium disagree on.
const UNITS = [
	[1e9, 'dashboards.unit.billion'],
	[1e6, 'dashboards.unit.million'],
	[1e3, 'dashboards.unit.thousand']
] as const;

/** A figure in full: 1,234; ₮ 2,500,000; 75%. */
export function formatValue(value: number, format: ValueFormat, locale: Locale): string {
	if (format === 'mnt') return formatMnt(Math.round(value), locale);
	if (format === 'percent') return `${Math.round(value)}%`;
	return counts.format(value);
}

/** A figure on an axis: tögrög shortened (₮ 10 сая, ₮ 10M). */
export function formatTick(value: number, format: ValueFormat, locale: Locale): string {
	if (format !== 'mnt') return formatValue(value, format, locale);
	const unit = UNITS.find(([size]) => Math.abs(value) >= size);
	const amount = unit
		? translate(locale, unit[1], { n: counts.format(value / unit[0]) })
		: counts.format(value);
	return `₮ ${amount}`;
}

/** A day of the reports (YYYY-MM-DD, Ulaanbaatar) in the chosen language. */
export const formatDay = (day: string, locale: Locale) => formatDate(`${day}T00:00:00Z`, locale);

/** What one in how many is, as a whole percentage; null when there are none to count. */
export const share = (part: number, whole: number): number | null =>
	whole > 0 ? Math.round((part / whole) * 100) : null;

/** A label cut into lines of about `width` characters, at spaces (chart.js draws each line). */
export function wrapLabel(text: string, width = 16): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	if (line) lines.push(line);
	return lines;
}
