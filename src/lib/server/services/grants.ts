// Settlement grants: made from the committee's published awards, their tranche schedules
// (cohort rules, per-grant changes before signing), the signed agreement and the mentor's
// verification that the business is operating. How each role sees them: ./grantViews.ts.
import { Types } from 'mongoose';
import { emptyPlanContent, type PlanContent } from '$lib/domain/businessPlan';
import {
	DEFAULT_SCHEDULE,
	budgetLinesOf,
	ruleProblems,
	trancheProblems,
	tranchesFor,
	type Tranche,
	type TrancheRule
} from '$lib/domain/grants';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { AwardDecision } from '$lib/server/db/models/awardDecision';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { Cohort } from '$lib/server/db/models/cohort';
import { Grant } from '$lib/server/db/models/grant';
import { GrantLedger } from '$lib/server/db/models/grantLedger';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { ReviewSetup } from '$lib/server/db/models/reviewSetup';
import { GrantError, grantCohort, isDuplicateKey, loadGrant, scheduleError } from './grantAccess';

export const rulesOf = (cohort: { trancheRules?: TrancheRule[] | null }): TrancheRule[] =>
	cohort.trancheRules?.length ? cohort.trancheRules : [...DEFAULT_SCHEDULE];

/** The plan version an award was made on, and its start-up lines. */
export async function planBasis(planId: Types.ObjectId) {
	const plan = await BusinessPlan.findById(planId, { draftVersion: 1, soum: 1 }).lean();
	const version = plan
		? await PlanVersion.findOne({ planId, version: plan.draftVersion }, { content: 1 }).lean()
		: null;
	const content = (version?.content as PlanContent | undefined) ?? emptyPlanContent();
	return {
		version: plan?.draftVersion ?? 1,
		soum: plan?.soum ?? '',
		businessName: content.idea?.businessName ?? '',
		lines: budgetLinesOf(content.startup ?? { items: [], workingCapital: 0 })
	};
}

/** Grant ids with any ledger entry: money has been asked for, so they can no longer change. */
async function grantsWithPayments(grantIds: readonly Types.ObjectId[]) {
	const ids = await GrantLedger.distinct('grantId', { grantId: { $in: grantIds } });
	return new Set(ids.map(String));
}

/**
 * Brings the cohort's grants in line with its published awards: a grant for every award (planId
 * is unique, so two callers at once make one), the amount and tranches of an unsigned grant
 * following a changed award, and an unsigned grant without payments cancelled when its award
 * is withdrawn. Nothing before outcomes are published.
 */
export async function syncGrants(cohortId: Types.ObjectId): Promise<void> {
	const setup = await ReviewSetup.findOne({ cohortId }, { outcomesPublishedAt: 1 }).lean();
	if (!setup?.outcomesPublishedAt) return;
	const cohort = await Cohort.findById(cohortId, { trancheRules: 1 }).lean();
	if (!cohort) return;
	const decisions = await AwardDecision.find({ cohortId }).sort({ seq: 1 }).lean();
	const current = new Map<string, (typeof decisions)[number]>();
	for (const decision of decisions) current.set(String(decision.planId), decision);
	const grants = await Grant.find({ cohortId }).lean();
	const byPlan = new Map(grants.map((g) => [String(g.planId), g]));
	const moved = await grantsWithPayments(grants.map((g) => g._id));
	for (const [planId, decision] of current) {
		const grant = byPlan.get(planId);
		const amountMnt = decision.outcome === 'award' ? (decision.amountMnt ?? 0) : 0;
		if (!grant) {
			if (amountMnt < 1) continue;
			const basis = await planBasis(decision.planId);
			try {
				await Grant.create({
					cohortId,
					planId: decision.planId,
					participantId: decision.participantId,
					soum: basis.soum,
					planVersion: basis.version,
					amountMnt,
					budgetLines: basis.lines,
					tranches: tranchesFor(amountMnt, rulesOf(cohort))
				});
				await audit({
					action: 'grant.created',
					entity: 'grant',
					entityId: planId,
					details: { amountMnt }
				});
			} catch (error) {
				if (!isDuplicateKey(error)) throw error; // made at the same moment by another call
			}
			continue;
		}
		const locked = Boolean(grant.signedOn) || moved.has(String(grant._id));
		if (locked) continue; // the committee cannot change these (see committee.decide)
		if (amountMnt < 1 && !grant.cancelledAt) {
			await Grant.updateOne({ _id: grant._id }, { $set: { cancelledAt: new Date() } });
		} else if (amountMnt >= 1 && (grant.cancelledAt || grant.amountMnt !== amountMnt)) {
			await Grant.updateOne(
				{ _id: grant._id },
				{
					$set: {
						amountMnt,
						tranches: tranchesFor(amountMnt, rulesOf(cohort)),
						scheduleCustomised: false
					},
					$unset: { cancelledAt: 1 }
				}
			);
		}
	}
}

