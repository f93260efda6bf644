import { describe, expect, it } from 'vitest';
import {
	MAX_AMOUNT_MNT,
	PLAN_SECTIONS,
	emptyPlanContent,
	planCompleteness,
	type PlanContent,
	type PlanSection
} from '$lib/domain/businessPlan';
import { formatMnt } from '$lib/i18n/format';
import {
	PLAN_MESSAGE_KEYS,
	SECTION_FORM_FIELDS,
	draftSectionSchemas,
	moneyInput,
	parseDraftSection,
	parseWholeNumber,
	planContentSchema,
	sectionFromForm,
	submitPlanSchema,
	submitProblems
} from './businessPlan';
import { formDataOf as form, tailoringForms } from '../../../tests/fixtures/plans';

const twelve = (values: string[]) => [...values, ...Array(12 - values.length).fill('')];

function tailoringPlan(): PlanContent {
	const plan = emptyPlanContent();
	for (const section of PLAN_SECTIONS) {
		const { data, errors } = sectionFromForm(section, form(tailoringForms[section]));
		expect(errors, section).toEqual({});
		(plan as Record<PlanSection, unknown>)[section] = data;
	}
	return plan;
}

const CAP = 3_000_000;

describe('parseWholeNumber', () => {
	it('reads the ways tögrög are written', () => {
		expect(parseWholeNumber('2500000')).toBe(2_500_000);
		expect(parseWholeNumber('2 500 000')).toBe(2_500_000);
		expect(parseWholeNumber('2,500,000')).toBe(2_500_000);
		expect(parseWholeNumber('₮ 2,500,000')).toBe(2_500_000);
		expect(parseWholeNumber('2500000₮')).toBe(2_500_000);
		expect(parseWholeNumber(' ₮2 500 000 ')).toBe(2_500_000);
		expect(parseWholeNumber('2\u00a0500\u00a0000')).toBe(2_500_000);
		expect(parseWholeNumber('2\u202f500\u202f000')).toBe(2_500_000);
		expect(parseWholeNumber('007')).toBe(7);
		expect(parseWholeNumber(2_500_000)).toBe(2_500_000);
	});

	it('reads back what formatMnt shows', () => {
		expect(formatMnt(2_500_000)).toBe('₮\u00a02,500,000');
		expect(parseWholeNumber(formatMnt(2_500_000))).toBe(2_500_000);
		expect(parseWholeNumber(formatMnt(0, 'en'))).toBe(0);
	});

	it('reads blank as 0', () => {
		for (const blank of ['', '   ', '\u00a0', '₮', undefined, null]) {
			expect(parseWholeNumber(blank), String(blank)).toBe(0);
		}
	});

	it('refuses decimals, negatives, exponents and words', () => {
		for (const bad of [
			'1.5',
			'2500000.00',
			'-5',
			'- 5',
			'+5',
			'1e6',
			'0x10',
			'abc',
			'2 сая',
			'١٢'
		]) {
			expect(parseWholeNumber(bad), bad).toBeNull();
		}
		for (const bad of [1.5, -5, NaN, Infinity, true, {}, []]) {
			expect(parseWholeNumber(bad), String(bad)).toBeNull();
		}
	});

	it('refuses a decimal comma rather than reading "1,5" as 15', () => {
		for (const bad of ['1,5', '1,50', '2,500,00', '1,5000', ',500', '2,,500']) {
			expect(parseWholeNumber(bad), bad).toBeNull();
		}
		expect(parseWholeNumber('2500,000')).toBe(2_500_000);
	});

	it('refuses numbers beyond safe integers', () => {
		expect(parseWholeNumber('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
		expect(parseWholeNumber('9007199254740992')).toBeNull();
		expect(parseWholeNumber('99999999999999999999999')).toBeNull();
		expect(parseWholeNumber(2 ** 53)).toBeNull();
	});
});

describe('moneyInput', () => {
	it('takes whole tögrög up to ₮1,000,000,000', () => {
		expect(moneyInput.parse('1,000,000,000')).toBe(MAX_AMOUNT_MNT);
		expect(moneyInput.parse('')).toBe(0);
		expect(moneyInput.parse(undefined)).toBe(0);
		const over = moneyInput.safeParse('1,000,000,001');
		expect(over.success).toBe(false);
		expect(over.error?.issues[0]?.message).toBe('plan.error.money');
	});

	it('refuses what parseWholeNumber refuses, with the money message', () => {
		for (const bad of ['1.5', '-5', '1e6', '9007199254740993']) {
			const result = moneyInput.safeParse(bad);
			expect(result.success, bad).toBe(false);
			expect(result.error?.issues.map((i) => i.message)).toEqual(['plan.error.money']);
		}
	});
});

describe('draftSectionSchemas', () => {
	it('parses an empty submission of every section into the empty plan', () => {
		const empty = emptyPlanContent();
		for (const section of PLAN_SECTIONS) {
			expect(draftSectionSchemas[section].parse({}), section).toEqual(empty[section]);
		}
	});

	it('trims texts and turns typed amounts into whole tögrög', () => {
		expect(
			draftSectionSchemas.funding.parse({
				ownContribution: ' 500 000 ',
				grantRequested: '₮ 2,500,000',
				otherSources: '',
				otherSourcesNote: '  '
			})
		).toEqual({
			ownContribution: 500_000,
			grantRequested: 2_500_000,
			otherSources: 0,
			otherSourcesNote: ''
		});
	});

	it('takes start-up lines as parallel lists and drops blank lines', () => {
		expect(
			draftSectionSchemas.startup.parse({
				itemName: ['Oven', '', 'Flour'],
				itemQuantity: ['1', '', '50'],
				itemUnitPrice: ['1 500 000', '', '45,000'],
				workingCapital: '300000'
			})
		).toEqual({
			items: [
				{ item: 'Oven', quantity: 1, unitPrice: 1_500_000 },
				{ item: 'Flour', quantity: 50, unitPrice: 45_000 }
			],
			workingCapital: 300_000
		});
	});

	it('takes the forecast as 12 sales and 12 costs, a missing month zero', () => {
		const forecast = draftSectionSchemas.forecast.parse({ sales: ['100', '200'], costs: ['50'] });
		expect(forecast.months).toHaveLength(12);
		expect(forecast.months.slice(0, 3)).toEqual([
			{ sales: 100, costs: 50 },
			{ sales: 200, costs: 0 },
			{ sales: 0, costs: 0 }
		]);
	});

	it('also takes a section already in the plan’s shape', () => {
		const plan = tailoringPlan();
		for (const section of PLAN_SECTIONS) {
			expect(draftSectionSchemas[section].parse(plan[section]), section).toEqual(plan[section]);
		}
	});

	it('refuses a bad value with its message key', () => {
		const result = draftSectionSchemas.idea.safeParse({ businessType: 'casino' });
		expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['businessType', 'plan.error.choice']
		]);
	});
});

