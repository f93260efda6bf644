// Coordinators' CSV exports of a cohort: participants, plans, scores, grants, payments and
// check-ins. Pseudonymised by default (her code, never her name, phone, address or ID number;
// for a protected woman not even her birth and arrival years). An identifying export needs the
// viewProtected permission and a written reason, and is audited with it. Rows come from a
// database cursor a batch at a time and leave as a stream (lib/server/csv.ts): a table of any
// size never sits in memory. Safeguarding notes and flags are never exported.
import { Types, type Model } from 'mongoose';
import { EXPORT_KINDS, type ExportKind } from '$lib/domain/dataExports';
import { currentConsent, type ConsentEvent } from '$lib/domain/participant';
import { dayOf } from '$lib/domain/mentoring';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { CheckIn } from '$lib/server/db/models/checkIn';
import { ConsentRecord } from '$lib/server/db/models/consentRecord';
import { Grant } from '$lib/server/db/models/grant';
import { GrantLedger } from '$lib/server/db/models/grantLedger';
import { Participant } from '$lib/server/db/models/participant';
import { PaymentRequest } from '$lib/server/db/models/paymentRequest';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { Review } from '$lib/server/db/models/review';
import { User } from '$lib/server/db/models/user';
import { cohortDoc } from './cohorts';
import { canViewProtected, identitiesOf } from './participantIdentity';

/** Columns only an identifying export carries. */
const IDENTIFYING = ['name', 'phone', 'nationalId', 'bag', 'originPlace'] as const;

/** Every kind's columns, in order; the identifying ones appear only in identifying exports. */
export const EXPORT_COLUMNS = {
	participants: [
		'code',
		...IDENTIFYING,
		'soum',
		'stage',
		'birthYear',
		'arrivalYear',
		'householdSize',
		'children',
		'education',
		'referralSource',
		'registeredOn',
		'consentParticipation',
		'consentSoumSharing',
		'consentDonorReporting'
	],
	plans: [
		'code',
		'name',
		'soum',
		'state',
		'version',
		'submittedOn',
		'businessName',
		'businessType',
		'startupTotalMnt',
		'grantRequestedMnt'
	],
	scores: ['code', 'planVersion', 'reviewer', 'total', 'scores', 'submittedOn'],
	grants: ['code', 'name', 'soum', 'amountMnt', 'tranches', 'signedOn', 'paidMnt', 'cancelledOn'],
	payments: [
		'code',
		'name',
		'trancheNo',
		'amountMnt',
		'method',
		'reference',
		'requestedOn',
		'state',
		'paidOn',
		'paymentReference',
		'bankName',
		'accountName',
		'accountNumber',
		'supplierName'
	],
	checkins: [
		'code',
		'soum',
		'on',
		'source',
		'mode',
		'businessStatus',
		'salesMnt',
		'costsMnt',
		'customersPerWeek',
		'workersOwner',
		'workersPaid',
		'workersFamily',
		'milestones',
		'photos',
		'verifiesOperating',
		'queuedOffline',
		'recordedBy',
		'supportGiven',
		'problems',
		'nextSteps'
	]
} as const satisfies Record<ExportKind, readonly string[]>;

export type ExportColumn = (typeof EXPORT_COLUMNS)[ExportKind][number];

/** Columns that name her or could: left out of pseudonymised exports. */
const IDENTIFYING_COLUMNS = new Set<string>([
	...IDENTIFYING,
	// A bank account names its holder; free texts of a check-in may name anyone.
	'accountName',
	'accountNumber',
	'supportGiven',
	'problems',
	'nextSteps'
]);

export function columnsOf(kind: ExportKind, identifying: boolean): readonly ExportColumn[] {
	return EXPORT_COLUMNS[kind].filter((c) => identifying || !IDENTIFYING_COLUMNS.has(c));
}

export class ExportError extends Error {
	constructor(public readonly code: 'forbidden' | 'notAllowedIdentifying' | 'noCohort') {
		super(code);
	}
}

export interface ExportRequest {
	kind: ExportKind;
	cohortId?: string | null;
	/** With her name and contact details: needs viewProtected and a reason. */
	identifying: boolean;
	reason?: string;
	/** Participants only: the list's filters (soum, stage). */
	soum?: string;
	stage?: string;
}

const BATCH = 500;

function requireCoordinator(viewer: SessionUser) {
	if (!viewer.roles.includes('coordinator')) throw new ExportError('forbidden');
}

