import { describe, expect, it } from 'vitest';
import { WORKING_CAPITAL_LINE } from './grants';
import type { BusinessStatus } from './mentoring';
import {
	FUNNEL_STEPS,
	INDICATOR_KEYS,
	SMALL_CELL,
	SUPPRESSED,
	categoryOf,
	countBy,
	donorReport,
	donorReportable,
	funnel,
	funnelBySoum,
	indicatorsOf,
	median,
	mediansBy,
	operatingOverTime,
	paidOverTime,
	statusAtMonth,
	suppress,
	suppressFor,
	suppressGroup,
	type FunnelCounts,
	type FunnelStep,
	type ParticipantFacts,
	type ProgrammeTotals,
	type StatusOn
} from './reporting';

/** A participant who reached `steps` (and none other). */
function woman(
	steps: readonly FunnelStep[],
	over: Partial<Omit<ParticipantFacts, 'steps'>> = {}
): ParticipantFacts {
	return {
		soum: 'Khanbogd',
		referralSource: 'self',
		donorConsent: true,
		latestStatus: null,
		paidMnt: 0,
		...over,
		steps: Object.fromEntries(FUNNEL_STEPS.map((s) => [s, steps.includes(s)])) as Record<
			FunnelStep,
			boolean
		>
	};
}

/** Every step up to and including `last`, in funnel order. */
const upTo = (last: FunnelStep): FunnelStep[] =>
	FUNNEL_STEPS.slice(0, FUNNEL_STEPS.indexOf(last) + 1);

const times = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);

const zeros = (): FunnelCounts =>
	Object.fromEntries(FUNNEL_STEPS.map((s) => [s, 0])) as FunnelCounts;

const SOUMS = ['Khanbogd', 'Manlai', 'Bayan-Ovoo', 'Dalanzadgad'] as const;
const REFERRALS = ['police', 'ngo', 'self', 'mentor'] as const;
const TOTALS: ProgrammeTotals = {
	officialsTrained: 50,
	officialsTrainers: 17,
	indirectBeneficiaries: 4000
};
const PAID = 2_380_175;

/**
 * The women whose donor-reporting consent stands:
 * Khanbogd 20 (5 paid: 3 operating, 1 temporarily closed, 1 closed; 3 more submitted a plan;
 * 4 more trained in business plans; 8 life skills only), Manlai 9 (6 submitted, 3 life skills),
 * Bayan-Ovoo 3 (life skills), Dalanzadgad 7 (2 of them trained in business plans).
 */
function consenting(): ParticipantFacts[] {
	const statuses: BusinessStatus[] = ['operating', 'operating', 'operating'];
	statuses.push('temporarily_closed', 'closed');
	return [
		...statuses.map((latestStatus) =>
			woman(upTo('firstPaid'), { referralSource: 'police', latestStatus, paidMnt: PAID })
		),
		...times(3, () => woman(upTo('planSubmitted'), { referralSource: 'self' })),
		...times(4, () => woman(upTo('businessPlan'), { referralSource: 'self' })),
		...times(8, () => woman(upTo('lifeSkills'), { referralSource: 'ngo' })),
		...times(6, () => woman(upTo('planSubmitted'), { soum: 'Manlai', referralSource: 'ngo' })),
		...times(3, () => woman(upTo('lifeSkills'), { soum: 'Manlai', referralSource: 'self' })),
		...times(3, () => woman(upTo('lifeSkills'), { soum: 'Bayan-Ovoo', referralSource: 'mentor' })),
		...times(5, () => woman(upTo('lifeSkills'), { soum: 'Dalanzadgad', referralSource: 'ngo' })),
		...times(2, () => woman(upTo('businessPlan'), { soum: 'Dalanzadgad', referralSource: 'ngo' }))
	];
}

/**
 * Women without donor-reporting consent now: two withdrew it (paid, operating, in Bayan-Ovoo),
 * one never gave it (Manlai). Counted, they would lift visible cells past the threshold.
 */
