// Soum mentoring on the real embedded database: the demo's half year of check-ins, schedules
// made by the first payment, assignments and who may see whom, exactly-once check-ins under
// concurrent resends, the verification that opens tranche 2, safeguarding concerns that reach
// the coordinators and nobody else, and her own figures.
import { readdir } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { Types } from 'mongoose';
import type { CheckInInput } from '$lib/schemas/mentoring';
import type { SessionUser } from '$lib/server/auth/session';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { CheckIn } from '$lib/server/db/models/checkIn';
import { Grant } from '$lib/server/db/models/grant';
import { GrantVerification } from '$lib/server/db/models/grantVerification';
import { MentorAssignment } from '$lib/server/db/models/mentorAssignment';
import { MentoringSchedule } from '$lib/server/db/models/mentoringSchedule';
import { Participant } from '$lib/server/db/models/participant';
import { SafeguardingConcern } from '$lib/server/db/models/safeguardingConcern';
import { seedDemo } from '$lib/server/services/demoSeed';
import { PNG } from '$lib/server/db/seed/demoGrants';
import { GrantError } from '$lib/server/services/grantAccess';
import { grantDetail } from '$lib/server/services/grantViews';
import {
	MentoringError,
	assignMentor,
	photosDir,
	recordCheckIn,
	recordSelfReport,
	updateMentoringRule
} from '$lib/server/services/mentoring';
import {
	assignmentBoard,
	checkInPhoto,
	mentorCaseload,
	mentoringRecord
} from '$lib/server/services/mentoringViews';
import { approvePayment, markPaid, requestPayment } from '$lib/server/services/payments';
import {
	closeConcern,
	concernDetail,
	concernList,
	openConcernCount
} from '$lib/server/services/safeguarding';
import { GRANT_DEMO, MENTORING_DEMO } from '../e2e/grantDemo';
import { actor, sessionOf } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('mentoring');

const IP = '127.0.0.1';
let coordinator: SessionUser;
let finance: SessionUser;
let admin: SessionUser;
let reviewer: SessionUser;
let khanbogd: SessionUser;
let manlai: SessionUser;
let grantee: SessionUser;

async function grantOf(code: string) {
	const participant = (await Participant.findOne({ code }, { _id: 1 }).lean())!;
	return (await Grant.findOne({ participantId: participant._id }).lean())!;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
	const error = await promise.then(
		() => null,
		(e: unknown) => e
	);
	if (error instanceof MentoringError || error instanceof GrantError) return error.code;
	throw error ?? new Error('not refused');
}

let keys = 0;
const today = () => new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
function checkIn(overrides: Partial<CheckInInput> = {}): CheckInInput {
	keys++;
	return {
		idempotencyKey: `test-checkin-${process.pid}-${keys}-${Date.now()}`,
		on: today(),
		mode: 'visit',
		businessStatus: 'operating',
		salesMnt: 500_000,
		costsMnt: 300_000,
		customersPerWeek: 10,
		workersOwner: 1,
		workersPaid: 0,
		workersFamily: 1,
		milestones: [],
		supportGiven: 'Зөвлөгөө өгсөн.',
		problems: '',
		nextSteps: '',
		verifiesOperating: false,
		safeguarding: 'no',
		safeguardingNote: '',
		queuedOffline: false,
		...overrides
	};
}

beforeAll(async () => {
	await seedDemo();
	coordinator = await sessionOf('80000002');
	finance = await sessionOf('80000003');
	admin = await sessionOf('80000001');
	reviewer = await sessionOf('80000004');
	khanbogd = await sessionOf('80000005');
	manlai = await sessionOf('80000011');
	grantee = await sessionOf('80000010');
}, 120_000);

