import { describe, expect, it } from 'vitest';
import '$lib/i18n/all.server';
import { formatDay, formatTick, formatValue, share, wrapLabel } from './format';

describe('chart figures', () => {
	it('writes tögrög in full in tooltips and shortened, in words, on an axis', () => {
		expect(formatValue(9_520_700, 'mnt', 'en')).toBe('₮\u00a09,520,700');
		expect(formatTick(50_000_000, 'mnt', 'mn')).toBe('₮ 50 сая');
		expect(formatTick(1_500_000, 'mnt', 'en')).toBe('₮ 1.5M');
		expect(formatTick(500_000, 'mnt', 'mn')).toBe('₮ 500 мянга');
		expect(formatTick(0, 'mnt', 'en')).toBe('₮ 0');
	});

	it('writes counts and percentages', () => {
		expect(formatValue(40, 'count', 'mn')).toBe('40');
		expect(formatTick(75, 'percent', 'en')).toBe('75%');
	});

	it('gives a share only when there is something to count', () => {
		expect(share(3, 4)).toBe(75);
		expect(share(0, 0)).toBeNull();
	});

	it('writes a report day in the chosen language', () => {
		expect(formatDay('2026-03-01', 'mn')).toBe('2026.03.01');
		expect(formatDay('2026-03-01', 'en')).toBe('01/03/2026');
	});

	it('wraps a long label at spaces, never cutting a word', () => {
		expect(wrapLabel('Бизнес төлөвлөгөөний сургалт')).toEqual([
			'Бизнес',
			'төлөвлөгөөний',
			'сургалт'
		]);
		expect(wrapLabel('Plan submitted')).toEqual(['Plan submitted']);
		expect(wrapLabel('Supercalifragilisticexpialidocious')).toEqual([
			'Supercalifragilisticexpialidocious'
		]);
	});
});
