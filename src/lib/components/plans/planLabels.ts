// Message keys and anchors for the plan's fields, shared by the editor, the overview and the
// read-only plan. Keys follow plan.field.<section>.<field> and plan.hint.<section>.<field>.
import type { PlanContent, PlanSection } from '$lib/domain/businessPlan';
import { isMessageKey, type MessageKey } from '$lib/i18n';

/** The label key of a field; row fields ('items.2.quantity') use the column's label. */
export function fieldLabelKey(section: PlanSection, field: string): MessageKey | null {
	const key = `plan.field.${section}.${columnOf(field)}`;
	return isMessageKey(key) ? key : null;
}

export function fieldHintKey(section: PlanSection, field: string): MessageKey | null {
	const key = `plan.hint.${section}.${columnOf(field)}`;
	return isMessageKey(key) ? key : null;
}

export const sectionTitleKey = (section: PlanSection) => `plan.section.${section}` as MessageKey;

/** 'items.2.quantity' → 'quantity', 'months.0.sales' → 'sales', 'items' → 'items'. */
function columnOf(field: string): string {
	const parts = field.split('.');
	return (parts.length === 3 ? parts[2] : parts[0]) ?? '';
}

/** The row index (0-based) of a row field, or null. */
export function rowOf(field: string): number | null {
	const parts = field.split('.');
	return parts.length === 3 ? Number(parts[1]) : null;
}

const STARTUP_INPUTS: Record<string, string> = {
	item: 'itemName',
	quantity: 'itemQuantity',
	unitPrice: 'itemUnitPrice'
};

/**
 * The id of the input for a field on its step page: 'businessName', 'itemQuantity-2',
 * 'sales-0'; a whole list ('items', 'months') is the id of its table.
 */
export function fieldAnchor(field: string): string {
	const [list, row, column] = field.split('.');
	if (column === undefined) return list ?? '';
	return `${list === 'items' ? (STARTUP_INPUTS[column] ?? column) : column}-${row}`;
}

const timeFormat = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Asia/Ulaanbaatar',
	hour: '2-digit',
	minute: '2-digit',
	hourCycle: 'h23'
});

/** 14:02 in Ulaanbaatar time, for "Saved at 14:02". */
export const formatTime = (date: Date | string) => timeFormat.format(new Date(date));

/** A comment as planDetail returns it. */
export interface PlanCommentView {
	id: string;
	section: PlanSection;
	author: string;
	authorRole: string;
	text: string;
	at: Date | string;
}

export type FieldSection = Exclude<PlanSection, 'startup' | 'forecast'>;

/** The single fields of each section that is not a table, in the order she fills them in. */
export const SECTION_FIELDS: { [S in FieldSection]: readonly (keyof PlanContent[S] & string)[] } = {
	idea: ['businessName', 'businessType', 'description', 'experience'],
	market: ['customers', 'customerNeeds', 'marketSize'],
	competitors: ['competitors', 'advantage'],
	marketing: ['product', 'price', 'place', 'promotion'],
	people: ['owner', 'family', 'employees', 'employeesPlan'],
	legal: ['legalForm', 'licences'],
	funding: ['ownContribution', 'grantRequested', 'otherSources', 'otherSourcesNote'],
	risks: ['risks', 'mitigation']
};

export const isFieldSection = (section: PlanSection): section is FieldSection =>
	section !== 'startup' && section !== 'forecast';

/** Fields typed as whole numbers (money in tögrög, or a count). */
export const NUMBER_FIELDS = new Set([
	'ownContribution',
	'grantRequested',
	'otherSources',
	'employees',
	'workingCapital'
]);
export const MONEY_FIELDS = new Set([
	'ownContribution',
	'grantRequested',
	'otherSources',
	'workingCapital'
]);
/** Short one-line fields; every other text is an answer in a textarea. */
export const LINE_FIELDS = new Set(['businessName']);
