import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_AMOUNT_MNT } from '$lib/domain/businessPlan';
import { MAX_COUNT } from '$lib/domain/mentoring';
import {
	checkInSchema,
	checkInValues,
	fieldErrors,
	selfReportSchema,
	selfReportValues
} from './mentoring';
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

// Noon in Ulaanbaatar on 10 March 2026 (04:00 UTC).
const NOW = new Date('2026-03-10T04:00:00Z');

beforeEach(() => {
	vi.useFakeTimers({ toFake: ['Date'] });
	vi.setSystemTime(NOW);
});
afterEach(() => {
	vi.useRealTimers();
});

const checkIn = {
	idempotencyKey: KEY,
	on: '2026-03-09',
	mode: 'visit',
	businessStatus: 'operating',
	salesMnt: '1480000',
	costsMnt: '769600',
	customersPerWeek: '27',
	workersOwner: '1',
	workersPaid: '1',
	workersFamily: '0',
	milestones: ['forecast_met'],
	supportGiven: ' Үнийн жагсаалт ',
	problems: '',
	nextSteps: 'Цагаан сар',
	verifiesOperating: false,
	safeguarding: 'no',
	safeguardingNote: '',
	queuedOffline: false
};

/** Everything but `omit`. */
function without<T extends object, K extends keyof T>(value: T, ...omit: K[]): Omit<T, K> {
	return Object.fromEntries(
		Object.entries(value).filter(([k]) => !(omit as PropertyKey[]).includes(k))
	) as Omit<T, K>;
}

/** The check-in as its form posts it: no checkbox ticked. */
const checkInForm = without(checkIn, 'verifiesOperating', 'queuedOffline');

const selfReport = {
	idempotencyKey: KEY,
	month: '2026-02',
	businessStatus: 'operating',
	salesMnt: '900000',
	costsMnt: '450000',
	customersPerWeek: '15',
	workersOwner: '1',
	workersPaid: '0',
	workersFamily: '2',
	problems: ' Даавуу үнэтэй '
};

const FIGURES = [
	'salesMnt',
	'costsMnt',
	'customersPerWeek',
	'workersOwner',
	'workersPaid',
	'workersFamily'
] as const;
const messageOf = (field: (typeof FIGURES)[number]) =>
	field === 'salesMnt' || field === 'costsMnt' ? 'mentoring.error.amount' : 'mentoring.error.count';

