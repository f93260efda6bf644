import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_AMOUNT_MNT } from '$lib/domain/businessPlan';
import { MAX_TRANCHES } from '$lib/domain/grants';
import {
	pastDay,
	paidSchema,
	paymentRequestSchema,
	receiptSchema,
	rejectSchema,
	rulesFromForm,
	tranchesFromForm
} from './grants';
import { formDataOf as form } from '../../../tests/fixtures/plans';

/** `path:message` for each issue, or [] when the input parses. */
function issuesOf(schema: { safeParse(input: unknown): unknown }, input: unknown): string[] {
	const result = schema.safeParse(input) as {
		success: boolean;
		error?: { issues: { path: PropertyKey[]; message: string }[] };
	};
	if (result.success) return [];
	return result.error!.issues.map((i) => `${i.path.map(String).join('.')}:${i.message}`);
}

const KEY = '3f2b9c1e-7a4d-4e8b-9c0f-1a2b3c4d5e6f';

describe('paymentRequestSchema', () => {
	const bank = {
		trancheNo: '1',
		method: 'bank',
		bankName: 'Khan Bank',
		accountName: 'Bolormaa Ganbaatar',
		accountNumber: '5012345678',
		reference: 'Tranche 1 of grant G-014',
		idempotencyKey: KEY
	};
	const supplier = {
		trancheNo: '2',
		method: 'supplier',
		supplierName: 'Dalanzadgad Fabrics LLC',
		reference: 'Invoice 221',
		idempotencyKey: KEY
	};
	const cash = {
		trancheNo: '1',
		method: 'cash',
		reference: 'Receipt book 4/17',
		idempotencyKey: KEY
	};
	const issues = (input: unknown) => issuesOf(paymentRequestSchema, input);

	it('accepts a bank transfer and reads it, defaults filled in', () => {
		expect(paymentRequestSchema.parse(bank)).toEqual({
			trancheNo: 1,
			method: 'bank',
			bankName: 'Khan Bank',
			accountName: 'Bolormaa Ganbaatar',
			accountNumber: '5012345678',
			supplierName: '',
			reference: 'Tranche 1 of grant G-014',
			note: '',
			idempotencyKey: KEY
		});
	});

	it('trims the text fields', () => {
		const parsed = paymentRequestSchema.parse({
			...bank,
			bankName: '  Khan Bank ',
			accountName: '\tBolormaa ',
			reference: '  Ref 1  ',
			note: '  paid at the soum centre  '
		});
		expect(parsed).toMatchObject({
			bankName: 'Khan Bank',
			accountName: 'Bolormaa',
			reference: 'Ref 1',
			note: 'paid at the soum centre'
		});
	});

	it('needs a bank name, an account holder and an account number for a bank transfer', () => {
		const bare = { ...bank, bankName: undefined, accountName: undefined, accountNumber: undefined };
		expect(issues(bare)).toEqual([
			'bankName:error.required',
			'accountName:error.required',
			'accountNumber:grants.error.account'
		]);
		expect(issues({ ...bank, bankName: ' K ' })).toEqual(['bankName:error.required']);
		expect(issues({ ...bank, bankName: 'KB' })).toEqual([]);
		expect(issues({ ...bank, accountName: '   ' })).toEqual(['accountName:error.required']);
		expect(issues({ ...bank, accountName: 'B' })).toEqual(['accountName:error.required']);
	});

	it('needs an account number of 6 to 34 digits, spaces and dashes left out', () => {
		const account = (accountNumber: string) => issues({ ...bank, accountNumber });
		expect(account('123456')).toEqual([]);
		expect(account('1'.repeat(34))).toEqual([]);
		for (const bad of [
			'',
			'12345',
			'1'.repeat(35),
			'MN12 3456 7890',
			'5012.345.678',
			'50123456x'
		]) {
			expect(account(bad), bad).toEqual(['accountNumber:grants.error.account']);
		}
		expect(account('12-34 5')).toEqual(['accountNumber:grants.error.account']);
		expect(
			paymentRequestSchema.parse({ ...bank, accountNumber: ' 5012 3456-78 ' }).accountNumber
		).toBe('5012345678');
		expect(paymentRequestSchema.parse({ ...bank, accountNumber: '12-34 56' }).accountNumber).toBe(
			'123456'
		);
	});

	it('takes 34 digits written in groups, and refuses more than 60 characters as written', () => {
		expect(issues({ ...bank, accountNumber: '1234 '.repeat(8) + '12' })).toEqual([]);
		expect(issues({ ...bank, accountNumber: '1'.repeat(61) })).toEqual([
			'accountNumber:error.tooLong',
			'accountNumber:grants.error.account'
		]);
	});

	it('needs a supplier name for a payment to a supplier, and no bank details', () => {
		expect(issues(supplier)).toEqual([]);
		expect(issues({ ...supplier, supplierName: '' })).toEqual(['supplierName:error.required']);
		expect(issues({ ...supplier, supplierName: ' D ' })).toEqual(['supplierName:error.required']);
		expect(issues({ ...supplier, supplierName: undefined })).toEqual([
			'supplierName:error.required'
		]);
	});

	it('needs neither bank details nor a supplier for cash', () => {
		expect(issues(cash)).toEqual([]);
		expect(issues({ ...cash, accountNumber: '12', bankName: 'K', supplierName: 'x' })).toEqual([]);
		// …and a bank transfer does not need a supplier.
		expect(issues({ ...bank, supplierName: '' })).toEqual([]);
	});

	it('needs a known payment method', () => {
		for (const method of ['', 'crypto', 'Bank', undefined]) {
			expect(issues({ ...cash, method }), String(method)).toEqual(['method:grants.error.method']);
		}
	});

	it('needs a tranche number from 1 to 4', () => {
		for (const trancheNo of ['1', '4', 2]) {
			expect(issues({ ...cash, trancheNo }), String(trancheNo)).toEqual([]);
		}
		for (const trancheNo of ['0', '5', '1.5', '-1', 'one']) {
			expect(issues({ ...cash, trancheNo }).length, trancheNo).toBeGreaterThan(0);
			expect(issues({ ...cash, trancheNo })[0], trancheNo).toMatch(/^trancheNo:/);
		}
	});

	it('needs a reference of at most 100 characters', () => {
		expect(issues({ ...cash, reference: '' })).toEqual(['reference:error.required']);
		expect(issues({ ...cash, reference: '   ' })).toEqual(['reference:error.required']);
		expect(issues({ ...cash, reference: 'x'.repeat(100) })).toEqual([]);
		expect(issues({ ...cash, reference: 'x'.repeat(101) })).toEqual(['reference:error.tooLong']);
		expect(issues({ ...cash, note: 'x'.repeat(1001) })).toEqual(['note:error.tooLong']);
	});

	it('needs an idempotency key of 16 to 64 letters, digits and dashes', () => {
		for (const key of [KEY, 'a'.repeat(16), 'A1-'.repeat(21) + 'x', crypto.randomUUID()]) {
			expect(issues({ ...cash, idempotencyKey: key }), key).toEqual([]);
		}
		for (const key of [
			'',
			'a'.repeat(15),
			'a'.repeat(65),
			'abcdefgh_ijklmnop',
			'abcdefgh ijklmnop',
			'abcdefgh.ijklmnop',
			'абвгдеёжзийклмно',
			`${KEY}\n`
		]) {
			expect(issues({ ...cash, idempotencyKey: key }), key).toEqual([
				'idempotencyKey:grants.error.stale'
			]);
		}
		// A form without the field at all is refused too (with zod's own message, not a key).
		const keyless = { ...cash, idempotencyKey: undefined };
		expect(issues(keyless)).toHaveLength(1);
		expect(issues(keyless)[0]).toMatch(/^idempotencyKey:/);
	});
});

