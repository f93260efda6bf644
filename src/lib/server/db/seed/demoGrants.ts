// The demo's settlement grants, made through the portal's own services (so the ledger, the
// audit log and the rules are the real ones): all 20 awards become grants with signed
// agreements; tranche 1 is paid for 4 of them in one batch (as the reference programme
// disbursed 4 grants in one batch), approved for 2, requested for 12, rejected once with its
// reason, and not yet requested for one. One of the paid grantees is verified by her mentor,
// has two receipts, and can sign in (80000010) to see her grant.
import { Types } from 'mongoose';
import type { Role } from '$lib/domain/roles';
import type { SessionUser } from '$lib/server/auth/session';
import { Grant } from '$lib/server/db/models/grant';
import { Participant } from '$lib/server/db/models/participant';
import { User } from '$lib/server/db/models/user';
import { syncGrants } from '$lib/server/services/grants';
import { signAgreement } from '$lib/server/services/grants';
import { addMonths, dayOf } from '$lib/domain/mentoring';
import {
	approvePayment,
	markPaid,
	rejectPayment,
	requestPayment
} from '$lib/server/services/payments';
import { participantAccess } from '$lib/server/services/plans';
import { uploadReceipt } from '$lib/server/services/receipts';

/** The grantee's demo sign-in. */
export const DEMO_GRANTEE_PHONE = '80000010';
export const DEMO_BATCH_REFERENCE = 'БАГЦ-2026-01';

/** Which demo grant plays which part (by participant code); see tests/e2e/grantDemo.ts. */
export type GrantDemoRoles = Record<
	'P1' | 'P2' | 'P3' | 'P4' | 'R' | 'D' | 'A1' | 'A2' | `Q${number}`,
	string
>;

const SEED_IP = 'demo-seed';

function needed<T>(value: T | undefined): T {
	if (value === undefined) throw new Error('The demo grants need the 20 demo awards');
	return value;
}

export async function sessionUser(id: Types.ObjectId): Promise<SessionUser> {
	const user = (await User.findById(id).lean())!;
	return {
		id: String(user._id),
		phone: user.phone,
		name: user.name,
		roles: user.roles as Role[],
		soums: user.soums ?? [],
		permissions: (user.permissions ?? []) as SessionUser['permissions']
	};
}

// A 1×1 PNG and a one-page PDF: stand-ins for phone photos and scanned receipts.
export const PNG = Buffer.from(
	'89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
		'1f15c4890000000d49444154789c6360f8ffff3f0005fe02fea7d6a4e80000000049454e44ae426082',
	'hex'
);
const PDF = Buffer.from(
	'%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'
);

