import { describe, expect, it } from 'vitest';
import {
	BUSINESS_TYPES,
	FORECAST_MONTHS,
	LEGAL_FORMS,
	MAX_AMOUNT_MNT,
	MAX_QUANTITY,
	PLAN_SECTIONS,
	amount,
	cashFlow,
	count,
	emptyPlanContent,
	forecastTotals,
	grantCheck,
	isPlanSection,
	lineTotal,
	planCompleteness,
	planProblems,
	sectionProblems,
	sectionProgress,
	startupTotals,
	type PlanContent
} from './businessPlan';

const months = (pairs: [number, number][]) => pairs.map(([sales, costs]) => ({ sales, costs }));

/**
 * A tailoring workshop in Khanbogd. Equipment ₮2,450,000 + working capital ₮550,000 = ₮3,000,000;
 * own ₮500,000 + grant ₮2,500,000 covers it exactly.
 */
function tailoringPlan(): PlanContent {
	return {
		idea: {
			businessName: 'Саран оёдол',
			businessType: 'tailoring',
			description: 'Deel, school uniforms and repairs for mine workers’ families in Khanbogd.',
			experience: 'Ten years sewing at home; a tailoring course in Dalanzadgad in 2019.'
		},
		market: {
			customers: 'Families in Khanbogd centre, mine contractors needing uniform repairs.',
			customerNeeds: 'Quick repairs and deel for Tsagaan Sar without travelling to the aimag.',
			marketSize: 'About 3,000 households; 40 orders a month expected.'
		},
		competitors: {
			competitors: 'One tailor in the market building, often closed.',
			advantage: 'Open six days a week, home pick-up, lower prices on repairs.'
		},
		marketing: {
			product: 'Deel, uniforms, alterations.',
			price: 'Repairs ₮5,000–15,000, deel ₮180,000.',
			place: 'A rented room beside the bag office.',
			promotion: 'Facebook group of the soum, posters at the school.'
		},
		people: {
			owner: 'Me, full time.',
			family: 'My daughter helps on Saturdays.',
			employees: 0,
			employeesPlan: ''
		},
		legal: { legalForm: 'individual', licences: '' },
		startup: {
			items: [
				{ item: 'Sewing machine', quantity: 1, unitPrice: 1_200_000 },
				{ item: 'Overlock machine', quantity: 1, unitPrice: 900_000 },
				{ item: 'Fabric (metres)', quantity: 20, unitPrice: 15_000 },
				{ item: 'Thread and notions', quantity: 10, unitPrice: 5_000 }
			],
			workingCapital: 550_000
		},
		forecast: {
			months: months([
				[400_000, 300_000],
				[500_000, 320_000],
				[900_000, 450_000],
				[600_000, 350_000],
				[600_000, 350_000],
				[650_000, 360_000],
				[700_000, 380_000],
				[800_000, 420_000],
				[750_000, 400_000],
				[650_000, 360_000],
				[600_000, 350_000],
				[850_000, 430_000]
			])
		},
		funding: {
			ownContribution: 500_000,
			grantRequested: 2_500_000,
			otherSources: 0,
			otherSourcesNote: ''
		},
		risks: {
			risks: 'A machine breaks; fewer orders in summer.',
			mitigation: 'Keep ₮100,000 for repairs; sell ready-made bags in summer.'
		}
	};
}

