// Settlement grants as each role sees them: the coordinators' list by state with overdue items,
// one grant (amount, tranches and payments, agreement, verification, receipts, planned against
// spent, and what the viewer may do), her own, her mentor's list, and the printable agreement.
import { Types } from 'mongoose';
import {
	daysOverdue,
	grantStatus,
	requestRefusal,
	useOfFunds,
	type GrantState,
	type Tranche
} from '$lib/domain/grants';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { AwardDecision } from '$lib/server/db/models/awardDecision';
import { Cohort } from '$lib/server/db/models/cohort';
import { Grant } from '$lib/server/db/models/grant';
import { GrantLedger } from '$lib/server/db/models/grantLedger';
import { GrantVerification } from '$lib/server/db/models/grantVerification';
import { Participant } from '$lib/server/db/models/participant';
import { PaymentRequest } from '$lib/server/db/models/paymentRequest';
import { Receipt } from '$lib/server/db/models/receipt';
import { User } from '$lib/server/db/models/user';
import {
	GrantError,
	grantCohort,
	loadGrant,
	requestsOf,
	roleOf,
	verifiedGrants,
	type RequestWithState
} from './grantAccess';
import { planBasis, requireCoordinator, rulesOf, syncGrants } from './grants';
import { ledgerTotals } from './payments';
import { displayName, identitiesFor } from './participantIdentity';

type GrantRow = Awaited<ReturnType<typeof Grant.findOne>> & object;

export function statusOf(
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

/** The latest entry (highest `seq`) of each key. */
function latestBy<T extends { seq: number }>(entries: T[], key: (entry: T) => string) {
	const latest = new Map<string, T>();
	for (const entry of entries) {
		const had = latest.get(key(entry));
		if (!had || entry.seq > had.seq) latest.set(key(entry), entry);
	}
	return latest;
}

/**
 * The ledger dates the list's overdue marks count from: the last entry of each open request,
 * the last payment of each grant awaiting verification. Two reads however many grants (on the
 * embedded database each read scans the ledger: one per grant made the list slow at scale).
 */
async function overdueDates(openRequestIds: string[], awaitingGrantIds: Types.ObjectId[]) {
	const [requestEntries, payments] = await Promise.all([
		openRequestIds.length
			? GrantLedger.find(
					{ requestId: { $in: openRequestIds } },
					{ requestId: 1, seq: 1, at: 1 }
				).lean()
			: [],
		awaitingGrantIds.length
			? GrantLedger.find(
					{ grantId: { $in: awaitingGrantIds }, kind: 'paid' },
					{ grantId: 1, seq: 1, at: 1, paidOn: 1 }
				).lean()
			: []
	]);
	return {
		lastOfRequest: latestBy(requestEntries, (e) => String(e.requestId)),
		lastPayment: latestBy(payments, (e) => String(e.grantId))
	};
}

/** The request a grant in payment waits on. */
const openRequestOf = (requests: RequestWithState[]) =>
	requests.find((r) => r.state === 'requested' || r.state === 'approved');

/** What waits, since when: the item the coordinators' list marks as overdue. */
function overdueOf(
	grant: { _id: Types.ObjectId; createdAt?: Date | null },
	state: GrantState,
	requests: RequestWithState[],
	dates: Awaited<ReturnType<typeof overdueDates>>,
	now: Date
): number {
	if (state === 'agreementPending') {
		return daysOverdue('agreementPending', grant.createdAt ?? now, now);
	}
	if (state === 'inPayment') {
		const open = openRequestOf(requests);
		if (!open) return 0;
		const last = dates.lastOfRequest.get(open.id);
		return daysOverdue(open.state === 'approved' ? 'approved' : 'requested', last?.at ?? now, now);
	}
	if (state === 'awaitingVerification') {
		const paid = dates.lastPayment.get(String(grant._id));
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
	const statuses = grants.map((grant) => {
		const mine = requests.get(String(grant._id)) ?? [];
		return { grant, mine, status: statusOf(grant, mine, verified.has(String(grant._id))) };
	});
	const dates = await overdueDates(
		statuses.flatMap(({ mine, status }) =>
			status.state === 'inPayment' ? (openRequestOf(mine)?.id ?? []) : []
		),
		statuses.flatMap(({ grant, status }) =>
			status.state === 'awaitingVerification' ? [grant._id] : []
		)
	);
	const rows: GrantRowView[] = [];
	for (const { grant, mine, status } of statuses) {
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
			daysOverdue: overdueOf(grant, status.state, mine, dates, now)
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