describe('checkInSchema', () => {
	it('reads a complete check-in: numbers as integers, the day as its UTC midnight, texts trimmed', () => {
		const parsed = checkInSchema.parse(checkIn);
		expect(parsed).toMatchObject({
			idempotencyKey: KEY,
			mode: 'visit',
			businessStatus: 'operating',
			salesMnt: 1_480_000,
			costsMnt: 769_600,
			customersPerWeek: 27,
			workersOwner: 1,
			workersPaid: 1,
			workersFamily: 0,
			milestones: ['forecast_met'],
			supportGiven: 'Үнийн жагсаалт',
			safeguarding: 'no'
		});
		expect(parsed.on).toEqual(new Date('2026-03-09T00:00:00Z'));
	});

	it('takes zero for every figure (a closed business)', () => {
		const zero = Object.fromEntries(FIGURES.map((f) => [f, '0']));
		expect(issuesOf(checkInSchema, { ...checkIn, ...zero, businessStatus: 'closed' })).toEqual([]);
	});

	it.each(FIGURES)('refuses %s left blank, rather than reading it as 0', (field) => {
		expect(issuesOf(checkInSchema, { ...checkIn, [field]: '' })).toEqual([
			`${field}:${messageOf(field)}`
		]);
		expect(issuesOf(checkInSchema, { ...checkIn, [field]: '   ' })).toEqual([
			`${field}:${messageOf(field)}`
		]);
	});

	it.each(FIGURES)('refuses %s negative, a fraction, not a number, or missing', (field) => {
		for (const bad of ['-1', '2.5', '1,000', 'abc', undefined]) {
			expect(issuesOf(checkInSchema, { ...checkIn, [field]: bad }), String(bad)).toEqual([
				`${field}:${messageOf(field)}`
			]);
		}
	});

	it('refuses amounts beyond the largest, and counts beyond MAX_COUNT', () => {
		expect(issuesOf(checkInSchema, { ...checkIn, salesMnt: String(MAX_AMOUNT_MNT) })).toEqual([]);
		expect(issuesOf(checkInSchema, { ...checkIn, salesMnt: String(MAX_AMOUNT_MNT + 1) })).toEqual([
			'salesMnt:mentoring.error.amount'
		]);
		// Beyond safe integers: both "whole" and "at most" fail, on the one field.
		expect(new Set(issuesOf(checkInSchema, { ...checkIn, costsMnt: '1e20' }))).toEqual(
			new Set(['costsMnt:mentoring.error.amount'])
		);
		expect(issuesOf(checkInSchema, { ...checkIn, customersPerWeek: String(MAX_COUNT) })).toEqual(
			[]
		);
		expect(issuesOf(checkInSchema, { ...checkIn, workersPaid: String(MAX_COUNT + 1) })).toEqual([
			'workersPaid:mentoring.error.count'
		]);
	});

	it('takes today and yesterday, and tomorrow (a day of grace for time zones), not later', () => {
		expect(issuesOf(checkInSchema, { ...checkIn, on: '2026-03-10' })).toEqual([]);
		expect(issuesOf(checkInSchema, { ...checkIn, on: '2026-03-11' })).toEqual([]);
		expect(issuesOf(checkInSchema, { ...checkIn, on: '2026-03-12' })).toEqual([
			'on:mentoring.error.day'
		]);
		expect(issuesOf(checkInSchema, { ...checkIn, on: '2027-03-09' })).toEqual([
			'on:mentoring.error.day'
		]);
	});

	it('refuses a day that does not exist, is badly written, or is before 2020', () => {
		for (const on of ['2026-02-30', '2026-13-01', '9.3.2026', '2026-3-9', '', '2019-12-31']) {
			expect(issuesOf(checkInSchema, { ...checkIn, on }), on).toEqual(['on:mentoring.error.day']);
		}
		expect(issuesOf(checkInSchema, { ...checkIn, on: '2020-01-01' })).toEqual([]);
	});

	it('needs a mode, a status and a safeguarding answer from the lists', () => {
		expect(
			issuesOf(checkInSchema, { ...checkIn, mode: 'self', businessStatus: '', safeguarding: '' })
		).toEqual([
			'mode:mentoring.error.mode',
			'businessStatus:mentoring.error.status',
			'safeguarding:mentoring.error.safeguardingChoice'
		]);
		for (const status of ['operating', 'temporarily_closed', 'closed']) {
			expect(issuesOf(checkInSchema, { ...checkIn, businessStatus: status })).toEqual([]);
		}
		expect(issuesOf(checkInSchema, { ...checkIn, mode: 'phone' })).toEqual([]);
	});

	it('verifies "operating" only at a visit to a business that is operating', () => {
		expect(issuesOf(checkInSchema, { ...checkIn, verifiesOperating: true })).toEqual([]);
		expect(issuesOf(checkInSchema, { ...checkIn, verifiesOperating: true, mode: 'phone' })).toEqual(
			['verifiesOperating:mentoring.error.verifyNeedsVisit']
		);
		for (const businessStatus of ['temporarily_closed', 'closed']) {
			expect(
				issuesOf(checkInSchema, { ...checkIn, verifiesOperating: true, businessStatus })
			).toEqual(['verifiesOperating:mentoring.error.verifyNeedsVisit']);
		}
		// Not verifying: a phone call about a closed business is a fine check-in.
		expect(
			issuesOf(checkInSchema, { ...checkIn, mode: 'phone', businessStatus: 'closed' })
		).toEqual([]);
	});

	it('a safeguarding "yes" needs a note of at least three characters, blanks not counted', () => {
		expect(issuesOf(checkInSchema, { ...checkIn, safeguarding: 'yes' })).toEqual([
			'safeguardingNote:mentoring.error.safeguardingNote'
		]);
		expect(
			issuesOf(checkInSchema, { ...checkIn, safeguarding: 'yes', safeguardingNote: '  ab   ' })
		).toEqual(['safeguardingNote:mentoring.error.safeguardingNote']);
		const parsed = checkInSchema.parse({
			...checkIn,
			safeguarding: 'yes',
			safeguardingNote: '  abc  '
		});
		expect(parsed.safeguardingNote).toBe('abc');
		// A note without a "yes" is not refused (the service decides what to keep).
		expect(issuesOf(checkInSchema, { ...checkIn, safeguardingNote: 'x' })).toEqual([]);
	});

	it('refuses texts that are too long', () => {
		expect(issuesOf(checkInSchema, { ...checkIn, supportGiven: 'a'.repeat(2000) })).toEqual([]);
		expect(issuesOf(checkInSchema, { ...checkIn, problems: 'a'.repeat(2001) })).toEqual([
			'problems:error.tooLong'
		]);
		expect(
			issuesOf(checkInSchema, {
				...checkIn,
				safeguarding: 'yes',
				safeguardingNote: 'a'.repeat(4001)
			})
		).toEqual(['safeguardingNote:error.tooLong']);
	});

	it('needs an idempotency key of 16 to 64 letters, digits or dashes', () => {
		for (const good of ['a'.repeat(16), 'A1-'.repeat(21) + 'x', KEY]) {
			expect(issuesOf(checkInSchema, { ...checkIn, idempotencyKey: good }), good).toEqual([]);
		}
		for (const bad of [
			'a'.repeat(15),
			'a'.repeat(65),
			`${KEY.slice(0, 30)}_x`,
			'a b'.repeat(8),
			''
		]) {
			expect(issuesOf(checkInSchema, { ...checkIn, idempotencyKey: bad }), bad).toEqual([
				'idempotencyKey:mentoring.error.stale'
			]);
		}
		expect(issuesOf(checkInSchema, without(checkIn, 'idempotencyKey'))).toEqual([
			'idempotencyKey:mentoring.error.stale'
		]);
	});

	it('defaults the optional parts', () => {
		const parsed = checkInSchema.parse({
			idempotencyKey: KEY,
			on: '2026-03-01',
			mode: 'phone',
			businessStatus: 'operating',
			salesMnt: '0',
			costsMnt: '0',
			customersPerWeek: '0',
			workersOwner: '1',
			workersPaid: '0',
			workersFamily: '0',
			safeguarding: 'no'
		});
		expect(parsed).toMatchObject({
			milestones: [],
			supportGiven: '',
			problems: '',
			nextSteps: '',
			verifiesOperating: false,
			safeguardingNote: '',
			queuedOffline: false
		});
	});
});