describe('the plan', () => {
	it('has its sections, business types and legal forms in order', () => {
		expect(PLAN_SECTIONS).toEqual([
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
		]);
		expect(BUSINESS_TYPES).toEqual([
			'tailoring',
			'bakery',
			'shop',
			'hairdressing',
			'felt',
			'greenhouse',
			'dairy',
			'other'
		]);
		expect(LEGAL_FORMS).toEqual(['individual', 'cooperative', 'partnership', 'llc', 'not_yet']);
		expect(isPlanSection('funding')).toBe(true);
		expect(isPlanSection('cashflow')).toBe(false);
		expect(isPlanSection(undefined)).toBe(false);
	});

	it('starts empty: blank texts, nothing chosen, no lines, 12 zero months', () => {
		const plan = emptyPlanContent();
		expect(Object.keys(plan)).toEqual([...PLAN_SECTIONS]);
		expect(plan.idea).toEqual({
			businessName: '',
			businessType: '',
			description: '',
			experience: ''
		});
		expect(plan.startup).toEqual({ items: [], workingCapital: 0 });
		expect(plan.forecast.months).toHaveLength(FORECAST_MONTHS);
		expect(plan.forecast.months.every((m) => m.sales === 0 && m.costs === 0)).toBe(true);
		expect(plan.funding).toEqual({
			ownContribution: 0,
			grantRequested: 0,
			otherSources: 0,
			otherSourcesNote: ''
		});
	});

	it('gives a fresh plan each time', () => {
		const a = emptyPlanContent();
		a.forecast.months[0]!.sales = 5;
		a.startup.items.push({ item: 'x', quantity: 1, unitPrice: 1 });
		const b = emptyPlanContent();
		expect(b.forecast.months[0]!.sales).toBe(0);
		expect(b.startup.items).toEqual([]);
	});
});

describe('amounts and counts as the calculators read them', () => {
	it('keeps whole tögrög within the limit', () => {
		expect(amount(0)).toBe(0);
		expect(amount(2_500_000)).toBe(2_500_000);
		expect(amount(MAX_AMOUNT_MNT)).toBe(MAX_AMOUNT_MNT);
	});

	it('reads anything the schema would refuse as 0, never NaN', () => {
		for (const bad of [
			1.5,
			-5,
			NaN,
			Infinity,
			MAX_AMOUNT_MNT + 1,
			2 ** 53,
			'500',
			null,
			undefined
		]) {
			expect(amount(bad), String(bad)).toBe(0);
		}
		for (const bad of [0.5, -1, NaN, MAX_QUANTITY + 1, '3', undefined]) {
			expect(count(bad), String(bad)).toBe(0);
		}
		expect(count(MAX_QUANTITY)).toBe(MAX_QUANTITY);
	});
});

describe('lineTotal', () => {
	it('is quantity × unit price', () => {
		expect(lineTotal({ item: 'Fabric', quantity: 20, unitPrice: 15_000 })).toBe(300_000);
		expect(lineTotal({ item: 'Sewing machine', quantity: 1, unitPrice: 1_200_000 })).toBe(
			1_200_000
		);
		expect(lineTotal({ item: 'Nothing yet', quantity: 0, unitPrice: 15_000 })).toBe(0);
	});

	it('stays a whole number at the largest line', () => {
		const total = lineTotal({ item: 'x', quantity: MAX_QUANTITY, unitPrice: MAX_AMOUNT_MNT });
		expect(total).toBe(100_000_000_000_000);
		expect(Number.isSafeInteger(total)).toBe(true);
	});

	it('counts a fractional, negative or non-number quantity or price as 0', () => {
		expect(lineTotal({ item: 'x', quantity: 1.5, unitPrice: 1000 })).toBe(0);
		expect(lineTotal({ item: 'x', quantity: 2, unitPrice: 999.99 })).toBe(0);
		expect(lineTotal({ item: 'x', quantity: -2, unitPrice: 1000 })).toBe(0);
		expect(lineTotal({ item: 'x', quantity: NaN, unitPrice: 1000 })).toBe(0);
	});
});

