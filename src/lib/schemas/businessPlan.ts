// The business-plan forms: one permissive draft schema per section (a half-filled plan always
// saves), the stored plan's shape, and the strict check before she submits.
//
// Message keys used here (lib/i18n/*/plan.ts); {cap} and {expected} are whole tögrög, to be
// shown with formatMnt:
//   plan.error.required        Fill this in / choose one. Also a line's name or unit price.
//   plan.error.invalid         Not the kind of value expected (only a tampered form sends it).
//   plan.error.choice          Not one of the choices offered (business type, legal form).
//   plan.error.tooLong         Too long: names up to 120 characters, answers up to 2000.
//   plan.error.money           Not whole tögrög from 0 to 1,000,000,000: decimals, negatives,
//                              letters and "1e6" are refused; spaces, commas and ₮ are fine.
//   plan.error.quantity        A quantity is a whole number from 1 to 100,000.
//   plan.error.employees       Employees: a whole number from 0 to 1000.
//   plan.error.tooManyItems    At most 40 lines in the start-up budget.
//   plan.error.noItems         The start-up budget needs at least one line.
//   plan.error.months          The forecast has exactly 12 months.
//   plan.error.noSales         The forecast needs sales in at least one month.
//   plan.error.grantOverCap    The grant is more than the cohort's cap, {cap}.
//   plan.error.grantMismatch   The grant should be {expected}: start-up total less own
//                              contribution and other sources.
//   plan.error.grantNotNeeded  Own contribution and other sources already cover the start-up
//                              ({expected} is 0 or less), so no grant is needed.
import { z } from 'zod';
import {
	BUSINESS_TYPES,
	FORECAST_MONTHS,
	LEGAL_FORMS,
	MAX_AMOUNT_MNT,
	MAX_EMPLOYEES,
	MAX_LINE_ITEMS,
	MAX_QUANTITY,
	PLAN_SECTIONS,
	TEXT_MAX,
	TITLE_MAX,
	emptyPlanContent,
	isPlanSection,
	planProblems,
	type PlanContent,
	type PlanProblemCode,
	type PlanSection
} from '$lib/domain/businessPlan';

export const PLAN_MESSAGE_KEYS = [
	'plan.error.required',
	'plan.error.invalid',
	'plan.error.choice',
	'plan.error.tooLong',
	'plan.error.money',
	'plan.error.quantity',
	'plan.error.employees',
	'plan.error.tooManyItems',
	'plan.error.noItems',
	'plan.error.months',
	'plan.error.noSales',
	'plan.error.grantOverCap',
	'plan.error.grantMismatch',
	'plan.error.grantNotNeeded'
] as const;
export type PlanMessageKey = (typeof PLAN_MESSAGE_KEYS)[number];

const PROBLEM_MESSAGES: Record<PlanProblemCode, PlanMessageKey> = {
	required: 'plan.error.required',
	quantity: 'plan.error.quantity',
	noItems: 'plan.error.noItems',
	months: 'plan.error.months',
	noSales: 'plan.error.noSales',
	grantOverCap: 'plan.error.grantOverCap',
	grantMismatch: 'plan.error.grantMismatch',
	grantNotNeeded: 'plan.error.grantNotNeeded'
};

const isBlank = (value: unknown) =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/**
 * A whole number as typed: "2 500 000", "2,500,000", "₮ 2,500,000", "2500000₮" and the
 * no-break and thin spaces Intl puts in (U+00A0, U+202F) all read 2500000; blank reads 0.
 * null when it is not a safe non-negative whole number: "1.5", "-5", "1e6", "0x10", letters,
 * beyond Number.MAX_SAFE_INTEGER. A comma must be followed by exactly three digits, so a
 * decimal comma ("1,5") is refused rather than read as 15.
 */
export function parseWholeNumber(value: unknown): number | null {
	if (isBlank(value)) return 0;
	if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
	if (typeof value !== 'string') return null;
	const grouped = value.replace(/[\s\u00a0\u202f₮]/g, '');
	if (/(^|\D),|,(?!\d{3}(?!\d))/.test(grouped)) return null;
	const digits = grouped.replace(/,/g, '');
	if (!/^\d+$/.test(digits)) return digits === '' ? 0 : null;
	const number = Number(digits);
	return Number.isSafeInteger(number) ? number : null;
}

