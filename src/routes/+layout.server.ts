import type { LayoutServerLoad } from './$types';

// Identity for the page chrome only: every page still guards its own load and actions.
export const load: LayoutServerLoad = ({ locals }) => ({
	locale: locals.locale,
	user: locals.user ? { name: locals.user.name, roles: locals.user.roles } : null
});
