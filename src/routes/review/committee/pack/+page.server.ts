import { requireRole } from '$lib/server/auth/guards';
import { reviewErrorAsHttp } from '$lib/server/reviewHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { meetingPack } from '$lib/server/services/committee';
import type { PageServerLoad } from './$types';

// The printable meeting pack (chair and coordinators): every plan in rank order with its
// scores and comments, pseudonymised, reviewers by letter. Each opening is audited.
export const load: PageServerLoad = async ({ getClientAddress }) => {
	const user = requireRole('reviewer', 'coordinator');
	const pack = await meetingPack(user, getClientAddress(), 'print').catch(reviewErrorAsHttp);
	const cohort = await currentCohort();
	return { pack, soums: cohort?.soums ?? [], printedAt: new Date() };
};
