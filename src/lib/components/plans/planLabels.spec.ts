import { describe, expect, it } from 'vitest';
import '$lib/i18n/all.server';
import { readWhole } from './liveFigures';
import { fieldAnchor, fieldLabelKey, rowOf } from './planLabels';

describe('fieldAnchor: where Submit problems link to on the step page', () => {
	it('names the input of a field, a start-up line or a forecast month', () => {
		expect(fieldAnchor('businessName')).toBe('businessName');
		expect(fieldAnchor('items.2.quantity')).toBe('itemQuantity-2');
		expect(fieldAnchor('items.0.unitPrice')).toBe('itemUnitPrice-0');
		expect(fieldAnchor('items.1.item')).toBe('itemName-1');
		expect(fieldAnchor('months.11.sales')).toBe('sales-11');
		expect(fieldAnchor('items')).toBe('items');
	});
	it('labels a row field with its column, and knows its row', () => {
		expect(fieldLabelKey('startup', 'items.2.quantity')).toBe('plan.field.startup.quantity');
		expect(fieldLabelKey('funding', 'grantRequested')).toBe('plan.field.funding.grantRequested');
		expect(fieldLabelKey('idea', 'nothing')).toBeNull();
		expect(rowOf('months.3.costs')).toBe(3);
		expect(rowOf('grantRequested')).toBeNull();
	});
});

describe('readWhole: figures computed while she types', () => {
	it('reads whole tögrög as she may type them, anything else as 0', () => {
		expect(readWhole('2 500 000')).toBe(2_500_000);
		expect(readWhole('₮ 2,500,000')).toBe(2_500_000);
		expect(readWhole('1.5')).toBe(0);
		expect(readWhole('5 мянга')).toBe(0);
		expect(readWhole('')).toBe(0);
		expect(readWhole(null)).toBe(0);
	});
});
