import { error } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { grantErrorAsHttp } from '$lib/server/grantHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { agreementDocument, ownGrantId } from '$lib/server/services/grantViews';
import type { PageServerLoad } from './$types';

// Her own grant agreement to print, in both languages; none until she has a grant.
export const load: PageServerLoad = async ({ getClientAddress }) => {
	const user = requireRole('applicant');
	const grantId = await ownGrantId(user);
	if (!grantId) error(404, { message: 'not_found', code: 'not_found' });
	const [agreement, cohort] = await Promise.all([
		agreementDocument(user, grantId, getClientAddress()).catch(grantErrorAsHttp),
		currentCohort()
	]);
	return { agreement, soums: cohort?.soums ?? [], back: '/applicant/grant' };
};
