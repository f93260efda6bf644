import { requireRole } from '$lib/server/auth/guards';
import { mentorGrants } from '$lib/server/services/grantViews';
import { planIdsByParticipant } from '$lib/server/services/mentorPlans';
import { mentorParticipants } from '$lib/server/services/participants';
import { listSoums } from '$lib/server/services/soums';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ getClientAddress }) => {
	const user = requireRole('mentor');
	const [soums, participants, grants] = await Promise.all([
		listSoums(user.soums),
		mentorParticipants(user, getClientAddress()),
		mentorGrants(user, getClientAddress())
	]);
	const planIds = await planIdsByParticipant(
		user,
		participants.map((p) => p.id)
	);
	return {
		soums,
		// Those waiting for her verification first.
		grants: grants.sort(
			(a, b) =>
				Number(b.needsVerification) - Number(a.needsVerification) || a.name.localeCompare(b.name)
		),
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
