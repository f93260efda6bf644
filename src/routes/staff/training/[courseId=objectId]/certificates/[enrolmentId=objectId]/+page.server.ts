import { requireRole } from '$lib/server/auth/guards';
import { certificateFor } from '$lib/server/services/training';
import { notFoundAs404 } from '../../../trainingHttp';
import type { PageServerLoad } from './$types';

// Only for a trainee who completed the course: anyone else's is a 404.
export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('coordinator');
	const certificate = await certificateFor(
		user,
		params.courseId,
		params.enrolmentId,
		getClientAddress()
	).catch(notFoundAs404);
	return { certificate, courseId: params.courseId };
};
