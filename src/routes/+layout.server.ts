import { openConcernCount } from '$lib/server/services/safeguarding';
import type { LayoutServerLoad } from './$types';

// Identity for the page chrome only: every page still guards its own load and actions.
// Coordinators also get the count of open safeguarding concerns beside their home link, fresh
// on every page they open (reading the path makes this load run again on each navigation).
export const load: LayoutServerLoad = async ({ locals, url }) => {
	const user = locals.user;
	let openConcerns = 0;
	if (user?.roles.includes('coordinator')) {
		void url.pathname;
		openConcerns = await openConcernCount(user);
	}
	return {
		locale: locals.locale,
		user: user ? { id: user.id, name: user.name, roles: user.roles } : null,
		openConcerns
	};
};
