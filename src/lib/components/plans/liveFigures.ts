// The figures of the step she is typing, read from the form in the browser so the totals and
// the cash flow follow her typing. Display only: the server reads the same form again when it
// saves (lib/schemas/businessPlan), and what it keeps is what counts.
import type { PlanContent, StartupItem } from '$lib/domain/businessPlan';

/** A typed whole number as the calculators should see it; anything unreadable is 0. */
export function readWhole(value: FormDataEntryValue | null | undefined): number {
	if (typeof value !== 'string') return 0;
	const digits = value.replace(/[\s\u00a0\u202f₮,]/g, '');
	return /^\d{1,15}$/.test(digits) ? Number(digits) : 0;
}

const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');

/** Every start-up line shown, blank ones included, in the order of the form. */
export function liveItems(form: FormData): StartupItem[] {
	const names = form.getAll('itemName');
	const quantities = form.getAll('itemQuantity');
	const prices = form.getAll('itemUnitPrice');
	return names.map((name, i) => ({
		item: text(name),
		quantity: readWhole(quantities[i]),
		unitPrice: readWhole(prices[i])
	}));
}

export function liveStartup(form: FormData): PlanContent['startup'] {
	return { items: liveItems(form), workingCapital: readWhole(form.get('workingCapital')) };
}

export function liveForecast(form: FormData): PlanContent['forecast'] {
	const costs = form.getAll('costs');
	return {
		months: form.getAll('sales').map((sales, i) => ({
			sales: readWhole(sales),
			costs: readWhole(costs[i])
		}))
	};
}

export function liveFunding(form: FormData): PlanContent['funding'] {
	return {
		ownContribution: readWhole(form.get('ownContribution')),
		grantRequested: readWhole(form.get('grantRequested')),
		otherSources: readWhole(form.get('otherSources')),
		otherSourcesNote: text(form.get('otherSourcesNote'))
	};
}

/** The form as a string, to tell whether anything changed since the last save. */
export function serializeForm(form: HTMLFormElement): string {
	const pairs = [...new FormData(form)].map(([k, v]) => [k, typeof v === 'string' ? v : '']);
	return new URLSearchParams(pairs).toString();
}
