// Grants and what follows them: the signed agreement, the payment ledger (requests, finance's
// approvals, rejections and payments, with the cohort's open and paid totals after every
// entry, exactly as services/payments.ts appends them), the mentor who follows each grantee,
// her check-in schedule from the day her first tranche was paid, the check-ins (the second
// one verifying the business, which opens the second tranche), safeguarding concerns, her
// own monthly figures and the receipts for what she bought.
import { createHash } from 'node:crypto';
import type { Types } from 'mongoose';
import {
	DEFAULT_SCHEDULE,
	applyEntry,
	budgetLinesOf,
	tranchesFor,
	type LedgerKind,
	type LedgerTotals,
	type PaymentMethod,
	type Tranche
} from '$lib/domain/grants';
import { addMonths, dayOf, planMilestones, type BusinessStatus } from '$lib/domain/mentoring';
import {
	CheckIn,
	Grant,
	GrantLedger,
	GrantVerification,
	MentorAssignment,
	MentoringSchedule,
	PaymentRequest,
	Receipt,
	SafeguardingConcern
} from '$lib/server/db/models';
import { cohortMentor, type CohortContext, type PlanRow } from './cohort';
import { addDays, addHours, day, later, midnight, roundTo } from './random';
import type { Award } from './review';
import {
	BANKS,
	CLOSED_PROBLEMS,
	NEXT_STEPS,
	PROBLEMS,
	REJECTION_REASONS,
	SAFEGUARDING_ACTIONS,
	SAFEGUARDING_NOTES,
	SUPPLIERS,
	SUPPORT_GIVEN
} from './texts';

// A 1×1 PNG and a one-page PDF: what the receipts' files hold.
const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
		'1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4e80000000049454e44ae426082',
	'hex'
);
const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const FILES = {
	png: { bytes: PNG, sha: sha256(PNG), type: 'image/png' },
	pdf: { bytes: PDF, sha: sha256(PDF), type: 'application/pdf' }
};

interface GrantRow {
	id: Types.ObjectId;
	plan: PlanRow;
	amountMnt: number;
	tranches: Tranche[];
	signedOn: Date | null;
	signedAt: Date | null;
	mentorId: Types.ObjectId;
	doc: Record<string, unknown>;
}

interface RequestRow {
	_id: Types.ObjectId;
	grantId: Types.ObjectId;
	trancheNo: number;
	amountMnt: number;
}

interface LedgerEvent {
	at: Date;
	kind: LedgerKind;
	request: RequestRow;
	actorId: Types.ObjectId;
	actorRole: 'coordinator' | 'finance';
	reason?: string;
	paidOn?: Date;
	paymentReference?: string;
}

const dayDate = (d: string) => new Date(`${d}T00:00:00Z`);

