import { describe, expect, it, vi } from 'vitest';
import './all.server';
import { en } from './en';
import {
	formatDate,
	formatDateTime,
	formatMnt,
	minutesUntil,
	soumLabel,
	soumNames
} from './format';
import { resolveLocale, translate } from './index';
import { mn } from './mn';

describe('messages', () => {
	it('has every key in both languages, none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(mn).sort());
		for (const [key, text] of [...Object.entries(mn), ...Object.entries(en)]) {
			expect(text.trim(), key).not.toBe('');
		}
	});

	it('uses the same placeholders in both languages', () => {
		const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		for (const key of Object.keys(mn) as (keyof typeof mn)[]) {
			expect(placeholders(en[key]), key).toEqual(placeholders(mn[key]));
		}
	});

	it('writes Mongolian in Cyrillic', () => {
		expect(mn['signIn.title']).toMatch(/[а-яөү]/i);
	});

	it('fills placeholders and leaves unknown ones visible', () => {
		expect(translate('en', 'signIn.throttled', { minutes: 7 })).toContain('7 minutes');
		expect(translate('mn', 'signIn.throttled')).toContain('{minutes}');
	});

	it('loads one language on demand, and knows its keys only once loaded', async () => {
		vi.resetModules();
		const fresh = await import('./index');
		expect(fresh.isMessageKey('signIn.title')).toBe(false);
		expect(fresh.translate('en', 'signIn.title')).toBe('signIn.title');
		await Promise.all([fresh.loadCatalogue('en'), fresh.loadCatalogue('en')]);
		expect(fresh.translate('en', 'signIn.title')).toBe(en['signIn.title']);
		expect(fresh.isMessageKey('signIn.title')).toBe(true);
		expect(fresh.isMessageKey('toString')).toBe(false);
		// A language not loaded falls back to Mongolian, here not loaded either: the key.
		expect(fresh.translate('mn', 'signIn.title')).toBe('signIn.title');
	});

	it('defaults to Mongolian unless English was chosen', () => {
		expect(resolveLocale(undefined, 'en-US,en')).toBe('mn');
		expect(resolveLocale('en')).toBe('en');
		expect(resolveLocale('fr')).toBe('mn');
	});
});

describe('formats', () => {
	it('shows tögrög without decimals', () => {
		expect(formatMnt(2_500_000)).toBe('₮\u00a02,500,000');
		expect(formatMnt(0, 'en')).toBe('₮\u00a00');
	});

	it('refuses money that is not whole tögrög', () => {
		expect(() => formatMnt(10.5)).toThrow(RangeError);
	});

	it('shows dates in Ulaanbaatar time (UTC+8)', () => {
		expect(formatDate(new Date('2026-11-28T20:00:00Z'))).toBe('2026.11.29');
		expect(formatDateTime('2026-11-28T20:00:00Z', 'en')).toBe('29/11/2026, 04:00');
	});

	it('rounds waiting time up to whole minutes', () => {
		expect(minutesUntil(1)).toBe(1);
		expect(minutesUntil(60_001)).toBe(2);
		expect(minutesUntil(0)).toBe(1);
	});

	it('names soums in the chosen language', () => {
		const soums = [
			{ nameMn: 'Ханбогд', nameEn: 'Khanbogd' },
			{ nameMn: 'Манлай', nameEn: 'Manlai' }
		];
		expect(soumNames(soums, 'mn')).toBe('Ханбогд, Манлай');
		expect(soumNames(soums, 'en')).toBe('Khanbogd, Manlai');
		expect(soumNames([], 'en')).toBe('—');
	});

	it('finds one soum by its code, and shows an unknown code as it is', () => {
		const soums = [{ code: 'khanbogd', nameMn: 'Ханбогд', nameEn: 'Khanbogd' }];
		expect(soumLabel(soums, 'khanbogd')).toBe('Ханбогд');
		expect(soumLabel(soums, 'khanbogd', 'en')).toBe('Khanbogd');
		expect(soumLabel(soums, 'atlantis', 'en')).toBe('atlantis');
	});
});
