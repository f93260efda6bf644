// Settlement grants on the real embedded database: the demo's grants and ledger, exactly-once
// payments under 50 concurrent approvals and retries, the budget under concurrent requests,
// maker-checker, the verification gate, receipts, and the reconciliation after all of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { Cohort } from '$lib/server/db/models/cohort';
import { Grant } from '$lib/server/db/models/grant';
import { GrantLedger } from '$lib/server/db/models/grantLedger';
import { GrantVerification } from '$lib/server/db/models/grantVerification';
import { Participant } from '$lib/server/db/models/participant';
import { PaymentRequest } from '$lib/server/db/models/paymentRequest';
import { Receipt } from '$lib/server/db/models/receipt';
import { User } from '$lib/server/db/models/user';
import type { SessionUser } from '$lib/server/auth/session';
import { decide } from '$lib/server/services/committee';
import { daysOverdue } from '$lib/domain/grants';
import { GrantError } from '$lib/server/services/grantAccess';
import { grantDetail, grantList } from '$lib/server/services/grantViews';
import { signAgreement, updateCohortRules, updateGrantSchedule } from '$lib/server/services/grants';
import {
	approvePayment,
	financeQueue,
	markPaid,
	reconcileLedger,
	rejectPayment,
	requestPayment,
	type PaymentInput
} from '$lib/server/services/payments';
import { recordCheckIn } from '$lib/server/services/mentoring';
import { receiptFile, uploadReceipt } from '$lib/server/services/receipts';
import { ReviewError } from '$lib/server/services/reviewSetup';
import { seedDemo } from '$lib/server/services/demoSeed';
import { DEMO_BATCH_REFERENCE } from '$lib/server/db/seed/demoGrants';
import { GRANT_DEMO } from '../e2e/grantDemo';
import { sessionOf } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('grants');

const IP = '127.0.0.1';
let cohortId: Types.ObjectId;
let coordinator: SessionUser;
let finance: SessionUser;
let secondFinance: SessionUser;
let mentor: SessionUser;

async function grantOf(code: string) {
	const participant = (await Participant.findOne({ code }, { _id: 1 }).lean())!;
	return (await Grant.findOne({ participantId: participant._id }).lean())!;
}

const refusal = async (promise: Promise<unknown>) => {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	if (!(error instanceof GrantError)) throw error ?? new Error('not refused');
	return error.code;
};

let keys = 0;
const bank = (trancheNo: number, key = `test-key-${Date.now()}-${keys++}`): PaymentInput => ({
	trancheNo,
	method: 'bank',
	bankName: 'Хаан банк',
	accountName: 'Test',
	accountNumber: '5000123456',
	reference: `T-${keys}`,
	idempotencyKey: key
});

async function latestState(requestId: string) {
	return (await GrantLedger.findOne({ requestId }).sort({ seq: -1 }).lean())?.kind;
}

beforeAll(async () => {
	await seedDemo();
	cohortId = (await Cohort.findOne({ current: true }).lean())!._id;
	coordinator = await sessionOf('80000002');
	finance = await sessionOf('80000003');
	mentor = await sessionOf('80000005');
	const second = await User.create({
		phone: '80000099',
		name: 'Second finance',
		roles: ['finance'],
		soums: []
	});
	secondFinance = await sessionOf(second.phone);
}, 120_000);