function withoutConsent(): ParticipantFacts[] {
	return [
		...times(2, () =>
			woman(upTo('firstPaid'), {
				soum: 'Bayan-Ovoo',
				referralSource: 'mentor',
				donorConsent: false,
				latestStatus: 'operating',
				paidMnt: 3_000_000
			})
		),
		woman(upTo('lifeSkills'), { soum: 'Manlai', referralSource: 'mentor', donorConsent: false })
	];
}

describe('suppress', () => {
	it('hides counts of 0 to 4 people and shows 5 and more', () => {
		expect(SMALL_CELL).toBe(5);
		expect(SUPPRESSED).toBe('<5');
		for (const n of [0, 1, 2, 3, 4]) expect(suppress(n)).toBe('<5');
		for (const n of [5, 6, 17, 100, 4000]) expect(suppress(n)).toBe(n);
	});
});

describe('suppressFor', () => {
	it('hides a figure about fewer than 5 people, however large', () => {
		expect(suppressFor(9_520_700, 4)).toBe('<5');
		expect(suppressFor(9_520_700, 0)).toBe('<5');
		expect(suppressFor(0, 1)).toBe('<5');
	});

	it('shows the figure itself (not the people) for 5 or more', () => {
		expect(suppressFor(9_520_700, 5)).toBe(9_520_700);
		expect(suppressFor(0, 5)).toBe(0);
		expect(suppressFor(3, 20)).toBe(3);
	});
});

describe('suppressGroup', () => {
	it('leaves a group with no small cell as it is', () => {
		expect(suppressGroup({ a: 5, b: 9, c: 40 })).toEqual({ a: 5, b: 9, c: 40 });
	});

	it('hides every small cell of a group with several, and nothing more', () => {
		expect(suppressGroup({ a: 1, b: 0, c: 9, d: 10 })).toEqual({ a: '<5', b: '<5', c: 9, d: 10 });
		expect(suppressGroup({ a: 4, b: 3, c: 2 })).toEqual({ a: '<5', b: '<5', c: '<5' });
	});

	it('hides the next smallest cell too when only one is small, so the total cannot reveal it', () => {
		expect(suppressGroup({ a: 7, b: 3, c: 6, d: 20 })).toEqual({
			a: 7,
			b: '<5',
			c: '<5',
			d: 20
		});
		// A zero is a small cell like any other; 5 is not small but may be the next smallest.
		expect(suppressGroup({ a: 0, b: 12, c: 40 })).toEqual({ a: '<5', b: '<5', c: 40 });
		expect(suppressGroup({ a: 5, b: 4, c: 100 })).toEqual({ a: '<5', b: '<5', c: 100 });
		expect(suppressGroup({ a: 4, b: 50 })).toEqual({ a: '<5', b: '<5' });
	});

	it('breaks a tie for the next smallest by key, whatever the order given', () => {
		expect(suppressGroup({ z: 8, y: 8, x: 2, w: 30 })).toEqual({
			z: 8,
			y: '<5',
			x: '<5',
			w: 30
		});
		expect(suppressGroup({ y: 8, w: 30, x: 2, z: 8 })).toEqual({
			z: 8,
			y: '<5',
			x: '<5',
			w: 30
		});
	});

	it('hides a one-cell group only when the cell is small', () => {
		expect(suppressGroup({ a: 3 })).toEqual({ a: '<5' });
		expect(suppressGroup({ a: 7 })).toEqual({ a: 7 });
		expect(suppressGroup({})).toEqual({});
	});

	it('keeps every key, in the order given, and leaves the counts untouched', () => {
		const counts = { police: 3, ngo: 21, self: 10 };
		expect(Object.keys(suppressGroup(counts))).toEqual(['police', 'ngo', 'self']);
		expect(counts).toEqual({ police: 3, ngo: 21, self: 10 });
	});
});