describe('selfReportSchema', () => {
	it('reads her figures for a month', () => {
		expect(selfReportSchema.parse(selfReport)).toEqual({
			idempotencyKey: KEY,
			month: '2026-02',
			businessStatus: 'operating',
			salesMnt: 900_000,
			costsMnt: 450_000,
			customersPerWeek: 15,
			workersOwner: 1,
			workersPaid: 0,
			workersFamily: 2,
			problems: 'Даавуу үнэтэй'
		});
	});

	it.each(FIGURES)('refuses %s blank, negative or a fraction', (field) => {
		for (const bad of ['', ' ', '-5', '0.5']) {
			expect(issuesOf(selfReportSchema, { ...selfReport, [field]: bad }), bad).toEqual([
				`${field}:${messageOf(field)}`
			]);
		}
	});

	it('refuses huge sales', () => {
		expect(
			new Set(issuesOf(selfReportSchema, { ...selfReport, salesMnt: '99999999999999999999' }))
		).toEqual(new Set(['salesMnt:mentoring.error.amount']));
		expect(
			issuesOf(selfReportSchema, { ...selfReport, salesMnt: String(MAX_AMOUNT_MNT + 1) })
		).toEqual(['salesMnt:mentoring.error.amount']);
	});

	it('takes this month and earlier ones back to 2020, not a later month', () => {
		for (const month of ['2026-03', '2026-01', '2025-12', '2020-01']) {
			expect(issuesOf(selfReportSchema, { ...selfReport, month }), month).toEqual([]);
		}
		for (const month of ['2026-04', '2027-01', '2019-12']) {
			expect(issuesOf(selfReportSchema, { ...selfReport, month }), month).toEqual([
				'month:mentoring.error.month'
			]);
		}
	});

	it('refuses a month badly written or that does not exist', () => {
		for (const month of ['2026-13', '2026-00', '2026-3', '03-2026', '2026-03-01', '', 'март']) {
			expect(issuesOf(selfReportSchema, { ...selfReport, month }), month).toEqual([
				'month:mentoring.error.month'
			]);
		}
	});

	it('counts the month in Ulaanbaatar: April starts at 16:00 UTC on 31 March', () => {
		vi.setSystemTime(new Date('2026-03-31T15:59:59Z'));
		expect(issuesOf(selfReportSchema, { ...selfReport, month: '2026-04' })).toEqual([
			'month:mentoring.error.month'
		]);
		vi.setSystemTime(new Date('2026-03-31T16:00:00Z'));
		expect(issuesOf(selfReportSchema, { ...selfReport, month: '2026-04' })).toEqual([]);
	});

	it('counts the year in Ulaanbaatar: January starts at 16:00 UTC on 31 December', () => {
		vi.setSystemTime(new Date('2026-12-31T15:59:59Z'));
		expect(issuesOf(selfReportSchema, { ...selfReport, month: '2027-01' })).toEqual([
			'month:mentoring.error.month'
		]);
		expect(issuesOf(selfReportSchema, { ...selfReport, month: '2026-12' })).toEqual([]);
		vi.setSystemTime(new Date('2026-12-31T16:00:00Z'));
		expect(issuesOf(selfReportSchema, { ...selfReport, month: '2027-01' })).toEqual([]);
		expect(issuesOf(selfReportSchema, { ...selfReport, month: '2027-02' })).toEqual([
			'month:mentoring.error.month'
		]);
	});

	it('needs a status and a well-formed key', () => {
		expect(
			issuesOf(selfReportSchema, { ...selfReport, businessStatus: 'open', idempotencyKey: 'short' })
		).toEqual(['idempotencyKey:mentoring.error.stale', 'businessStatus:mentoring.error.status']);
	});

	it('refuses a long note and defaults a missing one to blank', () => {
		expect(issuesOf(selfReportSchema, { ...selfReport, problems: 'я'.repeat(2001) })).toEqual([
			'problems:error.tooLong'
		]);
		expect(selfReportSchema.parse(without(selfReport, 'problems')).problems).toBe('');
	});
});