async function cohortIdOf(cohortId?: string | null): Promise<Types.ObjectId> {
	const cohort = await cohortDoc(cohortId);
	if (!cohort) throw new ExportError('noCohort');
	return cohort._id;
}

/** The documents an export reads, as a filter on its collection. */
function scopeOf(
	kind: ExportKind,
	cohortId: Types.ObjectId,
	request: ExportRequest
): Record<string, unknown> {
	if (kind === 'participants') {
		return {
			cohortId,
			...(request.soum ? { soum: request.soum } : {}),
			...(request.stage ? { stage: request.stage } : {})
		};
	}
	return { cohortId };
}

const MODELS = {
	participants: Participant,
	plans: BusinessPlan,
	scores: Review,
	grants: Grant,
	payments: PaymentRequest,
	checkins: CheckIn
} as const;

type AnyDoc = Record<string, unknown>;
const modelOf = (kind: ExportKind) => MODELS[kind] as unknown as Model<AnyDoc>;

/** How many rows each export of the cohort has: for the exports page and its progress bars. */
export async function exportSizes(viewer: SessionUser, cohortId?: string | null) {
	requireCoordinator(viewer);
	const id = await cohortIdOf(cohortId);
	const counts = await Promise.all(
		EXPORT_KINDS.map((kind) =>
			modelOf(kind).countDocuments(scopeOf(kind, id, { kind, identifying: false }))
		)
	);
	return Object.fromEntries(EXPORT_KINDS.map((k, i) => [k, counts[i]!])) as Record<
		ExportKind,
		number
	>;
}

/** A cursor's documents a batch at a time. */
async function* batchesOf<T>(cursor: AsyncIterable<T>): AsyncGenerator<T[]> {
	let batch: T[] = [];
	for await (const doc of cursor) {
		batch.push(doc);
		if (batch.length === BATCH) {
			yield batch;
			batch = [];
		}
	}
	if (batch.length) yield batch;
}

const day = (date: Date | null | undefined) => (date ? dayOf(date) : '');
const flag = (value: boolean | null | undefined) => (value ? 1 : 0);

type Row = Partial<Record<ExportColumn, unknown>>;

/** Who the women of a batch are, as this export may name them. */
async function peopleOf(
	viewer: SessionUser,
	participantIds: readonly Types.ObjectId[],
	identifying: boolean,
	ip: string
) {
	const rows = await Participant.find(
		{ _id: { $in: participantIds } },
		{ userId: 1, code: 1, bag: 1, nationalId: 1, protected: 1, soum: 1 }
	).lean();
	const identities = identifying ? await identitiesOf(viewer, rows, { ip }) : null;
	return new Map(
		rows.map((p) => {
			const identity = identities?.get(String(p._id));
			return [
				String(p._id),
				{
					code: p.code,
					protected: Boolean(p.protected),
					name: identity?.name ?? '',
					phone: identity?.phone ?? '',
					bag: identity?.bag ?? '',
					nationalId: identity?.nationalIdMasked ?? ''
				}
			];
		})
	);
}

type Batch<K extends ExportKind> = Awaited<ReturnType<(typeof MODELS)[K]['find']>>;

type BatchRows = (
	viewer: SessionUser,
	docs: Record<string, unknown>[],
	identifying: boolean,
	ip: string
) => Promise<Row[]>;

