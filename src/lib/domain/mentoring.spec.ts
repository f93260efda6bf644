import { describe, expect, it } from 'vitest';
import { emptyPlanContent, type PlanContent } from './businessPlan';
import {
	DUE_SOON_DAYS,
	STANDARD_MILESTONES,
	addMonths,
	caseloadOrder,
	dayOf,
	daysBetween,
	planMilestones,
	profitOf,
	scheduleVisits,
	summarise,
	ulaanbaatarDay,
	type Schedule,
	type ScheduleSummary,
	type Visit,
	type VisitState
} from './mentoring';

const monthly = (startsOn: string, visits = 12): Schedule => ({
	startsOn,
	intervalMonths: 1,
	visits
});

/** `no:state` (and `@doneOn` when done) of each visit: one line to compare. */
const states = (visits: readonly Visit[]) =>
	visits.map((v) => `${v.no}:${v.state}${v.doneOn ? `@${v.doneOn}` : ''}`);

const stateOf = (visits: readonly Visit[], no: number): VisitState =>
	visits.find((v) => v.no === no)!.state;

describe('ulaanbaatarDay', () => {
	it('is still the 31st until 16:00 UTC and the 1st from then (UTC+8)', () => {
		expect(ulaanbaatarDay(new Date('2026-01-31T15:59:59Z'))).toBe('2026-01-31');
		expect(ulaanbaatarDay(new Date('2026-01-31T15:59:59.999Z'))).toBe('2026-01-31');
		expect(ulaanbaatarDay(new Date('2026-01-31T16:00:00Z'))).toBe('2026-02-01');
	});

	it('turns the year at 16:00 UTC on 31 December', () => {
		expect(ulaanbaatarDay(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
		expect(ulaanbaatarDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
	});

	it('is the same day as UTC early in the UTC day, and in summer too (no daylight saving)', () => {
		expect(ulaanbaatarDay(new Date('2026-07-15T00:00:00Z'))).toBe('2026-07-15');
		expect(ulaanbaatarDay(new Date('2026-07-14T16:00:00Z'))).toBe('2026-07-15');
		expect(ulaanbaatarDay(new Date('2026-07-14T15:59:59Z'))).toBe('2026-07-14');
	});

	it('gives a leap day', () => {
		expect(ulaanbaatarDay(new Date('2028-02-28T16:00:00Z'))).toBe('2028-02-29');
	});
});

describe('dayOf and daysBetween', () => {
	it('reads back the day stored as UTC midnight', () => {
		expect(dayOf(new Date('2026-03-01T00:00:00Z'))).toBe('2026-03-01');
	});

	it('counts calendar days, negative backwards, across month and year ends', () => {
		expect(daysBetween('2026-01-31', '2026-02-01')).toBe(1);
		expect(daysBetween('2026-02-01', '2026-01-31')).toBe(-1);
		expect(daysBetween('2026-12-25', '2027-01-01')).toBe(7);
		expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
		expect(daysBetween('2026-05-05', '2026-05-05')).toBe(0);
	});
});

describe('addMonths', () => {
	it('keeps the day of the month when the month has it', () => {
		expect(addMonths('2026-01-15', 1)).toBe('2026-02-15');
		expect(addMonths('2026-03-10', 6)).toBe('2026-09-10');
	});

	it('falls back to the last day of a shorter month', () => {
		expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
		expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
		expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
		expect(addMonths('2026-01-30', 1)).toBe('2026-02-28');
		expect(addMonths('2028-01-29', 1)).toBe('2028-02-29');
		expect(addMonths('2026-01-29', 1)).toBe('2026-02-28');
	});

	it('counts from the start each time, so the 31st comes back after February', () => {
		expect(addMonths('2026-01-31', 2)).toBe('2026-03-31');
		expect(addMonths('2026-01-31', 3)).toBe('2026-04-30');
		expect(addMonths('2026-01-31', 4)).toBe('2026-05-31');
		expect(addMonths('2028-01-31', 2)).toBe('2028-03-31');
	});

	it('goes over the year end, December to January', () => {
		expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
		expect(addMonths('2026-12-31', 1)).toBe('2027-01-31');
		expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
		expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
		expect(addMonths('2026-06-15', 12)).toBe('2027-06-15');
		expect(addMonths('2026-06-15', 36)).toBe('2029-06-15');
	});

	it('goes backwards with negative months, January to December', () => {
		expect(addMonths('2026-01-15', -1)).toBe('2025-12-15');
		expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
		expect(addMonths('2028-03-31', -1)).toBe('2028-02-29');
		expect(addMonths('2026-01-31', -13)).toBe('2024-12-31');
	});

	it('is the same day for zero months, and pads the month and day', () => {
		expect(addMonths('2026-02-05', 0)).toBe('2026-02-05');
		expect(addMonths('2026-08-09', 1)).toBe('2026-09-09');
	});
});

describe('scheduleVisits: the windows', () => {
	it('makes one visit a month from the start, each opening the day after the previous is due', () => {
		const visits = scheduleVisits(monthly('2026-01-31', 4), [], '2026-01-31');
		expect(visits.map((v) => [v.no, v.opensOn, v.dueOn])).toEqual([
			[1, '2026-02-01', '2026-02-28'],
			[2, '2026-03-01', '2026-03-31'],
			[3, '2026-04-01', '2026-04-30'],
			[4, '2026-05-01', '2026-05-31']
		]);
	});

	it('spaces visits by the interval and makes exactly as many as the rule says', () => {
		const visits = scheduleVisits(
			{ startsOn: '2026-11-30', intervalMonths: 3, visits: 3 },
			[],
			'2026-11-30'
		);
		expect(visits.map((v) => [v.opensOn, v.dueOn])).toEqual([
			['2026-12-01', '2027-02-28'],
			['2027-03-01', '2027-05-30'],
			['2027-05-31', '2027-08-30']
		]);
	});

	it('has twelve visits by default-like rule, the last a year after the start', () => {
		const visits = scheduleVisits(monthly('2026-03-10'), [], '2026-03-10');
		expect(visits).toHaveLength(12);
		expect(visits.at(-1)!.dueOn).toBe('2027-03-10');
		expect(visits.at(-1)!.no).toBe(12);
	});

	it('starts from the Ulaanbaatar day of a payment made late on the last day of a UTC month', () => {
		// Paid at 01:00 on 1 March in Ulaanbaatar: still 28 February in UTC.
		const paidAt = new Date('2026-02-28T17:00:00Z');
		const startsOn = ulaanbaatarDay(paidAt);
		expect(startsOn).toBe('2026-03-01');
		const visits = scheduleVisits(monthly(startsOn, 2), [], startsOn);
		expect(visits.map((v) => [v.opensOn, v.dueOn])).toEqual([
			['2026-03-02', '2026-04-01'],
			['2026-04-02', '2026-05-01']
		]);
		// Read as a UTC day the first visit would have been due on 28 March instead.
		expect(scheduleVisits(monthly(dayOf(paidAt), 1), [], '2026-03-01')[0]!.dueOn).toBe(
			'2026-03-28'
		);
	});

	it('from 23:30 on 31 January in UTC, the first visit is due on 1 March, not 28 February', () => {
		const startsOn = ulaanbaatarDay(new Date('2026-01-31T23:30:00Z'));
		expect(startsOn).toBe('2026-02-01');
		const [first] = scheduleVisits(monthly(startsOn, 1), [], '2026-02-28');
		expect(first!.dueOn).toBe('2026-03-01');
		// On 28 February (Ulaanbaatar) it is due soon, not overdue.
		expect(first!.state).toBe('due');
	});
});

describe('scheduleVisits: overdue, due and upcoming around month ends in Ulaanbaatar', () => {
	// Started 31 July: visit 1 is due on 31 August, visit 2 on 30 September.
	const schedule = monthly('2026-07-31', 3);

	it('a visit due on the 31st is not overdue on the 31st, and overdue on the 1st', () => {
		expect(stateOf(scheduleVisits(schedule, [], '2026-08-31'), 1)).toBe('due');
		expect(stateOf(scheduleVisits(schedule, [], '2026-09-01'), 1)).toBe('overdue');
	});

	it('turns overdue at midnight in Ulaanbaatar, 16:00 UTC', () => {
		const at = (iso: string) =>
			stateOf(scheduleVisits(schedule, [], ulaanbaatarDay(new Date(iso))), 1);
		expect(at('2026-08-31T15:59:59Z')).toBe('due');
		expect(at('2026-08-31T16:00:00Z')).toBe('overdue');
	});

	it(`is due from ${DUE_SOON_DAYS} days before its due day, upcoming before that`, () => {
		expect(DUE_SOON_DAYS).toBe(7);
		expect(stateOf(scheduleVisits(schedule, [], '2026-08-23'), 1)).toBe('upcoming');
		expect(stateOf(scheduleVisits(schedule, [], '2026-08-24'), 1)).toBe('due');
		expect(stateOf(scheduleVisits(schedule, [], '2026-08-30'), 1)).toBe('due');
	});

	it('overdue across a year end: due on 31 December, overdue on 1 January', () => {
		const yearEnd = monthly('2026-11-30', 2); // due 30 Dec, then 30 Jan
		expect(stateOf(scheduleVisits(yearEnd, [], '2026-12-30'), 1)).toBe('due');
		expect(stateOf(scheduleVisits(yearEnd, [], '2026-12-31'), 1)).toBe('overdue');
		const dec31 = monthly('2026-10-31', 2); // due 30 Nov, then 31 Dec
		expect(stateOf(scheduleVisits(dec31, [], '2026-12-31'), 2)).toBe('due');
		expect(stateOf(scheduleVisits(dec31, [], '2027-01-01'), 2)).toBe('overdue');
	});

	it('a visit due on 28 February is overdue on 1 March, and on 29 February in a leap year', () => {
		expect(stateOf(scheduleVisits(monthly('2026-01-31', 1), [], '2026-02-28'), 1)).toBe('due');
		expect(stateOf(scheduleVisits(monthly('2026-01-31', 1), [], '2026-03-01'), 1)).toBe('overdue');
		expect(stateOf(scheduleVisits(monthly('2028-01-31', 1), [], '2028-02-29'), 1)).toBe('due');
		expect(stateOf(scheduleVisits(monthly('2028-01-28', 1), [], '2028-02-29'), 1)).toBe('overdue');
	});

	it('lists every missed visit as overdue and the next one by its distance', () => {
		const visits = scheduleVisits(schedule, [], '2026-10-25');
		expect(states(visits)).toEqual(['1:overdue', '2:overdue', '3:due']);
		expect(visits[2]!.dueOn).toBe('2026-10-31');
		expect(states(scheduleVisits(schedule, [], '2026-10-23'))).toEqual([
			'1:overdue',
			'2:overdue',
			'3:upcoming'
		]);
	});

	it('everything is upcoming on the start day', () => {
		expect(states(scheduleVisits(schedule, [], '2026-07-31'))).toEqual([
			'1:upcoming',
			'2:upcoming',
			'3:upcoming'
		]);
	});
});

describe('scheduleVisits: which visit a check-in covers', () => {
	// Started 10 January: visit 1 opens 11 Jan, due 10 Feb; visit 2 opens 11 Feb, due 10 Mar;
	// visit 3 opens 11 Mar, due 10 Apr.
	const schedule = monthly('2026-01-10', 3);

	it('a check-in covers the earliest open visit', () => {
		const visits = scheduleVisits(schedule, ['2026-01-20'], '2026-01-25');
		expect(states(visits)).toEqual(['1:done@2026-01-20', '2:upcoming', '3:upcoming']);
	});

	it('a check-in on the day a window opens covers it; on its due day too', () => {
		expect(states(scheduleVisits(schedule, ['2026-01-11'], '2026-01-11'))[0]).toBe(
			'1:done@2026-01-11'
		);
		expect(states(scheduleVisits(schedule, ['2026-02-10'], '2026-02-10'))[0]).toBe(
			'1:done@2026-02-10'
		);
	});

	it('a late check-in covers the missed visit, and the current one stays open', () => {
		const visits = scheduleVisits(schedule, ['2026-02-20'], '2026-03-05');
		expect(states(visits)).toEqual(['1:done@2026-02-20', '2:due', '3:upcoming']);
	});

	it('two check-ins in one month do not cover a month not yet open', () => {
		const visits = scheduleVisits(schedule, ['2026-01-15', '2026-01-28'], '2026-01-30');
		expect(states(visits)).toEqual(['1:done@2026-01-15', '2:upcoming', '3:upcoming']);
	});

	it('two check-ins late in a month cover the missed visit and the current one', () => {
		const visits = scheduleVisits(schedule, ['2026-02-15', '2026-02-20'], '2026-02-25');
		expect(states(visits)).toEqual(['1:done@2026-02-15', '2:done@2026-02-20', '3:upcoming']);
	});

	it('ignores check-ins before the window opens (the day of payment and before)', () => {
		const visits = scheduleVisits(schedule, ['2026-01-05', '2026-01-10'], '2026-02-11');
		expect(states(visits)).toEqual(['1:overdue', '2:upcoming', '3:upcoming']);
	});

	it('reads check-in days in any order', () => {
		const sorted = scheduleVisits(
			schedule,
			['2026-01-15', '2026-02-12', '2026-03-20'],
			'2026-03-25'
		);
		const unsorted = scheduleVisits(
			schedule,
			['2026-03-20', '2026-01-15', '2026-02-12'],
			'2026-03-25'
		);
		expect(states(unsorted)).toEqual([
			'1:done@2026-01-15',
			'2:done@2026-02-12',
			'3:done@2026-03-20'
		]);
		expect(unsorted).toEqual(sorted);
	});

	it('an unsorted pair inside one window covers one visit, with the earlier day', () => {
		const visits = scheduleVisits(schedule, ['2026-01-28', '2026-01-15'], '2026-01-30');
		expect(states(visits)).toEqual(['1:done@2026-01-15', '2:upcoming', '3:upcoming']);
	});

	it('does not change the list of days it was given', () => {
		const days = ['2026-02-12', '2026-01-15'];
		scheduleVisits(schedule, days, '2026-02-20');
		expect(days).toEqual(['2026-02-12', '2026-01-15']);
	});

	it('check-ins beyond the last visit cover nothing more', () => {
		const visits = scheduleVisits(
			monthly('2026-01-10', 1),
			['2026-01-20', '2026-02-20', '2026-03-20'],
			'2026-04-01'
		);
		expect(states(visits)).toEqual(['1:done@2026-01-20']);
	});

	it('a done visit stays done long after its due day', () => {
		const visits = scheduleVisits(schedule, ['2026-01-20'], '2026-12-31');
		expect(states(visits)).toEqual(['1:done@2026-01-20', '2:overdue', '3:overdue']);
	});
});

describe('summarise', () => {
	const schedule = monthly('2026-01-10', 4);

	it('counts overdue and done visits and names the earliest visit to make next', () => {
		const summary = summarise(scheduleVisits(schedule, ['2026-01-20'], '2026-03-15'));
		expect(summary).toEqual<ScheduleSummary>({
			overdue: 1,
			nextDueOn: '2026-03-10',
			nextState: 'overdue',
			done: 1,
			total: 4
		});
	});

	it('the next visit when none is overdue', () => {
		expect(summarise(scheduleVisits(schedule, [], '2026-02-05'))).toEqual<ScheduleSummary>({
			overdue: 0,
			nextDueOn: '2026-02-10',
			nextState: 'due',
			done: 0,
			total: 4
		});
	});

	it('no next visit once every visit is done', () => {
		const days = ['2026-01-20', '2026-02-20', '2026-03-20', '2026-04-20'];
		expect(summarise(scheduleVisits(schedule, days, '2026-06-01'))).toEqual<ScheduleSummary>({
			overdue: 0,
			nextDueOn: null,
			nextState: null,
			done: 4,
			total: 4
		});
	});

	it('of no visits at all', () => {
		expect(summarise([])).toEqual<ScheduleSummary>({
			overdue: 0,
			nextDueOn: null,
			nextState: null,
			done: 0,
			total: 0
		});
	});
});

describe('caseloadOrder', () => {
	const summary = (overdue: number, nextDueOn: string | null): ScheduleSummary => ({
		overdue,
		nextDueOn,
		nextState: nextDueOn === null ? null : overdue > 0 ? 'overdue' : 'upcoming',
		done: 0,
		total: 12
	});
	const row = (code: string, s: ScheduleSummary | null) => ({ code, summary: s });
	const codes = (rows: readonly { code: string }[]) => rows.map((r) => r.code);

	it('puts the overdue first, the most overdue first', () => {
		const rows = [
			row('A', summary(0, '2026-03-01')),
			row('B', summary(1, '2026-02-10')),
			row('C', summary(3, '2026-01-10')),
			row('D', summary(2, '2026-01-20'))
		];
		expect(codes(caseloadOrder(rows))).toEqual(['C', 'D', 'B', 'A']);
	});

	it('among equally overdue, the one overdue longest first', () => {
		const rows = [row('A', summary(2, '2026-02-01')), row('B', summary(2, '2026-01-15'))];
		expect(codes(caseloadOrder(rows))).toEqual(['B', 'A']);
	});

	it('then by the next due day, across month and year ends', () => {
		const rows = [
			row('A', summary(0, '2027-01-01')),
			row('B', summary(0, '2026-12-31')),
			row('C', summary(0, '2026-02-01')),
			row('D', summary(0, '2026-01-31'))
		];
		expect(codes(caseloadOrder(rows))).toEqual(['D', 'C', 'B', 'A']);
	});

	it('a finished schedule after the open ones, no schedule yet last', () => {
		const rows = [
			row('A', null),
			row('B', summary(0, null)),
			row('C', summary(0, '2027-06-01')),
			row('D', summary(1, '2026-01-01'))
		];
		expect(codes(caseloadOrder(rows))).toEqual(['D', 'C', 'B', 'A']);
	});

	it('ties by code', () => {
		const rows = [
			row('UMN-26-009', summary(1, '2026-02-10')),
			row('UMN-26-002', summary(1, '2026-02-10')),
			row('UMN-26-041', null),
			row('UMN-26-037', null),
			row('UMN-26-005', summary(0, null)),
			row('UMN-26-003', summary(0, null))
		];
		expect(codes(caseloadOrder(rows))).toEqual([
			'UMN-26-002',
			'UMN-26-009',
			'UMN-26-003',
			'UMN-26-005',
			'UMN-26-037',
			'UMN-26-041'
		]);
	});

	it('returns a new list and keeps the rows as they were', () => {
		const rows = [row('B', null), row('A', summary(1, '2026-01-01'))];
		const ordered = caseloadOrder(rows);
		expect(codes(rows)).toEqual(['B', 'A']);
		expect(ordered).not.toBe(rows);
		expect(ordered[0]).toBe(rows[1]);
	});

	it('works on the summaries scheduleVisits makes', () => {
		const today = '2026-04-15';
		const overdueTwo = summarise(scheduleVisits(monthly('2026-01-10'), ['2026-01-20'], today));
		const onTrack = summarise(
			scheduleVisits(monthly('2026-01-10'), ['2026-01-20', '2026-02-20', '2026-03-20'], today)
		);
		const overdueOne = summarise(scheduleVisits(monthly('2026-02-20'), [], today));
		expect([overdueTwo.overdue, onTrack.overdue, overdueOne.overdue]).toEqual([2, 0, 1]);
		expect(
			codes(caseloadOrder([row('X', onTrack), row('Y', overdueOne), row('Z', overdueTwo)]))
		).toEqual(['Z', 'Y', 'X']);
	});
});

describe('planMilestones', () => {
	const plan = (change: (content: PlanContent) => void): PlanContent => {
		const content = emptyPlanContent();
		change(content);
		return content;
	};
	const keys = (content: PlanContent | null) => planMilestones(content).map((m) => m.key);

	it('the standard milestones only without a plan', () => {
		expect(planMilestones(null)).toEqual([
			{ key: 'first_sale', label: '' },
			{ key: 'premises', label: '' },
			{ key: 'forecast_met', label: '' }
		]);
		expect(STANDARD_MILESTONES).toEqual(['first_sale', 'premises', 'forecast_met']);
	});

	it('the standard ones for an empty plan', () => {
		expect(keys(emptyPlanContent())).toEqual(['first_sale', 'premises', 'forecast_met']);
	});

	it('each start-up item in her words, keyed by its place in the plan, blank names skipped', () => {
		const content = plan((c) => {
			c.startup.items = [
				{ item: ' Оёдлын машин ', quantity: 1, unitPrice: 900_000 },
				{ item: '   ', quantity: 2, unitPrice: 1 },
				{ item: '', quantity: 1, unitPrice: 1 },
				{ item: 'Даавуу', quantity: 10, unitPrice: 20_000 }
			];
		});
		expect(planMilestones(content)).toEqual([
			{ key: 'first_sale', label: '' },
			{ key: 'premises', label: '' },
			{ key: 'forecast_met', label: '' },
			{ key: 'item-0', label: 'Оёдлын машин' },
			{ key: 'item-3', label: 'Даавуу' }
		]);
	});

	it('registered only for a real legal form', () => {
		for (const legalForm of ['individual', 'cooperative', 'partnership', 'llc'] as const) {
			expect(keys(plan((c) => (c.legal.legalForm = legalForm)))).toContain('registered');
		}
		expect(keys(plan((c) => (c.legal.legalForm = 'not_yet')))).not.toContain('registered');
		expect(keys(plan((c) => (c.legal.legalForm = '')))).not.toContain('registered');
	});

	it('hired only when she plans employees', () => {
		expect(keys(plan((c) => (c.people.employees = 1)))).toContain('hired');
		expect(keys(plan((c) => (c.people.employees = 0)))).not.toContain('hired');
		expect(keys(plan((c) => (c.people.employees = -1)))).not.toContain('hired');
		expect(keys(plan((c) => (c.people.employees = Number.NaN)))).not.toContain('hired');
		// A stored plan may hold the number as typed.
		expect(keys(plan((c) => (c.people.employees = '2' as unknown as number)))).toContain('hired');
	});

	it('in order: standard, items, registered, hired', () => {
		const content = plan((c) => {
			c.people.employees = 2;
			c.legal.legalForm = 'llc';
			c.startup.items = [{ item: 'Зуух', quantity: 1, unitPrice: 500_000 }];
		});
		expect(keys(content)).toEqual([
			'first_sale',
			'premises',
			'forecast_met',
			'item-0',
			'registered',
			'hired'
		]);
		expect(planMilestones(content).filter((m) => m.label === '')).toHaveLength(5);
	});
});

describe('profitOf', () => {
	it('is sales minus costs, negative for a loss, zero with nothing sold', () => {
		expect(profitOf({ salesMnt: 1_480_000, costsMnt: 769_600 })).toBe(710_400);
		expect(profitOf({ salesMnt: 100_000, costsMnt: 250_000 })).toBe(-150_000);
		expect(profitOf({ salesMnt: 0, costsMnt: 0 })).toBe(0);
	});
});
