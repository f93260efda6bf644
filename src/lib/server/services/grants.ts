// Settlement grants: made from the committee's published awards, their tranche schedules
// (cohort rules, per-grant changes before signing), the signed agreement, the mentor's
// verification that the business is operating, and the grant as each role sees it.
import { Types } from 'mongoose';
import { emptyPlanContent, type PlanContent } from '$lib/domain/businessPlan';
import {
	DEFAULT_SCHEDULE,
	budgetLinesOf,
	daysOverdue,
	grantStatus,
	requestRefusal,
	ruleProblems,
	trancheProblems,
	tranchesFor,
	useOfFunds,
	type GrantState,
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
import { GrantVerification } from '$lib/server/db/models/grantVerification';
import { Participant } from '$lib/server/db/models/participant';
import { PaymentRequest } from '$lib/server/db/models/paymentRequest';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { Receipt } from '$lib/server/db/models/receipt';
import { ReviewSetup } from '$lib/server/db/models/reviewSetup';
import { User } from '$lib/server/db/models/user';
import {
	GrantError,
	grantCohort,
	isDuplicateKey,
	loadGrant,
	requestsOf,
	roleOf,
	scheduleError,
	verifiedGrants,
	type GrantAccess,
	type RequestWithState
} from './grantAccess';
import { ledgerTotals } from './payments';
import { displayName, identitiesFor } from './participantIdentity';
import { participantAccess } from './plans';

const rulesOf = (cohort: { trancheRules?: TrancheRule[] | null }): TrancheRule[] =>
	cohort.trancheRules?.length ? cohort.trancheRules : [...DEFAULT_SCHEDULE];

/** The plan version an award was made on, and its start-up lines. */
async function planBasis(planId: Types.ObjectId) {
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

function requireCoordinator(actor: SessionUser) {
	if (!actor.roles.includes('coordinator')) throw new GrantError('forbidden');
}

type GrantRow = Awaited<ReturnType<typeof Grant.findOne>> & object;

function statusOf(
	grant: Pick<GrantRow, 'signedOn' | 'cancelledAt' | 'tranches'>,
	requests: RequestWithState[],
	verified: boolean
) {
	return grantStatus({
		signed: Boolean(grant.signedOn),
		cancelled: Boolean(grant.cancelledAt),
		tranches: grant.tranches as Tranche[],
		requests,
		verified
	});
}

/** What waits, since when: the item the coordinators' list marks as overdue. */
async function overdueOf(
	grant: { _id: Types.ObjectId; createdAt?: Date | null },
	state: GrantState,
	requests: RequestWithState[],
	now: Date
): Promise<number> {
	if (state === 'agreementPending') {
		return daysOverdue('agreementPending', grant.createdAt ?? now, now);
	}
	if (state === 'inPayment') {
		const open = requests.find((r) => r.state === 'requested' || r.state === 'approved');
		if (!open) return 0;
		const last = await GrantLedger.findOne({ requestId: open.id }).sort({ seq: -1 }).lean();
		return daysOverdue(open.state === 'approved' ? 'approved' : 'requested', last?.at ?? now, now);
	}
	if (state === 'awaitingVerification') {
		const paid = await GrantLedger.findOne({ grantId: grant._id, kind: 'paid' })
			.sort({ seq: -1 })
			.lean();
		return daysOverdue('awaitingVerification', paid?.paidOn ?? paid?.at ?? now, now);
	}
	return 0;
}

export interface GrantRowView {
	id: string;
	code: string;
	name: string;
	soum: string;
	amountMnt: number;
	paidMnt: number;
	state: GrantState;
	next: Tranche | null;
	openState: string | null;
	daysOverdue: number;
}

/** Coordinators: every grant of the cohort with its state, counts by state and overdue items. */
export async function grantList(viewer: SessionUser, ip: string) {
	requireCoordinator(viewer);
	const cohort = await grantCohort();
	await syncGrants(cohort._id);
	const grants = await Grant.find({ cohortId: cohort._id }).lean();
	const ids = grants.map((g) => g._id);
	const [requests, verified, identities, totals] = await Promise.all([
		requestsOf(ids),
		verifiedGrants(ids),
		identitiesFor(
			viewer,
			grants.map((g) => g.participantId),
			{ ip }
		),
		ledgerTotals(cohort._id)
	]);
	const codes = new Map(
		(await Participant.find({ _id: { $in: grants.map((g) => g.participantId) } }, { code: 1 })).map(
			(p) => [String(p._id), p.code]
		)
	);
	const now = new Date();
	const rows: GrantRowView[] = [];
	for (const grant of grants) {
		const mine = requests.get(String(grant._id)) ?? [];
		const status = statusOf(grant, mine, verified.has(String(grant._id)));
		const identity = identities.get(String(grant.participantId));
		rows.push({
			id: String(grant._id),
			code: codes.get(String(grant.participantId)) ?? '—',
			name: identity ? displayName(identity) : '—',
			soum: grant.soum,
			amountMnt: grant.amountMnt,
			paidMnt: status.paidMnt,
			state: status.state,
			next: status.next,
			openState: status.openState,
			daysOverdue: await overdueOf(grant, status.state, mine, now)
		});
	}
	rows.sort((a, b) => a.code.localeCompare(b.code));
	const counts = Object.fromEntries(
		[
			'agreementPending',
			'paymentDue',
			'inPayment',
			'awaitingVerification',
			'completed',
			'cancelled'
		].map((state) => [state, rows.filter((r) => r.state === state).length])
	) as Record<GrantState, number>;
	const committed = await AwardDecision.findOne({ cohortId: cohort._id }).sort({ seq: -1 }).lean();
	return {
		cohort: { name: cohort.name, budgetMnt: cohort.budgetMnt },
		rules: rulesOf(cohort),
		rows,
		counts,
		overdue: rows.filter((r) => r.daysOverdue > 0).length,
		money: {
			budgetMnt: cohort.budgetMnt,
			committedMnt: committed?.committedAfterMnt ?? 0,
			...totals,
			remainingMnt: cohort.budgetMnt - totals.paidMnt - totals.openMnt
		}
	};
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

/** Her soum's mentor, at a check-in: the business is operating. The first verification stands. */
export async function verifyBusiness(
	actor: SessionUser,
	grantId: string,
	input: { visitedOn: Date; note: string },
	ip: string
) {
	const { grant, access } = await loadGrant(actor, grantId);
	if (access !== 'mentor') throw new GrantError('forbidden');
	if (grant.cancelledAt) throw new GrantError('cancelled');
	if (!grant.signedOn) throw new GrantError('notSigned');
	try {
		await GrantVerification.create({
			grantId: grant._id,
			participantId: grant.participantId,
			visitedOn: input.visitedOn,
			note: input.note,
			verifiedBy: actor.id,
			verifiedAt: new Date()
		});
	} catch (error) {
		if (isDuplicateKey(error)) throw new GrantError('alreadyVerified');
		throw error;
	}
	await audit({
		action: 'grant.verified',
		actorId: actor.id,
		actorRole: 'mentor',
		entity: 'grant',
		entityId: grantId,
		ip,
		details: { visitedOn: input.visitedOn }
	});
}

const userNames = async (ids: readonly unknown[]) =>
	new Map(
		(await User.find({ _id: { $in: ids } }, { name: 1 }).lean()).map((u) => [String(u._id), u.name])
	);

/**
 * One grant as the viewer may see it: amount, tranches with their payments, the agreement, the
 * verification, the receipts and planned against spent, and what the viewer may do next.
 * Staff, finance and mentors reading it are audited; the woman reading her own is not.
 */
export async function grantDetail(viewer: SessionUser, grantId: string, ip: string) {
	const { grant, participant, access } = await loadGrant(viewer, grantId);
	const cohort = await Cohort.findById(grant.cohortId).lean();
	const [requests, verification, receipts, identities, basis, totals, made] = await Promise.all([
		requestsOf([grant._id]).then((m) => m.get(String(grant._id)) ?? []),
		GrantVerification.findOne({ grantId: grant._id }).lean(),
		Receipt.find({ grantId: grant._id }).sort({ uploadedAt: 1 }).lean(),
		identitiesFor(viewer, [grant.participantId], { ip }),
		planBasis(grant.planId),
		ledgerTotals(grant.cohortId),
		PaymentRequest.find({ grantId: grant._id }).lean()
	]);
	const entries = await GrantLedger.find({ grantId: grant._id }).sort({ seq: 1 }).lean();
	const names = await userNames([
		...entries.map((e) => e.actorId),
		grant.signedRecordedBy,
		verification?.verifiedBy,
		...receipts.map((r) => r.uploadedBy)
	]);
	const status = statusOf(grant, requests, Boolean(verification));
	const tranches = (grant.tranches as Tranche[]).map((tranche) => {
		const mine = requests.filter((r) => r.trancheNo === tranche.no);
		const current = mine.at(-1) ?? null;
		const refusal =
			access === 'staff' && status.next?.no === tranche.no
				? requestRefusal({
						grant: {
							amountMnt: grant.amountMnt,
							tranches: grant.tranches as Tranche[],
							signed: Boolean(grant.signedOn),
							cancelled: Boolean(grant.cancelledAt)
						},
						verified: Boolean(verification),
						requests,
						trancheNo: tranche.no,
						totals,
						budgetMnt: cohort?.budgetMnt ?? 0
					})
				: null;
		return {
			...tranche,
			state: current?.state ?? null,
			requestId: current && access !== 'owner' && access !== 'mentor' ? current.id : null,
			canRequest: access === 'staff' && status.next?.no === tranche.no && refusal === null,
			refusal: access === 'staff' && status.next?.no === tranche.no ? refusal : null
		};
	});
	const staffSide = access === 'staff' || access === 'finance';
	const history = staffSide
		? entries.map((e) => {
				const request = made.find((r) => String(r._id) === String(e.requestId));
				return {
					seq: e.seq,
					kind: e.kind,
					trancheNo: e.trancheNo,
					amountMnt: e.amountMnt,
					at: e.at,
					by: names.get(String(e.actorId)) ?? '—',
					reason: e.reason ?? null,
					paidOn: e.paidOn ?? null,
					paymentReference: e.paymentReference ?? null,
					method: request?.method ?? null,
					reference: request?.reference ?? null,
					requestId: String(e.requestId)
				};
			})
		: // She and her mentor see what was paid, when and how, not the office's workings.
			entries
				.filter((e) => e.kind === 'paid')
				.map((e) => ({
					seq: e.seq,
					kind: e.kind,
					trancheNo: e.trancheNo,
					amountMnt: e.amountMnt,
					at: e.at,
					by: null,
					reason: null,
					paidOn: e.paidOn ?? null,
					paymentReference: null,
					method: made.find((r) => String(r._id) === String(e.requestId))?.method ?? null,
					reference: null,
					requestId: null
				}));
	const lines = grant.budgetLines.map((l) => ({
		key: l.key,
		label: l.label,
		plannedMnt: l.plannedMnt
	}));
	const identity = identities.get(String(grant.participantId));
	if (access !== 'owner') {
		await audit({
			action: 'grant.viewed',
			actorId: viewer.id,
			actorRole: roleOf(access),
			entity: 'grant',
			entityId: grantId,
			ip
		});
	}
	return {
		access,
		grant: {
			id: grantId,
			planId: String(grant.planId),
			code: participant.code,
			name: identity ? displayName(identity) : participant.code,
			masked: identity?.masked ?? false,
			soum: grant.soum,
			businessName: basis.businessName,
			amountMnt: grant.amountMnt,
			createdAt: grant.createdAt ?? null,
			cancelled: Boolean(grant.cancelledAt),
			scheduleCustomised: Boolean(grant.scheduleCustomised)
		},
		status,
		tranches,
		agreement: grant.signedOn
			? {
					signedOn: grant.signedOn,
					witnessedBy: grant.witnessedBy ?? '',
					recordedBy: names.get(String(grant.signedRecordedBy)) ?? '—'
				}
			: null,
		verification: verification
			? {
					visitedOn: verification.visitedOn,
					note: access === 'owner' ? null : verification.note,
					by: names.get(String(verification.verifiedBy)) ?? '—'
				}
			: null,
		history,
		receipts: receipts.map((r) => ({
			id: String(r._id),
			lineKey: r.lineKey,
			amountMnt: r.amountMnt,
			spentOn: r.spentOn,
			description: r.description ?? '',
			contentType: r.contentType,
			by: names.get(String(r.uploadedBy)) ?? '—',
			uploadedAt: r.uploadedAt
		})),
		use: useOfFunds(lines, receipts),
		can: {
			editSchedule:
				access === 'staff' && !grant.signedOn && !grant.cancelledAt && entries.length === 0,
			sign: access === 'staff' && !grant.signedOn && !grant.cancelledAt,
			verify: access === 'mentor' && Boolean(grant.signedOn) && !verification && !grant.cancelledAt,
			upload: access !== 'finance' && Boolean(grant.signedOn) && !grant.cancelledAt,
			printAgreement: access === 'staff' || access === 'owner'
		}
	};
}

export type GrantDetail = Awaited<ReturnType<typeof grantDetail>>;

/** Her own grant's id, or null when she has none (yet). */
export async function ownGrantId(user: SessionUser): Promise<string | null> {
	const participant = await Participant.findOne({ userId: user.id }, { _id: 1 }).lean();
	if (!participant) return null;
	const grant = await Grant.findOne(
		{ participantId: participant._id, cancelledAt: { $exists: false } },
		{ _id: 1 }
	).lean();
	return grant ? String(grant._id) : null;
}

/** A mentor's grants: her soums' awarded women who agreed to sharing with the soum. */
export async function mentorGrants(mentor: SessionUser, ip: string) {
	if (!mentor.roles.includes('mentor') || mentor.soums.length === 0) return [];
	const cohort = await Cohort.findOne({ current: true }, { _id: 1 }).lean();
	if (!cohort) return [];
	const grants = await Grant.find({
		cohortId: cohort._id,
		soum: { $in: mentor.soums },
		cancelledAt: { $exists: false }
	}).lean();
	const visible: typeof grants = [];
	const codes = new Map<string, string>();
	for (const grant of grants) {
		const participant = await Participant.findById(grant.participantId, {
			userId: 1,
			soum: 1,
			code: 1
		}).lean();
		if (participant && (await participantAccess(mentor, participant)) === 'mentor') {
			visible.push(grant);
			codes.set(String(grant.participantId), participant.code);
		}
	}
	const ids = visible.map((g) => g._id);
	const [requests, verified, identities] = await Promise.all([
		requestsOf(ids),
		verifiedGrants(ids),
		identitiesFor(
			mentor,
			visible.map((g) => g.participantId),
			{ ip }
		)
	]);
	return visible.map((grant) => {
		const status = statusOf(
			grant,
			requests.get(String(grant._id)) ?? [],
			verified.has(String(grant._id))
		);
		const identity = identities.get(String(grant.participantId));
		return {
			id: String(grant._id),
			code: codes.get(String(grant.participantId)) ?? '—',
			name: identity ? displayName(identity) : '—',
			soum: grant.soum,
			amountMnt: grant.amountMnt,
			state: status.state,
			needsVerification: status.state === 'awaitingVerification'
		};
	});
}

/** The printable agreement: both languages, her plan's budget lines and the tranches. */
export async function agreementDocument(viewer: SessionUser, grantId: string, ip: string) {
	const { grant, participant, access } = await loadGrant(viewer, grantId);
	if (access !== 'staff' && access !== 'owner') throw new GrantError('forbidden');
	const [cohort, identities, basis] = await Promise.all([
		Cohort.findById(grant.cohortId, { name: 1 }).lean(),
		identitiesFor(viewer, [grant.participantId], { ip }),
		planBasis(grant.planId)
	]);
	const identity = identities.get(String(grant.participantId));
	await audit({
		action: 'grant.agreement_printed',
		actorId: viewer.id,
		actorRole: roleOf(access),
		entity: 'grant',
		entityId: grantId,
		ip
	});
	return {
		cohortName: cohort?.name ?? '',
		code: participant.code,
		name: identity ? displayName(identity) : participant.code,
		soum: grant.soum,
		businessName: basis.businessName,
		amountMnt: grant.amountMnt,
		budgetLines: grant.budgetLines.map((l) => ({
			key: l.key,
			label: l.label,
			plannedMnt: l.plannedMnt
		})),
		tranches: grant.tranches as Tranche[],
		signedOn: grant.signedOn ?? null,
		witnessedBy: grant.witnessedBy ?? null
	};
}

export type { GrantAccess };
