// Erasing a participant's personal data (issue 10, retention): after the retention period
// (lib/domain/retention.ts) or at any time on her request. Coordinators only. What identifies
// her is removed (her account's name and phone, national ID, address, her own and others' free
// text about her, bank details, uploaded files); what the reports count is kept (soum, cohort,
// stage, dates, scores, amounts, attendance, check-in figures, consent decisions, her code).
//
// No transactions (docs/database.md): every step is idempotent, and they run in an order that
// leaves a re-run able to finish after a crash anywhere:
// 1. mark the erasure as begun, disable her account, end her sessions and set-up codes;
// 2. delete the files (before the documents that name them are emptied);
// 3. steps keyed by her phone (sign-in attempts, audit details), before the phone goes;
// 4. empty the free text and bank details of every record about her;
// 5. her profile, then her account's name and phone;
// 6. mark her erased, and write the one audit entry of the erasure (once).
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Types } from 'mongoose';
import {
	ERASED_SKELETON,
	ERASED_TEXT,
	basisAllows,
	confirmationMatches,
	erasedPhone,
	isErasedPhone,
	lastActivity,
	reasonFitsBasis,
	retentionEligibility,
	scrubAuditDetails,
	scrubPlanContent,
	type ErasureBasis,
	type ErasureReason
} from '$lib/domain/retention';
import { audit } from '$lib/server/audit';
import { forgetAccount, invalidateUserSessions, type SessionUser } from '$lib/server/auth/session';
import { Attendance } from '$lib/server/db/models/attendance';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { AwardDecision } from '$lib/server/db/models/awardDecision';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { CheckIn } from '$lib/server/db/models/checkIn';
import { ConflictDeclaration } from '$lib/server/db/models/conflictDeclaration';
import { ConsentRecord } from '$lib/server/db/models/consentRecord';
import { Enrolment } from '$lib/server/db/models/enrolment';
import { Grant } from '$lib/server/db/models/grant';
import { GrantLedger } from '$lib/server/db/models/grantLedger';
import { GrantVerification } from '$lib/server/db/models/grantVerification';
import { NeedAssessment } from '$lib/server/db/models/needAssessment';
import { Participant } from '$lib/server/db/models/participant';
import { PaymentRequest } from '$lib/server/db/models/paymentRequest';
import { PlanComment } from '$lib/server/db/models/planComment';
import { PlanSectionDraft } from '$lib/server/db/models/planSectionDraft';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { Receipt } from '$lib/server/db/models/receipt';
import { Review, ReviewDraft } from '$lib/server/db/models/review';
import { SafeguardingConcern } from '$lib/server/db/models/safeguardingConcern';
import { SetupCode, SetupCodeRedemption } from '$lib/server/db/models/setupCode';
import { SignInAttempt } from '$lib/server/db/models/signInAttempt';
import { User } from '$lib/server/db/models/user';
import { photosDir } from './mentoring';
import { canViewProtected } from './participantIdentity';
import { receiptsDir } from './receipts';

export class ErasureError extends Error {
	constructor(
		readonly code:
			| 'forbidden'
			| 'notFound'
			| 'protectedNeedsPermission'
			| 'reasonNotForBasis'
			| 'confirmation'
			| 'notYetEligible'
	) {
		super(code);
	}
}

export interface ErasureInput {
	basis: ErasureBasis;
	reason: ErasureReason;
	/** Her participant code, typed by the coordinator to confirm. */
	confirmation: string;
}

/** Programme staff who hold participants' records: coordinators. */
function requireCoordinator(actor: SessionUser) {
	if (!actor.roles.includes('coordinator')) throw new ErasureError('forbidden');
}

async function findRow(id: string) {
	const row = Types.ObjectId.isValid(id) ? await Participant.findById(id).lean() : null;
	if (!row) throw new ErasureError('notFound');
	return row;
}

type Row = Awaited<ReturnType<typeof findRow>>;