export function seedGrants(ctx: CohortContext, awards: readonly Award[]): { checkIns: number } {
	const { rand, spec } = ctx;
	const events: LedgerEvent[] = [];
	let voucher = 0;
	const isOpenEnded = spec.current;
	const byDate = (at: Date) => at.getTime() <= ctx.today.getTime();
	const financeOfficer = () => rand.pick(ctx.staff.finance);

	// Which tranche requests are rejected once and made again.
	const rejectedOnce = new Set<string>();
	if (!spec.current) {
		const slots = awards.flatMap((_, i) => [`${i}:1`, `${i}:2`]);
		for (const slot of rand.sample(slots, Math.min(spec.extraRequests, slots.length))) {
			rejectedOnce.add(slot);
		}
	}

	const grants: GrantRow[] = awards.map((award) => {
		const plan = award.plan;
		const id = rand.objectId(award.grantMadeAt);
		const tranches = tranchesFor(award.amountMnt, DEFAULT_SCHEDULE);
		let signedOn: Date | null = midnight(
			addDays(award.grantMadeAt, rand.int(3, isOpenEnded ? 70 : 25))
		);
		if (isOpenEnded && (rand.chance(0.15) || signedOn > addDays(ctx.today, -1))) signedOn = null;
		const signedAt = signedOn ? addHours(signedOn, rand.between(1, 9)) : null;
		const doc: Record<string, unknown> = {
			_id: id,
			cohortId: ctx.cohortId,
			planId: plan.planId,
			participantId: plan.person.participantId,
			soum: plan.person.soum,
			planVersion: plan.version,
			amountMnt: award.amountMnt,
			budgetLines: budgetLinesOf(plan.content.startup),
			tranches,
			scheduleCustomised: false,
			createdAt: award.grantMadeAt,
			updatedAt: signedAt ?? award.grantMadeAt
		};
		if (signedOn && signedAt) {
			Object.assign(doc, {
				signedOn,
				witnessedBy: `Сумын Засаг даргын Тамгын газар, ${rand.pick(['Б. Энхжаргал', 'Д. Сэлэнгэ', 'Ц. Баттулга'])}`,
				signedRecordedBy: ctx.coordinator,
				signedRecordedAt: signedAt
			});
		}
		ctx.docs.add(Grant, doc);
		const mentorId = cohortMentor(ctx, plan.person.soum);
		const assignedAt = addHours(addDays(award.grantMadeAt, rand.int(2, 8)), rand.between(1, 8));
		ctx.docs.add(MentorAssignment, {
			_id: rand.objectId(assignedAt),
			participantId: plan.person.participantId,
			grantId: id,
			cohortId: ctx.cohortId,
			soum: plan.person.soum,
			mentorId,
			assignedBy: ctx.coordinator,
			assignedAt
		});
		return { id, plan, amountMnt: award.amountMnt, tranches, signedOn, signedAt, mentorId, doc };
	});

	const request = (grant: GrantRow, trancheNo: number, at: Date): RequestRow => {
		const tranche = grant.tranches.find((t) => t.no === trancheNo)!;
		const method: PaymentMethod = (['bank', 'supplier', 'cash'] as const)[
			rand.weighted(trancheNo === 1 ? [80, 12, 8] : [90, 5, 5])
		]!;
		voucher++;
		const row: RequestRow = {
			_id: rand.objectId(at),
			grantId: grant.id,
			trancheNo,
			amountMnt: tranche.amountMnt
		};
		ctx.docs.add(PaymentRequest, {
			...row,
			cohortId: ctx.cohortId,
			participantId: grant.plan.person.participantId,
			method,
			bankName: method === 'bank' ? rand.pick(BANKS) : undefined,
			accountName: method === 'bank' ? String(grant.plan.person.user.name) : undefined,
			accountNumber:
				method === 'bank' ? String(5_000_000_000 + rand.int(0, 99_999_999)) : undefined,
			supplierName: method === 'supplier' ? rand.pick(SUPPLIERS) : undefined,
			reference: `ТШ-${spec.year}-${String(voucher).padStart(3, '0')}`,
			note: '',
			idempotencyKey: rand.uuid(),
			requestedBy: ctx.coordinator,
			requestedAt: at
		});
		events.push({
			at,
			kind: 'requested',
			request: row,
			actorId: ctx.coordinator,
			actorRole: 'coordinator'
		});
		return row;
	};

	/**
	 * One tranche from request to payment, each step a few days after the last, stopping at
	 * the current cohort's today. Returns when it was paid (recorded) and the day paid.
	 */
	const payTranche = (grant: GrantRow, trancheNo: number, from: Date, reject: boolean) => {
		let at = addHours(addDays(from, rand.int(1, 5)), rand.between(1, 8));
		if (!byDate(at)) return null;
		let row = request(grant, trancheNo, at);
		if (reject) {
			at = addHours(at, rand.between(20, 72));
			if (!byDate(at)) return null;
			events.push({
				at,
				kind: 'rejected',
				request: row,
				actorId: financeOfficer(),
				actorRole: 'finance',
				reason: rand.pick(REJECTION_REASONS)
			});
			at = addHours(at, rand.between(24, 120));
			if (!byDate(at)) return null;
			row = request(grant, trancheNo, at);
		}
		at = addHours(at, rand.between(3, 72));
		if (!byDate(at)) return null;
		const approver = financeOfficer();
		events.push({ at, kind: 'approved', request: row, actorId: approver, actorRole: 'finance' });
		at = addHours(at, rand.between(3, 96));
		if (!byDate(at)) return null;
		// The day the money left: the day it is recorded, or the day before.
		const paidOn = midnight(addHours(at, rand.chance(0.3) ? -24 : 0));
		const week = Math.ceil((paidOn.getTime() - day(spec.year, 1, 1).getTime()) / (7 * 86_400_000));
		events.push({
			at,
			kind: 'paid',
			request: row,
			actorId: approver,
			actorRole: 'finance',
			paidOn,
			paymentReference: `БАГЦ-${spec.year}-${String(week).padStart(2, '0')}`
		});
		return { paidAt: at, paidOn };
	};

	let checkIns = 0;
	const selfReportable: { grant: GrantRow; startsOn: string }[] = [];
	grants.forEach((grant, i) => {
		if (!grant.signedOn || !grant.signedAt) return;
		const first = payTranche(
			grant,
			1,
			grant.signedAt,
			spec.current ? rand.chance(0.03) : rejectedOnce.has(`${i}:1`)
		);
		if (!first) return;
		const person = grant.plan.person;
		person.doc.stage = 'mentoring';
		person.doc.updatedAt = first.paidAt;
		const startsOn = dayOf(first.paidOn);
		ctx.docs.add(MentoringSchedule, {
			_id: rand.objectId(first.paidAt),
			grantId: grant.id,
			participantId: person.participantId,
			cohortId: ctx.cohortId,
			startsOn,
			intervalMonths: 1,
			visits: 12,
			createdAt: first.paidAt
		});
		selfReportable.push({ grant, startsOn });
		const visits = mentorVisits(ctx, grant, startsOn);
		checkIns += visits.count;
		receipts(ctx, grant, first.paidAt);
		if (visits.verifiedAt) {
			payTranche(
				grant,
				2,
				later(visits.verifiedAt, first.paidAt),
				spec.current ? rand.chance(0.03) : rejectedOnce.has(`${i}:2`)
			);
		}
	});
	checkIns += selfReports(ctx, selfReportable);
	appendLedger(ctx, events);
	return { checkIns };
}

