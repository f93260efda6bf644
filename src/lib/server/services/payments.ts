// Payments, maker-checker: a coordinator requests a tranche, finance approves or rejects it
// (never her own), and records it paid. Every step is an entry on the cohort's append-only
// ledger, inserted under two unique keys (see models/grantLedger.ts): a double click, a retry
// or fifty approvers at once make exactly one entry, and no request passes the award or the
// budget however many are made at once. `reconcileLedger` replays it and must match.
import { Types } from 'mongoose';
import {
	canFollow,
	reconcile,
	requestRefusal,
	applyEntry,
	type LedgerKind,
	type LedgerTotals,
	type PaymentMethod,
	type PaymentState,
	type Tranche
} from '$lib/domain/grants';
import { audit, type AuditAction } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { AwardDecision } from '$lib/server/db/models/awardDecision';
import { Cohort } from '$lib/server/db/models/cohort';
import { Grant } from '$lib/server/db/models/grant';
import { GrantLedger } from '$lib/server/db/models/grantLedger';
import { GrantVerification } from '$lib/server/db/models/grantVerification';
import { Participant } from '$lib/server/db/models/participant';
import { PaymentRequest, type PaymentRequestDoc } from '$lib/server/db/models/paymentRequest';
import { User } from '$lib/server/db/models/user';
import {
	GrantError,
	grantCohort,
	isDuplicateKey,
	loadGrant,
	objectId,
	requestsOf
} from './grantAccess';
import { ensureSchedule } from './mentoring';
import { displayName, identitiesFor } from './participantIdentity';

/** Tries before giving up when others keep taking the next ledger number. */
const MAX_ATTEMPTS = 60;

export interface PaymentInput {
	trancheNo: number;
	method: PaymentMethod;
	bankName?: string;
	accountName?: string;
	accountNumber?: string;
	supplierName?: string;
	reference: string;
	note?: string;
	/** Made when the form was shown; the same key never makes a second request. */
	idempotencyKey: string;
}

const ZERO: LedgerTotals = { openMnt: 0, paidMnt: 0 };

async function lastEntry(cohortId: Types.ObjectId) {
	return GrantLedger.findOne({ cohortId }).sort({ seq: -1 }).lean();
}

/** The cohort's open and paid totals after its latest ledger entry. */
export async function ledgerTotals(cohortId: Types.ObjectId): Promise<LedgerTotals> {
	const last = await lastEntry(cohortId);
	return last ? { openMnt: last.openAfterMnt, paidMnt: last.paidAfterMnt } : ZERO;
}

/** A request's state: the kind of its latest ledger entry (null before it reached the ledger). */
async function stateOf(requestId: Types.ObjectId): Promise<PaymentState | null> {
	const entry = await GrantLedger.findOne({ requestId }).sort({ seq: -1 }).lean();
	return (entry?.kind as PaymentState | undefined) ?? null;
}

interface EntryFields {
	kind: LedgerKind;
	key: string;
	request: { _id: Types.ObjectId; grantId: Types.ObjectId; trancheNo: number; amountMnt: number };
	actor: SessionUser;
	actorRole: string;
	reason?: string;
	paidOn?: Date;
	paymentReference?: string;
}

/**
 * Appends one entry as `last.seq + 1` with the totals that follow from it. Returns false when
 * the insert lost a race (someone took the number, or the key already exists): the caller
 * re-reads and decides again.
 */
async function append(
	cohortId: Types.ObjectId,
	last: Awaited<ReturnType<typeof lastEntry>>,
	fields: EntryFields
): Promise<boolean> {
	const before = last ? { openMnt: last.openAfterMnt, paidMnt: last.paidAfterMnt } : ZERO;
	const after = applyEntry(before, fields.kind, fields.request.amountMnt);
	try {
		await GrantLedger.create({
			cohortId,
			seq: (last?.seq ?? 0) + 1,
			key: fields.key,
			kind: fields.kind,
			requestId: fields.request._id,
			grantId: fields.request.grantId,
			trancheNo: fields.request.trancheNo,
			amountMnt: fields.request.amountMnt,
			openAfterMnt: after.openMnt,
			paidAfterMnt: after.paidMnt,
			actorId: fields.actor.id,
			actorRole: fields.actorRole,
			at: new Date(),
			reason: fields.reason,
			paidOn: fields.paidOn,
			paymentReference: fields.paymentReference
		});
		return true;
	} catch (error) {
		if (isDuplicateKey(error)) return false;
		throw error;
	}
}

