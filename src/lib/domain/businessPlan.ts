// The business plan (Start-Your-Business style): its sections and content, the figures computed
// from it (start-up totals, forecast, cash flow, the grant it needs) and what a complete plan
// must hold before it is submitted. Pure rules, no database.
//
// Money is whole tögrög and counts are whole numbers. Every calculator reads amounts through
// `amount()` and counts through `count()`: a value the schema would have refused (a fraction,
// a negative, NaN, a string, beyond the limits below) counts as 0, "not entered", so a figure
// shown from a draft is always a whole number and never NaN.

export const PLAN_SECTIONS = [
	'idea',
	'market',
	'competitors',
	'marketing',
	'people',
	'legal',
	'startup',
	'forecast',
	'funding',
	'risks'
] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];

export const BUSINESS_TYPES = [
	'tailoring',
	'bakery',
	'shop',
	'hairdressing',
	'felt',
	'greenhouse',
	'dairy',
	'other'
] as const;
export type BusinessType = (typeof BUSINESS_TYPES)[number];

export const LEGAL_FORMS = ['individual', 'cooperative', 'partnership', 'llc', 'not_yet'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

export function isPlanSection(value: unknown): value is PlanSection {
	return typeof value === 'string' && (PLAN_SECTIONS as readonly string[]).includes(value);
}

/** Longest name (business name, line item), in characters. */
export const TITLE_MAX = 120;
/** Longest free text answer, in characters. */
export const TEXT_MAX = 2000;
/** Most line items in the start-up budget. */
export const MAX_LINE_ITEMS = 40;
/** Largest quantity of one line item. */
export const MAX_QUANTITY = 100_000;
/** Most employees a plan may count. */
export const MAX_EMPLOYEES = 1000;
/** Months in the forecast and the cash flow. */
export const FORECAST_MONTHS = 12;
/**
 * Largest single amount a plan may hold, ₮1,000,000,000: far above any settlement grant, and
 * small enough that every total stays a safe integer (40 lines × 100,000 × ₮1e9 = 4e15).
 */
export const MAX_AMOUNT_MNT = 1_000_000_000;

export interface StartupItem {
	item: string;
	quantity: number;
	/** Whole tögrög. */
	unitPrice: number;
}

export interface ForecastMonth {
	/** Whole tögrög. */
	sales: number;
	/** Whole tögrög. */
	costs: number;
}

/** What she writes in her plan. Money is whole tögrög; '' means not chosen / not written. */
export interface PlanContent {
	idea: {
		businessName: string;
		businessType: BusinessType | '';
		description: string;
		experience: string;
	};
	market: { customers: string; customerNeeds: string; marketSize: string };
	competitors: { competitors: string; advantage: string };
	marketing: { product: string; price: string; place: string; promotion: string };
	people: { owner: string; family: string; employees: number; employeesPlan: string };
	legal: { legalForm: LegalForm | ''; licences: string };
	startup: { items: StartupItem[]; workingCapital: number };
	/** Month 1 first; exactly FORECAST_MONTHS in a complete plan. */
	forecast: { months: ForecastMonth[] };
	funding: {
		ownContribution: number;
		grantRequested: number;
		otherSources: number;
		otherSourcesNote: string;
	};
	risks: { risks: string; mitigation: string };
}

function emptyMonths(): ForecastMonth[] {
	return Array.from({ length: FORECAST_MONTHS }, () => ({ sales: 0, costs: 0 }));
}

/** A plan with nothing written: blank texts, nothing chosen, no line items, 12 zero months. */
export function emptyPlanContent(): PlanContent {
	return {
		idea: { businessName: '', businessType: '', description: '', experience: '' },
		market: { customers: '', customerNeeds: '', marketSize: '' },
		competitors: { competitors: '', advantage: '' },
		marketing: { product: '', price: '', place: '', promotion: '' },
		people: { owner: '', family: '', employees: 0, employeesPlan: '' },
		legal: { legalForm: '', licences: '' },
		startup: { items: [], workingCapital: 0 },
		forecast: { months: emptyMonths() },
		funding: { ownContribution: 0, grantRequested: 0, otherSources: 0, otherSourcesNote: '' },
		risks: { risks: '', mitigation: '' }
	};
}

/** An amount as the calculators read it: whole tögrög 0..MAX_AMOUNT_MNT, anything else 0. */
export function amount(value: unknown): number {
	return typeof value === 'number' &&
		Number.isSafeInteger(value) &&
		value >= 0 &&
		value <= MAX_AMOUNT_MNT
		? value
		: 0;
}

/** A quantity as the calculators read it: a whole number 0..MAX_QUANTITY, anything else 0. */
export function count(value: unknown): number {
	return typeof value === 'number' &&
		Number.isSafeInteger(value) &&
		value >= 0 &&
		value <= MAX_QUANTITY
		? value
		: 0;
}

/** a + b, refusing to leave the safe integer range rather than losing tögrög to rounding. */
function add(a: number, b: number): number {
	const sum = a + b;
	if (!Number.isSafeInteger(sum)) throw new RangeError(`Total beyond safe integers: ${a} + ${b}`);
	return sum;
}

/**
 * quantity × unitPrice in whole tögrög. An invalid quantity or price counts as 0 (see
 * `count`, `amount`), so the result is always a whole number from 0 to 1e14.
 */
export function lineTotal(item: StartupItem): number {
	return count(item.quantity) * amount(item.unitPrice);
}

export interface StartupTotals {
	/** Equipment and materials: the sum of the line totals. */
	equipment: number;
	workingCapital: number;
	/** equipment + workingCapital: the start-up capital the funding must cover. */
	total: number;
}

/**
 * The start-up capital. Invalid amounts count as 0. Throws RangeError only if the sum would
 * pass Number.MAX_SAFE_INTEGER, which takes more than 90 lines at the largest amounts (the
 * schema allows MAX_LINE_ITEMS).
 */
export function startupTotals(startup: PlanContent['startup']): StartupTotals {
	const equipment = startup.items.reduce((sum, item) => add(sum, lineTotal(item)), 0);
	const workingCapital = amount(startup.workingCapital);
	return { equipment, workingCapital, total: add(equipment, workingCapital) };
}

/**
 * The forecast's 12 months: month 1 first, a missing month as zero, months after the 12th
 * ignored, invalid amounts as 0.
 */
function twelveMonths(forecast: PlanContent['forecast']): ForecastMonth[] {
	return Array.from({ length: FORECAST_MONTHS }, (_, i) => {
		const month = forecast.months[i];
		return { sales: amount(month?.sales), costs: amount(month?.costs) };
	});
}

export interface ForecastTotals {
	sales: number;
	costs: number;
	/** sales − costs over the year; negative for a loss. */
	profit: number;
	/** Each month's sales − costs, month 1 first; always 12 entries. */
	months: number[];
}

/** The year's totals, read as in `twelveMonths` (missing months zero, invalid amounts 0). */
export function forecastTotals(forecast: PlanContent['forecast']): ForecastTotals {
	const months = twelveMonths(forecast);
	const sales = months.reduce((sum, m) => sum + m.sales, 0);
	const costs = months.reduce((sum, m) => sum + m.costs, 0);
	return { sales, costs, profit: sales - costs, months: months.map((m) => m.sales - m.costs) };
}

export interface CashFlowRow {
	/** 1..12 */
	month: number;
	openingCash: number;
	sales: number;
	costs: number;
	net: number;
	closingCash: number;
}

export interface CashFlow {
	rows: CashFlowRow[];
	/** The lowest cash she holds: month 1's opening or any month's closing. */
	lowestCash: number;
	/** The first month that starts or ends below zero, or null if cash never does. */
	firstNegativeMonth: number | null;
}

/**
 * The cash flow, computed, never typed. Month 1 opens with all the funding (own contribution,
 * grant, other sources) less what the equipment costs; the working capital stays in cash.
 * Each month closes at opening + sales − costs, and the next opens with that. Amounts are
 * read as in `forecastTotals` and `startupTotals`.
 */
export function cashFlow(content: Pick<PlanContent, 'startup' | 'forecast' | 'funding'>): CashFlow {
	const { funding } = content;
	const { equipment } = startupTotals(content.startup);
	const funds =
		amount(funding.ownContribution) + amount(funding.grantRequested) + amount(funding.otherSources);
	let cash = funds - equipment;
	let lowestCash = cash;
	let firstNegativeMonth: number | null = null;
	const rows = twelveMonths(content.forecast).map(({ sales, costs }, i): CashFlowRow => {
		const month = i + 1;
		const openingCash = cash;
		const net = sales - costs;
		cash = openingCash + net;
		lowestCash = Math.min(lowestCash, cash);
		if (firstNegativeMonth === null && (openingCash < 0 || cash < 0)) firstNegativeMonth = month;
		return { month, openingCash, sales, costs, net, closingCash: cash };
	});
	return { rows, lowestCash, firstNegativeMonth };
}

export type GrantProblem =
	/** She asks for more than the cohort's cap. */
	| { kind: 'overCap'; grantRequested: number; cap: number }
	/** The grant does not close the gap: it should be `expected`. */
	| { kind: 'mismatch'; expected: number; grantRequested: number }
	/** Her own money and other sources already cover the start-up (`expected` ≤ 0). */
	| { kind: 'negative'; expected: number };

/**
 * Whether the grant she asks for is the one her plan needs: exactly the start-up total less
 * her own contribution and other sources (`expected`), and no more than the cap. When
 * `expected` ≤ 0 she needs no grant: that is a 'negative' problem, not a mismatch. Amounts
 * that are not safe non-negative integers count as 0; a cap that is not one throws
 * RangeError (it is configuration, not her typing). Problems come in the order overCap,
 * then mismatch or negative; none means the grant is right.
 */
export function grantCheck({
	startupTotal,
	ownContribution,
	otherSources,
	grantRequested,
	grantCapMnt
}: {
	startupTotal: number;
	ownContribution: number;
	otherSources: number;
	grantRequested: number;
	grantCapMnt: number;
}): GrantProblem[] {
	if (!Number.isSafeInteger(grantCapMnt) || grantCapMnt < 0) {
		throw new RangeError(`The grant cap must be whole tögrög: ${grantCapMnt}`);
	}
	const whole = (value: number) => (Number.isSafeInteger(value) && value >= 0 ? value : 0);
	const grant = whole(grantRequested);
	const expected = whole(startupTotal) - whole(ownContribution) - whole(otherSources);
	const problems: GrantProblem[] = [];
	if (grant > grantCapMnt)
		problems.push({ kind: 'overCap', grantRequested: grant, cap: grantCapMnt });
	if (expected <= 0) problems.push({ kind: 'negative', expected });
	else if (grant !== expected) problems.push({ kind: 'mismatch', expected, grantRequested: grant });
	return problems;
}

/** Why a plan cannot be submitted yet; the schema turns `code` into the message key. */
export type PlanProblemCode =
	| 'required'
	| 'quantity'
	| 'noItems'
	| 'months'
	| 'noSales'
	| 'grantOverCap'
	| 'grantMismatch'
	| 'grantNotNeeded';

export interface PlanProblem {
	section: PlanSection;
	/** The field inside the section, dotted for rows: 'businessName', 'items.0.quantity'. */
	field: string;
	code: PlanProblemCode;
	/** Amounts for the message: { cap } or { expected }. */
	params?: Record<string, number>;
}

const REQUIRED_TEXTS = {
	idea: ['businessName', 'description', 'experience'],
	market: ['customers', 'customerNeeds', 'marketSize'],
	competitors: ['competitors', 'advantage'],
	marketing: ['product', 'price', 'place', 'promotion'],
	people: ['owner'],
	legal: [],
	startup: [],
	forecast: [],
	funding: [],
	risks: ['risks', 'mitigation']
} as const satisfies { [S in PlanSection]: readonly (keyof PlanContent[S])[] };

const blank = (value: unknown) => typeof value !== 'string' || value.trim() === '';

/**
 * What a section still lacks before the plan may be submitted; [] when it is complete.
 * `grantCapMnt` omitted: the cap is not checked.
 *
 * - Texts: every one is required except people.family, legal.licences, people.employeesPlan
 *   (required when she counts employees) and funding.otherSourcesNote (required when other
 *   sources are more than 0). The business type and legal form must be chosen.
 * - Start-up: at least one line item, and every line with a name, quantity ≥ 1, price ≥ 1.
 * - Forecast: all 12 months, with sales in at least one.
 * - Funding: the grant passes `grantCheck` against the start-up total.
 */
export function sectionProblems(
	content: PlanContent,
	section: PlanSection,
	grantCapMnt?: number
): PlanProblem[] {
	const problems: PlanProblem[] = [];
	const problem = (field: string, code: PlanProblemCode, params?: Record<string, number>) =>
		problems.push(params ? { section, field, code, params } : { section, field, code });
	const values = content[section] as unknown as Record<string, unknown>;
	for (const field of REQUIRED_TEXTS[section] as readonly string[]) {
		if (blank(values[field])) problem(field, 'required');
	}
	switch (section) {
		case 'idea':
			if (!content.idea.businessType) problem('businessType', 'required');
			break;
		case 'people':
			if (count(content.people.employees) > 0 && blank(content.people.employeesPlan)) {
				problem('employeesPlan', 'required');
			}
			break;
		case 'legal':
			if (!content.legal.legalForm) problem('legalForm', 'required');
			break;
		case 'startup':
			if (content.startup.items.length === 0) problem('items', 'noItems');
			content.startup.items.forEach((item, i) => {
				if (blank(item.item)) problem(`items.${i}.item`, 'required');
				if (count(item.quantity) < 1) problem(`items.${i}.quantity`, 'quantity');
				if (amount(item.unitPrice) < 1) problem(`items.${i}.unitPrice`, 'required');
			});
			break;
		case 'forecast':
			if (content.forecast.months.length !== FORECAST_MONTHS) problem('months', 'months');
			if (forecastTotals(content.forecast).sales === 0) problem('months', 'noSales');
			break;
		case 'funding': {
			const { funding } = content;
			if (amount(funding.otherSources) > 0 && blank(funding.otherSourcesNote)) {
				problem('otherSourcesNote', 'required');
			}
			const grant = grantCheck({
				startupTotal: startupTotals(content.startup).total,
				ownContribution: amount(funding.ownContribution),
				otherSources: amount(funding.otherSources),
				grantRequested: amount(funding.grantRequested),
				grantCapMnt: grantCapMnt ?? Number.MAX_SAFE_INTEGER
			});
			for (const g of grant) {
				if (g.kind === 'overCap') problem('grantRequested', 'grantOverCap', { cap: g.cap });
				else if (g.kind === 'mismatch') {
					problem('grantRequested', 'grantMismatch', { expected: g.expected });
				} else problem('grantRequested', 'grantNotNeeded', { expected: g.expected });
			}
			break;
		}
	}
	return problems;
}

/** Everything the plan still lacks, section by section in plan order. */
export function planProblems(content: PlanContent, grantCapMnt?: number): PlanProblem[] {
	return PLAN_SECTIONS.flatMap((section) => sectionProblems(content, section, grantCapMnt));
}

/** Whether she has written anything in a section: a text, a choice, an amount, a line. */
function sectionIsEmpty(content: PlanContent, section: PlanSection): boolean {
	switch (section) {
		case 'startup':
			return content.startup.items.length === 0 && amount(content.startup.workingCapital) === 0;
		case 'forecast':
			return twelveMonths(content.forecast).every((m) => m.sales === 0 && m.costs === 0);
		default:
			return Object.values(content[section]).every((value) =>
				typeof value === 'number' ? value === 0 : blank(value)
			);
	}
}

export type SectionState = 'empty' | 'started' | 'complete';

/**
 * Each section's state: 'empty' when nothing is written in it, 'complete' when it holds what
 * submitting requires (`sectionProblems` finds nothing), 'started' otherwise. Funding depends
 * on the start-up total; the cap is checked only when given.
 */
export function sectionProgress(
	content: PlanContent,
	grantCapMnt?: number
): Record<PlanSection, SectionState> {
	return Object.fromEntries(
		PLAN_SECTIONS.map((section) => {
			if (sectionIsEmpty(content, section)) return [section, 'empty'];
			const done = sectionProblems(content, section, grantCapMnt).length === 0;
			return [section, done ? 'complete' : 'started'];
		})
	) as Record<PlanSection, SectionState>;
}

/** Whether the plan may be submitted, and each section's state. */
export function planCompleteness(
	content: PlanContent,
	grantCapMnt?: number
): { complete: boolean; sections: Record<PlanSection, SectionState> } {
	const sections = sectionProgress(content, grantCapMnt);
	return { complete: PLAN_SECTIONS.every((s) => sections[s] === 'complete'), sections };
}