/** The ids of everything that is about her. */
async function herRecords(row: Row) {
	const participantId = row._id;
	const [plan, grants, requests, checkIns, receipts, concerns, enrolments] = await Promise.all([
		BusinessPlan.findOne({ participantId }, { _id: 1, updatedAt: 1, submittedAt: 1 }).lean(),
		Grant.find({ participantId }, { _id: 1, signedOn: 1, signedRecordedAt: 1 }).lean(),
		PaymentRequest.find({ participantId }, { _id: 1 }).lean(),
		CheckIn.find({ participantId }, { _id: 1, idempotencyKey: 1, on: 1, recordedAt: 1 }).lean(),
		Receipt.find({ participantId }, { _id: 1, uploadedAt: 1 }).lean(),
		SafeguardingConcern.find(
			{ participantId },
			{ _id: 1, checkInKey: 1, raisedAt: 1, closedAt: 1 }
		).lean(),
		Enrolment.find({ participantId }, { _id: 1 }).lean()
	]);
	return { plan, grants, requests, checkIns, receipts, concerns, enrolments };
}

type Records = Awaited<ReturnType<typeof herRecords>>;

interface ScoreItem {
	criterion: string;
	score?: number | null;
	comment?: string | null;
}

/** Her last programme activity: the latest date among her records. */
async function lastActivityOf(row: Row, records: Records): Promise<Date> {
	const planId = records.plan?._id;
	const grantIds = records.grants.map((g) => g._id);
	const [consents, attendance, drafts, versions, decisions, ledger, verifications] =
		await Promise.all([
			ConsentRecord.find({ participantId: row._id }, { recordedAt: 1, on: 1 }).lean(),
			records.enrolments.length
				? Attendance.find(
						{ enrolmentId: { $in: records.enrolments.map((e) => e._id) } },
						{ recordedAt: 1 }
					).lean()
				: [],
			planId ? PlanSectionDraft.find({ planId }, { savedAt: 1 }).lean() : [],
			planId ? PlanVersion.find({ planId }, { submittedAt: 1, returnedAt: 1 }).lean() : [],
			AwardDecision.find({ participantId: row._id }, { decidedAt: 1 }).lean(),
			grantIds.length ? GrantLedger.find({ grantId: { $in: grantIds } }, { at: 1 }).lean() : [],
			GrantVerification.find({ participantId: row._id }, { verifiedAt: 1 }).lean()
		]);
	return (
		lastActivity([
			row.createdAt,
			...consents.flatMap((c) => [c.recordedAt, c.on]),
			...attendance.map((a) => a.recordedAt),
			records.plan?.submittedAt,
			...drafts.map((d) => d.savedAt),
			...versions.flatMap((v) => [v.submittedAt, v.returnedAt]),
			...decisions.map((d) => d.decidedAt),
			...records.grants.flatMap((g) => [g.signedOn, g.signedRecordedAt]),
			...ledger.map((e) => e.at),
			...verifications.map((v) => v.verifiedAt),
			...records.checkIns.flatMap((c) => [c.on, c.recordedAt]),
			...records.receipts.map((r) => r.uploadedAt),
			...records.concerns.flatMap((c) => [c.raisedAt, c.closedAt])
		]) ?? row.createdAt
	);
}

export interface ErasureStatus {
	participantId: string;
	code: string;
	protected: boolean;
	/** Set once her data is erased. */
	erased: { at: Date; byName: string | null } | null;
	/** An erasure began and did not finish: running it again completes it. */
	incomplete: boolean;
	lastActivityAt: Date;
	retentionEndsAt: Date;
	retentionEnded: boolean;
}

/** Whether and from when her data may be erased; who erased it, when it is. */
export async function erasureStatus(
	actor: SessionUser,
	participantId: string,
	now = new Date()
): Promise<ErasureStatus> {
	requireCoordinator(actor);
	const row = await findRow(participantId);
	const lastActivityAt = await lastActivityOf(row, await herRecords(row));
	const eligibility = retentionEligibility(lastActivityAt, now);
	const by = row.erasedBy ? await User.findById(row.erasedBy, { name: 1 }).lean() : null;
	return {
		participantId: String(row._id),
		code: row.code,
		protected: Boolean(row.protected),
		erased: row.erasedAt ? { at: row.erasedAt, byName: by?.name ?? null } : null,
		incomplete: Boolean(row.erasureStartedAt) && !row.erasedAt,
		lastActivityAt,
		...eligibility
	};
}