const keyExists = async (key: string) => (await GrantLedger.exists({ key })) !== null;

async function paymentAudit(
	action: AuditAction,
	actor: SessionUser,
	actorRole: string,
	requestId: Types.ObjectId,
	ip: string,
	details: Record<string, unknown>
) {
	await audit({
		action,
		actorId: actor.id,
		actorRole,
		entity: 'payment',
		entityId: String(requestId),
		ip,
		details
	});
}

/**
 * Coordinators: ask for a tranche to be paid. The same idempotency key returns the request
 * already made (`repeated`). Refused with the rule it breaks; a refused request leaves nothing.
 */
export async function requestPayment(
	actor: SessionUser,
	grantId: string,
	input: PaymentInput,
	ip: string
): Promise<{ requestId: string; repeated: boolean }> {
	const { grant, access } = await loadGrant(actor, grantId);
	if (access !== 'staff') throw new GrantError('forbidden');
	const cohort = await Cohort.findById(grant.cohortId, { budgetMnt: 1 }).lean();
	if (!cohort) throw new GrantError('noCohort');
	const tranche = (grant.tranches as Tranche[]).find((t) => t.no === input.trancheNo);
	if (!tranche) throw new GrantError('noSuchTranche');

	let request = await PaymentRequest.findOne({ idempotencyKey: input.idempotencyKey }).lean();
	if (request && String(request.grantId) !== grantId)
		throw new GrantError('invalid', ['idempotencyKey']);
	if (!request) {
		try {
			request = (
				await PaymentRequest.create({
					cohortId: grant.cohortId,
					grantId: grant._id,
					participantId: grant.participantId,
					trancheNo: tranche.no,
					amountMnt: tranche.amountMnt,
					method: input.method,
					bankName: input.method === 'bank' ? input.bankName : undefined,
					accountName: input.method === 'bank' ? input.accountName : undefined,
					accountNumber: input.method === 'bank' ? input.accountNumber : undefined,
					supplierName: input.method === 'supplier' ? input.supplierName : undefined,
					reference: input.reference,
					note: input.note ?? '',
					idempotencyKey: input.idempotencyKey,
					requestedBy: actor.id,
					requestedAt: new Date()
				})
			).toObject();
		} catch (error) {
			if (!isDuplicateKey(error)) throw error;
			request = await PaymentRequest.findOne({ idempotencyKey: input.idempotencyKey }).lean();
			if (!request) throw error;
		}
	}
	const key = `${request._id}:requested`;
	const verified = (await GrantVerification.exists({ grantId: grant._id })) !== null;
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		if (await keyExists(key)) return { requestId: String(request._id), repeated: true };
		const last = await lastEntry(grant.cohortId);
		const requests = (await requestsOf([grant._id], last?.seq ?? 0)).get(String(grant._id)) ?? [];
		const refusal = requestRefusal({
			grant: {
				amountMnt: grant.amountMnt,
				tranches: grant.tranches as Tranche[],
				signed: Boolean(grant.signedOn),
				cancelled: Boolean(grant.cancelledAt)
			},
			verified,
			requests,
			trancheNo: tranche.no,
			totals: last ? { openMnt: last.openAfterMnt, paidMnt: last.paidAfterMnt } : ZERO,
			budgetMnt: cohort.budgetMnt
		});
		if (refusal) {
			// Never reached the ledger, so it was never a request: leave nothing behind.
			if (!(await keyExists(key))) await PaymentRequest.deleteOne({ _id: request._id });
			else return { requestId: String(request._id), repeated: true };
			await paymentAudit('payment.refused', actor, 'coordinator', request._id, ip, {
				grantId,
				trancheNo: tranche.no,
				refusal
			});
			throw new GrantError(refusal);
		}
		if (
			await append(grant.cohortId, last, {
				kind: 'requested',
				key,
				request,
				actor,
				actorRole: 'coordinator'
			})
		) {
			await paymentAudit('payment.requested', actor, 'coordinator', request._id, ip, {
				grantId,
				trancheNo: tranche.no,
				amountMnt: tranche.amountMnt,
				method: input.method,
				reference: input.reference
			});
			return { requestId: String(request._id), repeated: false };
		}
	}
	throw new GrantError('busy');
}

