import { requireRole } from '$lib/server/auth/guards';
import { ownProfile } from '$lib/server/services/accounts';
import { listSoums } from '$lib/server/services/soums';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = requireRole('applicant');
	const profile = await ownProfile(user);
	return {
		profile: { name: profile.name, phone: profile.phone },
		soums: await listSoums(profile.soums)
	};
};
