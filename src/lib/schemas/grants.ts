// The grant and payment forms. Error messages are message keys (lib/i18n/*/grants.ts).
import { z } from 'zod';
import {
	MAX_TRANCHES,
	PAYMENT_METHODS,
	TRANCHE_GATES,
	type Tranche,
	type TrancheRule
} from '$lib/domain/grants';
import { parseDay } from '$lib/domain/training';
import { MAX_AMOUNT_MNT } from '$lib/domain/businessPlan';

const text = (min: number, max: number) =>
	z.string().trim().min(min, 'error.required').max(max, 'error.tooLong');

/** A day (YYYY-MM-DD) from 2020 up to today (a day's grace for time zones), as UTC midnight. */
export const pastDay = z.string().transform((value, ctx) => {
	const day = parseDay(value);
	if (!day || day.getUTCFullYear() < 2020 || day.getTime() > Date.now() + 24 * 60 * 60 * 1000) {
		ctx.addIssue({ code: 'custom', message: 'grants.error.day' });
		return z.NEVER;
	}
	return day;
});

const money = z.coerce
	.number({ error: 'grants.error.amount' })
	.int('grants.error.amount')
	.min(1, 'grants.error.amount')
	.max(MAX_AMOUNT_MNT, 'grants.error.amount');

export const paymentRequestSchema = z
	.object({
		trancheNo: z.coerce.number().int().min(1).max(MAX_TRANCHES),
		method: z.enum(PAYMENT_METHODS, { error: 'grants.error.method' }),
		bankName: z.string().trim().max(100, 'error.tooLong').default(''),
		accountName: z.string().trim().max(200, 'error.tooLong').default(''),
		accountNumber: z
			.string()
			.trim()
			.max(60, 'error.tooLong')
			.default('')
			.transform((v) => v.replace(/[\s-]/g, '')),
		supplierName: z.string().trim().max(200, 'error.tooLong').default(''),
		reference: text(1, 100),
		note: z.string().trim().max(1000, 'error.tooLong').default(''),
		idempotencyKey: z
			.string({ error: 'grants.error.stale' })
			.regex(/^[A-Za-z0-9-]{16,64}$/, 'grants.error.stale')
	})
	.superRefine((data, ctx) => {
		const issue = (path: string, message: string) =>
			ctx.addIssue({ code: 'custom', path: [path], message });
		if (data.method === 'bank') {
			if (data.bankName.length < 2) issue('bankName', 'error.required');
			if (data.accountName.length < 2) issue('accountName', 'error.required');
			if (!/^\d{6,34}$/.test(data.accountNumber)) issue('accountNumber', 'grants.error.account');
		}
		if (data.method === 'supplier' && data.supplierName.length < 2) {
			issue('supplierName', 'error.required');
		}
	});
export type PaymentRequestForm = z.infer<typeof paymentRequestSchema>;

export const rejectSchema = z.object({ reason: text(3, 1000) });
export const paidSchema = z.object({ paidOn: pastDay, paymentReference: text(1, 100) });
export const signSchema = z.object({ signedOn: pastDay, witnessedBy: text(2, 200) });

export const receiptSchema = z.object({
	lineKey: z.string().regex(/^[a-z0-9-]{1,40}$/, 'grants.error.line'),
	amountMnt: money,
	spentOn: pastDay,
	description: z.string().trim().max(300, 'error.tooLong').default('')
});

const gateField = z.enum(TRANCHE_GATES, { error: 'grants.error.gate' });

/**
 * Numbered rows from a form (`<name>-1`, `gate-1`, `<name>-2`, …, up to MAX_TRANCHES); rows
 * with an empty amount are left out, so a tranche is removed by clearing it.
 */
function rows(form: FormData, name: string): { value: string; gate: string }[] {
	const result = [];
	for (let no = 1; no <= MAX_TRANCHES; no++) {
		const value = String(form.get(`${name}-${no}`) ?? '').trim();
		if (value) result.push({ value, gate: String(form.get(`gate-${no}`) ?? '') });
	}
	return result;
}

const wholeNumber = (value: string) => (/^\d{1,13}$/.test(value) ? Number(value) : NaN);

/** A grant's tranches from its form; amounts in whole tögrög (spaces and commas allowed). */
export function tranchesFromForm(form: FormData): Omit<Tranche, 'no'>[] | null {
	const parsed = rows(form, 'amount').map((row) => ({
		amountMnt: wholeNumber(row.value.replace(/[\s,]/g, '')),
		gate: gateField.safeParse(row.gate)
	}));
	if (parsed.some((row) => !row.gate.success || Number.isNaN(row.amountMnt))) return null;
	return parsed.map((row) => ({ amountMnt: row.amountMnt, gate: row.gate.data! }));
}

/** A cohort's tranche rules from its form; whole percentages. */
export function rulesFromForm(form: FormData): TrancheRule[] | null {
	const parsed = rows(form, 'percent').map((row) => ({
		percent: wholeNumber(row.value.replace(/%$/, '')),
		gate: gateField.safeParse(row.gate)
	}));
	if (parsed.some((row) => !row.gate.success || Number.isNaN(row.percent))) return null;
	return parsed.map((row) => ({ percent: row.percent, gate: row.gate.data! }));
}
