import { LOCALES, loadCatalogue } from '$lib/i18n';
import type { PageLoad } from './$types';

// The agreement is printed in both languages whatever hers is (AgreementPrint.svelte).
export const load: PageLoad = async ({ data }) => {
	await Promise.all(LOCALES.map(loadCatalogue));
	return data;
};