describe('the demo grants', () => {
	it('plays each part named in tests/e2e/grantDemo.ts', async () => {
		const state = async (code: string) => {
			const grant = await grantOf(code);
			const entries = await GrantLedger.find({ grantId: grant._id }).sort({ seq: 1 }).lean();
			const verified = Boolean(await GrantVerification.exists({ grantId: grant._id }));
			return { grant, kinds: entries.map((e) => e.kind), verified };
		};
		const p1 = await state(GRANT_DEMO.P1);
		expect(p1.kinds).toEqual(['requested', 'approved', 'paid']);
		expect(p1.verified).toBe(true);
		expect(await Receipt.countDocuments({ grantId: p1.grant._id })).toBe(2);
		expect(p1.grant.soum).toBe('khanbogd');
		const p2 = await state(GRANT_DEMO.P2);
		expect([p2.kinds, p2.verified, p2.grant.soum]).toEqual([
			['requested', 'approved', 'paid'],
			false,
			'khanbogd'
		]);
		for (const code of [GRANT_DEMO.P3, GRANT_DEMO.P4]) {
			const p = await state(code);
			expect([p.kinds, p.grant.soum === 'khanbogd']).toEqual([
				['requested', 'approved', 'paid'],
				false
			]);
		}
		expect((await state(GRANT_DEMO.R)).kinds).toEqual(['requested', 'rejected']);
		expect((await state(GRANT_DEMO.D)).kinds).toEqual([]);
		for (const code of [GRANT_DEMO.A1, GRANT_DEMO.A2]) {
			expect((await state(code)).kinds).toEqual(['requested', 'approved']);
		}
		for (let i = 1; i <= 12; i++) {
			expect((await state(GRANT_DEMO[`Q${i}` as keyof typeof GRANT_DEMO])).kinds).toEqual([
				'requested'
			]);
		}
		expect(await Grant.countDocuments({ signedOn: { $exists: true } })).toBe(20);
		const grantee = await User.findOne({ phone: '80000010' }).lean();
		const p1Participant = await Participant.findOne({ code: GRANT_DEMO.P1 }).lean();
		expect(String(grantee!._id)).toBe(String(p1Participant!.userId));
	});

	it('paid the batch of four under one reference, and the ledger reconciles', async () => {
		const paid = await GrantLedger.find({ kind: 'paid' }).lean();
		expect(paid.length).toBe(4);
		expect(new Set(paid.map((e) => e.paymentReference))).toEqual(new Set([DEMO_BATCH_REFERENCE]));
		expect(await reconcileLedger(cohortId)).toEqual({
			entries: 4 * 3 + 2 + 2 * 2 + 12,
			problems: []
		});
		const queue = await financeQueue(finance, IP);
		expect(queue.awaitingApproval.length).toBe(12);
		expect(queue.awaitingPayment.length).toBe(2);
		expect(queue.ledger.reconciles).toBe(true);
		expect(queue.money.paidMnt).toBe(paid.reduce((sum, e) => sum + e.amountMnt, 0));
		expect(queue.money.remainingMnt).toBe(
			queue.money.budgetMnt - queue.money.paidMnt - queue.money.openMnt
		);
	});

	it('shows coordinators every grant by state', async () => {
		const list = await grantList(coordinator, IP);
		expect(list.rows.length).toBe(20);
		expect(list.counts).toMatchObject({ agreementPending: 0, completed: 0, cancelled: 0 });
		expect(list.counts.inPayment).toBe(14);
		expect(list.counts.awaitingVerification).toBe(3);
		expect(list.counts.paymentDue).toBe(3); // P1's second tranche, R again, D
	});

	it('counts each waiting item overdue from its own ledger date', async () => {
		const list = await grantList(coordinator, IP);
		const now = new Date();
		const waiting = list.rows.filter(
			(r) => r.state === 'inPayment' || r.state === 'awaitingVerification'
		);
		expect(waiting.length).toBe(17);
		for (const row of waiting) {
			const entries = await GrantLedger.find({ grantId: row.id }).sort({ seq: -1 }).lean();
			// In payment: the open request's last entry is the grant's last; awaiting: its last payment.
			const since =
				row.state === 'inPayment' ? entries[0]! : entries.find((e) => e.kind === 'paid')!;
			const expected =
				row.state === 'inPayment'
					? daysOverdue(since.kind === 'approved' ? 'approved' : 'requested', since.at, now)
					: daysOverdue('awaitingVerification', since.paidOn ?? since.at, now);
			expect(row.daysOverdue, row.code).toBe(expected);
		}
		expect(list.overdue).toBe(list.rows.filter((r) => r.daysOverdue > 0).length);
	});
});