const ROWS: Record<ExportKind, BatchRows> = {
	async participants(viewer, docs, identifying, ip) {
		const participants = docs as unknown as Batch<'participants'>;
		const ids = participants.map((p) => p._id);
		const [identities, consents] = await Promise.all([
			identifying ? identitiesOf(viewer, participants, { ip }) : null,
			ConsentRecord.find({ participantId: { $in: ids } })
				.sort({ recordedAt: 1 })
				.lean()
		]);
		return participants.map((p) => {
			const person = identities?.get(String(p._id));
			const consent = currentConsent(
				consents.filter((c) => String(c.participantId) === String(p._id)) as ConsentEvent[]
			);
			// A protected woman's years and household say too much beside her soum.
			const hide = p.protected && !identifying;
			return {
				code: p.code,
				name: person?.name ?? '',
				phone: person?.phone ?? '',
				nationalId: person?.nationalIdMasked ?? '',
				bag: person?.bag ?? '',
				originPlace: identifying ? (p.originPlace ?? '') : '',
				soum: p.soum,
				stage: p.stage,
				birthYear: hide ? '' : p.birthYear,
				arrivalYear: hide ? '' : p.arrivalYear,
				householdSize: hide ? '' : p.householdSize,
				children: hide ? '' : p.children,
				education: p.education,
				referralSource: hide ? '' : p.referralSource,
				registeredOn: day(p.createdAt),
				consentParticipation: flag(consent.participation.given),
				consentSoumSharing: flag(consent.soum_sharing.given),
				consentDonorReporting: flag(consent.donor_reporting.given)
			};
		});
	},

	async plans(viewer, docs, identifying, ip) {
		const plans = docs as unknown as Batch<'plans'>;
		const [people, versions] = await Promise.all([
			peopleOf(
				viewer,
				plans.map((p) => p.participantId),
				identifying,
				ip
			),
			PlanVersion.find(
				{ planId: { $in: plans.map((p) => p._id) } },
				{
					planId: 1,
					version: 1,
					content: 1,
					startupTotalMnt: 1,
					grantRequestedMnt: 1,
					submittedAt: 1
				}
			)
				.sort({ version: 1 })
				.lean()
		]);
		const latest = new Map(versions.map((v) => [String(v.planId), v]));
		return plans.map((plan) => {
			const person = people.get(String(plan.participantId));
			const version = latest.get(String(plan._id));
			const idea = (version?.content as { idea?: { businessName?: string; businessType?: string } })
				?.idea;
			return {
				code: person?.code ?? '',
				name: person?.name ?? '',
				soum: plan.soum,
				state: plan.state,
				version: version?.version ?? '',
				submittedOn: day(version?.submittedAt),
				// A business's name can name its owner: not for a protected woman, unless identifying.
				businessName: person?.protected && !identifying ? '' : (idea?.businessName ?? ''),
				businessType: idea?.businessType ?? '',
				startupTotalMnt: version?.startupTotalMnt ?? '',
				grantRequestedMnt: version?.grantRequestedMnt ?? ''
			};
		});
	},

	async scores(viewer, docs) {
		const reviews = docs as unknown as Batch<'scores'>;
		const [plans, reviewers] = await Promise.all([
			BusinessPlan.find(
				{ _id: { $in: reviews.map((r) => r.planId) } },
				{ participantId: 1 }
			).lean(),
			User.find({ _id: { $in: reviews.map((r) => r.reviewerId) } }, { name: 1 }).lean()
		]);
		const people = await peopleOf(
			viewer,
			plans.map((p) => p.participantId),
			false,
			''
		);
		const codeOf = new Map(
			plans.map((p) => [String(p._id), people.get(String(p.participantId))?.code ?? ''])
		);
		const names = new Map(reviewers.map((u) => [String(u._id), u.name]));
		return reviews.map((r) => ({
			code: codeOf.get(String(r.planId)) ?? '',
			planVersion: r.planVersion,
			reviewer: names.get(String(r.reviewerId)) ?? '',
			total: Math.round(r.total * 10) / 10,
			scores: r.items.map((i) => `${i.criterion}=${i.score ?? ''}`).join('; '),
			submittedOn: day(r.submittedAt)
		}));
	},

	async grants(viewer, docs, identifying, ip) {
		const grants = docs as unknown as Batch<'grants'>;
		const [people, paid] = await Promise.all([
			peopleOf(
				viewer,
				grants.map((g) => g.participantId),
				identifying,
				ip
			),
			GrantLedger.find(
				{ grantId: { $in: grants.map((g) => g._id) }, kind: 'paid' },
				{ grantId: 1, amountMnt: 1 }
			).lean()
		]);
		return grants.map((g) => {
			const person = people.get(String(g.participantId));
			return {
				code: person?.code ?? '',
				name: person?.name ?? '',
				soum: g.soum,
				amountMnt: g.amountMnt,
				tranches: g.tranches.map((t) => t.amountMnt).join(' + '),
				signedOn: day(g.signedOn),
				paidMnt: paid
					.filter((e) => String(e.grantId) === String(g._id))
					.reduce((sum, e) => sum + e.amountMnt, 0),
				cancelledOn: day(g.cancelledAt)
			};
		});
	},

	async payments(viewer, docs, identifying, ip) {
		const requests = docs as unknown as Batch<'payments'>;
		const [people, entries] = await Promise.all([
			peopleOf(
				viewer,
				requests.map((r) => r.participantId),
				identifying,
				ip
			),
			GrantLedger.find(
				{ requestId: { $in: requests.map((r) => r._id) } },
				{ requestId: 1, kind: 1, seq: 1, paidOn: 1, paymentReference: 1 }
			)
				.sort({ seq: 1 })
				.lean()
		]);
		return requests.map((r) => {
			const person = people.get(String(r.participantId));
			const mine = entries.filter((e) => String(e.requestId) === String(r._id));
			const paid = mine.find((e) => e.kind === 'paid');
			return {
				code: person?.code ?? '',
				name: person?.name ?? '',
				trancheNo: r.trancheNo,
				amountMnt: r.amountMnt,
				method: r.method,
				reference: r.reference,
				requestedOn: day(r.requestedAt),
				state: mine.at(-1)?.kind ?? '',
				paidOn: day(paid?.paidOn),
				paymentReference: paid?.paymentReference ?? '',
				bankName: r.bankName ?? '',
				accountName: r.accountName ?? '',
				accountNumber: r.accountNumber ?? '',
				supplierName: r.supplierName ?? ''
			};
		});
	},

	async checkins(viewer, docs) {
		const checkIns = docs as unknown as Batch<'checkins'>;
		const [people, recorders] = await Promise.all([
			peopleOf(
				viewer,
				checkIns.map((c) => c.participantId),
				false,
				''
			),
			User.find({ _id: { $in: checkIns.map((c) => c.recordedBy) } }, { name: 1 }).lean()
		]);
		const names = new Map(recorders.map((u) => [String(u._id), u.name]));
		return checkIns.map((c) => ({
			code: people.get(String(c.participantId))?.code ?? '',
			soum: c.soum,
			on: day(c.on),
			source: c.source,
			mode: c.mode,
			businessStatus: c.businessStatus,
			salesMnt: c.salesMnt,
			costsMnt: c.costsMnt,
			customersPerWeek: c.customersPerWeek,
			workersOwner: c.workersOwner,
			workersPaid: c.workersPaid,
			workersFamily: c.workersFamily,
			milestones: c.milestones.length,
			photos: c.photos.length,
			verifiesOperating: flag(c.verifiesOperating),
			queuedOffline: flag(c.queuedOffline),
			// The mentor is staff; her own figures are hers (named only in identifying exports).
			recordedBy: c.source === 'mentor' ? (names.get(String(c.recordedBy)) ?? '') : '',
			supportGiven: c.supportGiven,
			problems: c.problems,
			nextSteps: c.nextSteps
		}));
	}
};

