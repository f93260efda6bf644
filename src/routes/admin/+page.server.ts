import { requireRole } from '$lib/server/auth/guards';
import { accountCountsByRole } from '$lib/server/services/accounts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	requireRole('admin');
	return { counts: await accountCountsByRole() };
};