/** The request a finance user acts on; her own is refused, and the attempt recorded. */
async function loadRequest(actor: SessionUser, requestId: string, ip: string) {
	if (!actor.roles.includes('finance')) throw new GrantError('forbidden');
	const request = await PaymentRequest.findById(objectId(requestId)).lean();
	if (!request || !(await GrantLedger.exists({ requestId: request._id }))) {
		throw new GrantError('notFound');
	}
	if (String(request.requestedBy) === actor.id) {
		await paymentAudit('payment.own_refused', actor, 'finance', request._id, ip, {});
		throw new GrantError('ownRequest');
	}
	return request;
}

/**
 * Moves a request from `from` to `kind` exactly once. Whoever loses the race (or clicks twice)
 * finds the request already in `kind` and gets `repeated: true`; a request already moved the
 * other way (approved vs rejected) is refused.
 */
async function decideOnce(
	actor: SessionUser,
	requestId: string,
	kind: 'approved' | 'rejected' | 'paid',
	extra: Pick<EntryFields, 'reason' | 'paidOn' | 'paymentReference'>,
	ip: string
): Promise<{ repeated: boolean }> {
	const request = await loadRequest(actor, requestId, ip);
	const key = `${request._id}:${kind === 'paid' ? 'paid' : 'decision'}`;
	for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
		const last = await lastEntry(request.cohortId);
		const state = await stateOf(request._id);
		if (state === kind || (kind === 'approved' && state === 'paid')) return { repeated: true };
		if (!canFollow(state, kind)) {
			throw new GrantError(kind === 'paid' ? 'notApproved' : 'alreadyDecided');
		}
		if (
			await append(request.cohortId, last, {
				kind,
				key,
				request,
				actor,
				actorRole: 'finance',
				...extra
			})
		) {
			const action: AuditAction =
				kind === 'approved'
					? 'payment.approved'
					: kind === 'rejected'
						? 'payment.rejected'
						: 'payment.paid';
			await paymentAudit(action, actor, 'finance', request._id, ip, {
				grantId: String(request.grantId),
				trancheNo: request.trancheNo,
				amountMnt: request.amountMnt,
				...extra
			});
			if (kind === 'paid') {
				await startMentoring(request.participantId);
				await ensureSchedule(request.grantId, extra.paidOn ?? new Date());
			}
			return { repeated: false };
		}
	}
	throw new GrantError('busy');
}

/**
 * Her first tranche is paid: her business starts, and with it the mentoring stage (and her
 * check-in schedule, ensureSchedule).
 */
async function startMentoring(participantId: Types.ObjectId) {
	await Participant.updateOne(
		{ _id: participantId, stage: 'grant' },
		{ $set: { stage: 'mentoring' } }
	);
}

export const approvePayment = (actor: SessionUser, requestId: string, ip: string) =>
	decideOnce(actor, requestId, 'approved', {}, ip);

export const rejectPayment = (actor: SessionUser, requestId: string, reason: string, ip: string) =>
	decideOnce(actor, requestId, 'rejected', { reason }, ip);

export const markPaid = (
	actor: SessionUser,
	requestId: string,
	input: { paidOn: Date; paymentReference: string },
	ip: string
) => decideOnce(actor, requestId, 'paid', input, ip);

/**
 * Replays the cohort's ledger and compares it with the stored totals, requests and grants.
 * An empty `problems` means every tögrög is accounted for.
 */
