// Programme reporting: the funnel, the businesses' state at 6 and 12 months, medians, and the
// rules that make a donor report safe to send: consent and small-cell suppression. Pure: the
// services gather the facts, this file counts them.
import { WORKING_CAPITAL_LINE } from './grants';
import { addMonths, type BusinessStatus } from './mentoring';

// ---------------------------------------------------------------------------------------
// Privacy of the donor report

/** Cells counting fewer people than this are never published. */
export const SMALL_CELL = 5;
/** What a suppressed cell shows. */
export const SUPPRESSED = '<5';
export type Reported = number | typeof SUPPRESSED;

/**
 * A count of people as the donor report may show it: below SMALL_CELL (zero included: "none
 * of the women in Manlai" says something about each of them) it is suppressed.
 */
export function suppress(people: number): Reported {
	return people < SMALL_CELL ? SUPPRESSED : people;
}

/**
 * A figure about a group (money paid to it, say) published only when the group has at least
 * SMALL_CELL people: ₮ paid to 3 women tells each of them what the others got.
 */
export function suppressFor<T extends number>(value: T, people: number): T | typeof SUPPRESSED {
	return people < SMALL_CELL ? SUPPRESSED : value;
}

/**
 * Counts that add up to a published total (women by referral source): each small cell is
 * suppressed, and when that leaves exactly one suppressed cell the next smallest is suppressed
 * too, or the total minus the others would give it away.
 */
export function suppressGroup(counts: Readonly<Record<string, number>>): Record<string, Reported> {
	const keys = Object.keys(counts);
	const hidden = new Set(keys.filter((k) => counts[k]! < SMALL_CELL));
	if (hidden.size === 1 && keys.length > 1) {
		const next = keys
			.filter((k) => !hidden.has(k))
			.sort((a, b) => counts[a]! - counts[b]! || a.localeCompare(b))[0];
		if (next !== undefined) hidden.add(next);
	}
	return Object.fromEntries(keys.map((k) => [k, hidden.has(k) ? SUPPRESSED : counts[k]!]));
}

/** Whether she may be counted in a donor report: her latest donor-reporting consent is given. */
export function donorReportable(consent: { donor_reporting: { given: boolean } }): boolean {
	return consent.donor_reporting.given;
}

// ---------------------------------------------------------------------------------------
// The funnel

export const FUNNEL_STEPS = [
	'lifeSkills',
	'businessPlan',
	'planSubmitted',
	'scored',
	'awarded',
	'firstPaid',
	'operating6',
	'operating12'
] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** What is known of one participant, for counting. */
export interface ParticipantFacts {
	soum: string;
	referralSource: string;
	/** Her latest donor-reporting consent is given. */
	donorConsent: boolean;
	steps: Record<FunnelStep, boolean>;
	/** Her business's status at its latest mentor check-in, if she has a grant and one. */
	latestStatus: BusinessStatus | null;
	/** Whole tögrög paid to her so far. */
	paidMnt: number;
}

export type FunnelCounts = Record<FunnelStep, number>;

/** How many reached each step (each counted on its own: a step never assumes the one before). */
export function funnel(facts: readonly ParticipantFacts[]): FunnelCounts {
	const counts = Object.fromEntries(FUNNEL_STEPS.map((s) => [s, 0])) as FunnelCounts;
	for (const f of facts) for (const step of FUNNEL_STEPS) if (f.steps[step]) counts[step]++;
	return counts;
}

/** The funnel of each soum, in the order given (soums with nobody still listed, with zeros). */
export function funnelBySoum(
	facts: readonly ParticipantFacts[],
	soums: readonly string[]
): { soum: string; counts: FunnelCounts }[] {
	return soums.map((soum) => ({ soum, counts: funnel(facts.filter((f) => f.soum === soum)) }));
}

/** How many of them came by each source (every known source listed). */
export function countBy<T>(
	items: readonly T[],
	keyOf: (item: T) => string,
	keys: readonly string[] = []
): Record<string, number> {
	const counts: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]));
	for (const item of items) {
		const key = keyOf(item);
		counts[key] = (counts[key] ?? 0) + 1;
	}
	return counts;
}

