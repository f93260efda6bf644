// The mentoring forms: a mentor's check-in, her own monthly figures, the coordinators'
// assignment and schedule rule, and closing a safeguarding concern. Fields arrive as form
// strings; error messages are message keys (lib/i18n/*/mentoring.ts).
import { z } from 'zod';
import { MAX_AMOUNT_MNT } from '$lib/domain/businessPlan';
import {
	BUSINESS_STATUSES,
	CHECK_IN_MODES,
	MAX_COUNT,
	MAX_INTERVAL_MONTHS,
	MAX_VISITS
} from '$lib/domain/mentoring';
import { parseDay } from '$lib/domain/training';

const text = (max: number) => z.string().trim().max(max, 'error.tooLong').default('');

/** A day (YYYY-MM-DD) from 2020 up to today (a day's grace for time zones), as UTC midnight. */
const pastDay = z.string().transform((value, ctx) => {
	const day = parseDay(value);
	if (!day || day.getUTCFullYear() < 2020 || day.getTime() > Date.now() + 24 * 60 * 60 * 1000) {
		ctx.addIssue({ code: 'custom', message: 'mentoring.error.day' });
		return z.NEVER;
	}
	return day;
});

const money = z.coerce
	.number({ error: 'mentoring.error.amount' })
	.int('mentoring.error.amount')
	.min(0, 'mentoring.error.amount')
	.max(MAX_AMOUNT_MNT, 'mentoring.error.amount');

const count = z.coerce
	.number({ error: 'mentoring.error.count' })
	.int('mentoring.error.count')
	.min(0, 'mentoring.error.count')
	.max(MAX_COUNT, 'mentoring.error.count');

/**
 * A number field as typed: blank is refused, not read as 0 (an empty field is not a figure), and
 * only plain digits count (not 1e3 or 0x10, which JavaScript would read as numbers).
 */
const required = <T extends z.ZodType>(schema: T, message: string) =>
	z.preprocess(
		(v) => {
			if (typeof v !== 'string') return v;
			if (v.trim() === '') return undefined;
			return /^-?\d+$/.test(v.trim()) ? v : NaN;
		},
		z
			.any()
			.refine((v) => v !== undefined, message)
			.pipe(schema)
	);

export const idempotencyKey = z
	.string({ error: 'mentoring.error.stale' })
	.regex(/^[A-Za-z0-9-]{16,64}$/, 'mentoring.error.stale');

const figures = {
	businessStatus: z.enum(BUSINESS_STATUSES, { error: 'mentoring.error.status' }),
	salesMnt: required(money, 'mentoring.error.amount'),
	costsMnt: required(money, 'mentoring.error.amount'),
	customersPerWeek: required(count, 'mentoring.error.count'),
	workersOwner: required(count, 'mentoring.error.count'),
	workersPaid: required(count, 'mentoring.error.count'),
	workersFamily: required(count, 'mentoring.error.count')
};

export const checkInSchema = z
	.object({
		idempotencyKey,
		on: pastDay,
		mode: z.enum(CHECK_IN_MODES, { error: 'mentoring.error.mode' }),
		...figures,
		milestones: z.array(z.string().max(40)).max(60).default([]),
		supportGiven: text(2000),
		problems: text(2000),
		nextSteps: text(2000),
		verifiesOperating: z.boolean().default(false),
		safeguarding: z.enum(['yes', 'no'], { error: 'mentoring.error.safeguardingChoice' }),
		safeguardingNote: text(4000),
		queuedOffline: z.boolean().default(false)
	})
	// Both run even when other fields are wrong (`when`), so that every message shows at once;
	// they read the values as posted, which may be of any shape.
	.refine(
		(data) =>
			!data.verifiesOperating || (data.mode === 'visit' && data.businessStatus === 'operating'),
		{ path: ['verifiesOperating'], message: 'mentoring.error.verifyNeedsVisit', when: () => true }
	)
	.refine(
		(data) => data.safeguarding !== 'yes' || String(data.safeguardingNote ?? '').trim().length >= 3,
		{ path: ['safeguardingNote'], message: 'mentoring.error.safeguardingNote', when: () => true }
	);