export async function reconcileLedger(cohortId: Types.ObjectId) {
	const [cohort, entries, grants, requests] = await Promise.all([
		Cohort.findById(cohortId, { budgetMnt: 1 }).lean(),
		GrantLedger.find({ cohortId }).lean(),
		Grant.find({ cohortId }, { amountMnt: 1 }).lean(),
		PaymentRequest.find({ cohortId }, { amountMnt: 1 }).lean()
	]);
	const problems = reconcile(
		entries.map((e) => ({
			seq: e.seq,
			kind: e.kind as LedgerKind,
			requestId: String(e.requestId),
			grantId: String(e.grantId),
			trancheNo: e.trancheNo,
			amountMnt: e.amountMnt,
			openAfterMnt: e.openAfterMnt,
			paidAfterMnt: e.paidAfterMnt
		})),
		new Map(grants.map((g) => [String(g._id), g.amountMnt])),
		new Map(requests.map((r) => [String(r._id), r.amountMnt])),
		cohort?.budgetMnt ?? 0
	);
	return { entries: entries.length, problems };
}

const requestView = <T extends object>(
	request: PaymentRequestDoc & { _id: Types.ObjectId },
	extra: T
) => ({
	id: String(request._id),
	grantId: String(request.grantId),
	trancheNo: request.trancheNo,
	amountMnt: request.amountMnt,
	method: request.method as PaymentMethod,
	reference: request.reference,
	requestedAt: request.requestedAt,
	...extra
});

/**
 * Finance: requests awaiting approval, approved ones awaiting payment and the latest decided,
 * each with its grant and tranche; the cohort's money and whether the ledger reconciles.
 */
export async function financeQueue(viewer: SessionUser, ip: string) {
	if (!viewer.roles.includes('finance')) throw new GrantError('forbidden');
	const cohort = await grantCohort();
	const [requests, entries, grants] = await Promise.all([
		PaymentRequest.find({ cohortId: cohort._id }).lean(),
		GrantLedger.find({ cohortId: cohort._id }).sort({ seq: 1 }).lean(),
		Grant.find(
			{ cohortId: cohort._id },
			{ amountMnt: 1, tranches: 1, participantId: 1, soum: 1 }
		).lean()
	]);
	const latest = new Map<string, (typeof entries)[number]>();
	const paidByGrant = new Map<string, number>();
	for (const entry of entries) {
		latest.set(String(entry.requestId), entry);
		if (entry.kind === 'paid') {
			paidByGrant.set(
				String(entry.grantId),
				(paidByGrant.get(String(entry.grantId)) ?? 0) + entry.amountMnt
			);
		}
	}
	const grantById = new Map(grants.map((g) => [String(g._id), g]));
	const [identities, participants, names] = await Promise.all([
		identitiesFor(
			viewer,
			grants.map((g) => g.participantId),
			{ ip }
		),
		Participant.find({ _id: { $in: grants.map((g) => g.participantId) } }, { code: 1 }).lean(),
		User.find(
			{ _id: { $in: [...requests.map((r) => r.requestedBy), ...entries.map((e) => e.actorId)] } },
			{ name: 1 }
		).lean()
	]);
	const codeOf = new Map(participants.map((p) => [String(p._id), p.code]));
	const nameOf = new Map(names.map((u) => [String(u._id), u.name]));
	const rows = requests
		.filter((r) => latest.has(String(r._id)))
		.map((request) => {
			const grant = grantById.get(String(request.grantId));
			const entry = latest.get(String(request._id))!;
			const identity = identities.get(String(request.participantId));
			return requestView(request, {
				state: entry.kind as PaymentState,
				decidedAt: entry.at,
				decidedBy: entry.kind === 'requested' ? null : (nameOf.get(String(entry.actorId)) ?? '—'),
				reason: entry.reason ?? null,
				code: codeOf.get(String(request.participantId)) ?? '—',
				name: identity ? displayName(identity) : '—',
				soum: grant?.soum ?? '',
				tranches: grant?.tranches.length ?? 0,
				grantAmountMnt: grant?.amountMnt ?? 0,
				grantPaidMnt: paidByGrant.get(String(request.grantId)) ?? 0,
				requestedBy: nameOf.get(String(request.requestedBy)) ?? '—',
				mine: String(request.requestedBy) === viewer.id
			});
		});
	const last = entries.at(-1);
	const totals = last ? { openMnt: last.openAfterMnt, paidMnt: last.paidAfterMnt } : ZERO;
	const committed = await AwardDecision.findOne({ cohortId: cohort._id }).sort({ seq: -1 }).lean();
	const check = await reconcileLedger(cohort._id);
	const byState = (state: PaymentState) =>
		rows.filter((r) => r.state === state).sort((a, b) => +a.decidedAt - +b.decidedAt);
	return {
		cohort: { name: cohort.name },
		money: {
			budgetMnt: cohort.budgetMnt,
			committedMnt: committed?.committedAfterMnt ?? 0,
			...totals,
			remainingMnt: cohort.budgetMnt - totals.paidMnt - totals.openMnt
		},
		awaitingApproval: byState('requested'),
		awaitingPayment: byState('approved'),
		decided: [...byState('paid'), ...byState('rejected')]
			.sort((a, b) => +b.decidedAt - +a.decidedAt)
			.slice(0, 30),
		ledger: {
			entries: check.entries,
			reconciles: check.problems.length === 0,
			problems: check.problems.length
		}
	};
}