describe('donorReportable', () => {
	it('counts her only while her latest donor-reporting consent is given', () => {
		expect(donorReportable({ donor_reporting: { given: true } })).toBe(true);
		expect(donorReportable({ donor_reporting: { given: false } })).toBe(false);
	});
});

describe('funnel', () => {
	it('counts how many reached each step', () => {
		expect(funnel(consenting())).toEqual({
			lifeSkills: 39,
			businessPlan: 20,
			planSubmitted: 14,
			scored: 5,
			awarded: 5,
			firstPaid: 5,
			operating6: 0,
			operating12: 0
		});
	});

	it('counts each step on its own: a step never assumes the one before', () => {
		const counts = funnel([
			woman(['awarded']),
			woman(['operating12']),
			woman(['lifeSkills', 'operating6'])
		]);
		expect(counts).toEqual({
			...zeros(),
			lifeSkills: 1,
			awarded: 1,
			operating6: 1,
			operating12: 1
		});
	});

	it('gives zeros for nobody', () => {
		expect(funnel([])).toEqual(zeros());
	});
});

describe('funnelBySoum', () => {
	it('lists the soums in the order given, those with nobody with zeros', () => {
		const rows = funnelBySoum(
			[
				woman(upTo('awarded'), { soum: 'Manlai' }),
				woman(upTo('lifeSkills'), { soum: 'Manlai' }),
				woman(upTo('businessPlan'), { soum: 'Khanbogd' }),
				woman(upTo('firstPaid'), { soum: 'Gurvantes' })
			],
			['Manlai', 'Noyon', 'Khanbogd']
		);
		expect(rows).toEqual([
			{
				soum: 'Manlai',
				counts: {
					...zeros(),
					lifeSkills: 2,
					businessPlan: 1,
					planSubmitted: 1,
					scored: 1,
					awarded: 1
				}
			},
			{ soum: 'Noyon', counts: zeros() },
			{ soum: 'Khanbogd', counts: { ...zeros(), lifeSkills: 1, businessPlan: 1 } }
		]);
	});
});

describe('countBy', () => {
	it('lists every given key, with zeros, and any other key met', () => {
		expect(countBy(['a', 'c', 'a', 'x'], (s) => s, ['a', 'b', 'c'])).toEqual({
			a: 2,
			b: 0,
			c: 1,
			x: 1
		});
		expect(countBy([], (s: string) => s, ['a'])).toEqual({ a: 0 });
		expect(countBy(['q'], (s) => s)).toEqual({ q: 1 });
	});
});

describe('indicatorsOf', () => {
	it('gives every indicator the JSON carries', () => {
		const indicators = indicatorsOf(consenting(), TOTALS, REFERRALS);
		expect(indicators).toEqual({
			trainedLifeSkills: 39,
			trainedBusinessPlan: 20,
			officialsTrained: 50,
			officialsTrainers: 17,
			plansSubmitted: 14,
			grantsAwarded: 5,
			firstTranchePaid: 5,
			totalPaidMnt: 5 * PAID,
			operatingLatest: 3,
			referralSources: { police: 5, ngo: 21, self: 10, mentor: 3 },
			indirectBeneficiaries: 4000
		});
		expect(Object.keys(indicators).sort()).toEqual([...INDICATOR_KEYS, 'referralSources'].sort());
	});

	it('counts everyone, whatever her consent (the programme’s own figures, staff only)', () => {
		const indicators = indicatorsOf([...consenting(), ...withoutConsent()], TOTALS, REFERRALS);
		expect(indicators.trainedLifeSkills).toBe(42);
		expect(indicators.firstTranchePaid).toBe(7);
		expect(indicators.totalPaidMnt).toBe(5 * PAID + 6_000_000);
		expect(indicators.operatingLatest).toBe(5);
		expect(indicators.referralSources).toEqual({ police: 5, ngo: 21, self: 10, mentor: 6 });
	});

	it('sums what was paid, and counts only businesses operating at their latest check-in', () => {
		const indicators = indicatorsOf(
			[
				woman(upTo('firstPaid'), { paidMnt: 1_666_490, latestStatus: 'operating' }),
				woman(upTo('firstPaid'), { paidMnt: 2_380_175, latestStatus: 'temporarily_closed' }),
				woman(upTo('firstPaid'), { paidMnt: 2_380_175, latestStatus: 'closed' }),
				woman(upTo('firstPaid'), { paidMnt: 3_093_860, latestStatus: null }),
				woman(upTo('awarded'))
			],
			TOTALS,
			[]
		);
		expect(indicators.totalPaidMnt).toBe(9_520_700);
		expect(indicators.operatingLatest).toBe(1);
		expect(indicators.referralSources).toEqual({ self: 5 });
	});

	it('lists every known referral source, with zeros, for a cohort with nobody', () => {
		const indicators = indicatorsOf([], TOTALS, REFERRALS);
		expect(indicators.referralSources).toEqual({ police: 0, ngo: 0, self: 0, mentor: 0 });
		expect(indicators.totalPaidMnt).toBe(0);
		expect(indicators.officialsTrained).toBe(50);
	});
});