export type CheckInInput = z.output<typeof checkInSchema>;
export type CheckInField = keyof z.input<typeof checkInSchema>;

/** This month or an earlier one, from 2020. */
const pastMonth = z.string().refine((value) => {
	const match = /^(\d{4})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month] = [Number(match[1]), Number(match[2])];
	const now = new Date(Date.now() + 8 * 60 * 60 * 1000); // Ulaanbaatar, UTC+8 all year
	return (
		year >= 2020 &&
		month >= 1 &&
		month <= 12 &&
		year * 12 + month <= now.getUTCFullYear() * 12 + now.getUTCMonth() + 1
	);
}, 'mentoring.error.month');

export const selfReportSchema = z.object({
	idempotencyKey,
	month: pastMonth,
	...figures,
	problems: text(2000)
});
export type SelfReportInput = z.output<typeof selfReportSchema>;
export type SelfReportField = keyof z.input<typeof selfReportSchema>;

export const assignMentorSchema = z.object({
	grantId: z.string().regex(/^[a-f0-9]{24}$/, 'mentoring.error.notFound'),
	mentorId: z.string().regex(/^[a-f0-9]{24}$/, 'error.required')
});

export const mentoringRuleSchema = z.object({
	intervalMonths: z.coerce
		.number({ error: 'mentoring.error.interval' })
		.int('mentoring.error.interval')
		.min(1, 'mentoring.error.interval')
		.max(MAX_INTERVAL_MONTHS, 'mentoring.error.interval'),
	visits: z.coerce
		.number({ error: 'mentoring.error.visits' })
		.int('mentoring.error.visits')
		.min(1, 'mentoring.error.visits')
		.max(MAX_VISITS, 'mentoring.error.visits')
});

export const closeConcernSchema = z.object({
	actionTaken: z.string().trim().min(3, 'error.required').max(4000, 'error.tooLong')
});

/** A form's text field ('' when absent or a file). */
const reader = (form: FormData) => (name: string) => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

/** The business's figures as posted, the same in both forms (components/mentoring/BusinessFigures). */
function figureValues(value: (name: string) => string) {
	return {
		businessStatus: value('businessStatus'),
		salesMnt: value('salesMnt'),
		costsMnt: value('costsMnt'),
		customersPerWeek: value('customersPerWeek'),
		workersOwner: value('workersOwner'),
		workersPaid: value('workersPaid'),
		workersFamily: value('workersFamily')
	};
}

/**
 * A check-in form's fields as the schema reads them: checkboxes as booleans, the milestones
 * as a list. Photos are read apart (services/mentoring.ts checks them).
 */
export function checkInValues(form: FormData) {
	const value = reader(form);
	return {
		idempotencyKey: value('idempotencyKey'),
		on: value('on'),
		mode: value('mode'),
		...figureValues(value),
		milestones: form.getAll('milestones').filter((v): v is string => typeof v === 'string'),
		supportGiven: value('supportGiven'),
		problems: value('problems'),
		nextSteps: value('nextSteps'),
		verifiesOperating: form.has('verifiesOperating'),
		safeguarding: value('safeguarding'),
		safeguardingNote: value('safeguardingNote'),
		queuedOffline: value('queuedOffline') === '1'
	};
}

export function selfReportValues(form: FormData) {
	const value = reader(form);
	return {
		idempotencyKey: value('idempotencyKey'),
		month: value('month'),
		...figureValues(value),
		problems: value('problems')
	};
}

/** The first message per field, for the form to show beside each. */
export function fieldErrors<F extends string>(issues: readonly z.core.$ZodIssue[]) {
	const errors: Partial<Record<F, string>> = {};
	for (const issue of issues) {
		const field = String(issue.path[0] ?? 'form') as F;
		errors[field] ??= issue.message;
	}
	return errors;
}