describe('sectionFromForm', () => {
	it('reads a text section from the form', () => {
		expect(sectionFromForm('idea', form(tailoringForms.idea))).toEqual({
			data: {
				businessName: 'Саран оёдол',
				businessType: 'tailoring',
				description: 'Deel, school uniforms and repairs for families in Khanbogd.',
				experience: 'Ten years sewing at home; a tailoring course in 2019.'
			},
			errors: {},
			rejected: {}
		});
	});

	it('reads a field missing from the form as blank', () => {
		expect(sectionFromForm('idea', form({ businessName: 'Талх' })).data).toEqual({
			businessName: 'Талх',
			businessType: '',
			description: '',
			experience: ''
		});
	});

	it('keeps the valid fields of a half-filled draft and reports the bad one', () => {
		const result = sectionFromForm(
			'funding',
			form({ ownContribution: '300 000', grantRequested: '1.5 сая', otherSourcesNote: 'Хадгаламж' })
		);
		expect(result.data).toEqual({
			ownContribution: 300_000,
			grantRequested: 0,
			otherSources: 0,
			otherSourcesNote: 'Хадгаламж'
		});
		expect(result.errors).toEqual({ grantRequested: ['plan.error.money'] });
		expect(result.rejected).toEqual({ grantRequested: '1.5 сая' });
	});

	it('reports every bad amount of a section at once', () => {
		const result = sectionFromForm(
			'funding',
			form({ ownContribution: '-5', grantRequested: '1e6', otherSources: '99999999999999999999' })
		);
		expect(result.errors).toEqual({
			ownContribution: ['plan.error.money'],
			grantRequested: ['plan.error.money'],
			otherSources: ['plan.error.money']
		});
		expect(result.data).toEqual(emptyPlanContent().funding);
	});

	it('cuts a text that is too long to the limit and says so', () => {
		const result = sectionFromForm(
			'idea',
			form({ businessName: 'Б'.repeat(130), description: 'а'.repeat(2001) })
		);
		expect(result.errors).toEqual({
			businessName: ['plan.error.tooLong'],
			description: ['plan.error.tooLong']
		});
		expect(result.data.businessName).toBe('Б'.repeat(120));
		expect(result.data.description).toBe('а'.repeat(2000));
		expect(sectionFromForm('idea', form({ businessName: 'Б'.repeat(120) })).errors).toEqual({});
	});

	it('refuses a choice that is not offered', () => {
		const result = sectionFromForm('legal', form({ legalForm: 'corporation', licences: 'None' }));
		expect(result.errors).toEqual({ legalForm: ['plan.error.choice'] });
		expect(result.data).toEqual({ legalForm: '', licences: 'None' });
	});

	it('checks employees are a whole number from 0 to 1000', () => {
		expect(sectionFromForm('people', form({ employees: '2' })).data.employees).toBe(2);
		for (const bad of ['1.5', '-1', '1001', 'two']) {
			expect(sectionFromForm('people', form({ employees: bad })).errors, bad).toEqual({
				employees: ['plan.error.employees']
			});
		}
	});

	it('reads start-up lines, reporting a bad cell by its line and keeping the rest', () => {
		const result = sectionFromForm(
			'startup',
			form({
				itemName: ['Oven', '', 'Flour', 'Trays'],
				itemQuantity: ['1', '', '0', '2.5'],
				itemUnitPrice: ['1 500 000', '', '45.000,50', '20000'],
				workingCapital: '300 000'
			})
		);
		expect(result.data).toEqual({
			items: [
				{ item: 'Oven', quantity: 1, unitPrice: 1_500_000 },
				{ item: 'Flour', quantity: 0, unitPrice: 0 },
				{ item: 'Trays', quantity: 0, unitPrice: 20_000 }
			],
			workingCapital: 300_000
		});
		expect(result.errors).toEqual({
			'items.1.quantity': ['plan.error.quantity'],
			'items.1.unitPrice': ['plan.error.money'],
			'items.2.quantity': ['plan.error.quantity']
		});
		expect(result.rejected).toEqual({
			'items.1.quantity': '0',
			'items.1.unitPrice': '45.000,50',
			'items.2.quantity': '2.5'
		});
	});

	it('checks quantities from 1 to 100,000', () => {
		const quantity = (typed: string) =>
			sectionFromForm('startup', form({ itemName: 'x', itemQuantity: typed, itemUnitPrice: '1' }));
		expect(quantity('100 000').data.items[0]?.quantity).toBe(100_000);
		expect(quantity('100001').errors).toEqual({ 'items.0.quantity': ['plan.error.quantity'] });
		expect(quantity('').data.items[0]?.quantity).toBe(0);
		expect(quantity('').errors).toEqual({});
	});

	it('takes lists named with [] too, and lists of unequal length', () => {
		const result = sectionFromForm(
			'startup',
			form({ 'itemName[]': ['Oven', 'Flour'], 'itemQuantity[]': ['1'], 'itemUnitPrice[]': [] })
		);
		expect(result.data.items).toEqual([
			{ item: 'Oven', quantity: 1, unitPrice: 0 },
			{ item: 'Flour', quantity: 0, unitPrice: 0 }
		]);
	});

	it('keeps the first 40 lines of a longer budget and says there are too many', () => {
		const names = Array.from({ length: 45 }, (_, i) => `Item ${i + 1}`);
		const result = sectionFromForm(
			'startup',
			form({
				itemName: names,
				itemQuantity: names.map(() => '1'),
				itemUnitPrice: names.map(() => '10')
			})
		);
		expect(result.errors).toEqual({ items: ['plan.error.tooManyItems'] });
		expect(result.data.items).toHaveLength(40);
		expect(result.data.items[39]?.item).toBe('Item 40');
	});

	it('reads the forecast month by month, reporting a bad month', () => {
		const result = sectionFromForm(
			'forecast',
			form({ sales: twelve(['100 000', '120000', 'many']), costs: twelve(['80,000', '-1']) })
		);
		expect(result.data.months).toHaveLength(12);
		expect(result.data.months.slice(0, 3)).toEqual([
			{ sales: 100_000, costs: 80_000 },
			{ sales: 120_000, costs: 0 },
			{ sales: 0, costs: 0 }
		]);
		expect(result.errors).toEqual({
			'months.1.costs': ['plan.error.money'],
			'months.2.sales': ['plan.error.money']
		});
	});

	it('pads a short forecast and cuts a long one to 12 months', () => {
		expect(sectionFromForm('forecast', form({})).data.months).toEqual(
			emptyPlanContent().forecast.months
		);
		const long = sectionFromForm(
			'forecast',
			form({ sales: Array(13).fill('1'), costs: Array(13).fill('0') })
		);
		expect(long.errors).toEqual({ months: ['plan.error.months'] });
		expect(long.data.months).toHaveLength(12);
	});

	it('ignores a file where text is expected', () => {
		const data = form({ description: 'Bread' });
		data.append('businessName', new Blob(['x']), 'name.txt');
		expect(sectionFromForm('idea', data).data).toMatchObject({
			businessName: '',
			description: 'Bread'
		});
	});

	it('never throws, whatever it is given', () => {
		const odd: unknown[] = [
			null,
			undefined,
			42,
			'text',
			[],
			{ items: 'not a list', workingCapital: { a: 1 } },
			{ items: [null, 'x', { item: 5, quantity: () => 1 }] },
			{ months: [1, 2, 3], sales: { length: 1e9 } },
			{ businessName: Symbol('x'), businessType: ['tailoring'], employees: 1n }
		];
		for (const section of PLAN_SECTIONS) {
			for (const input of odd) {
				const result = parseDraftSection(section, input);
				expect(planContentSchema.shape[section].safeParse(result.data).success).toBe(true);
				for (const messages of Object.values(result.errors)) {
					for (const m of messages) expect(PLAN_MESSAGE_KEYS).toContain(m);
				}
			}
		}
	});

	it('keeps the good cells of lines that arrive malformed', () => {
		const result = parseDraftSection('startup', {
			items: [null, { item: 'Oven', quantity: '1', unitPrice: 'a lot' }],
			workingCapital: '100 000'
		});
		expect(result.data).toEqual({
			items: [
				{ item: '', quantity: 0, unitPrice: 0 },
				{ item: 'Oven', quantity: 1, unitPrice: 0 }
			],
			workingCapital: 100_000
		});
		expect(result.errors).toEqual({
			'items.0': ['plan.error.invalid'],
			'items.1.unitPrice': ['plan.error.money']
		});
	});

	it('names the form fields of every section', () => {
		expect(SECTION_FORM_FIELDS.idea.fields).toEqual([
			'businessName',
			'businessType',
			'description',
			'experience'
		]);
		expect(SECTION_FORM_FIELDS.startup).toEqual({
			fields: ['workingCapital'],
			lists: ['itemName', 'itemQuantity', 'itemUnitPrice']
		});
		expect(SECTION_FORM_FIELDS.forecast).toEqual({ fields: [], lists: ['sales', 'costs'] });
	});
});