describe('donorReport', () => {
	const expected = {
		values: {
			trainedLifeSkills: 39,
			trainedBusinessPlan: 20,
			officialsTrained: 50,
			officialsTrainers: 17,
			plansSubmitted: 14,
			grantsAwarded: 5,
			firstTranchePaid: 5,
			totalPaidMnt: 5 * PAID,
			operatingLatest: '<5',
			indirectBeneficiaries: 4000
		},
		// mentor 3 is the only small cell: police (5, the next smallest) goes with it.
		referralSources: { police: '<5', ngo: 21, self: 10, mentor: '<5' },
		bySoum: [
			{
				soum: 'Khanbogd',
				counts: { lifeSkills: 20, businessPlan: 12, planSubmitted: 8, awarded: 5, firstPaid: 5 }
			},
			{
				soum: 'Manlai',
				counts: { lifeSkills: 9, businessPlan: 6, planSubmitted: 6, awarded: '<5', firstPaid: '<5' }
			},
			{
				// Bayan-Ovoo's 3 in life skills is the column's only small cell: Dalanzadgad's 7 goes.
				soum: 'Bayan-Ovoo',
				counts: {
					lifeSkills: '<5',
					businessPlan: '<5',
					planSubmitted: '<5',
					awarded: '<5',
					firstPaid: '<5'
				}
			},
			{
				soum: 'Dalanzadgad',
				counts: {
					lifeSkills: '<5',
					businessPlan: '<5',
					planSubmitted: '<5',
					awarded: '<5',
					firstPaid: '<5'
				}
			}
		],
		excluded: 3,
		included: 39
	};

	it('counts only women whose donor-reporting consent stands, and says how many were left out', () => {
		const report = donorReport([...consenting(), ...withoutConsent()], TOTALS, SOUMS, REFERRALS);
		expect(report).toEqual(expected);
	});

	it('is the report of the consenting women alone: no cell, table or source shows the others', () => {
		const all = [...withoutConsent(), ...consenting(), ...withoutConsent()];
		const withThem = donorReport(all, TOTALS, SOUMS, REFERRALS);
		const without = donorReport(consenting(), TOTALS, SOUMS, REFERRALS);
		expect(withThem.excluded).toBe(6);
		expect(withThem.included).toBe(39);
		expect(without.excluded).toBe(0);
		expect(without.included).toBe(39);
		expect({ ...withThem, excluded: 0 }).toEqual(without);
	});

	it('would have shown different cells had the women without consent been counted', () => {
		// Guards the test above: with everyone consenting, Bayan-Ovoo and mentor pass the threshold.
		const everyone = [...consenting(), ...withoutConsent()].map((f) => ({
			...f,
			donorConsent: true
		}));
		const report = donorReport(everyone, TOTALS, SOUMS, REFERRALS);
		expect(report.values.firstTranchePaid).toBe(7);
		expect(report.values.operatingLatest).toBe(5);
		expect(report.referralSources).toEqual({ police: 5, ngo: 21, self: 10, mentor: 6 });
		expect(report.bySoum[2]!.counts.lifeSkills).toBe(5);
		expect(report.excluded).toBe(0);
		expect(report.included).toBe(42);
	});

	it('leaves the officials and the indirect beneficiaries alone when every woman is excluded', () => {
		const none = consenting().map((f) => ({ ...f, donorConsent: false }));
		const report = donorReport(none, TOTALS, SOUMS, REFERRALS);
		expect(report.excluded).toBe(39);
		expect(report.included).toBe(0);
		expect(report.values).toEqual({
			trainedLifeSkills: '<5',
			trainedBusinessPlan: '<5',
			officialsTrained: 50,
			officialsTrainers: 17,
			plansSubmitted: '<5',
			grantsAwarded: '<5',
			firstTranchePaid: '<5',
			totalPaidMnt: '<5',
			operatingLatest: '<5',
			indirectBeneficiaries: 4000
		});
		expect(report.referralSources).toEqual({ police: '<5', ngo: '<5', self: '<5', mentor: '<5' });
		for (const row of report.bySoum)
			expect(Object.values(row.counts)).toEqual(times(5, () => '<5'));
	});

	it('suppresses small counts of officials, but never the indirect-beneficiary estimate', () => {
		const report = donorReport(
			consenting(),
			{ officialsTrained: 4, officialsTrainers: 0, indirectBeneficiaries: 3 },
			SOUMS,
			REFERRALS
		);
		expect(report.values.officialsTrained).toBe('<5');
		expect(report.values.officialsTrainers).toBe('<5');
		expect(report.values.indirectBeneficiaries).toBe(3);
	});

	it('hides the total paid when fewer than 5 consenting women had a first payment', () => {
		// 4 of the 5 paid women consent; the 2 without consent must not lift the count to 6.
		const facts = [...consenting(), ...withoutConsent()];
		facts[0] = { ...facts[0]!, donorConsent: false };
		const report = donorReport(facts, TOTALS, SOUMS, REFERRALS);
		expect(report.values.firstTranchePaid).toBe('<5');
		expect(report.values.totalPaidMnt).toBe('<5');
		expect(report.values.grantsAwarded).toBe('<5');
		expect(report.values.trainedLifeSkills).toBe(38);
	});

	it('hides the total paid for 4 paid women even when it is a large sum', () => {
		const facts = times(4, () => woman(upTo('firstPaid'), { paidMnt: 25_000_000 }));
		facts.push(...times(10, () => woman(upTo('awarded'))));
		const report = donorReport(facts, TOTALS, SOUMS, REFERRALS);
		expect(report.values.grantsAwarded).toBe(14);
		expect(report.values.firstTranchePaid).toBe('<5');
		expect(report.values.totalPaidMnt).toBe('<5');
	});

	it('shows the total paid to 5 women, small as it may be', () => {
		const facts = times(5, () => woman(upTo('firstPaid'), { paidMnt: 1 }));
		const report = donorReport(facts, TOTALS, SOUMS, REFERRALS);
		expect(report.values.firstTranchePaid).toBe(5);
		expect(report.values.totalPaidMnt).toBe(5);
	});

	it('shows only the steps of the per-soum table, for every soum given', () => {
		const report = donorReport(consenting(), TOTALS, [...SOUMS, 'Noyon'], REFERRALS);
		expect(report.bySoum.map((r) => r.soum)).toEqual([...SOUMS, 'Noyon']);
		for (const row of report.bySoum) {
			expect(Object.keys(row.counts)).toEqual([
				'lifeSkills',
				'businessPlan',
				'planSubmitted',
				'awarded',
				'firstPaid'
			]);
		}
		// Noyon's zeros are small cells; with Bayan-Ovoo's 3 there are two: no more need hiding.
		expect(report.bySoum.map((r) => r.counts.lifeSkills)).toEqual([20, 9, '<5', 7, '<5']);
	});
});