/** A typed whole number from `min` to `max`; blank or left out is 0 (not entered), no error. */
function wholeNumberInput(min: number, max: number, message: PlanMessageKey) {
	return z
		.unknown()
		.transform((value, ctx) => {
			if (isBlank(value)) return 0;
			const number = parseWholeNumber(value);
			if (number === null || number < min || number > max) {
				ctx.addIssue({ code: 'custom', message });
				return z.NEVER;
			}
			return number;
		})
		.default(0);
}

/** Typed money: whole tögrög 0..MAX_AMOUNT_MNT, blank 0; see `parseWholeNumber`. */
export const moneyInput = wholeNumberInput(0, MAX_AMOUNT_MNT, 'plan.error.money');
const quantityInput = wholeNumberInput(1, MAX_QUANTITY, 'plan.error.quantity');
const employeesInput = wholeNumberInput(0, MAX_EMPLOYEES, 'plan.error.employees');

const textInput = (max: number) =>
	z.string({ error: 'plan.error.invalid' }).trim().max(max, 'plan.error.tooLong').default('');
const titleInput = textInput(TITLE_MAX);
const answerInput = textInput(TEXT_MAX);
const choiceInput = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(['', ...values] as const, { error: 'plan.error.choice' }).default('');

const blankMonths = () => Array.from({ length: FORECAST_MONTHS }, () => ({ sales: 0, costs: 0 }));

/** Each section as saved from a draft, already in the plan's shape. */
const draftShapes = {
	idea: z.object({
		businessName: titleInput,
		businessType: choiceInput(BUSINESS_TYPES),
		description: answerInput,
		experience: answerInput
	}),
	market: z.object({
		customers: answerInput,
		customerNeeds: answerInput,
		marketSize: answerInput
	}),
	competitors: z.object({ competitors: answerInput, advantage: answerInput }),
	marketing: z.object({
		product: answerInput,
		price: answerInput,
		place: answerInput,
		promotion: answerInput
	}),
	people: z.object({
		owner: answerInput,
		family: answerInput,
		employees: employeesInput,
		employeesPlan: answerInput
	}),
	legal: z.object({ legalForm: choiceInput(LEGAL_FORMS), licences: answerInput }),
	startup: z.object({
		items: z
			.array(z.object({ item: titleInput, quantity: quantityInput, unitPrice: moneyInput }), {
				error: 'plan.error.invalid'
			})
			.max(MAX_LINE_ITEMS, 'plan.error.tooManyItems')
			.default([]),
		workingCapital: moneyInput
	}),
	forecast: z.object({
		months: z
			.array(z.object({ sales: moneyInput, costs: moneyInput }), { error: 'plan.error.invalid' })
			.length(FORECAST_MONTHS, 'plan.error.months')
			.default(blankMonths)
	}),
	funding: z.object({
		ownContribution: moneyInput,
		grantRequested: moneyInput,
		otherSources: moneyInput,
		otherSourcesNote: answerInput
	}),
	risks: z.object({ risks: answerInput, mitigation: answerInput })
} satisfies { [S in PlanSection]: z.ZodType<PlanContent[S]> };

/**
 * The form fields of each section. `fields` are single values; `lists` are repeated fields
 * read in order (`name` or `name[]`): one start-up line per position of itemName,
 * itemQuantity and itemUnitPrice, one forecast month per position of sales and costs.
 */
