import { redirect } from '@sveltejs/kit';
import { landingPath } from '$lib/domain/roles';
import type { PageServerLoad } from './$types';

// Public: the landing page for visitors; a signed-in user goes home, or chooses among roles.
export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) {
		const target = landingPath(locals.user.roles);
		if (target !== '/') redirect(303, target);
		return { roles: locals.user.roles };
	}
	return { roles: null };
};
