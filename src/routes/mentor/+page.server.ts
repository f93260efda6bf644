import { requireRole } from '$lib/server/auth/guards';
import { planIdsByParticipant } from '$lib/server/services/mentorPlans';
import { mentorParticipants } from '$lib/server/services/participants';
import { listSoums } from '$lib/server/services/soums';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ getClientAddress }) => {
	const user = requireRole('mentor');
	const [soums, participants] = await Promise.all([
		listSoums(user.soums),
		mentorParticipants(user, getClientAddress())
	]);
	const planIds = await planIdsByParticipant(
		user,
		participants.map((p) => p.id)
	);
	return {
		soums,
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