export async function seedDemoGrants({
	cohortId,
	coordinatorId,
	financeId,
	mentorId,
	passwordHash,
	rand
}: {
	cohortId: Types.ObjectId;
	coordinatorId: Types.ObjectId;
	financeId: Types.ObjectId;
	mentorId: Types.ObjectId;
	passwordHash: string;
	rand: () => number;
}): Promise<GrantDemoRoles> {
	await syncGrants(cohortId);
	const coordinator = await sessionUser(coordinatorId);
	const finance = await sessionUser(financeId);
	const mentor = await sessionUser(mentorId);
	const grants = await Grant.find({ cohortId }).lean();
	const participants = await Participant.find(
		{ _id: { $in: grants.map((g) => g.participantId) } },
		{ code: 1, userId: 1, soum: 1 }
	).lean();
	const byId = new Map(participants.map((p) => [String(p._id), p]));
	const rows = grants
		.map((grant) => ({ grant, participant: byId.get(String(grant.participantId))! }))
		.sort((a, b) => a.participant.code.localeCompare(b.participant.code));
	const seenByMentor: typeof rows = [];
	for (const row of rows) {
		if ((await participantAccess(mentor, row.participant)) === 'mentor') seenByMentor.push(row);
	}
	const others = rows.filter((r) => !mentor.soums.includes(r.participant.soum));
	const p1 = needed(seenByMentor[0]);
	const p2 = needed(seenByMentor[1]);
	const p3 = needed(others[0]);
	const p4 = needed(others[1]);
	const rest = rows.filter((r) => ![p1, p2, p3, p4].includes(r));
	const rejected = needed(rest[0]);
	const due = needed(rest[1]);
	const a1 = needed(rest[2]);
	const a2 = needed(rest[3]);
	const queued = rest.slice(4);
	const roles = {
		P1: p1.participant.code,
		P2: p2.participant.code,
		P3: p3.participant.code,
		P4: p4.participant.code,
		R: rejected.participant.code,
		D: due.participant.code,
		A1: a1.participant.code,
		A2: a2.participant.code,
		...Object.fromEntries(queued.map((row, i) => [`Q${i + 1}`, row.participant.code]))
	} as GrantDemoRoles;

	const today = new Date(new Date().toISOString().slice(0, 10) + 'T00:00:00Z');
	// The batch of four was signed and paid six months and ten days ago, so that the demo shows
	// half a year of mentoring (demoMentoring.ts) with its last visits overdue; the others
	// signed today. (The demo's calendar is compressed: the committee decided days ago.)
	const batchPaidOn = new Date(`${addMonths(dayOf(today), -6)}T00:00:00Z`);
	batchPaidOn.setUTCDate(batchPaidOn.getUTCDate() - 10);
	const batchSignedOn = new Date(batchPaidOn.getTime() - 7 * 24 * 60 * 60 * 1000);
	for (const row of rows) {
		await signAgreement(
			coordinator,
			String(row.grant._id),
			{
				signedOn: [p1, p2, p3, p4].includes(row) ? batchSignedOn : today,
				witnessedBy: 'Сумын Засаг даргын тамгын газар, Б. Энхжаргал'
			},
			SEED_IP
		);
	}
	const names = new Map(
		(await User.find({ _id: { $in: participants.map((p) => p.userId) } }, { name: 1 }).lean()).map(
			(u) => [String(u._id), u.name]
		)
	);
	let voucher = 0;
	const request = async (row: (typeof rows)[number]) => {
		voucher++;
		const { requestId } = await requestPayment(
			coordinator,
			String(row.grant._id),
			{
				trancheNo: 1,
				method: 'bank',
				bankName: 'Хаан банк',
				accountName: names.get(String(row.participant.userId)) ?? row.participant.code,
				accountNumber: String(5000000000 + Math.floor(rand() * 99_999_999)),
				reference: `ТШ-2026-${String(voucher).padStart(3, '0')}`,
				idempotencyKey: `demo-request-${row.participant.code}-1`
			},
			SEED_IP
		);
		return requestId;
	};
	// The batch of four: requested, approved and paid on one day under one bank reference.
	for (const row of [p1, p2, p3, p4]) {
		const id = await request(row);
		await approvePayment(finance, id, SEED_IP);
		await markPaid(
			finance,
			id,
			{ paidOn: batchPaidOn, paymentReference: DEMO_BATCH_REFERENCE },
			SEED_IP
		);
	}
	await rejectPayment(
		finance,
		await request(rejected),
		'Дансны эзэмшигчийн нэр гэрээнд заасан нэртэй таарахгүй байна. Дансны мэдээллийг шалгаад дахин хүсэлт гаргана уу.',
		SEED_IP
	);
	for (const row of [a1, a2]) await approvePayment(finance, await request(row), SEED_IP);
	for (const row of queued) await request(row);

	// P1's verification comes from her mentor's second check-in (demoMentoring.ts).
	const lines = p1.grant.budgetLines;
	const receipts = [
		{ bytes: PNG, name: 'receipt-1.png', type: 'image/png', line: lines[0] },
		{ bytes: PDF, name: 'invoice.pdf', type: 'application/pdf', line: lines[1] ?? lines[0] }
	];
	for (const receipt of receipts) {
		if (!receipt.line) continue;
		await uploadReceipt(
			mentor,
			String(p1.grant._id),
			{
				file: new File([new Uint8Array(receipt.bytes)], receipt.name, { type: receipt.type }),
				lineKey: receipt.line.key,
				amountMnt: Math.max(1, Math.round(receipt.line.plannedMnt * 0.9)),
				spentOn: today,
				description: ''
			},
			SEED_IP
		);
	}
	// Her sign-in, so that the demo shows a grant through her eyes.
	await User.updateOne(
		{ _id: p1.participant.userId },
		{ $set: { phone: DEMO_GRANTEE_PHONE, passwordHash, passwordChangedAt: new Date() } }
	);
	return roles;
}