describe('pastDay', () => {
	afterEach(() => {
		vi.useRealTimers();
	});
	const at = (iso: string) => {
		vi.useFakeTimers({ toFake: ['Date'] });
		vi.setSystemTime(new Date(iso));
	};
	const issues = (value: unknown) => issuesOf(pastDay, value);

	it('reads a day as UTC midnight', () => {
		at('2026-06-15T10:00:00Z');
		expect(pastDay.parse('2026-06-01')).toEqual(new Date('2026-06-01T00:00:00Z'));
	});

	it('accepts today, and tomorrow as a day’s grace for time zones', () => {
		at('2026-06-15T10:00:00Z');
		expect(pastDay.parse('2026-06-15')).toEqual(new Date('2026-06-15T00:00:00Z'));
		expect(issues('2026-06-16')).toEqual([]);
		// Just after midnight UTC, in Ulaanbaatar (UTC+8) it is already the 15th at 08:00.
		at('2026-06-15T00:00:00Z');
		expect(issues('2026-06-15')).toEqual([]);
		expect(issues('2026-06-16')).toEqual([]);
	});

	it('accepts today by the real clock', () => {
		expect(issues(new Date().toISOString().slice(0, 10))).toEqual([]);
	});

	it('refuses a day in the future', () => {
		at('2026-06-15T23:59:59Z');
		for (const day of ['2026-06-17', '2026-07-01', '2027-01-01', '2099-12-31']) {
			expect(issues(day), day).toEqual([':grants.error.day']);
		}
		at('2026-06-15T00:00:00Z');
		expect(issues('2026-06-17')).toEqual([':grants.error.day']);
	});

	it('refuses a day before 2020', () => {
		at('2026-06-15T10:00:00Z');
		expect(issues('2020-01-01')).toEqual([]);
		expect(issues('2019-12-31')).toEqual([':grants.error.day']);
		expect(issues('1999-06-15')).toEqual([':grants.error.day']);
	});

	it('refuses days that do not exist and anything not written YYYY-MM-DD', () => {
		at('2026-06-15T10:00:00Z');
		expect(issues('2024-02-29')).toEqual([]);
		for (const day of [
			'2026-02-30',
			'2025-02-29',
			'2026-04-31',
			'2026-13-01',
			'2026-00-10',
			'2026-01-00',
			'2026-1-5',
			'15/06/2026',
			'2026-06-15T00:00:00Z',
			' 2026-06-15',
			'',
			'today'
		]) {
			expect(issues(day), day).toEqual([':grants.error.day']);
		}
		expect(pastDay.safeParse(undefined).success).toBe(false);
	});

	it('is the day of the forms that record a payment', () => {
		at('2026-06-15T10:00:00Z');
		expect(issuesOf(paidSchema, { paidOn: '2026-06-20', paymentReference: 'TX-1' })).toEqual([
			'paidOn:grants.error.day'
		]);
		expect(paidSchema.parse({ paidOn: '2026-06-14', paymentReference: ' TX-1 ' })).toEqual({
			paidOn: new Date('2026-06-14T00:00:00Z'),
			paymentReference: 'TX-1'
		});
	});
});