/** The ledger in the order things happened: seq, keys and running totals as payments.ts writes them. */
function appendLedger(ctx: CohortContext, events: LedgerEvent[]) {
	const ordered = events
		.map((event, order) => ({ event, order }))
		.sort((a, b) => a.event.at.getTime() - b.event.at.getTime() || a.order - b.order);
	let totals: LedgerTotals = { openMnt: 0, paidMnt: 0 };
	ordered.forEach(({ event }, i) => {
		totals = applyEntry(totals, event.kind, event.request.amountMnt);
		const key =
			event.kind === 'requested' ? 'requested' : event.kind === 'paid' ? 'paid' : 'decision';
		ctx.docs.add(GrantLedger, {
			_id: ctx.rand.objectId(event.at),
			cohortId: ctx.cohortId,
			seq: i + 1,
			key: `${event.request._id}:${key}`,
			kind: event.kind,
			requestId: event.request._id,
			grantId: event.request.grantId,
			trancheNo: event.request.trancheNo,
			amountMnt: event.request.amountMnt,
			openAfterMnt: totals.openMnt,
			paidAfterMnt: totals.paidMnt,
			actorId: event.actorId,
			actorRole: event.actorRole,
			at: event.at,
			reason: event.reason,
			paidOn: event.paidOn,
			paymentReference: event.paymentReference
		});
	});
}

type Trajectory = 'steady' | 'struggling' | 'closing';

/**
 * Her mentor's monthly check-ins from the schedule's start, up to twelve (up to today in the
 * current cohort): the business's figures from her plan's forecast as it really went, the
 * milestones reached, and at the first visit from the second on that finds it operating, the
 * verification that opens the second tranche.
 */