describe('checkInValues', () => {
	it('reads ticked checkboxes as true whatever their value, and the repeated milestones as a list', () => {
		const values = checkInValues(
			form({
				...checkInForm,
				milestones: ['first_sale', 'item-0', 'item-3'],
				verifiesOperating: 'on',
				queuedOffline: '1'
			})
		);
		expect(values.milestones).toEqual(['first_sale', 'item-0', 'item-3']);
		expect(values.verifiesOperating).toBe(true);
		expect(values.queuedOffline).toBe(true);
		expect(values.salesMnt).toBe('1480000');
		expect(values.on).toBe('2026-03-09');
		expect(values.supportGiven).toBe(' Үнийн жагсаалт ');
	});

	it('reads unticked checkboxes (absent from the form) as false, and no milestones as []', () => {
		const values = checkInValues(form({ on: '2026-03-09', mode: 'phone' }));
		expect(values).toEqual({
			idempotencyKey: '',
			on: '2026-03-09',
			mode: 'phone',
			businessStatus: '',
			salesMnt: '',
			costsMnt: '',
			customersPerWeek: '',
			workersOwner: '',
			workersPaid: '',
			workersFamily: '',
			milestones: [],
			supportGiven: '',
			problems: '',
			nextSteps: '',
			verifiesOperating: false,
			safeguarding: '',
			safeguardingNote: '',
			queuedOffline: false
		});
	});

	it('a checkbox sent empty is still ticked; queuedOffline only when "1"', () => {
		const values = checkInValues(form({ verifiesOperating: '', queuedOffline: 'yes' }));
		expect(values.verifiesOperating).toBe(true);
		expect(values.queuedOffline).toBe(false);
	});

	it('leaves files out of the text fields and the milestones', () => {
		const data = form({ milestones: ['premises'] });
		data.append('milestones', new File(['x'], 'x.txt'));
		data.append('salesMnt', new File(['1'], 'sales.txt'));
		const values = checkInValues(data);
		expect(values.milestones).toEqual(['premises']);
		expect(values.salesMnt).toBe('');
	});

	it('a blank figure from the form is refused by the schema, not stored as 0', () => {
		const values = checkInValues(form({ ...checkInForm, milestones: [], salesMnt: '' }));
		expect(values.verifiesOperating).toBe(false);
		expect(issuesOf(checkInSchema, values)).toEqual(['salesMnt:mentoring.error.amount']);
	});

	it('a posted form parses as the browser sent it', () => {
		const values = checkInValues(
			form({
				...checkInForm,
				milestones: ['forecast_met'],
				verifiesOperating: 'on',
				safeguarding: 'yes',
				safeguardingNote: 'Айсан байдалтай'
			})
		);
		const parsed = checkInSchema.parse(values);
		expect(parsed.verifiesOperating).toBe(true);
		expect(parsed.queuedOffline).toBe(false);
		expect(parsed.milestones).toEqual(['forecast_met']);
		expect(parsed.safeguardingNote).toBe('Айсан байдалтай');
	});
});