describe('planContentSchema', () => {
	it('accepts an empty plan and a complete one', () => {
		expect(planContentSchema.safeParse(emptyPlanContent()).success).toBe(true);
		expect(planContentSchema.safeParse(tailoringPlan()).success).toBe(true);
	});

	it('refuses amounts that are not whole tögrög', () => {
		const plan = tailoringPlan();
		plan.funding.grantRequested = 2_500_000.5;
		plan.startup.items[0]!.unitPrice = -1;
		const result = planContentSchema.safeParse(plan);
		expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
			['startup.items.0.unitPrice', 'plan.error.money'],
			['funding.grantRequested', 'plan.error.money']
		]);
	});
});

describe('submitPlanSchema', () => {
	it('passes a complete tailoring plan typed through the forms', () => {
		const plan = tailoringPlan();
		expect(plan.startup.items).toHaveLength(4);
		expect(plan.funding.grantRequested).toBe(2_500_000);
		expect(submitPlanSchema(CAP).safeParse(plan).success).toBe(true);
		expect(submitProblems(plan, CAP)).toEqual([]);
	});

	it('puts grant problems on funding.grantRequested with the amount expected', () => {
		const plan = tailoringPlan();
		plan.funding.grantRequested = 2_000_000;
		const result = submitPlanSchema(CAP).safeParse(plan);
		expect(result.error?.issues).toMatchObject([
			{
				path: ['funding', 'grantRequested'],
				message: 'plan.error.grantMismatch',
				params: { expected: 2_500_000 }
			}
		]);
		expect(submitProblems(plan, CAP)).toEqual([
			{
				section: 'funding',
				field: 'grantRequested',
				message: 'plan.error.grantMismatch',
				params: { expected: 2_500_000 }
			}
		]);
	});

	it('refuses a grant over the cohort cap', () => {
		expect(submitProblems(tailoringPlan(), 2_000_000)).toEqual([
			{
				section: 'funding',
				field: 'grantRequested',
				message: 'plan.error.grantOverCap',
				params: { cap: 2_000_000 }
			}
		]);
	});

	it('refuses a plan that needs no grant', () => {
		const plan = tailoringPlan();
		plan.funding = {
			ownContribution: 2_000_000,
			grantRequested: 0,
			otherSources: 1_500_000,
			otherSourcesNote: 'Bank loan'
		};
		expect(submitProblems(plan, CAP)).toEqual([
			{
				section: 'funding',
				field: 'grantRequested',
				message: 'plan.error.grantNotNeeded',
				params: { expected: -500_000 }
			}
		]);
	});

	it('lists what a half-done plan lacks, section by section', () => {
		const plan = tailoringPlan();
		plan.idea.businessType = '';
		plan.startup.items.push({ item: '', quantity: 1, unitPrice: 0 });
		plan.forecast.months = plan.forecast.months.map((m) => ({ ...m, sales: 0 }));
		plan.risks.mitigation = '';
		expect(submitProblems(plan, CAP).map((p) => `${p.section}.${p.field} ${p.message}`)).toEqual([
			'idea.businessType plan.error.required',
			'startup.items.4.item plan.error.required',
			'startup.items.4.unitPrice plan.error.required',
			'forecast.months plan.error.noSales',
			'risks.mitigation plan.error.required'
		]);
		expect(submitPlanSchema(CAP).safeParse(plan).error?.issues[1]?.path).toEqual([
			'startup',
			'items',
			4,
			'item'
		]);
	});

	it('needs at least one line and all 12 months', () => {
		const plan = tailoringPlan();
		plan.startup.items = [];
		plan.startup.workingCapital = 3_000_000;
		plan.forecast.months = plan.forecast.months.slice(0, 6);
		expect(submitProblems(plan, CAP).map((p) => `${p.section}.${p.field} ${p.message}`)).toEqual([
			'startup.items plan.error.noItems',
			'forecast.months plan.error.months'
		]);
	});

	it('lists everything for an empty plan, or for content that is not a plan', () => {
		const problems = submitProblems(emptyPlanContent(), CAP);
		expect(problems).toHaveLength(20);
		expect(new Set(problems.map((p) => p.section))).toEqual(new Set(PLAN_SECTIONS));
		expect(submitProblems(null, CAP)).toEqual(problems);
	});

	it('reports a stored plan of the wrong shape rather than throwing', () => {
		const plan = tailoringPlan() as unknown as Record<string, unknown>;
		delete plan.market;
		(plan.forecast as { months: unknown[] }).months[0] = { sales: '100', costs: 0 };
		expect(submitProblems(plan, CAP)).toEqual([
			{ section: 'market', field: '', message: 'plan.error.invalid' },
			{ section: 'forecast', field: 'months.0.sales', message: 'plan.error.money' }
		]);
	});

	it('agrees with planCompleteness', () => {
		const variants: ((plan: PlanContent) => void)[] = [
			() => {},
			(p) => (p.idea.experience = ''),
			(p) => (p.legal.legalForm = ''),
			(p) => (p.people.employees = 3),
			(p) => (p.funding.otherSources = 100_000),
			(p) => (p.startup.workingCapital = 600_000),
			(p) => (p.startup.items[2]!.quantity = 0),
			(p) => (p.forecast.months = p.forecast.months.slice(1))
		];
		for (const change of variants) {
			const plan = tailoringPlan();
			change(plan);
			const problems = submitProblems(plan, CAP);
			const { complete, sections } = planCompleteness(plan, CAP);
			expect(complete).toBe(problems.length === 0);
			for (const section of PLAN_SECTIONS) {
				expect(sections[section] === 'complete', section).toBe(
					!problems.some((p) => p.section === section)
				);
			}
		}
	});

	it('refuses a cap that is not whole tögrög', () => {
		expect(() => submitPlanSchema(-1)).toThrow(RangeError);
		expect(() => submitPlanSchema(1.5)).toThrow(RangeError);
		expect(() => submitProblems(emptyPlanContent(), NaN)).toThrow(RangeError);
	});
});

describe('message keys', () => {
	it('are all under plan.error and listed once', () => {
		expect(new Set(PLAN_MESSAGE_KEYS).size).toBe(PLAN_MESSAGE_KEYS.length);
		for (const key of PLAN_MESSAGE_KEYS) expect(key).toMatch(/^plan\.error\.[a-zA-Z]+$/);
	});
});
