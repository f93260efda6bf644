import { loadCatalogue } from '$lib/i18n';
import type { LayoutLoad } from './$types';

// The messages of her language, before the page renders: on the server (where both are already
// registered) and in the browser before hydrating, and again when the locale changes.
export const load: LayoutLoad = async ({ data }) => {
	await loadCatalogue(data.locale);
	return data;
};