describe('selfReportValues', () => {
	it('reads her form, blanks for what is missing, files as blank', () => {
		const data = form({ month: '2026-02', salesMnt: '900000', businessStatus: 'operating' });
		data.append('costsMnt', new File(['1'], 'c.txt'));
		expect(selfReportValues(data)).toEqual({
			idempotencyKey: '',
			month: '2026-02',
			businessStatus: 'operating',
			salesMnt: '900000',
			costsMnt: '',
			customersPerWeek: '',
			workersOwner: '',
			workersPaid: '',
			workersFamily: '',
			problems: ''
		});
	});

	it('what it reads parses', () => {
		expect(selfReportSchema.parse(selfReportValues(form(selfReport))).salesMnt).toBe(900_000);
	});
});

describe('fieldErrors', () => {
	it('keeps the first message of each field', () => {
		const result = checkInSchema.safeParse({ ...checkIn, salesMnt: '-1', costsMnt: '' });
		expect(result.success).toBe(false);
		expect(fieldErrors(result.error!.issues)).toEqual({
			salesMnt: 'mentoring.error.amount',
			costsMnt: 'mentoring.error.amount'
		});
	});

	it('files an issue without a path under "form"', () => {
		expect(fieldErrors([{ code: 'custom', path: [], message: 'x', input: null }] as never)).toEqual(
			{ form: 'x' }
		);
	});
});

describe('every message at once', () => {
	it('shows the cross-field messages beside the field errors, not after them', () => {
		const issues = issuesOf(checkInSchema, {
			...checkIn,
			salesMnt: '',
			mode: 'phone',
			verifiesOperating: true,
			safeguarding: 'yes',
			safeguardingNote: '  '
		});
		expect(issues).toEqual(
			expect.arrayContaining([
				'salesMnt:mentoring.error.amount',
				'verifiesOperating:mentoring.error.verifyNeedsVisit',
				'safeguardingNote:mentoring.error.safeguardingNote'
			])
		);
	});

	it('reads only plain digits as numbers: 1e3 and 0x10 are refused', () => {
		expect(issuesOf(checkInSchema, { ...checkIn, salesMnt: '1e3' })).toEqual([
			'salesMnt:mentoring.error.amount'
		]);
		expect(issuesOf(checkInSchema, { ...checkIn, customersPerWeek: '0x10' })).toEqual([
			'customersPerWeek:mentoring.error.count'
		]);
		expect(issuesOf(checkInSchema, { ...checkIn, salesMnt: ' 1200 ' })).toEqual([]);
	});
});