describe('startupTotals', () => {
	it('adds the lines as equipment and the working capital on top', () => {
		expect(startupTotals(tailoringPlan().startup)).toEqual({
			equipment: 2_450_000,
			workingCapital: 550_000,
			total: 3_000_000
		});
	});

	it('is zero for an empty budget', () => {
		expect(startupTotals({ items: [], workingCapital: 0 })).toEqual({
			equipment: 0,
			workingCapital: 0,
			total: 0
		});
	});

	it('counts invalid amounts as 0', () => {
		expect(
			startupTotals({
				items: [
					{ item: 'ok', quantity: 2, unitPrice: 10_000 },
					{ item: 'bad', quantity: 2, unitPrice: 0.5 }
				],
				workingCapital: -100
			})
		).toEqual({ equipment: 20_000, workingCapital: 0, total: 20_000 });
	});

	it('refuses a total beyond safe integers instead of rounding it', () => {
		const huge = { item: 'x', quantity: MAX_QUANTITY, unitPrice: MAX_AMOUNT_MNT };
		expect(() => startupTotals({ items: Array(100).fill(huge), workingCapital: 0 })).toThrow(
			RangeError
		);
		expect(
			startupTotals({ items: Array(40).fill(huge), workingCapital: MAX_AMOUNT_MNT }).total
		).toBe(4_000_001_000_000_000);
	});
});

describe('forecastTotals', () => {
	it('adds the year and nets each month', () => {
		const totals = forecastTotals(tailoringPlan().forecast);
		expect(totals.sales).toBe(8_000_000);
		expect(totals.costs).toBe(4_470_000);
		expect(totals.profit).toBe(3_530_000);
		expect(totals.months).toEqual([
			100_000, 180_000, 450_000, 250_000, 250_000, 290_000, 320_000, 380_000, 350_000, 290_000,
			250_000, 420_000
		]);
	});

	it('gives negative nets and a loss where costs exceed sales', () => {
		const totals = forecastTotals({
			months: months([
				[100, 300],
				[0, 50]
			])
		});
		expect(totals.profit).toBe(-250);
		expect(totals.months.slice(0, 3)).toEqual([-200, -50, 0]);
	});

	it('always has 12 months: missing ones zero, extra ones ignored', () => {
		expect(forecastTotals({ months: [] }).months).toEqual(Array(12).fill(0));
		const thirteen = months(Array.from({ length: 13 }, () => [10, 1] as [number, number]));
		expect(forecastTotals({ months: thirteen })).toMatchObject({
			sales: 120,
			costs: 12,
			profit: 108
		});
	});

	it('never gives NaN or fractions', () => {
		const totals = forecastTotals({
			months: [{ sales: 1.5, costs: NaN }, { sales: 100, costs: -20 }, undefined as never]
		});
		expect(totals).toMatchObject({ sales: 100, costs: 0, profit: 100 });
		expect(totals.months.every(Number.isSafeInteger)).toBe(true);
	});
});

