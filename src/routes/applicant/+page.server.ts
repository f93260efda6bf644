import { requireRole } from '$lib/server/auth/guards';
import { ownProfile } from '$lib/server/services/accounts';
import { ownOutcome } from '$lib/server/services/committee';
import { grantDetail, ownGrantId } from '$lib/server/services/grantViews';
import { ownPlanState } from '$lib/server/services/ownPlan';
import { ownParticipant } from '$lib/server/services/participants';
import { listSoums } from '$lib/server/services/soums';
import { trainingRecordFor } from '$lib/server/services/training';
import type { PageServerLoad } from './$types';

// Her own page: only her own profile, stage and training record.
export const load: PageServerLoad = async ({ getClientAddress }) => {
	const user = requireRole('applicant');
	const [profile, participant] = await Promise.all([ownProfile(user), ownParticipant(user)]);
	const training = participant
		? await trainingRecordFor(participant.id)
		: { courses: [], eligible: false, missingKinds: [] };
	const stage = participant?.stage ?? 'training';
	// The committee's decision on her plan, once published (null before).
	const outcome = await ownOutcome(user);
	// Her grant, once there is one: its state and money for the card linking to /applicant/grant.
	const grantId = await ownGrantId(user);
	const grant = grantId ? await grantDetail(user, grantId, getClientAddress()) : null;
	return {
		grant: grant && {
			state: grant.status.state,
			amountMnt: grant.grant.amountMnt,
			paidMnt: grant.status.paidMnt
		},
		outcome,
		outcomeSoums: outcome ? await listSoums([outcome.soum]) : [],
		planState: stage === 'training' ? null : await ownPlanState(user),
		profile: { name: profile.name, phone: profile.phone },
		soums: await listSoums(profile.soums),
		stage,
		code: participant?.code ?? null,
		training
	};
};