describe('receiptSchema', () => {
	const receipt = { lineKey: 'item-1', amountMnt: '450000', spentOn: '2026-01-10' };
	const issues = (input: unknown) => issuesOf(receiptSchema, input);

	it('accepts a receipt on a line', () => {
		expect(receiptSchema.parse(receipt)).toEqual({
			lineKey: 'item-1',
			amountMnt: 450_000,
			spentOn: new Date('2026-01-10T00:00:00Z'),
			description: ''
		});
		expect(issues({ ...receipt, lineKey: 'working-capital' })).toEqual([]);
	});

	it('needs a whole amount from ₮1 to the largest amount', () => {
		expect(issues({ ...receipt, amountMnt: '1' })).toEqual([]);
		expect(issues({ ...receipt, amountMnt: String(MAX_AMOUNT_MNT) })).toEqual([]);
		for (const amountMnt of ['0', '-5', '1.5', String(MAX_AMOUNT_MNT + 1), 'abc']) {
			expect(issues({ ...receipt, amountMnt }), amountMnt).toEqual([
				'amountMnt:grants.error.amount'
			]);
		}
	});

	it('needs a line key of lower-case letters, digits and dashes', () => {
		for (const lineKey of ['', 'Item-1', 'item_1', 'item 1', 'x'.repeat(41)]) {
			expect(issues({ ...receipt, lineKey }), lineKey).toEqual(['lineKey:grants.error.line']);
		}
	});
});

describe('rejectSchema', () => {
	it('needs a reason of at least 3 characters', () => {
		expect(issuesOf(rejectSchema, { reason: ' no ' })).toEqual(['reason:error.required']);
		expect(rejectSchema.parse({ reason: ' Wrong account ' })).toEqual({ reason: 'Wrong account' });
	});
});

