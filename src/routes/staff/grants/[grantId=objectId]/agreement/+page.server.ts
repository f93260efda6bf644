import { requireRole } from '$lib/server/auth/guards';
import { grantErrorAsHttp } from '$lib/server/grantHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { agreementDocument } from '$lib/server/services/grantViews';
import type { PageServerLoad } from './$types';

// The grant agreement to print and sign, in both languages. Coordinators only.
export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('coordinator');
	const [agreement, cohort] = await Promise.all([
		agreementDocument(user, params.grantId, getClientAddress()).catch(grantErrorAsHttp),
		currentCohort()
	]);
	return { agreement, soums: cohort?.soums ?? [], back: `/staff/grants/${params.grantId}` };
};