export interface ErasureCounts {
	sessions: number;
	setupCodes: number;
	signInAttempts: number;
	files: number;
	documents: number;
	deleted: number;
	auditEntries: number;
}

const NO_TIMESTAMPS = { timestamps: false } as const;

/** Deletes every file in `dir` whose name starts with one of `prefixes`; returns how many. */
async function removeFiles(dir: string, prefixes: readonly string[]): Promise<number> {
	if (!prefixes.length) return 0;
	let names: string[];
	try {
		names = await readdir(dir);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
		throw error;
	}
	let removed = 0;
	for (const name of names) {
		if (
			!prefixes.some(
				(prefix) =>
					name === prefix || name.startsWith(`${prefix}.`) || name.startsWith(`${prefix}-`)
			)
		)
			continue;
		await rm(path.join(dir, name), { force: true });
		removed++;
	}
	return removed;
}

/**
 * Erases her personal data. Coordinators only; a protected participant needs the
 * viewProtected permission. The basis must allow it now (a request always; retention once
 * the period has ended), the reason must fit the basis, and the confirmation must be her
 * code. Running it again is harmless, and completes an erasure that was interrupted.
 */
export async function eraseParticipant(
	actor: SessionUser,
	participantId: string,
	input: ErasureInput,
	ip: string,
	now = new Date()
): Promise<{ alreadyErased: boolean; counts: ErasureCounts }> {
	requireCoordinator(actor);
	const row = await findRow(participantId);
	if (row.protected && !canViewProtected(actor)) {
		throw new ErasureError('protectedNeedsPermission');
	}
	if (!reasonFitsBasis(input.basis, input.reason)) throw new ErasureError('reasonNotForBasis');
	if (!confirmationMatches(input.confirmation, row.code)) throw new ErasureError('confirmation');
	const records = await herRecords(row);
	// Once begun, an erasure is finished whatever the basis: half-erased data helps no one.
	if (!row.erasureStartedAt && !row.erasedAt) {
		const eligibility = retentionEligibility(await lastActivityOf(row, records), now);
		if (!basisAllows(input.basis, eligibility)) throw new ErasureError('notYetEligible');
	}
	const alreadyErased = Boolean(row.erasedAt);
	const counts: ErasureCounts = {
		sessions: 0,
		setupCodes: 0,
		signInAttempts: 0,
		files: 0,
		documents: 0,
		deleted: 0,
		auditEntries: 0
	};
	const modified = (result: { modifiedCount?: number }) => {
		counts.documents += result.modifiedCount ?? 0;
	};
	const pid = row._id;
	const userId = row.userId;

	// 1. Begun; her account closed at once.
	if (!row.erasureStartedAt) {
		await Participant.updateOne({ _id: pid }, { $set: { erasureStartedAt: now } }, NO_TIMESTAMPS);
	}
	await User.updateOne(
		{ _id: userId, disabled: { $ne: true } },
		{ $set: { disabled: true, disabledAt: now } },
		NO_TIMESTAMPS
	);
	await User.updateOne(
		{ _id: userId, passwordHash: { $exists: true } },
		{ $unset: { passwordHash: 1 } },
		NO_TIMESTAMPS
	);
	counts.sessions = await invalidateUserSessions(userId);
	counts.setupCodes = (await SetupCode.deleteMany({ userId })).deletedCount;
	await SetupCodeRedemption.deleteMany({ userId });

	// 2. Files, while the documents still name them: receipts are named by their id, check-in
	// photos by the check-in's key (leftovers of an interrupted upload included).
	counts.files += await removeFiles(
		receiptsDir(),
		records.receipts.map((r) => String(r._id))
	);
	counts.files += await removeFiles(
		photosDir(),
		records.checkIns.map((c) => c.idempotencyKey)
	);
	modified(
		await Receipt.updateMany(
			{ participantId: pid, fileErasedAt: { $exists: false } },
			{ $set: { description: '', originalName: '', sha256: ERASED_TEXT, fileErasedAt: now } }
		)
	);

	// 3. What is found by her phone, while her account still has it.
	const user = await User.findById(userId, { phone: 1 }).lean();
	const phone = user && !isErasedPhone(user.phone) ? user.phone : null;
	if (phone) {
		counts.signInAttempts = (await SignInAttempt.deleteMany({ phone })).deletedCount;
		for (const entry of await AuditEntry.find({ 'details.phone': phone }).lean()) {
			const details = scrubAuditDetails(entry.action, entry.details);
			if (details) {
				await AuditEntry.updateOne({ _id: entry._id }, { $set: { details } });
				counts.auditEntries++;
			}
		}
	}
	counts.auditEntries += await scrubAuditAbout(row, records);

	// 4. Free text and bank details of every record about her; figures and dates kept.
	const planId = records.plan?._id;
	const requestIds = records.requests.map((r) => r._id);
	modified(
		await ConsentRecord.updateMany(
			{ participantId: pid, witness: { $exists: true } },
			{ $unset: { witness: 1 } }
		)
	);
	if (planId) {
		modified(
			await BusinessPlan.updateOne(
				{ _id: planId, returnReason: { $exists: true } },
				{ $unset: { returnReason: 1 } },
				NO_TIMESTAMPS
			)
		);
		counts.deleted += (await PlanSectionDraft.deleteMany({ planId })).deletedCount;
		counts.deleted += (await PlanComment.deleteMany({ planId })).deletedCount;
		for (const version of await PlanVersion.find({ planId }).lean()) {
			await PlanVersion.updateOne(
				{ _id: version._id },
				{ $set: { content: scrubPlanContent(version.content) }, $unset: { returnReason: 1 } }
			);
			counts.documents++;
		}
		const emptied = (items: readonly ScoreItem[]) =>
			items.some((item) => item.comment)
				? items.map((item) => ({ criterion: item.criterion, score: item.score, comment: '' }))
				: null;
		for (const review of await Review.find({ planId }, { items: 1 }).lean()) {
			const items = emptied(review.items);
			if (items) modified(await Review.updateOne({ _id: review._id }, { $set: { items } }));
		}
		for (const draft of await ReviewDraft.find({ planId }, { items: 1 }).lean()) {
			const items = emptied(draft.items);
			if (items) modified(await ReviewDraft.updateOne({ _id: draft._id }, { $set: { items } }));
		}
		modified(
			await ConflictDeclaration.updateMany(
				{ planId, note: { $exists: true } },
				{ $unset: { note: 1 } }
			)
		);
		modified(
			await NeedAssessment.updateMany({ planId, comment: { $ne: '' } }, { $set: { comment: '' } })
		);
	}
	modified(
		await AwardDecision.updateMany(
			{ participantId: pid, reason: { $ne: ERASED_TEXT } },
			{ $set: { reason: ERASED_TEXT, applicantMessage: '' } }
		)
	);
	for (const grant of await Grant.find({ participantId: pid }, { budgetLines: 1 }).lean()) {
		await Grant.updateOne(
			{ _id: grant._id },
			{
				$set: {
					budgetLines: grant.budgetLines.map((line) => ({
						key: line.key,
						label: '',
						plannedMnt: line.plannedMnt
					}))
				},
				$unset: { witnessedBy: 1 }
			},
			NO_TIMESTAMPS
		);
		counts.documents++;
	}
	modified(
		await GrantVerification.updateMany(
			{ participantId: pid, note: { $ne: ERASED_TEXT } },
			{ $set: { note: ERASED_TEXT } }
		)
	);
	modified(
		await PaymentRequest.updateMany(
			{ participantId: pid },
			{
				$set: { note: '' },
				$unset: { bankName: 1, accountName: 1, accountNumber: 1, supplierName: 1 }
			}
		)
	);
	if (requestIds.length) {
		modified(
			await GrantLedger.updateMany(
				{ requestId: { $in: requestIds }, reason: { $exists: true, $ne: ERASED_TEXT } },
				{ $set: { reason: ERASED_TEXT } }
			)
		);
	}
	modified(
		await CheckIn.updateMany(
			{ participantId: pid },
			{ $set: { supportGiven: '', problems: '', nextSteps: '', photos: [] } }
		)
	);
	modified(
		await SafeguardingConcern.updateMany(
			{ participantId: pid, note: { $ne: ERASED_TEXT } },
			{ $set: { note: ERASED_TEXT } }
		)
	);
	modified(
		await SafeguardingConcern.updateMany(
			{ participantId: pid, actionTaken: { $exists: true, $ne: ERASED_TEXT } },
			{ $set: { actionTaken: ERASED_TEXT } }
		)
	);

	// 5. Her profile, then her account: name and phone last (steps above are found by them).
	await Participant.updateOne(
		{ _id: pid },
		{
			$set: { nameSkeleton: ERASED_SKELETON },
			$unset: {
				bag: 1,
				originPlace: 1,
				arrivalYear: 1,
				birthYear: 1,
				householdSize: 1,
				children: 1,
				education: 1,
				currentWork: 1,
				notes: 1,
				nationalId: 1
			}
		},
		NO_TIMESTAMPS
	);
	await User.updateOne(
		{ _id: userId },
		{
			$set: { name: row.code, phone: erasedPhone(String(userId)) },
			$unset: { email: 1 }
		},
		NO_TIMESTAMPS
	);
	forgetAccount(userId);

	// 6. Done: marked, and audited once (a re-run finds the entry and writes none).
	if (!row.erasedAt) {
		await Participant.updateOne(
			{ _id: pid },
			{ $set: { erasedAt: now, erasedBy: new Types.ObjectId(actor.id) } },
			NO_TIMESTAMPS
		);
	}
	const audited = await AuditEntry.exists({
		action: 'participant.erased',
		entity: 'participant',
		entityId: String(pid)
	});
	if (!audited) {
		await audit({
			action: 'participant.erased',
			actorId: actor.id,
			actorRole: 'coordinator',
			entity: 'participant',
			entityId: String(pid),
			onBehalfOf: String(userId),
			ip,
			details: { basis: input.basis, reason: input.reason, ...counts }
		});
	}
	return { alreadyErased, counts };
}