function mentorVisits(ctx: CohortContext, grant: GrantRow, startsOn: string) {
	const { rand } = ctx;
	const plan = grant.plan;
	const trajectory: Trajectory = (['steady', 'struggling', 'closing'] as const)[
		rand.weighted([80, 12, 8])
	]!;
	const turn = rand.int(5, 9);
	const statusAt = (k: number): BusinessStatus =>
		trajectory === 'steady'
			? 'operating'
			: trajectory === 'struggling'
				? k === turn || k === turn + 1
					? 'temporarily_closed'
					: 'operating'
				: k < turn
					? 'operating'
					: k === turn
						? 'temporarily_closed'
						: 'closed';
	const planned = new Set(planMilestones(plan.content).map((m) => m.key));
	const reached = new Set<string>();
	const milestonesAt = (k: number, status: BusinessStatus) => {
		if (status !== 'operating') return [];
		const due: Record<number, string[]> = {
			1: ['premises', 'item-0'],
			2: ['first_sale', 'item-1'],
			3: ['item-2', 'registered'],
			5: ['hired'],
			8: plan.performance >= 1 ? ['forecast_met'] : []
		};
		const keys = (due[k] ?? []).filter((key) => planned.has(key) && !reached.has(key));
		for (const key of keys) reached.add(key);
		return keys;
	};
	let verifiedAt: Date | null = null;
	let count = 0;
	for (let k = 1; k <= 12; k++) {
		const on = addDays(dayDate(addMonths(startsOn, k)), -rand.int(0, 5));
		const queued = rand.chance(0.08);
		const recordedAt = queued
			? addHours(on, 24 * rand.int(1, 3) + rand.between(1, 9))
			: addHours(on, rand.between(1, 10));
		if (recordedAt > ctx.today) break;
		const status = statusAt(k);
		const operating = status === 'operating';
		const month = plan.content.forecast.months[(k - 1) % 12]!;
		const growth = 0.9 + 0.02 * k;
		const sales = operating
			? roundTo(month.sales * plan.performance * growth * rand.between(0.9, 1.1), 10_000)
			: status === 'temporarily_closed'
				? roundTo(month.sales * rand.between(0, 0.2), 10_000)
				: 0;
		const costs = operating
			? roundTo(sales * plan.costShare * rand.between(0.9, 1.15), 10_000)
			: status === 'temporarily_closed'
				? roundTo(rand.between(50_000, 150_000), 10_000)
				: 0;
		const verifies = !verifiedAt && k >= 2 && operating;
		const concern = rand.chance(0.007);
		const key = rand.uuid();
		const support = rand.pick(SUPPORT_GIVEN);
		const problems = operating ? rand.pick(PROBLEMS) : rand.pick(CLOSED_PROBLEMS);
		const next = rand.pick(NEXT_STEPS);
		if (concern) {
			const raisedAt = addHours(recordedAt, -0.01);
			const closed = !ctx.spec.current || rand.chance(0.3);
			const closedAt = addHours(raisedAt, 24 * rand.int(2, 10));
			ctx.docs.add(SafeguardingConcern, {
				_id: rand.objectId(raisedAt),
				checkInKey: key,
				grantId: grant.id,
				participantId: plan.person.participantId,
				cohortId: ctx.cohortId,
				soum: plan.person.soum,
				note: rand.pick(SAFEGUARDING_NOTES),
				raisedBy: grant.mentorId,
				raisedAt,
				state: closed && closedAt <= ctx.today ? 'closed' : 'open',
				...(closed && closedAt <= ctx.today
					? { actionTaken: rand.pick(SAFEGUARDING_ACTIONS), closedBy: ctx.coordinator, closedAt }
					: {})
			});
		}
		const employees = Number(plan.content.people.employees) > 0;
		ctx.docs.add(CheckIn, {
			_id: rand.objectId(recordedAt),
			idempotencyKey: key,
			grantId: grant.id,
			participantId: plan.person.participantId,
			cohortId: ctx.cohortId,
			soum: plan.person.soum,
			source: 'mentor',
			on,
			mode: k === 1 || verifies || rand.chance(0.5) ? 'visit' : 'phone',
			businessStatus: status,
			salesMnt: sales,
			costsMnt: costs,
			customersPerWeek: operating
				? Math.max(1, Math.round(sales / rand.between(100_000, 240_000)))
				: status === 'temporarily_closed'
					? rand.int(0, 2)
					: 0,
			workersOwner: status === 'closed' ? 0 : 1,
			workersPaid: operating && employees && k >= 5 ? 1 : 0,
			workersFamily: operating ? rand.int(0, 2) : 0,
			milestones: milestonesAt(k, status),
			supportGiven: support,
			problems,
			nextSteps: status === 'closed' ? '' : next,
			photos: [],
			verifiesOperating: verifies,
			safeguarding: concern,
			recordedBy: grant.mentorId,
			recordedAt,
			queuedOffline: queued
		});
		count++;
		if (verifies) {
			verifiedAt = recordedAt;
			ctx.docs.add(GrantVerification, {
				_id: rand.objectId(recordedAt),
				grantId: grant.id,
				participantId: plan.person.participantId,
				visitedOn: on,
				note: [support, problems, next].filter(Boolean).join(' · ').slice(0, 2000) || '—',
				verifiedBy: grant.mentorId,
				verifiedAt: recordedAt
			});
		}
	}
	return { count, verifiedAt };
}

