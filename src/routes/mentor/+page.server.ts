import { requireRole } from '$lib/server/auth/guards';
import { planIdsByParticipant } from '$lib/server/services/mentorPlans';
import { mentorCaseload } from '$lib/server/services/mentoringViews';
import { mentorParticipants } from '$lib/server/services/participants';
import { listSoums } from '$lib/server/services/soums';
import type { PageServerLoad } from './$types';

// The mentor's home: the grantees assigned to her in the order to work them (overdue visits
// first), then every participant of her soums with their plans.
export const load: PageServerLoad = async ({ getClientAddress }) => {
	const user = requireRole('mentor');
	const [soums, participants, caseload] = await Promise.all([
		listSoums(user.soums),
		mentorParticipants(user, getClientAddress()),
		mentorCaseload(user, getClientAddress())
	]);
	const planIds = await planIdsByParticipant(
		user,
		participants.map((p) => p.id)
	);
	return {
		soums,
		caseload,
		participants: participants.map((p) => ({
			id: p.id,
			code: p.code,
			name: p.name,
			phone: p.phone,
			soum: p.soum,
			stage: p.stage,
			planId: planIds.get(p.id) ?? null
		}))
	};
};
