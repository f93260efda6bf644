import { describe, expect, it } from 'vitest';
import { formatPhone, normalizePhone } from './phone';

describe('normalizePhone', () => {
	it.each([
		['80000001', '80000001'],
		[' 8000 0001 ', '80000001'],
		['8000-0001', '80000001'],
		['+976 8000 0001', '80000001'],
		['97680000001', '80000001'],
		['0097680000001', '80000001'],
		['(9911) 2233', '99112233']
	])('accepts %s', (input, expected) => {
		expect(normalizePhone(input)).toBe(expected);
	});

	it.each(['', '8000001', '800000011', '08000001', 'abcdefgh', '+1 80000001', '８０００００01'])(
		'refuses %s',
		(input) => {
			expect(normalizePhone(input)).toBeNull();
		}
	);
});

describe('formatPhone', () => {
	it('groups eight digits in fours', () => {
		expect(formatPhone('80000001')).toBe('8000 0001');
	});
	it('leaves anything else alone', () => {
		expect(formatPhone('123')).toBe('123');
	});
});