// ---------------------------------------------------------------------------------------
// Businesses over time

export interface StatusOn {
	/** Ulaanbaatar day of the check-in, YYYY-MM-DD. */
	day: string;
	status: BusinessStatus;
}

/**
 * Her business's status `months` after her first payment: the check-in nearest that day,
 * within a month either side (a later one on a tie; of two on one day, the one given last).
 * `not_yet` before that day has come; `unknown` when no check-in falls in the window.
 */
export function statusAtMonth(
	paidDay: string,
	checkIns: readonly StatusOn[],
	months: number,
	today: string
): BusinessStatus | 'unknown' | 'not_yet' {
	const target = addMonths(paidDay, months);
	if (today < target) return 'not_yet';
	const from = addMonths(paidDay, months - 1);
	const to = addMonths(paidDay, months + 1);
	const distance = (day: string) =>
		Math.abs(Date.parse(`${day}T00:00:00Z`) - Date.parse(`${target}T00:00:00Z`));
	let best: StatusOn | null = null;
	for (const c of checkIns) {
		if (c.day < from || c.day > to) continue;
		if (!best || distance(c.day) < distance(best.day)) best = c;
		else if (distance(c.day) === distance(best.day) && c.day >= best.day) best = c;
	}
	return best ? best.status : 'unknown';
}

export interface OperatingPoint {
	month: number;
	/** Grants whose first payment was at least `month` months ago. */
	grants: number;
	operating: number;
	/** Of those, no check-in near that month. */
	unknown: number;
}