describe('the demo', () => {
	it('assigns every grantee with consent to the mentor of her soum', async () => {
		const board = await assignmentBoard(coordinator, IP);
		expect(board.totals.grants).toBe(20);
		const unassigned = board.rows.filter((r) => !r.mentorId);
		expect(unassigned.map((r) => r.code)).toEqual([MENTORING_DEMO.unassigned]);
		expect(unassigned[0]!.consent).toBe(false);
		expect(board.rule).toEqual({ intervalMonths: 1, visits: 12 });
	});

	it('shows half a year of check-ins with the trajectories the demo promises', async () => {
		const caseload = await mentorCaseload(khanbogd, IP);
		// P2, with visits overdue, comes before P1, whose next visit is still ahead.
		const codes = caseload.map((r) => r.code);
		expect(codes.indexOf(MENTORING_DEMO.temporarilyClosed)).toBeLessThan(
			codes.indexOf(MENTORING_DEMO.growing)
		);
		const p2 = caseload.find((r) => r.code === MENTORING_DEMO.temporarilyClosed)!;
		expect(p2.summary).toMatchObject({ overdue: 2, done: 4, total: 12, nextState: 'overdue' });
		expect(p2.lastCheckIn?.businessStatus).toBe('temporarily_closed');
		expect(p2.needsVerification).toBe(true);
		const p1 = caseload.find((r) => r.code === MENTORING_DEMO.growing)!;
		expect(p1.summary).toMatchObject({ overdue: 0, done: 6 });
		expect(p1.needsVerification).toBe(false);

		const record = await mentoringRecord(khanbogd, p1.grantId, IP);
		const mine = record.checkIns.filter((c) => c.source === 'mentor');
		expect(mine).toHaveLength(6);
		// Newest first, and growing.
		expect(mine[0]!.salesMnt).toBeGreaterThan(mine[5]!.salesMnt);
		expect(mine.filter((c) => c.verifiesOperating)).toHaveLength(1);
		expect(mine[0]!.photos).toHaveLength(1);
		expect(record.checkIns.filter((c) => c.source === 'self')).toHaveLength(2);

		const p4 = await mentoringRecord(
			await sessionOf('80000012'),
			String((await grantOf(MENTORING_DEMO.closed))._id),
			IP
		);
		expect(p4.checkIns[0]!.businessStatus).toBe('closed');
		expect(p4.summary?.overdue).toBe(2);
		expect(await SafeguardingConcern.countDocuments({ state: 'open' })).toBe(1);
	});

	it('made one schedule per paid grant, from the day of payment', async () => {
		const schedules = await MentoringSchedule.find().lean();
		expect(schedules).toHaveLength(4);
		const p1 = await grantOf(GRANT_DEMO.P1);
		const schedule = schedules.find((s) => String(s.grantId) === String(p1._id))!;
		expect(schedule).toMatchObject({ intervalMonths: 1, visits: 12 });
		expect(schedule.startsOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
	});
});

describe('schedules', () => {
	it('start when the first tranche is paid, by the rule of that day, once', async () => {
		await updateMentoringRule(coordinator, { intervalMonths: 2, visits: 6 }, IP);
		const grant = await grantOf(GRANT_DEMO.A1); // approved, awaiting payment
		const request = (await requestFor(grant._id))!;
		const paidOn = new Date('2026-01-31T00:00:00Z');
		await Promise.all(
			Array.from({ length: 5 }, () =>
				markPaid(finance, request, { paidOn, paymentReference: 'T-SCHEDULE' }, IP).catch(() => null)
			)
		);
		const schedules = await MentoringSchedule.find({ grantId: grant._id }).lean();
		expect(schedules).toHaveLength(1);
		expect(schedules[0]).toMatchObject({ startsOn: '2026-01-31', intervalMonths: 2, visits: 6 });
		expect((await Participant.findById(grant.participantId).lean())!.stage).toBe('mentoring');
		const record = await mentoringRecord(coordinator, String(grant._id), IP, '2026-04-01');
		// 31 Jan + 2 months = 31 Mar: overdue on 1 April.
		expect(record.visits[0]).toMatchObject({ dueOn: '2026-03-31', state: 'overdue' });
		await updateMentoringRule(coordinator, { intervalMonths: 1, visits: 12 }, IP);
		expect(
			await refusal(updateMentoringRule(khanbogd, { intervalMonths: 1, visits: 12 }, IP))
		).toBe('forbidden');
	});
});

async function requestFor(grantId: Types.ObjectId) {
	const { PaymentRequest } = await import('$lib/server/db/models/paymentRequest');
	const request = await PaymentRequest.findOne({ grantId }).lean();
	return request ? String(request._id) : null;
}

describe('assignments and who sees whom', () => {
	it('only a mentor of her soum, only with her consent, only by a coordinator', async () => {
		const q9 = await grantOf(GRANT_DEMO.Q9); // Manlai
		expect(await refusal(assignMentor(coordinator, String(q9._id), khanbogd.id, IP))).toBe(
			'mentorSoum'
		);
		expect(await refusal(assignMentor(manlai, String(q9._id), manlai.id, IP))).toBe('forbidden');
		const unassigned = await grantOf(MENTORING_DEMO.unassigned);
		const mentor = await actor(['mentor'], { soums: [unassigned.soum] });
		expect(await refusal(assignMentor(coordinator, String(unassigned._id), mentor.id, IP))).toBe(
			'noConsent'
		);
		expect(
			await refusal(assignMentor(coordinator, String(q9._id), new Types.ObjectId().toString(), IP))
		).toBe('mentorSoum');
		expect(await refusal(assignMentor(coordinator, 'not-an-id', manlai.id, IP))).toBe('notFound');
	});

	it('once assigned, only her mentor follows her; reassigning moves her', async () => {
		const grant = await grantOf(GRANT_DEMO.Q7); // Bayan-Ovoo, assigned to 80000012
		const second = await actor(['mentor'], { soums: [grant.soum] });
		// Another mentor of the same soum sees neither her grant nor her record.
		expect(await refusal(mentoringRecord(second, String(grant._id), IP))).toBe('notFound');
		expect(await refusal(grantDetail(second, String(grant._id), IP))).toBe('notFound');
		expect((await mentorCaseload(second, IP)).map((r) => r.code)).not.toContain(GRANT_DEMO.Q7);
		await assignMentor(coordinator, String(grant._id), second.id, IP);
		expect((await mentorCaseload(second, IP)).map((r) => r.code)).toContain(GRANT_DEMO.Q7);
		const first = await sessionOf('80000012');
		expect(await refusal(mentoringRecord(first, String(grant._id), IP))).toBe('notFound');
		expect(await refusal(recordCheckIn(first, String(grant._id), checkIn(), [], IP))).toBe(
			'notFound'
		);
		await recordCheckIn(second, String(grant._id), checkIn(), [], IP);
		expect(
			await AuditEntry.countDocuments({ action: 'mentoring.assigned', entityId: String(grant._id) })
		).toBeGreaterThanOrEqual(2);
		await assignMentor(coordinator, String(grant._id), first.id, IP);
	});

	it('finance, reviewers and admins see no mentoring record; she sees hers', async () => {
		const p1 = String((await grantOf(GRANT_DEMO.P1))._id);
		for (const viewer of [finance, reviewer, admin]) {
			expect(await refusal(mentoringRecord(viewer, p1, IP))).toBe('notFound');
		}
		const own = await mentoringRecord(grantee, p1, IP);
		expect(own.access).toBe('owner');
		expect(own.can).toEqual({ checkIn: false, selfReport: true });
	});
});

describe('check-ins', () => {
	it('the same key sent 20 times at once is stored once', async () => {
		const grant = await grantOf(GRANT_DEMO.Q11); // Khanbogd, 80000005
		const input = checkIn({ queuedOffline: true });
		const results = await Promise.all(
			Array.from({ length: 20 }, () =>
				recordCheckIn(khanbogd, String(grant._id), input, [], IP).catch((e: unknown) => e)
			)
		);
		const ok = results.filter(
			(r): r is { checkInId: string; duplicate: boolean } =>
				typeof r === 'object' && r !== null && 'checkInId' in r
		);
		expect(ok).toHaveLength(20);
		expect(new Set(ok.map((r) => r.checkInId)).size).toBe(1);
		expect(ok.filter((r) => !r.duplicate)).toHaveLength(1);
		expect(await CheckIn.countDocuments({ idempotencyKey: input.idempotencyKey })).toBe(1);
		expect(
			await AuditEntry.countDocuments({
				action: 'checkin.recorded',
				'details.checkInId': ok[0]!.checkInId
			})
		).toBe(1);
	});

	it('a key is not reused for another grant or by another mentor', async () => {
		const a = await grantOf(GRANT_DEMO.Q11);
		const b = await grantOf(GRANT_DEMO.Q10);
		const input = checkIn();
		await recordCheckIn(khanbogd, String(a._id), input, [], IP);
		expect(await refusal(recordCheckIn(khanbogd, String(b._id), input, [], IP))).toBe('keyReused');
	});

	it('refuses what the form cannot catch, storing nothing', async () => {
		const grant = await grantOf(GRANT_DEMO.Q11);
		const before = await CheckIn.countDocuments({ grantId: grant._id });
		const early = new Date(grant.signedOn!.getTime() - 24 * 60 * 60 * 1000);
		expect(
			await refusal(recordCheckIn(khanbogd, String(grant._id), checkIn({ on: early }), [], IP))
		).toBe('beforeGrant');
		expect(
			await refusal(
				recordCheckIn(khanbogd, String(grant._id), checkIn({ milestones: ['item-99'] }), [], IP)
			)
		).toBe('milestone');
		const text = new File([new TextEncoder().encode('not a photo')], 'x.png', {
			type: 'image/png'
		});
		expect(await refusal(recordCheckIn(khanbogd, String(grant._id), checkIn(), [text], IP))).toBe(
			'photoType'
		);
		const png = () => new File([new Uint8Array(PNG)], 'p.png', { type: 'image/png' });
		expect(
			await refusal(
				recordCheckIn(khanbogd, String(grant._id), checkIn(), [png(), png(), png(), png()], IP)
			)
		).toBe('photoCount');
		expect(
			await refusal(
				recordCheckIn(
					khanbogd,
					String(grant._id),
					checkIn({ safeguarding: 'yes', safeguardingNote: 'x' }),
					[text],
					IP
				)
			)
		).toBe('photoType');
		// Nothing to verify before the first tranche is paid.
		expect(
			await refusal(
				recordCheckIn(khanbogd, String(grant._id), checkIn({ verifiesOperating: true }), [], IP)
			)
		).toBe('verifyTooEarly');
		expect(await CheckIn.countDocuments({ grantId: grant._id })).toBe(before);
		expect(await SafeguardingConcern.countDocuments({ grantId: grant._id })).toBe(0);
		expect(await refusal(recordCheckIn(coordinator, String(grant._id), checkIn(), [], IP))).toBe(
			'forbidden'
		);
	});

	it('stores photos, served only to those who may see her record', async () => {
		const grant = await grantOf(GRANT_DEMO.Q11);
		const png = new File([new Uint8Array(PNG)], 'shop.png', { type: 'image/png' });
		const { checkInId } = await recordCheckIn(khanbogd, String(grant._id), checkIn(), [png], IP);
		const photo = await checkInPhoto(coordinator, checkInId, 1, IP);
		expect(photo.contentType).toBe('image/png');
		expect(photo.bytes.length).toBe(PNG.length);
		expect(await refusal(checkInPhoto(finance, checkInId, 1, IP))).toBe('notFound');
		expect(await refusal(checkInPhoto(manlai, checkInId, 1, IP))).toBe('notFound');
		expect(await refusal(checkInPhoto(coordinator, checkInId, 2, IP))).toBe('notFound');
		expect((await readdir(photosDir())).some((f) => f.endsWith('.part'))).toBe(false);
	});

	it('a visit that verifies "operating" opens the second tranche, once', async () => {
		const p2 = await grantOf(GRANT_DEMO.P2);
		const id = String(p2._id);
		const second = () =>
			requestPayment(
				coordinator,
				id,
				{
					trancheNo: 2,
					method: 'bank',
					bankName: 'Хаан банк',
					accountName: 'Test',
					accountNumber: '5000123456',
					reference: 'T-2',
					idempotencyKey: `tranche-2-${Date.now()}-${keys++}`
				},
				IP
			);
		expect(await refusal(second())).toBe('notVerified');
		// A check-in that does not verify leaves it closed.
		await recordCheckIn(khanbogd, id, checkIn(), [], IP);
		expect(await refusal(second())).toBe('notVerified');
		const verifying = checkIn({ verifiesOperating: true });
		const [first, again] = await Promise.all([
			recordCheckIn(khanbogd, id, verifying, [], IP),
			recordCheckIn(khanbogd, id, verifying, [], IP)
		]);
		expect([first.duplicate, again.duplicate].sort()).toEqual([false, true]);
		expect(await GrantVerification.countDocuments({ grantId: p2._id })).toBe(1);
		const { requestId } = await second();
		expect(requestId).toBeTruthy();
		// A later verifying visit is stored as a check-in, and the first verification stands.
		const later = await recordCheckIn(khanbogd, id, checkIn({ verifiesOperating: true }), [], IP);
		expect(later.verified).toBe(false);
		expect(await GrantVerification.countDocuments({ grantId: p2._id })).toBe(1);
		await approvePayment(finance, requestId, IP).catch(() => null);
	});
});

describe('safeguarding', () => {
	it('reaches the coordinators and nobody else; the note never enters the audit log', async () => {
		const grant = await grantOf(GRANT_DEMO.Q9); // Manlai
		const note = `Тест: айдастай байна ${Date.now()}`;
		const before = await openConcernCount(coordinator);
		await recordCheckIn(
			manlai,
			String(grant._id),
			checkIn({ safeguarding: 'yes', safeguardingNote: note }),
			[],
			IP
		);
		expect(await openConcernCount(coordinator)).toBe(before + 1);
		for (const other of [finance, admin, reviewer, manlai, khanbogd, grantee]) {
			expect(await openConcernCount(other)).toBe(0);
			expect(await refusal(concernList(other, IP))).toBe('forbidden');
		}
		const list = await concernList(coordinator, IP);
		const row = list.find((r) => r.grantId === String(grant._id))!;
		expect(JSON.stringify(list)).not.toContain(note);
		for (const other of [finance, admin, reviewer, manlai, grantee]) {
			expect(await refusal(concernDetail(other, row.id, IP))).toBe('forbidden');
		}
		const detail = await concernDetail(coordinator, row.id, IP);
		expect(detail.note).toBe(note);
		expect(await AuditEntry.countDocuments({ action: 'safeguarding.read', entityId: row.id })).toBe(
			1
		);
		// Her mentor's record shows that a concern was raised, never what it says; her own view
		// shows neither.
		const record = await mentoringRecord(manlai, String(grant._id), IP);
		expect(record.checkIns[0]!.safeguarding).toBe(true);
		expect(JSON.stringify(record)).not.toContain(note);
		const audits = await AuditEntry.find({}).lean();
		expect(JSON.stringify(audits)).not.toContain(note);
		await closeConcern(coordinator, row.id, 'Нийгмийн ажилтан утсаар холбогдсон.', IP);
		expect(await refusal(closeConcern(coordinator, row.id, 'again', IP))).toBe('alreadyClosed');
		expect(await openConcernCount(coordinator)).toBe(before);
	});

	it('her own view never carries the flag', async () => {
		const p3 = await grantOf(GRANT_DEMO.P3);
		const owner = await Participant.findById(p3.participantId, { userId: 1 }).lean();
		const record = await mentoringRecord(await sessionOfId(owner!.userId), String(p3._id), IP);
		expect(record.checkIns.some((c) => c.safeguarding)).toBe(false);
		const asMentor = await mentoringRecord(manlai, String(p3._id), IP);
		expect(asMentor.checkIns.filter((c) => c.safeguarding)).toHaveLength(1);
	});
});

async function sessionOfId(userId: Types.ObjectId): Promise<SessionUser> {
	const { User } = await import('$lib/server/db/models/user');
	const user = (await User.findById(userId).lean())!;
	return sessionOf(user.phone);
}

describe('her own figures', () => {
	it('are stored once per key, as self-reported, on her own grant only', async () => {
		const input = {
			idempotencyKey: `self-${Date.now()}-${keys++}`,
			month: new Date().toISOString().slice(0, 7),
			businessStatus: 'operating' as const,
			salesMnt: 1_000_000,
			costsMnt: 400_000,
			customersPerWeek: 20,
			workersOwner: 1,
			workersPaid: 1,
			workersFamily: 0,
			problems: ''
		};
		const results = await Promise.all(
			Array.from({ length: 5 }, () => recordSelfReport(grantee, input, IP))
		);
		expect(new Set(results.map((r) => r.checkInId)).size).toBe(1);
		const stored = await CheckIn.find({ idempotencyKey: input.idempotencyKey }).lean();
		expect(stored).toHaveLength(1);
		expect(stored[0]).toMatchObject({ source: 'self', mode: 'self', month: input.month });
		expect(await refusal(recordSelfReport(khanbogd, input, IP))).toBe('forbidden');
		expect(
			await refusal(
				recordSelfReport(
					grantee,
					{ ...input, month: '2020-01', idempotencyKey: `early-${keys++}-abcdefghijkl` },
					IP
				)
			)
		).toBe('beforeGrant');
		const noGrant = await sessionOf('80000006');
		expect(
			await refusal(
				recordSelfReport(noGrant, { ...input, idempotencyKey: `x-${keys++}-abcdefghijkl` }, IP)
			)
		).toBe('notFound');
		// Her own figures do not count as her mentor's visits.
		const p1 = await grantOf(GRANT_DEMO.P1);
		const record = await mentoringRecord(grantee, String(p1._id), IP);
		expect(record.summary?.done).toBe(6);
		expect(await MentorAssignment.countDocuments({ grantId: p1._id })).toBe(1);
	});
});
