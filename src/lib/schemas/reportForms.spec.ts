import { describe, expect, it } from 'vitest';
import { exportQuerySchema, filledFields, identifyingExportSchema } from './dataExports';
import { indirectBeneficiariesSchema } from './indicators';

const indirect = (value: string) =>
	indirectBeneficiariesSchema.safeParse({ indirectBeneficiaries: value });

describe('indirectBeneficiariesSchema', () => {
	it('takes whole numbers from 0 to 10,000,000', () => {
		for (const value of ['0', '4000', ' 4321 ', '10000000'])
			expect(indirect(value).success).toBe(true);
	});

	it('refuses anything she did not write as a whole number in range', () => {
		for (const value of ['', ' ', '-1', '2.5', '1e3', '12abc', '10000001', '4 000', '999999999']) {
			const result = indirect(value);
			expect(result.success, value).toBe(false);
			expect(result.error?.issues[0]?.message, value).toBe('indicators.error.indirect');
		}
	});
});

describe('identifyingExportSchema', () => {
	it('needs a reason of 10 to 500 characters, spaces around it not counted', () => {
		const parse = (reason: string) =>
			identifyingExportSchema.safeParse(filledFields([['reason', reason]]));
		expect(parse('Сумын уулзалт').success).toBe(true);
		expect(parse('x'.repeat(500)).success).toBe(true);
		for (const reason of ['', '   short   ', 'x'.repeat(501)]) {
			expect(parse(reason).error?.issues[0]?.message, reason).toBe('dataExports.error.reason');
		}
	});
});

describe('exportQuerySchema', () => {
	const parse = (query: string) =>
		exportQuerySchema.safeParse(filledFields(new URLSearchParams(query)));

	it('reads the cohort, soum and stage; blank fields and other keys are no filter', () => {
		expect(parse('soum=khanbogd&stage=grant&q=x&page=2&cohort=').data).toEqual({
			soum: 'khanbogd',
			stage: 'grant'
		});
	});

	it('refuses a malformed soum or an unknown stage', () => {
		expect(parse('soum=KHAN').success).toBe(false);
		expect(parse('stage=anything').error?.issues[0]?.message).toBe('dataExports.error.filter');
	});
});