/**
 * Starts an export: checks who asks and why, records it in the audit log (before a byte
 * leaves), and returns its rows, the header first, for `csvStream`. `header` names a column
 * in the viewer's language.
 */
export async function startExport(
	viewer: SessionUser,
	request: ExportRequest,
	ip: string,
	header: (column: ExportColumn) => string
): Promise<{ rows: AsyncIterable<unknown[]>; expected: number; name: string }> {
	requireCoordinator(viewer);
	if (request.identifying && !canViewProtected(viewer)) {
		throw new ExportError('notAllowedIdentifying');
	}
	const cohortId = await cohortIdOf(request.cohortId);
	const { kind, identifying } = request;
	const filter = scopeOf(kind, cohortId, request);
	const model = modelOf(kind);
	const expected = await model.countDocuments(filter);
	await audit({
		action: 'export.downloaded',
		actorId: viewer.id,
		actorRole: 'coordinator',
		entity: 'cohort',
		entityId: String(cohortId),
		ip,
		details: {
			kind,
			identifying,
			...(identifying ? { reason: request.reason } : {}),
			...(request.soum ? { soum: request.soum } : {}),
			...(request.stage ? { stage: request.stage } : {}),
			rows: expected
		}
	});
	const columns = columnsOf(kind, identifying);
	async function* rows(): AsyncGenerator<unknown[]> {
		yield columns.map(header);
		// In the order they were stored: an _id sort is the one FerretDB v1 does fast.
		const cursor = model.find(filter).sort({ _id: 1 }).lean().cursor({ batchSize: BATCH });
		try {
			for await (const batch of batchesOf(cursor as AsyncIterable<Record<string, unknown>>)) {
				for (const row of await ROWS[kind](viewer, batch, identifying, ip)) {
					yield columns.map((c) => row[c] ?? '');
				}
			}
		} finally {
			await cursor.close();
		}
	}
	return { rows: rows(), expected, name: `${kind}${identifying ? '-identifying' : ''}` };
}

export { EXPORT_KINDS, type ExportKind };