describe('cashFlow', () => {
	// Own ₮300,000 + grant ₮2,000,000 + other ₮200,000 = ₮2,500,000; the equipment costs
	// ₮2,000,000 (a machine and 10 rolls of felt), so month 1 opens with ₮500,000: the working
	// capital. Slow first months take cash below zero in month 3.
	const example = {
		startup: {
			items: [
				{ item: 'Felting machine', quantity: 1, unitPrice: 1_800_000 },
				{ item: 'Felt roll', quantity: 10, unitPrice: 20_000 }
			],
			workingCapital: 500_000
		},
		funding: {
			ownContribution: 300_000,
			grantRequested: 2_000_000,
			otherSources: 200_000,
			otherSourcesNote: 'Soum development fund loan'
		},
		forecast: {
			months: months([
				[200_000, 450_000],
				[300_000, 450_000],
				[350_000, 500_000],
				[500_000, 400_000],
				[600_000, 400_000],
				[600_000, 420_000],
				[650_000, 420_000],
				[650_000, 450_000],
				[700_000, 450_000],
				[700_000, 500_000],
				[800_000, 500_000],
				[900_000, 550_000]
			])
		}
	};

	it('runs month by month from funding less equipment', () => {
		const flow = cashFlow(example);
		expect(flow.rows).toEqual([
			{
				month: 1,
				openingCash: 500_000,
				sales: 200_000,
				costs: 450_000,
				net: -250_000,
				closingCash: 250_000
			},
			{
				month: 2,
				openingCash: 250_000,
				sales: 300_000,
				costs: 450_000,
				net: -150_000,
				closingCash: 100_000
			},
			{
				month: 3,
				openingCash: 100_000,
				sales: 350_000,
				costs: 500_000,
				net: -150_000,
				closingCash: -50_000
			},
			{
				month: 4,
				openingCash: -50_000,
				sales: 500_000,
				costs: 400_000,
				net: 100_000,
				closingCash: 50_000
			},
			{
				month: 5,
				openingCash: 50_000,
				sales: 600_000,
				costs: 400_000,
				net: 200_000,
				closingCash: 250_000
			},
			{
				month: 6,
				openingCash: 250_000,
				sales: 600_000,
				costs: 420_000,
				net: 180_000,
				closingCash: 430_000
			},
			{
				month: 7,
				openingCash: 430_000,
				sales: 650_000,
				costs: 420_000,
				net: 230_000,
				closingCash: 660_000
			},
			{
				month: 8,
				openingCash: 660_000,
				sales: 650_000,
				costs: 450_000,
				net: 200_000,
				closingCash: 860_000
			},
			{
				month: 9,
				openingCash: 860_000,
				sales: 700_000,
				costs: 450_000,
				net: 250_000,
				closingCash: 1_110_000
			},
			{
				month: 10,
				openingCash: 1_110_000,
				sales: 700_000,
				costs: 500_000,
				net: 200_000,
				closingCash: 1_310_000
			},
			{
				month: 11,
				openingCash: 1_310_000,
				sales: 800_000,
				costs: 500_000,
				net: 300_000,
				closingCash: 1_610_000
			},
			{
				month: 12,
				openingCash: 1_610_000,
				sales: 900_000,
				costs: 550_000,
				net: 350_000,
				closingCash: 1_960_000
			}
		]);
		expect(flow.lowestCash).toBe(-50_000);
		expect(flow.firstNegativeMonth).toBe(3);
	});

	it('ends at opening cash plus the year’s profit', () => {
		const flow = cashFlow(example);
		expect(flow.rows[11]!.closingCash).toBe(500_000 + forecastTotals(example.forecast).profit);
	});

	it('keeps the working capital in cash: the tailoring plan opens with ₮550,000', () => {
		const flow = cashFlow(tailoringPlan());
		expect(flow.rows[0]!.openingCash).toBe(550_000);
		expect(flow.rows[0]!.closingCash).toBe(650_000);
		expect(flow.rows[11]!.closingCash).toBe(550_000 + 3_530_000);
		expect(flow.lowestCash).toBe(550_000);
		expect(flow.firstNegativeMonth).toBeNull();
	});

	it('flags month 1 when the funding does not pay for the equipment', () => {
		const short = {
			...example,
			funding: { ...example.funding, grantRequested: 1_400_000 }
		};
		const flow = cashFlow(short);
		expect(flow.rows[0]).toMatchObject({ openingCash: -100_000, closingCash: -350_000 });
		expect(flow.firstNegativeMonth).toBe(1);
		expect(flow.lowestCash).toBe(-650_000);
	});

	it('counts an opening below zero even when the month ends above it', () => {
		const flow = cashFlow({
			startup: { items: [{ item: 'Oven', quantity: 1, unitPrice: 1_000_000 }], workingCapital: 0 },
			funding: {
				ownContribution: 900_000,
				grantRequested: 0,
				otherSources: 0,
				otherSourcesNote: ''
			},
			forecast: { months: months([[500_000, 100_000]]) }
		});
		expect(flow.rows[0]).toMatchObject({
			openingCash: -100_000,
			net: 400_000,
			closingCash: 300_000
		});
		expect(flow.lowestCash).toBe(-100_000);
		expect(flow.firstNegativeMonth).toBe(1);
	});

	it('treats exactly zero as not negative', () => {
		const flow = cashFlow({
			startup: { items: [{ item: 'Oven', quantity: 1, unitPrice: 1_000_000 }], workingCapital: 0 },
			funding: {
				ownContribution: 1_000_000,
				grantRequested: 0,
				otherSources: 0,
				otherSourcesNote: ''
			},
			forecast: { months: months([[100, 100]]) }
		});
		expect(flow.lowestCash).toBe(0);
		expect(flow.firstNegativeMonth).toBeNull();
	});

	it('has 12 zero rows for an empty plan', () => {
		const flow = cashFlow(emptyPlanContent());
		expect(flow.rows.map((r) => r.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
		expect(flow.rows.every((r) => r.openingCash === 0 && r.closingCash === 0 && r.net === 0)).toBe(
			true
		);
		expect(flow.lowestCash).toBe(0);
		expect(flow.firstNegativeMonth).toBeNull();
	});

	it('never gives NaN or fractions from bad amounts', () => {
		const flow = cashFlow({
			startup: { items: [{ item: 'x', quantity: 1.5, unitPrice: 100 }], workingCapital: NaN },
			funding: {
				ownContribution: 0.5,
				grantRequested: 1000,
				otherSources: -1,
				otherSourcesNote: ''
			},
			forecast: { months: [{ sales: 10.25, costs: 3 }] }
		});
		const numbers = flow.rows.flatMap((r) => Object.values(r));
		expect(numbers.every(Number.isSafeInteger)).toBe(true);
		expect(flow.rows[0]).toMatchObject({ openingCash: 1000, sales: 0, costs: 3, closingCash: 997 });
		expect(flow.rows[11]!.closingCash).toBe(997);
	});
});

describe('grantCheck', () => {
	const check = (over: Partial<Parameters<typeof grantCheck>[0]> = {}) =>
		grantCheck({
			startupTotal: 3_000_000,
			ownContribution: 500_000,
			otherSources: 0,
			grantRequested: 2_500_000,
			grantCapMnt: 3_000_000,
			...over
		});

	it('passes a grant that closes the gap exactly, within the cap', () => {
		expect(check()).toEqual([]);
		expect(check({ grantCapMnt: 2_500_000 })).toEqual([]);
	});

	it('names the grant the plan needs when she asks for another amount', () => {
		expect(check({ grantRequested: 2_400_000 })).toEqual([
			{ kind: 'mismatch', expected: 2_500_000, grantRequested: 2_400_000 }
		]);
		expect(check({ grantRequested: 0 })).toEqual([
			{ kind: 'mismatch', expected: 2_500_000, grantRequested: 0 }
		]);
		expect(check({ otherSources: 300_000 })).toEqual([
			{ kind: 'mismatch', expected: 2_200_000, grantRequested: 2_500_000 }
		]);
	});

	it('refuses a grant over the cap, even when it is what the plan needs', () => {
		expect(check({ grantCapMnt: 2_499_999 })).toEqual([
			{ kind: 'overCap', grantRequested: 2_500_000, cap: 2_499_999 }
		]);
		expect(check({ grantRequested: 4_000_000, grantCapMnt: 3_000_000 })).toEqual([
			{ kind: 'overCap', grantRequested: 4_000_000, cap: 3_000_000 },
			{ kind: 'mismatch', expected: 2_500_000, grantRequested: 4_000_000 }
		]);
	});

	it('says no grant is needed when her own money covers the start-up', () => {
		expect(check({ ownContribution: 3_000_000, grantRequested: 0 })).toEqual([
			{ kind: 'negative', expected: 0 }
		]);
		expect(
			check({ ownContribution: 2_000_000, otherSources: 1_500_000, grantRequested: 0 })
		).toEqual([{ kind: 'negative', expected: -500_000 }]);
		expect(check({ startupTotal: 0, ownContribution: 0, grantRequested: 0 })).toEqual([
			{ kind: 'negative', expected: 0 }
		]);
		expect(check({ ownContribution: 3_500_000, grantRequested: 3_500_000 })).toEqual([
			{ kind: 'overCap', grantRequested: 3_500_000, cap: 3_000_000 },
			{ kind: 'negative', expected: -500_000 }
		]);
	});

	it('reads invalid amounts as 0 and refuses an invalid cap', () => {
		expect(check({ ownContribution: NaN, grantRequested: 3_000_000 })).toEqual([]);
		expect(check({ grantRequested: 2_500_000.5 })).toEqual([
			{ kind: 'mismatch', expected: 2_500_000, grantRequested: 0 }
		]);
		for (const cap of [NaN, -1, 1.5, Infinity]) {
			expect(() => check({ grantCapMnt: cap }), String(cap)).toThrow(RangeError);
		}
	});
});

describe('what a complete plan needs', () => {
	it('finds nothing missing in the tailoring plan', () => {
		expect(planProblems(tailoringPlan(), 3_000_000)).toEqual([]);
		expect(planCompleteness(tailoringPlan(), 3_000_000).complete).toBe(true);
	});

	it('lists everything an empty plan lacks, in plan order', () => {
		const problems = planProblems(emptyPlanContent(), 3_000_000);
		expect(problems.map((p) => `${p.section}.${p.field}:${p.code}`)).toEqual([
			'idea.businessName:required',
			'idea.description:required',
			'idea.experience:required',
			'idea.businessType:required',
			'market.customers:required',
			'market.customerNeeds:required',
			'market.marketSize:required',
			'competitors.competitors:required',
			'competitors.advantage:required',
			'marketing.product:required',
			'marketing.price:required',
			'marketing.place:required',
			'marketing.promotion:required',
			'people.owner:required',
			'legal.legalForm:required',
			'startup.items:noItems',
			'forecast.months:noSales',
			'funding.grantRequested:grantNotNeeded',
			'risks.risks:required',
			'risks.mitigation:required'
		]);
	});

	it('counts blank-only text as not written', () => {
		const plan = tailoringPlan();
		plan.risks.mitigation = '  \n ';
		expect(sectionProblems(plan, 'risks')).toEqual([
			{ section: 'risks', field: 'mitigation', code: 'required' }
		]);
	});

	it('needs every start-up line complete', () => {
		const plan = tailoringPlan();
		plan.startup.items.push({ item: '', quantity: 0, unitPrice: 0 });
		plan.startup.items.push({ item: 'Scissors', quantity: 2, unitPrice: 0 });
		expect(sectionProblems(plan, 'startup').map((p) => `${p.field}:${p.code}`)).toEqual([
			'items.4.item:required',
			'items.4.quantity:quantity',
			'items.4.unitPrice:required',
			'items.5.unitPrice:required'
		]);
	});

	it('needs all 12 months and some sales', () => {
		const plan = tailoringPlan();
		plan.forecast.months = plan.forecast.months.slice(0, 11);
		expect(sectionProblems(plan, 'forecast')).toEqual([
			{ section: 'forecast', field: 'months', code: 'months' }
		]);
		plan.forecast.months = months(Array.from({ length: 12 }, () => [0, 100] as [number, number]));
		expect(sectionProblems(plan, 'forecast')).toEqual([
			{ section: 'forecast', field: 'months', code: 'noSales' }
		]);
	});

	it('asks for the hiring plan only when she counts employees', () => {
		const plan = tailoringPlan();
		expect(sectionProblems(plan, 'people')).toEqual([]);
		plan.people.employees = 2;
		expect(sectionProblems(plan, 'people')).toEqual([
			{ section: 'people', field: 'employeesPlan', code: 'required' }
		]);
		plan.people.employeesPlan = 'Two apprentices from the soum from month 6.';
		expect(sectionProblems(plan, 'people')).toEqual([]);
	});

	it('asks what the other sources are only when there are some', () => {
		const plan = tailoringPlan();
		plan.funding = {
			ownContribution: 500_000,
			grantRequested: 2_000_000,
			otherSources: 500_000,
			otherSourcesNote: ''
		};
		expect(sectionProblems(plan, 'funding')).toEqual([
			{ section: 'funding', field: 'otherSourcesNote', code: 'required' }
		]);
	});

	it('puts the grant problems on the grant, with the amounts for the message', () => {
		const plan = tailoringPlan();
		plan.funding.grantRequested = 2_600_000;
		expect(sectionProblems(plan, 'funding', 2_550_000)).toEqual([
			{
				section: 'funding',
				field: 'grantRequested',
				code: 'grantOverCap',
				params: { cap: 2_550_000 }
			},
			{
				section: 'funding',
				field: 'grantRequested',
				code: 'grantMismatch',
				params: { expected: 2_500_000 }
			}
		]);
		plan.funding.ownContribution = 3_200_000;
		expect(sectionProblems(plan, 'funding')).toEqual([
			{
				section: 'funding',
				field: 'grantRequested',
				code: 'grantNotNeeded',
				params: { expected: -200_000 }
			}
		]);
	});

	it('checks the cap only when it is given', () => {
		const plan = tailoringPlan();
		expect(sectionProblems(plan, 'funding')).toEqual([]);
		expect(sectionProblems(plan, 'funding', 2_000_000).map((p) => p.code)).toEqual([
			'grantOverCap'
		]);
	});
});

describe('sectionProgress', () => {
	it('shows every section empty in a new plan', () => {
		const progress = sectionProgress(emptyPlanContent());
		expect(Object.keys(progress)).toEqual([...PLAN_SECTIONS]);
		expect(Object.values(progress).every((state) => state === 'empty')).toBe(true);
		expect(planCompleteness(emptyPlanContent()).complete).toBe(false);
	});

	it('moves the idea from empty to started to complete, and back', () => {
		const plan = emptyPlanContent();
		plan.idea.businessName = 'Саран оёдол';
		expect(sectionProgress(plan).idea).toBe('started');
		plan.idea = { ...tailoringPlan().idea };
		expect(sectionProgress(plan).idea).toBe('complete');
		plan.idea.businessType = '';
		expect(sectionProgress(plan).idea).toBe('started');
		plan.idea = emptyPlanContent().idea;
		expect(sectionProgress(plan).idea).toBe('empty');
	});

	it('counts a choice or a number alone as started', () => {
		const plan = emptyPlanContent();
		plan.legal.legalForm = 'not_yet';
		plan.people.employees = 1;
		expect(sectionProgress(plan)).toMatchObject({ legal: 'complete', people: 'started' });
	});

	it('follows the start-up from a first line to a complete budget', () => {
		const plan = emptyPlanContent();
		plan.startup.workingCapital = 200_000;
		expect(sectionProgress(plan).startup).toBe('started');
		plan.startup.items.push({ item: 'Oven', quantity: 1, unitPrice: 0 });
		expect(sectionProgress(plan).startup).toBe('started');
		plan.startup.items[0]!.unitPrice = 1_500_000;
		expect(sectionProgress(plan).startup).toBe('complete');
	});

	it('follows the forecast: costs alone are started, sales make it complete', () => {
		const plan = emptyPlanContent();
		plan.forecast.months[2]!.costs = 50_000;
		expect(sectionProgress(plan).forecast).toBe('started');
		plan.forecast.months[5]!.sales = 80_000;
		expect(sectionProgress(plan).forecast).toBe('complete');
	});

	it('makes funding complete only when it matches the start-up', () => {
		const plan = tailoringPlan();
		expect(sectionProgress(plan).funding).toBe('complete');
		plan.startup.workingCapital = 650_000;
		expect(sectionProgress(plan).funding).toBe('started');
		plan.funding.grantRequested = 2_600_000;
		expect(sectionProgress(plan).funding).toBe('complete');
		expect(sectionProgress(plan, 2_500_000).funding).toBe('started');
	});

	it('makes the plan complete only when every section is', () => {
		const plan = tailoringPlan();
		expect(planCompleteness(plan, 3_000_000)).toEqual({
			complete: true,
			sections: Object.fromEntries(PLAN_SECTIONS.map((s) => [s, 'complete']))
		});
		plan.competitors.advantage = '';
		const result = planCompleteness(plan, 3_000_000);
		expect(result.complete).toBe(false);
		expect(result.sections.competitors).toBe('started');
		expect(result.sections.idea).toBe('complete');
	});
});