describe('tranchesFromForm', () => {
	it('reads the numbered rows, amounts written with commas or spaces', () => {
		expect(
			tranchesFromForm(
				form({
					'amount-1': '2,450,000',
					'gate-1': 'signing',
					'amount-2': ' 1 050 000 ',
					'gate-2': 'verification'
				})
			)
		).toEqual([
			{ amountMnt: 2_450_000, gate: 'signing' },
			{ amountMnt: 1_050_000, gate: 'verification' }
		]);
		expect(tranchesFromForm(form({ 'amount-1': '1,050,000', 'gate-1': 'signing' }))).toEqual([
			{ amountMnt: 1_050_000, gate: 'signing' }
		]);
	});

	it('leaves out rows with an empty amount, whatever their gate', () => {
		expect(
			tranchesFromForm(
				form({
					'amount-1': '3000000',
					'gate-1': 'signing',
					'amount-2': '',
					'gate-2': 'verification',
					'amount-3': '   ',
					'gate-3': 'nonsense',
					'gate-4': 'verification',
					'amount-5': '500000',
					'gate-5': 'signing'
				})
			)
		).toEqual([{ amountMnt: 3_000_000, gate: 'signing' }]);
		expect(tranchesFromForm(form({}))).toEqual([]);
	});

	it('reads up to MAX_TRANCHES rows and no further', () => {
		const fields: Record<string, string> = {};
		for (let no = 1; no <= MAX_TRANCHES + 1; no++) {
			fields[`amount-${no}`] = String(no * 1000);
			fields[`gate-${no}`] = no === 1 ? 'signing' : 'verification';
		}
		expect(tranchesFromForm(form(fields))).toEqual([
			{ amountMnt: 1000, gate: 'signing' },
			{ amountMnt: 2000, gate: 'verification' },
			{ amountMnt: 3000, gate: 'verification' },
			{ amountMnt: 4000, gate: 'verification' }
		]);
	});

	it('skips a cleared row in the middle', () => {
		expect(
			tranchesFromForm(
				form({
					'amount-1': '2000000',
					'gate-1': 'signing',
					'amount-2': '',
					'gate-2': 'signing',
					'amount-3': '1500000',
					'gate-3': 'verification'
				})
			)
		).toEqual([
			{ amountMnt: 2_000_000, gate: 'signing' },
			{ amountMnt: 1_500_000, gate: 'verification' }
		]);
	});

	it('gives null for an unknown or missing gate', () => {
		expect(tranchesFromForm(form({ 'amount-1': '1000', 'gate-1': 'mentor' }))).toBeNull();
		expect(tranchesFromForm(form({ 'amount-1': '1000', 'gate-1': '' }))).toBeNull();
		expect(tranchesFromForm(form({ 'amount-1': '1000' }))).toBeNull();
		expect(
			tranchesFromForm(
				form({ 'amount-1': '1000', 'gate-1': 'signing', 'amount-2': '5', 'gate-2': 'Signing' })
			)
		).toBeNull();
	});

	it('gives null for an amount that is not a whole number of tögrög', () => {
		for (const amount of ['abc', '1.5', '1,050.50', '-5', '+5', '1e6', '₮1000', '1'.repeat(14)]) {
			expect(
				tranchesFromForm(form({ 'amount-1': amount, 'gate-1': 'signing' })),
				amount
			).toBeNull();
		}
		expect(tranchesFromForm(form({ 'amount-1': '1'.repeat(13), 'gate-1': 'signing' }))).toEqual([
			{ amountMnt: 1_111_111_111_111, gate: 'signing' }
		]);
	});

	it('reads a zero amount, leaving it to trancheProblems to refuse', () => {
		expect(tranchesFromForm(form({ 'amount-1': '0', 'gate-1': 'signing' }))).toEqual([
			{ amountMnt: 0, gate: 'signing' }
		]);
	});

	it('does not read percentages', () => {
		expect(tranchesFromForm(form({ 'percent-1': '100', 'gate-1': 'signing' }))).toEqual([]);
	});
});

describe('rulesFromForm', () => {
	it('reads whole percentages, with or without a percent sign', () => {
		expect(
			rulesFromForm(
				form({
					'percent-1': '70',
					'gate-1': 'signing',
					'percent-2': '30%',
					'gate-2': 'verification'
				})
			)
		).toEqual([
			{ percent: 70, gate: 'signing' },
			{ percent: 30, gate: 'verification' }
		]);
	});

	it('reads up to MAX_TRANCHES rows and no further', () => {
		const fields: Record<string, string> = {};
		for (let no = 1; no <= MAX_TRANCHES + 1; no++) {
			fields[`percent-${no}`] = '20';
			fields[`gate-${no}`] = 'signing';
		}
		expect(rulesFromForm(form(fields))).toEqual(
			Array.from({ length: MAX_TRANCHES }, () => ({ percent: 20, gate: 'signing' }))
		);
	});

	it('leaves out rows with an empty percentage', () => {
		expect(
			rulesFromForm(
				form({
					'percent-1': '100',
					'gate-1': 'signing',
					'percent-2': ' ',
					'gate-2': 'bogus',
					'percent-3': '',
					'gate-3': 'verification'
				})
			)
		).toEqual([{ percent: 100, gate: 'signing' }]);
		expect(rulesFromForm(form({}))).toEqual([]);
	});

	it('gives null for an unknown gate or a percentage that is not a whole number', () => {
		expect(rulesFromForm(form({ 'percent-1': '70', 'gate-1': 'later' }))).toBeNull();
		expect(rulesFromForm(form({ 'percent-1': '70' }))).toBeNull();
		for (const percent of ['70.5', 'seventy', '-70', '%', '70%%', '1,000']) {
			expect(
				rulesFromForm(form({ 'percent-1': percent, 'gate-1': 'signing' })),
				percent
			).toBeNull();
		}
	});

	it('does not read tranche amounts', () => {
		expect(rulesFromForm(form({ 'amount-1': '100', 'gate-1': 'signing' }))).toEqual([]);
	});
});