export const SECTION_FORM_FIELDS: {
	[S in PlanSection]: { fields: readonly string[]; lists: readonly string[] };
} = {
	idea: { fields: Object.keys(draftShapes.idea.shape), lists: [] },
	market: { fields: Object.keys(draftShapes.market.shape), lists: [] },
	competitors: { fields: Object.keys(draftShapes.competitors.shape), lists: [] },
	marketing: { fields: Object.keys(draftShapes.marketing.shape), lists: [] },
	people: { fields: Object.keys(draftShapes.people.shape), lists: [] },
	legal: { fields: Object.keys(draftShapes.legal.shape), lists: [] },
	startup: { fields: ['workingCapital'], lists: ['itemName', 'itemQuantity', 'itemUnitPrice'] },
	forecast: { fields: [], lists: ['sales', 'costs'] },
	funding: { fields: Object.keys(draftShapes.funding.shape), lists: [] },
	risks: { fields: Object.keys(draftShapes.risks.shape), lists: [] }
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const asList = (value: unknown): unknown[] =>
	Array.isArray(value) ? value : value === undefined ? [] : [value];

/**
 * Start-up lines from the parallel lists itemName[], itemQuantity[], itemUnitPrice[]: one line
 * per position, blank lines (all three blank) dropped, so the empty rows a form offers are not
 * saved. Input already in the plan's shape ({ items }) passes through.
 */
function startupFromForm(input: unknown): unknown {
	if (!isRecord(input) || !['itemName', 'itemQuantity', 'itemUnitPrice'].some((k) => k in input)) {
		return input;
	}
	const [names, quantities, prices] = [input.itemName, input.itemQuantity, input.itemUnitPrice].map(
		asList
	) as [unknown[], unknown[], unknown[]];
	const rows = Math.max(names.length, quantities.length, prices.length);
	const items = Array.from({ length: rows }, (_, i) => ({
		item: names[i],
		quantity: quantities[i],
		unitPrice: prices[i]
	})).filter((row) => !(isBlank(row.item) && isBlank(row.quantity) && isBlank(row.unitPrice)));
	return { items, workingCapital: input.workingCapital };
}

/**
 * Forecast months from the parallel lists sales[] and costs[]: position i is month i + 1, a
 * missing month is zero. Input in the plan's shape ({ months }) is padded to 12 the same way.
 */
function forecastFromForm(input: unknown): unknown {
	if (!isRecord(input)) return input;
	let months: unknown[];
	if ('sales' in input || 'costs' in input) {
		const [sales, costs] = [asList(input.sales), asList(input.costs)];
		months = Array.from({ length: Math.max(sales.length, costs.length) }, (_, i) => ({
			sales: sales[i],
			costs: costs[i]
		}));
	} else if (Array.isArray(input.months)) months = [...input.months];
	else return input;
	while (months.length < FORECAST_MONTHS) months.push({ sales: 0, costs: 0 });
	return { months };
}

const fromForm: Partial<Record<PlanSection, (input: unknown) => unknown>> = {
	startup: startupFromForm,
	forecast: forecastFromForm
};

/**
 * One permissive schema per section, for drafts: every field may be left out or blank (texts
 * become '', amounts 0, choices ''), texts are trimmed, amounts are typed text as
 * `parseWholeNumber` reads it. The start-up takes the lists itemName, itemQuantity,
 * itemUnitPrice and workingCapital; the forecast takes the lists sales and costs (see
 * SECTION_FORM_FIELDS). Output is the section as PlanContent holds it. A bad value fails the
 * parse; `parseDraftSection` keeps the rest.
 */
export const draftSectionSchemas = {
	...draftShapes,
	startup: z.preprocess(startupFromForm, draftShapes.startup),
	forecast: z.preprocess(forecastFromForm, draftShapes.forecast)
} satisfies { [S in PlanSection]: z.ZodType<PlanContent[S]> };

const draftShapeOf: { [S in PlanSection]: z.ZodType<PlanContent[S]> } = draftShapes;

export interface DraftResult<S extends PlanSection> {
	/** The section with every valid value kept; a refused value is blank (0 or ''). */
	data: PlanContent[S];
	/**
	 * Message keys by field path inside the section: 'businessName', 'items.2.unitPrice',
	 * 'months.0.sales', 'items' (too many lines). Empty when all was valid.
	 */
	errors: Record<string, PlanMessageKey[]>;
	/** What she typed in each refused field, to show it back to her beside the error. */
	rejected: Record<string, string>;
}

type Container = Record<PropertyKey, unknown>;
const container = (value: unknown): Container | null =>
	typeof value === 'object' && value !== null ? (value as Container) : null;

/** A copy of plain data (arrays and records), so refused values can be taken out of it. */
function copy(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(copy);
	if (isRecord(value))
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
	return value;
}

/**
 * Takes a refused value out of the input: too long text or too many lines are cut to the
 * limit (the rest is kept), a line or month that is not an object becomes an empty one, and
 * anything else is left out so its default applies.
 */
function dropRefused(input: Container, issue: z.core.$ZodIssue, rejected: Record<string, string>) {
	const path = issue.path;
	const key = path[path.length - 1];
	let parent: Container | null = input;
	for (const step of path.slice(0, -1)) parent = container(parent?.[step]);
	if (key === undefined || !parent) return false;
	const value = parent[key];
	if (issue.code === 'too_big' && (typeof value === 'string' || Array.isArray(value))) {
		parent[key] = value.slice(0, Number(issue.maximum));
	} else if (issue.code === 'invalid_type' && issue.expected === 'object') {
		parent[key] = {};
	} else {
		if (typeof value === 'string') rejected[path.join('.')] = value;
		parent[key] = undefined;
	}
	return true;
}

/**
 * A section of a draft from any input (form fields as SECTION_FORM_FIELDS names them, or the
 * section's own shape). Never throws: each refused value gets its message keys in `errors`
 * and its default in `data`, and every valid value is kept.
 */
export function parseDraftSection<S extends PlanSection>(
	section: S,
	input: unknown
): DraftResult<S> {
	const schema = draftShapeOf[section];
	const shaped = fromForm[section]?.(input) ?? input;
	let current = (isRecord(shaped) ? copy(shaped) : {}) as Container;
	const errors: Record<string, PlanMessageKey[]> = {};
	const rejected: Record<string, string> = {};
	for (let pass = 0; pass < 5; pass += 1) {
		const result = schema.safeParse(current);
		if (result.success) return { data: result.data, errors, rejected };
		for (const issue of result.error.issues) {
			const field = issue.path.join('.');
			const message = (PLAN_MESSAGE_KEYS as readonly string[]).includes(issue.message)
				? (issue.message as PlanMessageKey)
				: 'plan.error.invalid';
			const messages = (errors[field] ??= []);
			if (!messages.includes(message)) messages.push(message);
			if (!dropRefused(current, issue, rejected)) current = {};
		}
	}
	// Only input of the wrong shape altogether gets here: nothing in it could be kept.
	return { data: emptyPlanContent()[section], errors, rejected };
}

function formValue(value: FormDataEntryValue | null): string | undefined {
	return typeof value === 'string' ? value : undefined;
}

/**
 * A section of a draft from a submitted form (fields named as in SECTION_FORM_FIELDS; a field
 * missing from the form reads as blank, so post the whole section). Never throws; see
 * `parseDraftSection`.
 */
export function sectionFromForm<S extends PlanSection>(
	section: S,
	formData: FormData
): DraftResult<S> {
	const { fields, lists } = SECTION_FORM_FIELDS[section];
	const input: Record<string, unknown> = {};
	for (const name of fields) input[name] = formValue(formData.get(name));
	for (const name of lists) {
		const values = formData.has(name) ? formData.getAll(name) : formData.getAll(`${name}[]`);
		input[name] = values.map((value) => formValue(value) ?? '');
	}
	return parseDraftSection(section, input);
}

const storedText = (max: number) =>
	z.string({ error: 'plan.error.invalid' }).max(max, 'plan.error.tooLong');
const storedWhole = (min: number, max: number, message: PlanMessageKey) =>
	z.number({ error: message }).int(message).min(min, message).max(max, message);
const storedMoney = storedWhole(0, MAX_AMOUNT_MNT, 'plan.error.money');
const storedChoice = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(['', ...values] as const, { error: 'plan.error.choice' });

/**
 * A plan as stored: every section present, texts within their limits, amounts whole tögrög,
 * quantities 0..MAX_QUANTITY (0: not entered), at most 40 lines and 12 months. Anything a
 * draft may hold passes; completeness is `submitPlanSchema`'s business.
 */
export const planContentSchema = z.object({
	idea: z.object({
		businessName: storedText(TITLE_MAX),
		businessType: storedChoice(BUSINESS_TYPES),
		description: storedText(TEXT_MAX),
		experience: storedText(TEXT_MAX)
	}),
	market: z.object({
		customers: storedText(TEXT_MAX),
		customerNeeds: storedText(TEXT_MAX),
		marketSize: storedText(TEXT_MAX)
	}),
	competitors: z.object({ competitors: storedText(TEXT_MAX), advantage: storedText(TEXT_MAX) }),
	marketing: z.object({
		product: storedText(TEXT_MAX),
		price: storedText(TEXT_MAX),
		place: storedText(TEXT_MAX),
		promotion: storedText(TEXT_MAX)
	}),
	people: z.object({
		owner: storedText(TEXT_MAX),
		family: storedText(TEXT_MAX),
		employees: storedWhole(0, MAX_EMPLOYEES, 'plan.error.employees'),
		employeesPlan: storedText(TEXT_MAX)
	}),
	legal: z.object({ legalForm: storedChoice(LEGAL_FORMS), licences: storedText(TEXT_MAX) }),
	startup: z.object({
		items: z
			.array(
				z.object({
					item: storedText(TITLE_MAX),
					quantity: storedWhole(0, MAX_QUANTITY, 'plan.error.quantity'),
					unitPrice: storedMoney
				}),
				{ error: 'plan.error.invalid' }
			)
			.max(MAX_LINE_ITEMS, 'plan.error.tooManyItems'),
		workingCapital: storedMoney
	}),
	forecast: z.object({
		months: z
			.array(z.object({ sales: storedMoney, costs: storedMoney }), { error: 'plan.error.invalid' })
			.max(FORECAST_MONTHS, 'plan.error.months')
	}),
	funding: z.object({
		ownContribution: storedMoney,
		grantRequested: storedMoney,
		otherSources: storedMoney,
		otherSourcesNote: storedText(TEXT_MAX)
	}),
	risks: z.object({ risks: storedText(TEXT_MAX), mitigation: storedText(TEXT_MAX) })
}) satisfies z.ZodType<PlanContent>;

const fieldPath = (field: string) =>
	field === '' ? [] : field.split('.').map((step) => (/^\d+$/.test(step) ? Number(step) : step));

/**
 * The strict check before she submits: the plan's shape (`planContentSchema`), then every
 * rule of a complete plan (`planProblems` in lib/domain/businessPlan: required texts and
 * choices, complete start-up lines, 12 months with some sales, the grant against the cap and
 * the start-up total, on funding.grantRequested). Throws RangeError for a cap that is not
 * whole tögrög.
 */
export function submitPlanSchema(grantCapMnt: number) {
	if (!Number.isSafeInteger(grantCapMnt) || grantCapMnt < 0) {
		throw new RangeError(`The grant cap must be whole tögrög: ${grantCapMnt}`);
	}
	return planContentSchema.superRefine((content, ctx) => {
		for (const problem of planProblems(content, grantCapMnt)) {
			ctx.addIssue({
				code: 'custom',
				path: [problem.section, ...fieldPath(problem.field)],
				message: PROBLEM_MESSAGES[problem.code],
				...(problem.params ? { params: problem.params } : {})
			});
		}
	});
}

export interface SubmitProblem {
	section: PlanSection;
	/** The field inside the section, as in DraftResult.errors; '' for the section itself. */
	field: string;
	message: PlanMessageKey;
	/** { cap } or { expected }, whole tögrög, for the grant messages. */
	params?: Record<string, number>;
}

/**
 * What she must fix before submitting, in plan order; [] when the plan may be submitted.
 * Content that is not an object at all is read as an empty plan.
 */
export function submitProblems(content: unknown, grantCapMnt: number): SubmitProblem[] {
	const plan = isRecord(content) ? content : emptyPlanContent();
	const result = submitPlanSchema(grantCapMnt).safeParse(plan);
	if (result.success) return [];
	const problems = result.error.issues.map((issue): SubmitProblem => {
		const [head, ...rest] = issue.path;
		const message = (PLAN_MESSAGE_KEYS as readonly string[]).includes(issue.message)
			? (issue.message as PlanMessageKey)
			: 'plan.error.invalid';
		const params = issue.code === 'custom' ? (issue.params as SubmitProblem['params']) : undefined;
		return {
			section: isPlanSection(head) ? head : PLAN_SECTIONS[0],
			field: rest.join('.'),
			message,
			...(params ? { params } : {})
		};
	});
	const order = (p: SubmitProblem) => PLAN_SECTIONS.indexOf(p.section);
	return problems.sort((a, b) => order(a) - order(b));
}