describe('statusAtMonth', () => {
	const at = (day: string, status: BusinessStatus): StatusOn => ({ day, status });
	// Paid on 15 January: month 6 is 15 July, its window 15 June to 15 August.

	it('is not yet known before the day has come, whatever the check-ins', () => {
		const checkIns = [at('2026-07-10', 'operating')];
		expect(statusAtMonth('2026-01-15', checkIns, 6, '2026-07-14')).toBe('not_yet');
		expect(statusAtMonth('2026-01-15', checkIns, 6, '2026-07-15')).toBe('operating');
	});

	it('takes the check-in nearest the day', () => {
		const checkIns = [
			at('2026-06-20', 'closed'),
			at('2026-07-10', 'operating'),
			at('2026-08-01', 'temporarily_closed')
		];
		expect(statusAtMonth('2026-01-15', checkIns, 6, '2026-09-01')).toBe('operating');
		// 15 days before beats 16 days after, across the month's end.
		expect(
			statusAtMonth(
				'2026-01-15',
				[at('2026-07-31', 'closed'), at('2026-06-30', 'operating')],
				6,
				'2026-09-01'
			)
		).toBe('operating');
		expect(
			statusAtMonth(
				'2026-01-15',
				[at('2026-07-29', 'closed'), at('2026-06-30', 'operating')],
				6,
				'2026-09-01'
			)
		).toBe('closed');
	});

	it('takes the later check-in on a tie, whatever the order given', () => {
		const before = at('2026-07-10', 'closed');
		const after = at('2026-07-20', 'operating');
		expect(statusAtMonth('2026-01-15', [before, after], 6, '2026-09-01')).toBe('operating');
		expect(statusAtMonth('2026-01-15', [after, before], 6, '2026-09-01')).toBe('operating');
		const later = at('2026-07-20', 'closed');
		const earlier = at('2026-07-10', 'operating');
		expect(statusAtMonth('2026-01-15', [earlier, later], 6, '2026-09-01')).toBe('closed');
		expect(statusAtMonth('2026-01-15', [later, earlier], 6, '2026-09-01')).toBe('closed');
	});

	it('looks a month either side of the day and no further', () => {
		const status = (day: string) =>
			statusAtMonth('2026-01-15', [at(day, 'closed')], 6, '2026-12-31');
		expect(status('2026-06-15')).toBe('closed');
		expect(status('2026-08-15')).toBe('closed');
		expect(status('2026-06-14')).toBe('unknown');
		expect(status('2026-08-16')).toBe('unknown');
		expect(statusAtMonth('2026-01-15', [], 6, '2026-12-31')).toBe('unknown');
	});

	it('is unknown at month 12 when the only check-ins are from the first months', () => {
		const checkIns = ['02', '03', '04'].map((m) => at(`2026-${m}-15`, 'operating'));
		expect(statusAtMonth('2026-01-15', checkIns, 12, '2027-02-01')).toBe('unknown');
		expect(statusAtMonth('2026-01-15', checkIns, 1, '2027-02-01')).toBe('operating');
	});

	it('keeps to the month’s end: paid on 31 January, month 1 is 28 February', () => {
		expect(statusAtMonth('2026-01-31', [], 1, '2026-02-27')).toBe('not_yet');
		expect(statusAtMonth('2026-01-31', [], 1, '2026-02-28')).toBe('unknown');
		// 27 February and 1 March are each a day from the 28th: the later one wins.
		const tie = [at('2026-02-27', 'closed'), at('2026-03-01', 'operating')];
		expect(statusAtMonth('2026-01-31', tie, 1, '2026-03-05')).toBe('operating');
		// The window runs from the payment day (month 0) to 31 March (month 2).
		expect(statusAtMonth('2026-01-31', [at('2026-01-31', 'closed')], 1, '2026-04-01')).toBe(
			'closed'
		);
		expect(statusAtMonth('2026-01-31', [at('2026-01-30', 'closed')], 1, '2026-04-01')).toBe(
			'unknown'
		);
		expect(statusAtMonth('2026-01-31', [at('2026-03-31', 'closed')], 1, '2026-04-01')).toBe(
			'closed'
		);
		expect(statusAtMonth('2026-01-31', [at('2026-04-01', 'closed')], 1, '2026-04-02')).toBe(
			'unknown'
		);
	});

	it('has 29 February in a leap year', () => {
		expect(statusAtMonth('2028-01-31', [], 1, '2028-02-28')).toBe('not_yet');
		expect(statusAtMonth('2028-01-31', [], 1, '2028-02-29')).toBe('unknown');
	});
});

