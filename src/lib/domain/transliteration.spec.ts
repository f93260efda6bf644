import { describe, expect, it } from 'vitest';
import { searchSkeleton } from './transliteration';

describe('searchSkeleton', () => {
	it('folds the spellings of a soum together', () => {
		const skeletons = ['Ханбогд', 'Khanbogd', 'Hanbogd', 'Xanbogd', 'khan bogd'].map(
			searchSkeleton
		);
		expect(new Set(skeletons.map((s) => s.replace(/ /g, '')))).toEqual(new Set(['hanbogd']));
	});

	it('matches a Cyrillic name with its Latin spellings', () => {
		expect(searchSkeleton('Батболд')).toBe(searchSkeleton('Batbold'));
		expect(searchSkeleton('Цэцэгмаа')).toBe(searchSkeleton('Tsetsegmaa'));
		expect(searchSkeleton('Цэцэгмаа')).toBe(searchSkeleton('Cecegma'));
		expect(searchSkeleton('Өлзийсайхан')).toBe(searchSkeleton('Ölziisaikhan'));
		expect(searchSkeleton('Түмэнжаргал')).toBe(searchSkeleton('Tumenjargal'));
		expect(searchSkeleton('Жаргал')).toBe(searchSkeleton('Zhargal'));
	});

	it('lets part of a name find the whole', () => {
		expect(searchSkeleton('Оюунчимэг Батболд')).toContain(searchSkeleton('oyunchimeg'));
		expect(searchSkeleton('Оюунчимэг Батболд')).toContain(searchSkeleton('батб'));
	});

	it('keeps digits and drops punctuation', () => {
		expect(searchSkeleton('Bayan-Ovoo 2')).toBe('bayan ovo 2');
	});

	it('is empty for nothing searchable', () => {
		expect(searchSkeleton(' -- ')).toBe('');
	});
});
