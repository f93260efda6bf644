// Her own plan as her home page shows it: only its state, read without creating the plan
// (opening /applicant/plan creates it; see openOwnPlan in ./plans).
import type { SessionUser } from '$lib/server/auth/session';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { Participant } from '$lib/server/db/models/participant';
import { PlanError, openOwnPlan, type PlanListState } from './plans';

export async function ownPlanState(user: SessionUser): Promise<PlanListState> {
	const participant = await Participant.findOne({ userId: user.id }, { _id: 1 }).lean();
	if (!participant) return 'not_started';
	const plan = await BusinessPlan.findOne({ participantId: participant._id }, { state: 1 }).lean();
	return (plan?.state as PlanListState | undefined) ?? 'not_started';
}

/** Her plan's id, opening it if need be; null while she may not draft one yet. */
export async function ownPlanId(user: SessionUser): Promise<string | null> {
	try {
		return await openOwnPlan(user);
	} catch (cause) {
		if (cause instanceof PlanError && cause.code === 'notEligible') return null;
		throw cause;
	}
}

const DAY = 24 * 60 * 60 * 1000;

/** Whole days left until the deadline (0 on its last day, negative once passed). */
export function daysUntil(deadline: Date | null, now = new Date()): number | null {
	return deadline ? Math.ceil((deadline.getTime() - now.getTime()) / DAY) : null;
}