/** For months 1..horizon since the first payment: how many businesses were operating. */
export function operatingOverTime(
	grants: readonly { paidDay: string; checkIns: readonly StatusOn[] }[],
	today: string,
	horizon = 12
): OperatingPoint[] {
	return Array.from({ length: horizon }, (_, i) => {
		const month = i + 1;
		const point: OperatingPoint = { month, grants: 0, operating: 0, unknown: 0 };
		for (const g of grants) {
			const status = statusAtMonth(g.paidDay, g.checkIns, month, today);
			if (status === 'not_yet') continue;
			point.grants++;
			if (status === 'operating') point.operating++;
			if (status === 'unknown') point.unknown++;
		}
		return point;
	});
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
	if (values.length === 0) return null;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export interface BusinessFigures {
	group: string;
	salesMnt: number;
	workers: number;
}

/** Median monthly sales and people working per group, with how many businesses each has. */
export function mediansBy(
	figures: readonly BusinessFigures[]
): { group: string; businesses: number; salesMnt: number | null; workers: number | null }[] {
	const groups = [...new Set(figures.map((f) => f.group))].sort();
	return groups.map((group) => {
		const mine = figures.filter((f) => f.group === group);
		return {
			group,
			businesses: mine.length,
			salesMnt: median(mine.map((f) => f.salesMnt)),
			workers: median(mine.map((f) => f.workers))
		};
	});
}

// ---------------------------------------------------------------------------------------
// Money over time

/**
 * Cumulative money paid, one point per day with a payment, in day order; from `from` (at zero)
 * to `to` (at the total) when given, so that a line has a start and reaches today.
 */
export function paidOverTime(
	payments: readonly { day: string; amountMnt: number }[],
	from?: string,
	to?: string
): { day: string; paidMnt: number }[] {
	const byDay = new Map<string, number>();
	for (const p of payments) byDay.set(p.day, (byDay.get(p.day) ?? 0) + p.amountMnt);
	let total = 0;
	const points = [...byDay.keys()].sort().map((day) => {
		total += byDay.get(day)!;
		return { day, paidMnt: total };
	});
	if (from && (points.length === 0 || from < points[0]!.day))
		points.unshift({ day: from, paidMnt: 0 });
	if (to && (points.length === 0 || to > points.at(-1)!.day))
		points.push({ day: to, paidMnt: total });
	return points;
}

export const SPENDING_CATEGORIES = ['equipment', 'working_capital'] as const;
export type SpendingCategory = (typeof SPENDING_CATEGORIES)[number];

/** A budget line's category: the plan's start-up items are equipment and materials. */
export const categoryOf = (lineKey: string): SpendingCategory =>
	lineKey === WORKING_CAPITAL_LINE ? 'working_capital' : 'equipment';

// ---------------------------------------------------------------------------------------
// Donor indicators

/** The indicators every donor report carries, in the order it shows them. */
export const INDICATOR_KEYS = [
	'trainedLifeSkills',
	'trainedBusinessPlan',
	'officialsTrained',
	'officialsTrainers',
	'plansSubmitted',
	'grantsAwarded',
	'firstTranchePaid',
	'totalPaidMnt',
	'operatingLatest',
	'indirectBeneficiaries'
] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface Indicators extends Record<IndicatorKey, number> {
	/** Participants by how they came to the programme. */
	referralSources: Record<string, number>;
}

export interface ProgrammeTotals {
	officialsTrained: number;
	officialsTrainers: number;
	/** A cohort setting: migrants who benefit without taking part (an estimate). */
	indirectBeneficiaries: number;
}

/** The programme's own figures: every participant, nothing suppressed (staff only). */
export function indicatorsOf(
	facts: readonly ParticipantFacts[],
	totals: ProgrammeTotals,
	referralKeys: readonly string[]
): Indicators {
	const counts = funnel(facts);
	return {
		trainedLifeSkills: counts.lifeSkills,
		trainedBusinessPlan: counts.businessPlan,
		officialsTrained: totals.officialsTrained,
		officialsTrainers: totals.officialsTrainers,
		plansSubmitted: counts.planSubmitted,
		grantsAwarded: counts.awarded,
		firstTranchePaid: counts.firstPaid,
		totalPaidMnt: facts.reduce((sum, f) => sum + f.paidMnt, 0),
		operatingLatest: facts.filter((f) => f.latestStatus === 'operating').length,
		referralSources: countBy(facts, (f) => f.referralSource, referralKeys),
		indirectBeneficiaries: totals.indirectBeneficiaries
	};
}

/** Steps the donor report shows per soum. */
export const SOUM_STEPS = [
	'lifeSkills',
	'businessPlan',
	'planSubmitted',
	'awarded',
	'firstPaid'
] as const satisfies readonly FunnelStep[];

export interface DonorReport {
	values: Record<IndicatorKey, Reported>;
	referralSources: Record<string, Reported>;
	bySoum: { soum: string; counts: Record<(typeof SOUM_STEPS)[number], Reported> }[];
	/** Participants left out: no donor-reporting consent now. */
	excluded: number;
	/** Participants counted. */
	included: number;
}

/**
 * What may leave the office: only women whose donor-reporting consent stands, and no cell of
 * fewer than SMALL_CELL people (money paid to fewer is hidden too). Officials and the indirect
 * beneficiaries are not participants: consent does not apply, the small-cell rule does to the
 * officials.
 */
export function donorReport(
	facts: readonly ParticipantFacts[],
	totals: ProgrammeTotals,
	soums: readonly string[],
	referralKeys: readonly string[]
): DonorReport {
	const counted = facts.filter((f) => f.donorConsent);
	const all = indicatorsOf(counted, totals, referralKeys);
	const values = {} as Record<IndicatorKey, Reported>;
	for (const key of INDICATOR_KEYS) values[key] = suppress(all[key]);
	values.totalPaidMnt = suppressFor(all.totalPaidMnt, all.firstTranchePaid);
	values.indirectBeneficiaries = all.indirectBeneficiaries;
	const perSoum = funnelBySoum(counted, soums);
	const bySoum = perSoum.map(({ soum }) => ({
		soum,
		counts: {} as Record<(typeof SOUM_STEPS)[number], Reported>
	}));
	for (const step of SOUM_STEPS) {
		const column = suppressGroup(Object.fromEntries(perSoum.map((s) => [s.soum, s.counts[step]])));
		bySoum.forEach((row) => (row.counts[step] = column[row.soum]!));
	}
	return {
		values,
		referralSources: suppressGroup(all.referralSources),
		bySoum,
		excluded: facts.length - counted.length,
		included: counted.length
	};
}
