// What the grant services share: their error, who a viewer is to a grant, and the grant's
// payment requests with their states read from the ledger.
import { Types } from 'mongoose';
import type { PaymentState, RequestRefusal, ScheduleProblem } from '$lib/domain/grants';
import type { SessionUser } from '$lib/server/auth/session';
import { Cohort } from '$lib/server/db/models/cohort';
import { Grant } from '$lib/server/db/models/grant';
import { GrantLedger } from '$lib/server/db/models/grantLedger';
import { GrantVerification } from '$lib/server/db/models/grantVerification';
import { Participant } from '$lib/server/db/models/participant';
import { PaymentRequest } from '$lib/server/db/models/paymentRequest';
import { participantAccess } from './plans';

export type GrantErrorCode =
	| RequestRefusal
	| 'noCohort'
	| 'notFound'
	| 'forbidden'
	| 'invalid' // the form has problems: `details` names the fields
	| 'schedule' // the tranches are not a valid schedule: `details` are ScheduleProblems
	| 'signed' // the schedule cannot change once the agreement is signed
	| 'alreadySigned'
	| 'ownRequest' // nobody approves, rejects or pays a request she made
	| 'alreadyDecided' // approved and rejected exclude each other
	| 'notApproved' // only an approved request can be paid
	| 'fileType'
	| 'fileSize'
	| 'busy';

export class GrantError extends Error {
	constructor(
		readonly code: GrantErrorCode,
		readonly details: string[] = []
	) {
		super(code);
	}
}

export const scheduleError = (problems: ScheduleProblem[]) => new GrantError('schedule', problems);

export const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

export function objectId(id: string): Types.ObjectId {
	if (!Types.ObjectId.isValid(id)) throw new GrantError('notFound');
	return new Types.ObjectId(id);
}

/** The current cohort, with its budget and tranche rules. */
export async function grantCohort() {
	const cohort = await Cohort.findOne({ current: true }).lean();
	if (!cohort) throw new GrantError('noCohort');
	return cohort;
}

/** owner: the woman herself; staff: coordinators; finance: approvers; mentor: her soum's. */
export type GrantAccess = 'owner' | 'staff' | 'finance' | 'mentor';

/**
 * The grant and who the viewer is to it; 404 when she may not see it (never confirming that
 * someone else's grant exists). Staff before finance: a coordinator who also approves acts as
 * staff here.
 */
export async function loadGrant(viewer: SessionUser, grantId: string) {
	const grant = await Grant.findById(objectId(grantId)).lean();
	if (!grant) throw new GrantError('notFound');
	const participant = await Participant.findById(grant.participantId, {
		userId: 1,
		soum: 1,
		code: 1,
		stage: 1
	}).lean();
	if (!participant) throw new GrantError('notFound');
	const byPlan = await participantAccess(viewer, participant);
	const access: GrantAccess | null =
		byPlan ?? (viewer.roles.includes('finance') ? 'finance' : null);
	if (!access) throw new GrantError('notFound');
	return { grant, participant, access };
}

export const roleOf = (access: GrantAccess) =>
	access === 'owner'
		? 'applicant'
		: access === 'staff'
			? 'coordinator'
			: access === 'finance'
				? 'finance'
				: 'mentor';

export interface RequestWithState {
	id: string;
	trancheNo: number;
	amountMnt: number;
	state: PaymentState;
	requestedBy: string;
	requestedAt: Date;
}

/**
 * The grant's requests that reached the ledger, each with its state (the kind of its latest
 * entry). `uptoSeq` reads the ledger as it stood after that entry, so that a writer checks its
 * rule against the same ledger it is about to extend.
 */
export async function requestsOf(
	grantIds: readonly Types.ObjectId[],
	uptoSeq?: number
): Promise<Map<string, RequestWithState[]>> {
	const filter: Record<string, unknown> = { grantId: { $in: grantIds } };
	if (uptoSeq !== undefined) filter.seq = { $lte: uptoSeq };
	const entries = await GrantLedger.find(filter, {
		requestId: 1,
		grantId: 1,
		kind: 1,
		seq: 1,
		trancheNo: 1,
		amountMnt: 1
	})
		.sort({ seq: 1 })
		.lean();
	const requests = await PaymentRequest.find(
		{ _id: { $in: [...new Set(entries.map((e) => String(e.requestId)))] } },
		{ requestedBy: 1, requestedAt: 1 }
	).lean();
	const made = new Map(requests.map((r) => [String(r._id), r]));
	const byRequest = new Map<string, RequestWithState & { grantId: string }>();
	for (const entry of entries) {
		const id = String(entry.requestId);
		const request = made.get(id);
		byRequest.set(id, {
			id,
			grantId: String(entry.grantId),
			trancheNo: entry.trancheNo,
			amountMnt: entry.amountMnt,
			state: entry.kind as PaymentState,
			requestedBy: String(request?.requestedBy ?? ''),
			requestedAt: request?.requestedAt ?? new Date(0)
		});
	}
	const result = new Map<string, RequestWithState[]>(grantIds.map((id) => [String(id), []]));
	for (const { grantId, ...request } of byRequest.values()) result.get(grantId)?.push(request);
	return result;
}

/** Grant ids whose business a mentor has verified. */
export async function verifiedGrants(grantIds: readonly Types.ObjectId[]): Promise<Set<string>> {
	const rows = await GrantVerification.find({ grantId: { $in: grantIds } }, { grantId: 1 }).lean();
	return new Set(rows.map((r) => String(r.grantId)));
}