/**
 * Her own monthly figures, from her phone: in older cohorts as many as make the programme's
 * check-in figure (runs of months after her first payment); in the current one, October's
 * figures of a few women paid before it.
 */
function selfReports(
	ctx: CohortContext,
	grants: readonly { grant: GrantRow; startsOn: string }[]
): number {
	const { rand, spec } = ctx;
	let count = 0;
	const report = (grant: GrantRow, month: string) => {
		const reportedOn = addDays(dayDate(addMonths(`${month}-01`, 1)), rand.int(1, 9));
		const recordedAt = addHours(reportedOn, rand.between(2, 14));
		if (recordedAt > ctx.today) return;
		const index = Number(month.slice(5, 7)) % 12;
		const planned = grant.plan.content.forecast.months[index]!;
		const sales = roundTo(
			planned.sales * grant.plan.performance * rand.between(0.85, 1.15),
			10_000
		);
		ctx.docs.add(CheckIn, {
			_id: rand.objectId(recordedAt),
			idempotencyKey: rand.uuid(),
			grantId: grant.id,
			participantId: grant.plan.person.participantId,
			cohortId: ctx.cohortId,
			soum: grant.plan.person.soum,
			source: 'self',
			on: reportedOn,
			month,
			mode: 'self',
			businessStatus: 'operating',
			salesMnt: sales,
			costsMnt: roundTo(sales * grant.plan.costShare, 10_000),
			customersPerWeek: Math.max(1, Math.round(sales / 160_000)),
			workersOwner: 1,
			workersPaid: 0,
			workersFamily: rand.int(0, 1),
			problems: rand.chance(0.2) ? rand.pick(PROBLEMS) : '',
			recordedBy: grant.plan.person.userId,
			recordedAt
		});
		count++;
	};
	if (spec.current) {
		for (const { grant, startsOn } of grants) {
			if (startsOn < `${spec.year}-10-01` && rand.chance(0.15)) report(grant, `${spec.year}-10`);
		}
		return count;
	}
	let remaining = spec.extraCheckIns;
	for (const { grant, startsOn } of rand.shuffle(grants)) {
		if (remaining <= 0) break;
		const run = Math.min(remaining, rand.int(3, 8));
		const first = rand.int(1, 12 - run);
		for (let m = 0; m < run; m++) report(grant, addMonths(startsOn, first + m).slice(0, 7));
		remaining -= run;
	}
	if (remaining > 0) throw new Error(`${spec.year}: ${remaining} own reports left over`);
	return count;
}

/** Receipts for what she bought, uploaded by her mentor or herself, each with its file. */
function receipts(ctx: CohortContext, grant: GrantRow, paidAt: Date) {
	const { rand } = ctx;
	const lines = budgetLinesOf(grant.plan.content.startup);
	const share = ctx.spec.current ? 0.25 : 0.7;
	lines.forEach((line, n) => {
		if (!rand.chance(share)) return;
		const spentOn = midnight(addDays(paidAt, rand.int(2, 60)));
		const uploadedAt = addHours(spentOn, 24 * rand.int(0, 4) + rand.between(2, 12));
		if (uploadedAt > ctx.today) return;
		const byMentor = rand.chance(0.6);
		const file = rand.chance(0.7) ? FILES.png : FILES.pdf;
		const id = rand.objectId(uploadedAt);
		ctx.files.set(String(id), file.bytes);
		ctx.docs.add(Receipt, {
			_id: id,
			grantId: grant.id,
			participantId: grant.plan.person.participantId,
			lineKey: line.key,
			amountMnt: Math.max(1, roundTo(line.plannedMnt * rand.between(0.85, 1.05), 100)),
			spentOn,
			description: line.label,
			contentType: file.type,
			sizeBytes: file.bytes.length,
			sha256: file.sha,
			originalName: file === FILES.png ? `receipt-${n + 1}.png` : `invoice-${n + 1}.pdf`,
			uploadedBy: byMentor ? grant.mentorId : grant.plan.person.userId,
			uploadedRole: byMentor ? 'mentor' : 'applicant',
			uploadedAt
		});
	});
}