describe('operatingOverTime', () => {
	const at = (day: string, status: BusinessStatus): StatusOn => ({ day, status });
	// Today 20 July. g1 paid 15 Jan, operating at every monthly check-in; g2 paid 15 March,
	// operating in April, temporarily closed in May, no check-in since; g3 paid 1 June, none.
	const grants = [
		{
			paidDay: '2026-01-15',
			checkIns: ['02', '03', '04', '05', '06', '07'].map((m) => at(`2026-${m}-15`, 'operating'))
		},
		{
			paidDay: '2026-03-15',
			checkIns: [at('2026-04-15', 'operating'), at('2026-05-15', 'temporarily_closed')]
		},
		{ paidDay: '2026-06-01', checkIns: [] }
	];

	it('counts, month by month, the grants old enough, those operating and those unknown', () => {
		expect(operatingOverTime(grants, '2026-07-20', 6)).toEqual([
			{ month: 1, grants: 3, operating: 2, unknown: 1 },
			{ month: 2, grants: 2, operating: 1, unknown: 0 },
			{ month: 3, grants: 2, operating: 1, unknown: 0 },
			{ month: 4, grants: 2, operating: 1, unknown: 1 },
			{ month: 5, grants: 1, operating: 1, unknown: 0 },
			{ month: 6, grants: 1, operating: 1, unknown: 0 }
		]);
	});

	it('runs to 12 months by default, with nothing yet counted past what has happened', () => {
		const points = operatingOverTime(grants, '2026-07-20');
		expect(points.map((p) => p.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		expect(points.slice(6)).toEqual(
			[7, 8, 9, 10, 11, 12].map((month) => ({ month, grants: 0, operating: 0, unknown: 0 }))
		);
		expect(operatingOverTime([], '2026-07-20', 2)).toEqual([
			{ month: 1, grants: 0, operating: 0, unknown: 0 },
			{ month: 2, grants: 0, operating: 0, unknown: 0 }
		]);
	});
});

describe('median', () => {
	it('takes the middle value of an odd count, sorting numbers as numbers', () => {
		expect(median([3, 1, 2])).toBe(2);
		expect(median([5])).toBe(5);
		expect(median([10, 9, 100])).toBe(10);
		expect(median([300_000, 1_200_000, 850_000, 90_000, 2_000_000])).toBe(850_000);
	});

	it('takes the mean of the two middle values of an even count, rounded to a whole number', () => {
		expect(median([4, 1, 3, 2])).toBe(3); // 2.5 rounds up
		expect(median([1, 2])).toBe(2);
		expect(median([10, 40, 20, 31])).toBe(26); // 25.5
		expect(median([1_000_000, 1_500_001])).toBe(1_250_001);
		expect(median([2, 2, 100, 0])).toBe(2);
		expect(median([6, 1, 8, 2])).toBe(4); // 2 and 6
	});

	it('is null for no values', () => {
		expect(median([])).toBeNull();
	});

	it('does not reorder the values it was given', () => {
		const values = [3, 1, 2, 7];
		median(values);
		expect(values).toEqual([3, 1, 2, 7]);
	});
});

describe('mediansBy', () => {
	it('gives each group, sorted, its number of businesses and median sales and workers', () => {
		expect(
			mediansBy([
				{ group: 'Manlai', salesMnt: 900_000, workers: 2 },
				{ group: 'Khanbogd', salesMnt: 1_500_000, workers: 1 },
				{ group: 'Manlai', salesMnt: 300_000, workers: 1 },
				{ group: 'Bayan-Ovoo', salesMnt: 400_000, workers: 3 },
				{ group: 'Manlai', salesMnt: 600_000, workers: 4 },
				{ group: 'Khanbogd', salesMnt: 500_000, workers: 2 }
			])
		).toEqual([
			{ group: 'Bayan-Ovoo', businesses: 1, salesMnt: 400_000, workers: 3 },
			{ group: 'Khanbogd', businesses: 2, salesMnt: 1_000_000, workers: 2 },
			{ group: 'Manlai', businesses: 3, salesMnt: 600_000, workers: 2 }
		]);
	});

	it('is empty for no figures', () => {
		expect(mediansBy([])).toEqual([]);
	});
});

describe('paidOverTime', () => {
	const payments = [
		{ day: '2026-03-10', amountMnt: 2_000_000 },
		{ day: '2026-01-05', amountMnt: 1_666_490 },
		{ day: '2026-03-10', amountMnt: 714_175 },
		{ day: '2026-02-01', amountMnt: 500_000 }
	];

	it('adds up what was paid, one point per day in day order, same-day payments summed', () => {
		expect(paidOverTime(payments)).toEqual([
			{ day: '2026-01-05', paidMnt: 1_666_490 },
			{ day: '2026-02-01', paidMnt: 2_166_490 },
			{ day: '2026-03-10', paidMnt: 4_880_665 }
		]);
	});

	it('starts at zero on `from` and reaches `to` at the total', () => {
		expect(paidOverTime(payments, '2026-01-01', '2026-07-20')).toEqual([
			{ day: '2026-01-01', paidMnt: 0 },
			{ day: '2026-01-05', paidMnt: 1_666_490 },
			{ day: '2026-02-01', paidMnt: 2_166_490 },
			{ day: '2026-03-10', paidMnt: 4_880_665 },
			{ day: '2026-07-20', paidMnt: 4_880_665 }
		]);
		expect(paidOverTime(payments, undefined, '2026-07-20').at(-1)).toEqual({
			day: '2026-07-20',
			paidMnt: 4_880_665
		});
		expect(paidOverTime(payments, '2026-01-01')).toHaveLength(4);
	});

	it('adds no end point on a day that already has a payment', () => {
		expect(paidOverTime(payments, '2026-01-05', '2026-03-10')).toEqual([
			{ day: '2026-01-05', paidMnt: 1_666_490 },
			{ day: '2026-02-01', paidMnt: 2_166_490 },
			{ day: '2026-03-10', paidMnt: 4_880_665 }
		]);
	});

	it('is a flat line at zero with no payments, and nothing without end points', () => {
		expect(paidOverTime([], '2026-01-01', '2026-07-20')).toEqual([
			{ day: '2026-01-01', paidMnt: 0 },
			{ day: '2026-07-20', paidMnt: 0 }
		]);
		expect(paidOverTime([], '2026-07-20', '2026-07-20')).toEqual([
			{ day: '2026-07-20', paidMnt: 0 }
		]);
		expect(paidOverTime([], undefined, '2026-07-20')).toEqual([{ day: '2026-07-20', paidMnt: 0 }]);
		expect(paidOverTime([])).toEqual([]);
	});
});

describe('categoryOf', () => {
	it('puts working capital apart and every start-up item under equipment', () => {
		expect(WORKING_CAPITAL_LINE).toBe('working-capital');
		expect(categoryOf('working-capital')).toBe('working_capital');
		expect(categoryOf('item-1')).toBe('equipment');
		expect(categoryOf('item-12')).toBe('equipment');
	});
});