describe('exactly once', () => {
	it('50 concurrent approvals and retries of one request make one approval; 50 payments one payment', async () => {
		const request = await PaymentRequest.findOne({
			grantId: (await grantOf(GRANT_DEMO.Q7))._id
		}).lean();
		const id = String(request!._id);
		const approvals = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				approvePayment(i % 2 ? finance : secondFinance, id, IP).then(
					(r) => r,
					(e: unknown) => e
				)
			)
		);
		expect(approvals.filter((r) => r instanceof Error)).toEqual([]);
		expect(approvals.filter((r) => !(r as { repeated: boolean }).repeated).length).toBe(1);
		expect(await GrantLedger.countDocuments({ requestId: id, kind: 'approved' })).toBe(1);
		const payments = await Promise.all(
			Array.from({ length: 50 }, (_, i) =>
				markPaid(
					i % 2 ? finance : secondFinance,
					id,
					{ paidOn: new Date(), paymentReference: `BANK-${i}` },
					IP
				).then(
					(r) => r,
					(e: unknown) => e
				)
			)
		);
		expect(payments.filter((r) => r instanceof Error)).toEqual([]);
		expect(await GrantLedger.countDocuments({ requestId: id, kind: 'paid' })).toBe(1);
		expect(await GrantLedger.countDocuments({ requestId: id })).toBe(3);
		expect((await reconcileLedger(cohortId)).problems).toEqual([]);
	}, 120_000);

	it('an approval racing a rejection: exactly one of them stands', async () => {
		const request = await PaymentRequest.findOne({
			grantId: (await grantOf(GRANT_DEMO.Q8))._id
		}).lean();
		const id = String(request!._id);
		const results = await Promise.all(
			Array.from({ length: 20 }, (_, i) =>
				(i % 2
					? approvePayment(finance, id, IP)
					: rejectPayment(secondFinance, id, 'wrong account', IP)
				).then(
					() => 'ok',
					(e: unknown) => (e as GrantError).code
				)
			)
		);
		const decisions = await GrantLedger.find({ requestId: id, kind: { $ne: 'requested' } }).lean();
		expect(decisions.length).toBe(1);
		expect(results.filter((r) => r !== 'ok' && r !== 'alreadyDecided')).toEqual([]);
	});

	it('the same idempotency key 20 times at once makes one request', async () => {
		const grant = await grantOf(GRANT_DEMO.D);
		const input = bank(1, 'same-key-for-twenty-retries');
		const results = await Promise.all(
			Array.from({ length: 20 }, () => requestPayment(coordinator, String(grant._id), input, IP))
		);
		expect(new Set(results.map((r) => r.requestId)).size).toBe(1);
		expect(results.filter((r) => !r.repeated).length).toBe(1);
		expect(await PaymentRequest.countDocuments({ grantId: grant._id })).toBe(1);
		expect(await GrantLedger.countDocuments({ grantId: grant._id })).toBe(1);
		// A different key for the same tranche is refused while the first is open.
		expect(await refusal(requestPayment(coordinator, String(grant._id), bank(1), IP))).toBe(
			'trancheOpen'
		);
		expect(await PaymentRequest.countDocuments({ grantId: grant._id })).toBe(1);
	});
});

describe('never beyond the budget', () => {
	it('concurrent requests stop at the budget, and refused ones leave nothing', async () => {
		// A cohort of its own: ten signed grants of ₮1,000,000, a budget for exactly four tranches.
		const other = await Cohort.create({
			code: 'budget-test',
			name: 'Budget test',
			aimag: 'umnugobi',
			soums: ['khanbogd'],
			startsOn: new Date(),
			budgetMnt: 4_000_000,
			codePrefix: 'BT',
			trancheRules: [{ percent: 100, gate: 'signing' }]
		});
		const template = await grantOf(GRANT_DEMO.D);
		const grants = await Grant.insertMany(
			Array.from({ length: 10 }, () => ({
				cohortId: other._id,
				planId: new Types.ObjectId(),
				participantId: template.participantId,
				soum: 'khanbogd',
				planVersion: 1,
				amountMnt: 1_000_000,
				tranches: [{ no: 1, amountMnt: 1_000_000, gate: 'signing' }],
				signedOn: new Date()
			}))
		);
		const attempts = grants.flatMap((grant) =>
			[0, 1, 2].map(() =>
				requestPayment(coordinator, String(grant._id), bank(1), IP).then(
					() => 'ok',
					(e: unknown) => (e as GrantError).code
				)
			)
		);
		const results = await Promise.all(attempts);
		const entries = await GrantLedger.find({ cohortId: other._id }).lean();
		expect(entries.length).toBe(4);
		expect(results.filter((r) => r === 'ok').length).toBe(4);
		expect(new Set(results.filter((r) => r !== 'ok'))).toEqual(
			new Set(['overBudget', 'trancheOpen'].filter((code) => results.includes(code)))
		);
		expect(results).toContain('overBudget');
		expect(await PaymentRequest.countDocuments({ cohortId: other._id })).toBe(4);
		expect(await reconcileLedger(other._id)).toEqual({ entries: 4, problems: [] });
		const last = await GrantLedger.findOne({ cohortId: other._id }).sort({ seq: -1 }).lean();
		expect(last!.openAfterMnt).toBe(4_000_000);
	}, 120_000);
});

