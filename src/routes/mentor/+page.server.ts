import { requireRole } from '$lib/server/auth/guards';
import { listSoums } from '$lib/server/services/soums';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = requireRole('mentor');
	return { soums: await listSoums(user.soums), grantees: [] as { id: string }[] };
};
