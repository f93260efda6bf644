import { describe, expect, it } from 'vitest';
import { birthYearRange, currentConsent, maskNationalId, type ConsentEvent } from './participant';

const day = (s: string) => new Date(`${s}T00:00:00Z`);

describe('currentConsent', () => {
	it('is nothing given when nothing is recorded', () => {
		const state = currentConsent([]);
		expect(state.participation).toEqual({ given: false, since: null });
		expect(state.donor_reporting.given).toBe(false);
	});

	it('follows the latest event per purpose, whatever order they were recorded in', () => {
		const events: ConsentEvent[] = [
			{
				purpose: 'donor_reporting',
				action: 'withdrawn',
				on: day('2026-06-01'),
				recordedAt: day('2026-06-02')
			},
			{
				purpose: 'donor_reporting',
				action: 'given',
				on: day('2026-03-01'),
				recordedAt: day('2026-06-03')
			},
			{
				purpose: 'participation',
				action: 'given',
				on: day('2026-03-01'),
				recordedAt: day('2026-03-01')
			}
		];
		const state = currentConsent(events);
		expect(state.donor_reporting).toEqual({ given: false, since: day('2026-06-01') });
		expect(state.participation).toEqual({ given: true, since: day('2026-03-01') });
		expect(state.soum_sharing.given).toBe(false);
	});

	it('on the same day, the later recording wins', () => {
		const on = day('2026-05-05');
		const state = currentConsent([
			{
				purpose: 'soum_sharing',
				action: 'given',
				on,
				recordedAt: new Date('2026-05-05T09:00:00Z')
			},
			{
				purpose: 'soum_sharing',
				action: 'withdrawn',
				on,
				recordedAt: new Date('2026-05-05T10:00:00Z')
			}
		]);
		expect(state.soum_sharing.given).toBe(false);
	});
});

describe('maskNationalId', () => {
	it('keeps two characters at each end', () => {
		expect(maskNationalId('УБ90010112')).toBe('УБ••••••12');
	});
	it('hides short ids entirely and keeps absent ones absent', () => {
		expect(maskNationalId('1234')).toBe('••••');
		expect(maskNationalId('')).toBeNull();
		expect(maskNationalId(undefined)).toBeNull();
	});
});

describe('birthYearRange', () => {
	it('allows 14 to 90 year olds', () => {
		expect(birthYearRange(2026)).toEqual({ min: 1936, max: 2012 });
	});
});