/**
 * The audit entries about her (hers, on her behalf, on her records): her phone and the free
 * text they hold emptied, and the address she acted from dropped. Action, actor, time and the
 * ids stay. Returns how many changed.
 */
async function scrubAuditAbout(row: Row, records: Records): Promise<number> {
	const userId = row.userId;
	const about: Record<string, unknown>[] = [
		{ actorId: userId },
		{ onBehalfOf: userId },
		{ entity: 'participant', entityId: String(row._id) },
		{ entity: 'user', entityId: String(userId) }
	];
	const ids = (entity: string, list: { _id: Types.ObjectId }[]) => {
		if (list.length) about.push({ entity, entityId: { $in: list.map((x) => String(x._id)) } });
	};
	if (records.plan) ids('plan', [records.plan]);
	ids('grant', records.grants);
	ids('payment', records.requests);
	ids('safeguarding', records.concerns);
	let changed = 0;
	const entries = await AuditEntry.find(
		{ $or: about },
		{ action: 1, actorId: 1, ip: 1, details: 1 }
	).lean();
	for (const entry of entries) {
		const details = scrubAuditDetails(entry.action, entry.details);
		const hers = entry.actorId && String(entry.actorId) === String(userId) && entry.ip;
		if (!details && !hers) continue;
		await AuditEntry.updateOne(
			{ _id: entry._id },
			{
				...(details ? { $set: { details } } : {}),
				...(hers ? { $unset: { ip: 1 } } : {})
			}
		);
		changed++;
	}
	return changed;
}
