// Plans as a soum mentor reaches them: which of the participants on her list have a plan.
import { Types } from 'mongoose';
import type { SessionUser } from '$lib/server/auth/session';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';

/**
 * Plan ids by participant id, for the participants given, limited to the mentor's soums.
 * Whether she may open one is still decided by planDetail (her soum, her consent).
 */
export async function planIdsByParticipant(
	mentor: SessionUser,
	participantIds: readonly string[]
): Promise<Map<string, string>> {
	const ids = participantIds.filter((id) => Types.ObjectId.isValid(id));
	if (ids.length === 0 || mentor.soums.length === 0) return new Map();
	const plans = await BusinessPlan.find(
		{ participantId: { $in: ids }, soum: { $in: mentor.soums } },
		{ participantId: 1 }
	).lean();
	return new Map(plans.map((plan) => [String(plan.participantId), String(plan._id)]));
}
