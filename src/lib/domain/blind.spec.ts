import { describe, expect, it } from 'vitest';
import { REDACTED, redactDeep, redactText } from './blind';

const her = { name: 'Болормаа Очир', phone: '88123456', nationalId: 'УБ90010203' };

describe('redactText', () => {
	it('hides her name in Cyrillic, with suffixes, and in Latin spelling', () => {
		expect(redactText('Болормаагийн оёдлын газар', her)).toBe(`${REDACTED} оёдлын газар`);
		expect(redactText('Owner: Bolormaa Ochir', her)).toBe(`Owner: ${REDACTED} ${REDACTED}`);
		expect(redactText('би Очир овогтой', her)).toBe(`би ${REDACTED} овогтой`);
	});

	it('hides her phone written with spaces or dashes, and her ID in any case', () => {
		expect(redactText('Утас 8812-3456, 88 12 34 56', her)).toBe(`Утас ${REDACTED}, ${REDACTED}`);
		expect(redactText('РД уб90010203', her)).toBe(`РД ${REDACTED}`);
	});

	it('leaves other words alone, and skips name parts shorter than 3 letters', () => {
		expect(redactText('Талх, боов зарна', her)).toBe('Талх, боов зарна');
		expect(redactText('Бо бо', { name: 'Бо Ли' })).toBe('Бо бо');
	});
});

describe('redactDeep', () => {
	it('redacts every string in nested objects and arrays and keeps numbers', () => {
		const plan = { idea: { name: 'Bolormaa shop' }, items: [{ item: 'Очирын машин', qty: 2 }] };
		expect(redactDeep(plan, her)).toEqual({
			idea: { name: `${REDACTED} shop` },
			items: [{ item: `${REDACTED} машин`, qty: 2 }]
		});
		expect(plan.idea.name).toBe('Bolormaa shop');
	});
});