/** True when the plan's grant is signed or has money asked for: its award may not change. */
export async function grantStarted(planId: Types.ObjectId): Promise<boolean> {
	const grant = await Grant.findOne({ planId }, { signedOn: 1 }).lean();
	if (!grant) return false;
	if (grant.signedOn) return true;
	return (await GrantLedger.countDocuments({ grantId: grant._id })) > 0;
}

export function requireCoordinator(actor: SessionUser) {
	if (!actor.roles.includes('coordinator')) throw new GrantError('forbidden');
}

/** Coordinators: the cohort's default schedule; unsigned grants not changed by hand follow it. */
export async function updateCohortRules(actor: SessionUser, rules: TrancheRule[], ip: string) {
	requireCoordinator(actor);
	const cohort = await grantCohort();
	const problems = ruleProblems(rules);
	if (problems.length) throw scheduleError(problems);
	await Cohort.updateOne({ _id: cohort._id }, { $set: { trancheRules: rules } });
	const grants = await Grant.find({
		cohortId: cohort._id,
		signedOn: { $exists: false },
		scheduleCustomised: { $ne: true }
	}).lean();
	const moved = await grantsWithPayments(grants.map((g) => g._id));
	let applied = 0;
	for (const grant of grants) {
		if (moved.has(String(grant._id))) continue;
		await Grant.updateOne(
			{ _id: grant._id },
			{ $set: { tranches: tranchesFor(grant.amountMnt, rules) } }
		);
		applied++;
	}
	await audit({
		action: 'grant.rules_changed',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'cohort',
		entityId: String(cohort._id),
		ip,
		details: { rules, applied }
	});
	return { applied };
}

/** Coordinators, before signing: this grant's own tranches (amounts in tögrög). */
export async function updateGrantSchedule(
	actor: SessionUser,
	grantId: string,
	tranches: Omit<Tranche, 'no'>[],
	ip: string
) {
	const { grant, access } = await loadGrant(actor, grantId);
	if (access !== 'staff') throw new GrantError('forbidden');
	if (grant.cancelledAt) throw new GrantError('cancelled');
	const numbered = tranches.map((t, i) => ({ no: i + 1, amountMnt: t.amountMnt, gate: t.gate }));
	const problems = trancheProblems(grant.amountMnt, numbered);
	if (problems.length) throw scheduleError(problems);
	if (grant.signedOn || (await grantsWithPayments([grant._id])).size) {
		throw new GrantError('signed');
	}
	await Grant.updateOne(
		{ _id: grant._id },
		{ $set: { tranches: numbered, scheduleCustomised: true } }
	);
	await audit({
		action: 'grant.schedule_changed',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'grant',
		entityId: grantId,
		ip,
		details: { tranches: numbered }
	});
}

/** Coordinators: the agreement signed on a day, before a witness. */
export async function signAgreement(
	actor: SessionUser,
	grantId: string,
	input: { signedOn: Date; witnessedBy: string },
	ip: string
) {
	const { grant, access } = await loadGrant(actor, grantId);
	if (access !== 'staff') throw new GrantError('forbidden');
	if (grant.cancelledAt) throw new GrantError('cancelled');
	if (grant.signedOn) throw new GrantError('alreadySigned');
	await Grant.updateOne(
		{ _id: grant._id, signedOn: { $exists: false } },
		{
			$set: {
				signedOn: input.signedOn,
				witnessedBy: input.witnessedBy,
				signedRecordedBy: new Types.ObjectId(actor.id),
				signedRecordedAt: new Date()
			}
		}
	);
	await audit({
		action: 'grant.signed',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'grant',
		entityId: grantId,
		ip,
		details: { signedOn: input.signedOn, witnessedBy: input.witnessedBy }
	});
}