/**
 * One request for finance or coordinators: how and to whom it is paid (the account details
 * are sensitive: reading them is audited), its grant and tranche, and its history.
 */
export async function paymentDetail(viewer: SessionUser, requestId: string, ip: string) {
	const isFinance = viewer.roles.includes('finance');
	if (!isFinance && !viewer.roles.includes('coordinator')) throw new GrantError('forbidden');
	const request = await PaymentRequest.findById(objectId(requestId)).lean();
	if (!request) throw new GrantError('notFound');
	const entries = await GrantLedger.find({ requestId: request._id }).sort({ seq: 1 }).lean();
	if (entries.length === 0) throw new GrantError('notFound');
	const [grant, identities, participant, users, totals, cohort] = await Promise.all([
		Grant.findById(request.grantId, { amountMnt: 1, tranches: 1, soum: 1 }).lean(),
		identitiesFor(viewer, [request.participantId], { ip }),
		Participant.findById(request.participantId, { code: 1 }).lean(),
		User.find(
			{ _id: { $in: [request.requestedBy, ...entries.map((e) => e.actorId)] } },
			{ name: 1 }
		).lean(),
		ledgerTotals(request.cohortId),
		Cohort.findById(request.cohortId, { budgetMnt: 1 }).lean()
	]);
	const grantPaid = await GrantLedger.find(
		{ grantId: request.grantId, kind: 'paid' },
		{ amountMnt: 1 }
	).lean();
	const nameOf = new Map(users.map((u) => [String(u._id), u.name]));
	const identity = identities.get(String(request.participantId));
	const state = entries.at(-1)!.kind as PaymentState;
	const mine = String(request.requestedBy) === viewer.id;
	await paymentAudit(
		'payment.viewed',
		viewer,
		isFinance ? 'finance' : 'coordinator',
		request._id,
		ip,
		{}
	);
	return {
		request: requestView(request, {
			state,
			bankName: request.bankName ?? null,
			accountName: request.accountName ?? null,
			accountNumber: request.accountNumber ?? null,
			supplierName: request.supplierName ?? null,
			note: request.note ?? '',
			requestedBy: nameOf.get(String(request.requestedBy)) ?? '—',
			code: participant?.code ?? '—',
			name: identity ? displayName(identity) : '—',
			soum: grant?.soum ?? '',
			tranches: grant?.tranches.length ?? 0,
			grantAmountMnt: grant?.amountMnt ?? 0,
			grantPaidMnt: grantPaid.reduce((sum, e) => sum + e.amountMnt, 0)
		}),
		history: entries.map((e) => ({
			seq: e.seq,
			kind: e.kind as LedgerKind,
			at: e.at,
			by: nameOf.get(String(e.actorId)) ?? '—',
			reason: e.reason ?? null,
			paidOn: e.paidOn ?? null,
			paymentReference: e.paymentReference ?? null
		})),
		money: {
			budgetMnt: cohort?.budgetMnt ?? 0,
			...totals,
			remainingMnt: (cohort?.budgetMnt ?? 0) - totals.paidMnt - totals.openMnt
		},
		can: {
			decide: isFinance && !mine && state === 'requested',
			markPaid: isFinance && !mine && state === 'approved',
			ownRequest: isFinance && mine && (state === 'requested' || state === 'approved')
		}
	};
}

export type PaymentDetail = Awaited<ReturnType<typeof paymentDetail>>;