describe('maker-checker and gates', () => {
	it('nobody approves, rejects or pays a request she made; the attempt is audited', async () => {
		const both = await User.create({
			phone: '80000098',
			name: 'Coordinator and finance',
			roles: ['coordinator', 'finance'],
			soums: []
		});
		const maker = await sessionOf(both.phone);
		const grant = await grantOf(GRANT_DEMO.R); // rejected before: payment due again
		const { requestId } = await requestPayment(maker, String(grant._id), bank(1), IP);
		expect(await refusal(approvePayment(maker, requestId, IP))).toBe('ownRequest');
		expect(await refusal(rejectPayment(maker, requestId, 'no', IP))).toBe('ownRequest');
		expect(await latestState(requestId)).toBe('requested');
		expect(
			await AuditEntry.countDocuments({ action: 'payment.own_refused', entityId: requestId })
		).toBe(2);
		expect(await refusal(approvePayment(coordinator, requestId, IP))).toBe('forbidden');
		await approvePayment(finance, requestId, IP);
		expect(
			await refusal(markPaid(maker, requestId, { paidOn: new Date(), paymentReference: 'x' }, IP))
		).toBe('ownRequest');
		expect(await refusal(rejectPayment(finance, requestId, 'late', IP))).toBe('alreadyDecided');
	});

	it('the verification-gated tranche waits for the mentor', async () => {
		const p2 = await grantOf(GRANT_DEMO.P2);
		expect(await refusal(requestPayment(coordinator, String(p2._id), bank(2), IP))).toBe(
			'notVerified'
		);
		expect(await PaymentRequest.countDocuments({ grantId: p2._id, trancheNo: 2 })).toBe(0);
		// Her mentor's visit verifies it (tests/integration/mentoring.test.ts has the rest).
		await recordCheckIn(
			mentor,
			String(p2._id),
			{
				idempotencyKey: `grants-test-verify-${Date.now()}`,
				on: new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z'),
				mode: 'visit',
				businessStatus: 'operating',
				salesMnt: 400_000,
				costsMnt: 200_000,
				customersPerWeek: 8,
				workersOwner: 1,
				workersPaid: 0,
				workersFamily: 0,
				milestones: [],
				supportGiven: '',
				problems: '',
				nextSteps: '',
				verifiesOperating: true,
				safeguarding: 'no',
				safeguardingNote: '',
				queuedOffline: false
			},
			[],
			IP
		);
		const { requestId } = await requestPayment(coordinator, String(p2._id), bank(2), IP);
		expect(await latestState(requestId)).toBe('requested');
		// Tranche 1 cannot be asked for again once paid.
		expect(await refusal(requestPayment(coordinator, String(p2._id), bank(1), IP))).toBe(
			'tranchePaid'
		);
	});

	it('a signed grant keeps its schedule and its award', async () => {
		const q9 = await grantOf(GRANT_DEMO.Q9);
		expect(
			await refusal(
				updateGrantSchedule(
					coordinator,
					String(q9._id),
					[{ amountMnt: q9.amountMnt, gate: 'signing' }],
					IP
				)
			)
		).toBe('signed');
		expect(
			await refusal(
				signAgreement(coordinator, String(q9._id), { signedOn: new Date(), witnessedBy: 'x' }, IP)
			)
		).toBe('alreadySigned');
		const error = await decide(
			coordinator,
			String(q9.planId),
			{ outcome: 'decline', amountMnt: null, reason: 'changed our minds', applicantMessage: '' },
			IP
		).then(
			() => null,
			(e: unknown) => e
		);
		expect(error).toBeInstanceOf(ReviewError);
		expect((error as ReviewError).code).toBe('grantStarted');
		expect(
			await refusal(updateCohortRules(coordinator, [{ percent: 60, gate: 'verification' }], IP))
		).toBe('schedule');
	});
});

describe('receipts', () => {
	const png = () =>
		new File(
			[
				Buffer.from(
					'89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4e80000000049454e44ae426082',
					'hex'
				)
			],
			'r.png'
		);

	it('stores a checked file, links it to a line and counts it as spent', async () => {
		const p1 = await grantOf(GRANT_DEMO.P1);
		const line = p1.budgetLines[0]!;
		const before = (await grantDetail(coordinator, String(p1._id), IP)).use.lines[0]!.spentMnt;
		const { receiptId } = await uploadReceipt(
			coordinator,
			String(p1._id),
			{ file: png(), lineKey: line.key, amountMnt: 1000, spentOn: new Date(), description: '' },
			IP
		);
		const after = (await grantDetail(coordinator, String(p1._id), IP)).use.lines[0]!.spentMnt;
		expect(after - before).toBe(1000);
		const file = await receiptFile(mentor, receiptId, IP);
		expect(file.contentType).toBe('image/png');
		expect(await AuditEntry.countDocuments({ action: 'receipt.viewed' })).toBeGreaterThan(0);
	});

	it('refuses a text file dressed as a PNG, an unknown line and strangers', async () => {
		const p1 = await grantOf(GRANT_DEMO.P1);
		const count = await Receipt.countDocuments();
		const fake = new File(['hello, not a picture'], 'receipt.png', { type: 'image/png' });
		const input = { lineKey: 'item-1', amountMnt: 1000, spentOn: new Date(), description: '' };
		expect(await refusal(uploadReceipt(mentor, String(p1._id), { ...input, file: fake }, IP))).toBe(
			'fileType'
		);
		expect(
			await refusal(
				uploadReceipt(mentor, String(p1._id), { ...input, lineKey: 'item-99', file: png() }, IP)
			)
		).toBe('invalid');
		const big = new File([new Uint8Array(5 * 1024 * 1024 + 1)], 'big.png');
		expect(await refusal(uploadReceipt(mentor, String(p1._id), { ...input, file: big }, IP))).toBe(
			'fileSize'
		);
		expect(await Receipt.countDocuments()).toBe(count);
		const stranger = await sessionOf('80000006'); // an applicant without this grant
		const receipt = await Receipt.findOne({ grantId: p1._id }).lean();
		expect(await refusal(receiptFile(stranger, String(receipt!._id), IP))).toBe('notFound');
		const p3 = await grantOf(GRANT_DEMO.P3); // another soum than the mentor's
		expect(await refusal(grantDetail(mentor, String(p3._id), IP))).toBe('notFound');
	});
});

describe('afterwards', () => {
	it('every payment action is in the audit log, and the ledger still reconciles', async () => {
		for (const action of [
			'payment.requested',
			'payment.approved',
			'payment.rejected',
			'payment.paid',
			'payment.refused',
			'payment.own_refused',
			'grant.signed',
			'grant.verified',
			'receipt.uploaded'
		]) {
			expect(await AuditEntry.countDocuments({ action }), action).toBeGreaterThan(0);
		}
		// One audit entry per ledger entry, in every cohort (the budget test made a second one).
		const entries = await GrantLedger.countDocuments();
		expect(
			await AuditEntry.countDocuments({
				action: {
					$in: ['payment.requested', 'payment.approved', 'payment.rejected', 'payment.paid']
				},
				'details.grantId': { $exists: true }
			})
		).toBe(entries);
		expect((await reconcileLedger(cohortId)).problems).toEqual([]);
		// And it notices when a stored total is tampered with.
		const last = (await GrantLedger.findOne({ cohortId }).sort({ seq: -1 }).lean())!;
		await GrantLedger.updateOne(
			{ _id: last._id },
			{ $set: { paidAfterMnt: last.paidAfterMnt + 1 } }
		);
		expect((await reconcileLedger(cohortId)).problems).toContainEqual({
			code: 'totals',
			seq: last.seq
		});
		await GrantLedger.updateOne({ _id: last._id }, { $set: { paidAfterMnt: last.paidAfterMnt } });
	});
});
