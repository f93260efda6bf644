// Erasing a participant's personal data (issue 10, retention), on the real database with the
// demo: the grantee P1 (80000010) on her request and an applicant after the retention period,
// one of them interrupted halfway and run again. Then every document of every collection
// (read with the raw driver, as extended JSON) and every file under DATA_DIR is searched for
// what identified them; the reports' figures are the same as before; the pages' services still
// work and show her code only; and running the erasure again changes nothing.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import mongoose, { Types } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { addYearsUtc, ERASED_TEXT, isErasedPhone } from '$lib/domain/retention';
import { createSession, generateSessionToken, type SessionUser } from '$lib/server/auth/session';
import { csvStream } from '$lib/server/csv';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { AwardDecision } from '$lib/server/db/models/awardDecision';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { CheckIn } from '$lib/server/db/models/checkIn';
import { ConsentRecord } from '$lib/server/db/models/consentRecord';
import { Grant } from '$lib/server/db/models/grant';
import { GrantVerification } from '$lib/server/db/models/grantVerification';
import { NeedAssessment } from '$lib/server/db/models/needAssessment';
import { Participant } from '$lib/server/db/models/participant';
import { PaymentRequest } from '$lib/server/db/models/paymentRequest';
import { PlanComment } from '$lib/server/db/models/planComment';
import { PlanSectionDraft } from '$lib/server/db/models/planSectionDraft';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { Receipt } from '$lib/server/db/models/receipt';
import { ReportSnapshot } from '$lib/server/db/models/reportSnapshot';
import { Review } from '$lib/server/db/models/review';
import { SafeguardingConcern } from '$lib/server/db/models/safeguardingConcern';
import { Session } from '$lib/server/db/models/session';
import { SetupCode } from '$lib/server/db/models/setupCode';
import { SignInAttempt } from '$lib/server/db/models/signInAttempt';
import { User } from '$lib/server/db/models/user';
import { listAudit } from '$lib/server/audit';
import {
	redeemSetupCode,
	reissueSetupCode,
	setAccountDisabled
} from '$lib/server/services/accounts';
import { meetingPack, ranking } from '$lib/server/services/committee';
import { EXPORT_KINDS, startExport } from '$lib/server/services/dataExports';
import { seedDemo } from '$lib/server/services/demoSeed';
import { ErasureError, eraseParticipant, erasureStatus } from '$lib/server/services/erasure';
import { agreementDocument, grantDetail, grantList } from '$lib/server/services/grantViews';
import { mentorCaseload, mentoringRecord } from '$lib/server/services/mentoringViews';
import {
	getParticipant,
	listParticipants,
	setProtected,
	updateParticipant
} from '$lib/server/services/participants';
import { financeQueue, paymentDetail } from '$lib/server/services/payments';
import { planDetail, planVersion } from '$lib/server/services/plans';
import { dashboard, donorIndicators, programmeIndicators } from '$lib/server/services/reporting';
import { concernDetail, concernList } from '$lib/server/services/safeguarding';
import { signIn } from '$lib/server/services/signIn';
import { actor, sessionOf } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('erasure');

const IP = '203.0.113.7';
const EJSON = mongoose.mongo.BSON.EJSON;

let coordinator: SessionUser;

/** Everything that was about one woman before her erasure. */
interface Subject {
	label: string;
	participantId: string;
	userId: string;
	code: string;
	name: string;
	phone: string;
	/** Every id of a record about her: a document naming one of them is hers. */
	ids: string[];
	/** Her name, phone, ID number, texts ... (4 characters or more). */
	secrets: string[];
	/** Those found in no document but hers before the erasure: must be found nowhere after. */
	unique: string[];
	/** Her files under DATA_DIR. */
	files: string[];
	grantIds: string[];
	requestIds: string[];
	concernIds: string[];
	planId: string | null;
}

interface StoredDoc {
	collection: string;
	id: string;
	text: string;
}

/** Every document of every collection, as canonical extended JSON, read with the driver. */
async function everyDocument(): Promise<StoredDoc[]> {
	const db = mongoose.connection.db!;
	const docs: StoredDoc[] = [];
	for (const { name } of await db.listCollections().toArray()) {
		for (const doc of await db.collection(name).find({}).toArray()) {
			docs.push({
				collection: name,
				id: EJSON.stringify(doc._id),
				text: EJSON.stringify(doc, { relaxed: false })
			});
		}
	}
	return docs;
}

/** Every file under DATA_DIR (paths relative to it) with its bytes. */
async function everyFile(dir = process.env.DATA_DIR!, base = dir): Promise<Map<string, Buffer>> {
	const files = new Map<string, Buffer>();
	let entries;
	try {
		entries = await readdir(dir, { withFileTypes: true });
	} catch {
		return files;
	}
	for (const entry of entries) {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) {
			for (const [name, bytes] of await everyFile(full, base)) files.set(name, bytes);
		} else {
			files.set(path.relative(base, full), await readFile(full));
		}
	}
	return files;
}

const strings = (value: unknown): string[] => {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object' && !(value instanceof Date)) {
		return Object.values(value).flatMap(strings);
	}
	return [];
};

/** Her identifying values and the ids of her records, read before the erasure. */
async function subjectOf(label: string, participantId: Types.ObjectId): Promise<Subject> {
	const participant = (await Participant.findById(participantId).lean())!;
	const user = (await User.findById(participant.userId).lean())!;
	const plan = await BusinessPlan.findOne({ participantId }).lean();
	const planId = plan?._id;
	const [grants, requests, checkIns, receipts, concerns, versions, drafts, comments, reviews] =
		await Promise.all([
			Grant.find({ participantId }).lean(),
			PaymentRequest.find({ participantId }).lean(),
			CheckIn.find({ participantId }).lean(),
			Receipt.find({ participantId }).lean(),
			SafeguardingConcern.find({ participantId }).lean(),
			planId ? PlanVersion.find({ planId }).lean() : [],
			planId ? PlanSectionDraft.find({ planId }).lean() : [],
			planId ? PlanComment.find({ planId }).lean() : [],
			planId ? Review.find({ planId }).lean() : []
		]);
	const [decisions, needs, verifications, consents, authEntries] = await Promise.all([
		AwardDecision.find({ participantId }).lean(),
		planId ? NeedAssessment.find({ planId }).lean() : [],
		GrantVerification.find({ participantId }).lean(),
		ConsentRecord.find({ participantId }).lean(),
		AuditEntry.find({ 'details.phone': user.phone }).lean()
	]);
	const planTexts = [...versions.map((v) => v.content), ...drafts.map((d) => d.data)].flatMap(
		(content) =>
			strings(content).filter(
				// Her words, not the fixed choices (business type, legal form).
				(s) => !/^[a-z_]+$/.test(s)
			)
	);
	const secrets = [
		user.name,
		user.phone,
		user.email,
		participant.nationalId,
		participant.notes,
		participant.bag,
		participant.originPlace,
		participant.currentWork,
		...planTexts,
		plan?.returnReason,
		...versions.map((v) => v.returnReason),
		...comments.map((c) => c.text),
		...reviews.flatMap((r) => r.items.map((i) => i.comment)),
		...needs.map((n) => n.comment),
		...decisions.flatMap((d) => [d.reason, d.applicantMessage]),
		...grants.flatMap((g) => [g.witnessedBy, ...g.budgetLines.map((l) => l.label)]),
		...verifications.map((v) => v.note),
		...requests.flatMap((r) => [
			r.bankName,
			r.accountName,
			r.accountNumber,
			r.supplierName,
			r.note
		]),
		...checkIns.flatMap((c) => [c.supportGiven, c.problems, c.nextSteps]),
		...concerns.flatMap((c) => [c.note, c.actionTaken]),
		...receipts.flatMap((r) => [r.originalName, r.description, r.sha256]),
		...consents.map((c) => c.witness),
		...authEntries.map((e) => (e.details as { phone?: string }).phone)
	].filter((s): s is string => typeof s === 'string' && s.trim().length >= 4 && s !== ERASED_TEXT);
	// Her phone too: a sign-in attempt is hers by the number alone.
	const ids = [
		user.phone,
		participantId,
		user._id,
		planId,
		...grants.map((g) => g._id),
		...requests.map((r) => r._id),
		...checkIns.map((c) => c._id),
		...receipts.map((r) => r._id),
		...concerns.map((c) => c._id),
		...versions.map((v) => v._id)
	]
		.filter(Boolean)
		.map(String);
	const dataDir = process.env.DATA_DIR!;
	const files = [...(await everyFile()).keys()].filter((file) => {
		const name = path.basename(file);
		return (
			receipts.some((r) => name.startsWith(String(r._id))) ||
			checkIns.some((c) => name.startsWith(`${c.idempotencyKey}-`))
		);
	});
	expect(dataDir).toBeTruthy();
	return {
		label,
		participantId: String(participantId),
		userId: String(user._id),
		code: participant.code,
		name: user.name,
		phone: user.phone,
		ids,
		secrets: [...new Set(secrets)],
		unique: [],
		files,
		grantIds: grants.map((g) => String(g._id)),
		requestIds: requests.map((r) => String(r._id)),
		concernIds: concerns.map((c) => String(c._id)),
		planId: planId ? String(planId) : null
	};
}

const isHers = (subject: Subject, doc: StoredDoc) =>
	subject.ids.some((id) => doc.text.includes(id));

/** The reports' figures, counted now (no snapshot to fall back on), without their time. */
async function figures() {
	await ReportSnapshot.deleteMany({});
	const timeless = <T extends object>(value: T) =>
		Object.fromEntries(
			Object.entries(value).filter(([key]) => key !== 'asOf' && key !== 'recounting')
		);
	return {
		board: timeless(await dashboard(coordinator, null)),
		indicators: timeless(await programmeIndicators(coordinator, null)),
		donor: timeless(await donorIndicators(coordinator, null, IP, 'csv'))
	};
}

let p1: Subject;
let applicant: Subject;
let before: Awaited<ReturnType<typeof figures>>;
let filesBefore: Map<string, Buffer>;
let mentor: SessionUser;

beforeAll(async () => {
	await seedDemo();
	coordinator = await sessionOf('80000002');
	mentor = await sessionOf('80000005');
	const p1User = (await User.findOne({ phone: '80000010' }).lean())!;
	const p1Row = (await Participant.findOne({ userId: p1User._id }).lean())!;
	const grant = (await Grant.findOne({ participantId: p1Row._id }).lean())!;
	const plan = (await BusinessPlan.findOne({ participantId: p1Row._id }).lean())!;

	// What a real record of hers holds beyond the demo: a note and an ID number on her profile,
	// failed sign-ins and set-up attempts, a session, a set-up code, a comment on her plan, and
	// a safeguarding concern with what was done about it.
	await Participant.updateOne(
		{ _id: p1Row._id },
		{
			$set: {
				notes: 'Нөхөр нь Ханбогдын уурхайд ажилладаг, эгч нь Даланзадгадад амьдардаг.',
				nationalId: 'УБ91043011'
			}
		}
	);
	await signIn('80000010', 'not-her-password', IP);
	await signIn('80000010', 'still-not-it', IP);
	await createSession(generateSessionToken(), p1User._id, IP);
	await reissueSetupCode(coordinator, String(p1User._id), IP);
	await redeemSetupCode('80000010', '00000000', 'a-new-password-1', IP).catch(() => undefined);
	await PlanComment.create({
		planId: plan._id,
		section: 'idea',
		authorId: mentor.id,
		authorRole: 'mentor',
		text: 'Хүүхдийнхээ цэцэрлэгийн ойролцоо байр хайж байгаа гэж хэлсэн.'
	});
	await SafeguardingConcern.create({
		checkInKey: 'erasure-test-concern',
		grantId: grant._id,
		participantId: p1Row._id,
		cohortId: grant.cohortId,
		soum: grant.soum,
		note: 'Хадам ээж нь мөнгийг нь авдаг гэж айж ярьсан.',
		raisedBy: new Types.ObjectId(mentor.id),
		raisedAt: new Date(),
		actionTaken: 'Сумын нийгмийн ажилтан Д. Оюунаатай холбож өгсөн.'
	});

	// An applicant whose plan went to the committee and was not awarded.
	const awarded = new Set(
		(await Grant.find({}, { participantId: 1 }).lean()).map((g) => String(g.participantId))
	);
	const reviewed = new Set(
		(await Review.find({}, { planId: 1 }).lean()).map((r) => String(r.planId))
	);
	const candidates = await BusinessPlan.find({ state: 'submitted' }).sort({ _id: 1 }).lean();
	const chosen = candidates.find(
		(p) => reviewed.has(String(p._id)) && !awarded.has(String(p.participantId))
	)!;
	expect(chosen).toBeTruthy();
	await PlanComment.create({
		planId: chosen._id,
		section: 'market',
		authorId: coordinator.id,
		authorRole: 'coordinator',
		text: 'Гэр бүлийн хүчирхийллээс зугтаж ирсэн тул хаягаа бусдад бүү хэл.'
	});

	p1 = await subjectOf('P1', p1Row._id);
	applicant = await subjectOf('applicant', chosen.participantId);
	before = await figures();
	const docs = await everyDocument();
	for (const subject of [p1, applicant]) {
		const others = docs.filter((doc) => !isHers(p1, doc) && !isHers(applicant, doc));
		subject.unique = subject.secrets.filter((s) => !others.some((doc) => doc.text.includes(s)));
	}
	filesBefore = await everyFile();
}, 300_000);

afterAll(() => {
	vi.restoreAllMocks();
});

describe('who may erase, and when', () => {
	it('is refused to anyone but a coordinator, and changes nothing', async () => {
		for (const phone of ['80000001', '80000003', '80000004', '80000005', '80000006', '80000010']) {
			const who = await sessionOf(phone);
			await expect(erasureStatus(who, p1.participantId)).rejects.toMatchObject({
				code: 'forbidden'
			});
			await expect(
				eraseParticipant(
					who,
					p1.participantId,
					{ basis: 'request', reason: 'written_request', confirmation: p1.code },
					IP
				)
			).rejects.toMatchObject({ code: 'forbidden' });
		}
		expect((await User.findById(p1.userId).lean())!.name).toBe(p1.name);
	});

	it('needs her code typed, a reason that fits, and viewProtected for a protected woman', async () => {
		const erase = (input: Parameters<typeof eraseParticipant>[2], who = coordinator) =>
			eraseParticipant(who, p1.participantId, input, IP);
		await expect(
			erase({ basis: 'request', reason: 'written_request', confirmation: 'UMN-26-999' })
		).rejects.toMatchObject({ code: 'confirmation' });
		await expect(
			erase({ basis: 'request', reason: 'retention_ended', confirmation: p1.code })
		).rejects.toMatchObject({ code: 'reasonNotForBasis' });
		await expect(
			eraseParticipant(
				coordinator,
				new Types.ObjectId().toHexString(),
				{ basis: 'request', reason: 'written_request', confirmation: p1.code },
				IP
			)
		).rejects.toMatchObject({ code: 'notFound' });
		const plain = await actor(['coordinator']);
		const hidden = (await Participant.findOne({ protected: true }).lean())!;
		await expect(
			eraseParticipant(
				plain,
				String(hidden._id),
				{ basis: 'request', reason: 'safety', confirmation: hidden.code },
				IP
			)
		).rejects.toMatchObject({ code: 'protectedNeedsPermission' });
		expect((await User.findById(p1.userId).lean())!.phone).toBe('80000010');
		expect(await Participant.exists({ erasureStartedAt: { $exists: true } })).toBeNull();
	});

	it('allows "retention" only five years after her last activity', async () => {
		const status = await erasureStatus(coordinator, applicant.participantId);
		expect(status.erased).toBeNull();
		expect(status.incomplete).toBe(false);
		expect(status.retentionEnded).toBe(false);
		expect(status.retentionEndsAt).toEqual(addYearsUtc(status.lastActivityAt, 5));
		// Her last activity is her plan's latest step, the committee's decision or later.
		const decided = await AwardDecision.find({ participantId: applicant.participantId }).lean();
		for (const d of decided) {
			expect(status.lastActivityAt.getTime()).toBeGreaterThanOrEqual(d.decidedAt.getTime());
		}
		const input = { basis: 'retention', reason: 'retention_ended', confirmation: applicant.code };
		const justBefore = new Date(status.retentionEndsAt.getTime() - 1);
		await expect(
			eraseParticipant(coordinator, applicant.participantId, input as never, IP, justBefore)
		).rejects.toBeInstanceOf(ErasureError);
		await expect(
			eraseParticipant(coordinator, applicant.participantId, input as never, IP)
		).rejects.toMatchObject({ code: 'notYetEligible' });
		expect(
			await erasureStatus(coordinator, applicant.participantId, status.retentionEndsAt)
		).toMatchObject({ retentionEnded: true });
		expect((await User.findById(applicant.userId).lean())!.name).toBe(applicant.name);
	});
});

describe('erasing', () => {
	it('erases P1 on her request: her account closed, her files deleted, one audit entry', async () => {
		const sessions = await Session.countDocuments({ userId: p1.userId });
		const setupCodes = await SetupCode.countDocuments({ userId: p1.userId });
		expect(sessions).toBeGreaterThanOrEqual(1);
		expect(setupCodes).toBeGreaterThanOrEqual(1);
		expect(await SignInAttempt.countDocuments({ phone: '80000010' })).toBe(3);
		expect(p1.files.length).toBeGreaterThanOrEqual(3); // two receipts, a check-in photo
		const { alreadyErased, counts } = await eraseParticipant(
			coordinator,
			p1.participantId,
			{ basis: 'request', reason: 'written_request', confirmation: ` ${p1.code.toLowerCase()} ` },
			IP
		);
		expect(alreadyErased).toBe(false);
		expect(counts).toMatchObject({
			sessions,
			setupCodes,
			signInAttempts: 3,
			files: p1.files.length
		});
		expect(await Session.countDocuments({ userId: p1.userId })).toBe(0);
		expect(await SetupCode.countDocuments({ userId: p1.userId })).toBe(0);
		expect(await SignInAttempt.countDocuments({ phone: '80000010' })).toBe(0);
		expect(counts.documents).toBeGreaterThan(10);
		expect(counts.auditEntries).toBeGreaterThanOrEqual(4);

		const user = (await User.findById(p1.userId).lean())!;
		expect(user).toMatchObject({ name: p1.code, disabled: true });
		expect(isErasedPhone(user.phone)).toBe(true);
		expect(user.passwordHash).toBeUndefined();
		// No account answers to her phone any more (an attempt would log the number typed).
		expect(await User.exists({ phone: '80000010' })).toBeNull();
		const row = (await Participant.findById(p1.participantId).lean())!;
		expect(row.erasedAt).toBeInstanceOf(Date);
		expect(String(row.erasedBy)).toBe(coordinator.id);
		for (const receipt of await Receipt.find({ participantId: p1.participantId }).lean()) {
			expect(receipt.fileErasedAt).toBeInstanceOf(Date);
			expect(receipt.amountMnt).toBeGreaterThan(0);
		}
		const entries = await AuditEntry.find({
			action: 'participant.erased',
			entityId: p1.participantId
		}).lean();
		expect(entries).toHaveLength(1);
		expect(entries[0]).toMatchObject({ actorId: new Types.ObjectId(coordinator.id), ip: IP });
		expect(entries[0]!.details).toMatchObject({ basis: 'request', reason: 'written_request' });
		// Her sign-ins and set-up attempts are still in the log, without her phone.
		const auth = await AuditEntry.find({ action: /^auth\.(signin_failed|setup_failed)$/ }).lean();
		expect(auth.some((e) => (e.details as { phone?: string }).phone === ERASED_TEXT)).toBe(true);
		expect(auth.some((e) => (e.details as { phone?: string }).phone === '80000010')).toBe(false);

		const status = await erasureStatus(coordinator, p1.participantId);
		expect(status.erased?.byName).toBe(coordinator.name);
		expect(status.incomplete).toBe(false);
	});

	it('refuses to edit her record, or to open her account again, once she is erased', async () => {
		const profile = {
			name: 'Someone New',
			phone: '99112233',
			soum: 'khanbogd'
		} as unknown as Parameters<typeof updateParticipant>[2];
		await expect(
			updateParticipant(coordinator, p1.participantId, profile, IP)
		).rejects.toMatchObject({ code: 'erased' });
		await expect(setProtected(coordinator, p1.participantId, true, IP)).rejects.toMatchObject({
			code: 'erased'
		});
		const admin = await sessionOf('80000001');
		await expect(reissueSetupCode(admin, p1.userId, IP)).rejects.toMatchObject({ code: 'erased' });
		await expect(setAccountDisabled(admin, p1.userId, false, IP)).rejects.toMatchObject({
			code: 'erased'
		});
		const user = (await User.findById(p1.userId).lean())!;
		expect(user).toMatchObject({ name: p1.code, disabled: true });
	});

	it('finishes an erasure interrupted halfway when run again (retention, 5 years on)', async () => {
		const { retentionEndsAt } = await erasureStatus(coordinator, applicant.participantId);
		const later = new Date(retentionEndsAt.getTime() + 60_000);
		const input = {
			basis: 'retention',
			reason: 'retention_ended',
			confirmation: applicant.code
		} as const;
		const crash = vi.spyOn(CheckIn, 'updateMany').mockRejectedValueOnce(new Error('power cut'));
		await expect(
			eraseParticipant(coordinator, applicant.participantId, input, IP, later)
		).rejects.toThrow('power cut');
		crash.mockRestore();
		const halfway = await erasureStatus(coordinator, applicant.participantId);
		expect(halfway).toMatchObject({ erased: null, incomplete: true });
		// Her name is no longer shown while the erasure is unfinished.
		const seen = await getParticipant(coordinator, applicant.participantId, IP);
		expect(seen.identity).toMatchObject({ erased: true, name: null, phone: null });
		expect(
			await AuditEntry.exists({ action: 'participant.erased', entityId: applicant.participantId })
		).toBeNull();

		// Run again (now, not five years on: an erasure begun is always finished).
		const { alreadyErased } = await eraseParticipant(
			coordinator,
			applicant.participantId,
			input,
			IP
		);
		expect(alreadyErased).toBe(false);
		const done = await erasureStatus(coordinator, applicant.participantId);
		expect(done.erased).not.toBeNull();
		expect(done.incomplete).toBe(false);
		expect(
			await AuditEntry.countDocuments({
				action: 'participant.erased',
				entityId: applicant.participantId
			})
		).toBe(1);
	});
});

describe('after the erasure', () => {
	it('no document of any collection holds anything that identified them', async () => {
		const docs = await everyDocument();
		expect(docs.length).toBeGreaterThan(1000);
		for (const subject of [p1, applicant]) {
			// Checked everywhere: her name and phone at least were hers alone.
			expect(subject.unique).toContain(subject.phone);
			expect(subject.unique.length).toBeGreaterThanOrEqual(3);
			for (const secret of subject.unique) {
				const found = docs.filter((doc) => doc.text.includes(secret));
				expect(
					found.map((doc) => `${doc.collection} ${doc.id}`),
					`${subject.label}: "${secret}"`
				).toEqual([]);
			}
			// Shared texts (a template phrase, a witness of many) are gone from her records.
			const hers = docs.filter((doc) => isHers(subject, doc));
			expect(hers.length).toBeGreaterThan(10);
			for (const secret of subject.secrets) {
				const found = hers.filter((doc) => doc.text.includes(secret));
				expect(
					found.map((doc) => `${doc.collection} ${doc.id}`),
					`${subject.label}: "${secret}"`
				).toEqual([]);
			}
		}
		// A plan she wrote still has its figures and its business type.
		const version = (await PlanVersion.findOne({ planId: p1.planId }).lean())!;
		const content = version.content as {
			idea: { businessType: string; businessName: string };
			startup: { items: { quantity: number; unitPrice: number; item: string }[] };
		};
		expect(content.idea.businessType).toMatch(/^[a-z]+$/);
		expect(content.idea.businessName).toBe('');
		expect(content.startup.items.every((i) => i.item === '' && i.quantity > 0)).toBe(true);
	});

	it('no file under DATA_DIR is theirs or holds what identified them', async () => {
		const files = await everyFile();
		const theirs = [...p1.files, ...applicant.files];
		expect(theirs.length).toBeGreaterThan(0);
		for (const file of theirs) expect(files.has(file), file).toBe(false);
		expect([...files.keys()].sort()).toEqual(
			[...filesBefore.keys()].filter((file) => !theirs.includes(file)).sort()
		);
		for (const [file, bytes] of files) {
			for (const secret of [...p1.unique, ...applicant.unique]) {
				expect(bytes.includes(Buffer.from(secret)), `${file}: ${secret}`).toBe(false);
			}
		}
	});

	it('leaves every figure of the dashboards, the indicators and the donor report unchanged', async () => {
		const after = await figures();
		expect(after).toEqual(before);
		expect(before.indicators).toMatchObject({ indicators: { grantsAwarded: 20 } });
		expect(before.board).toMatchObject({ mentoring: { openConcerns: 2 } });
	});

	it('shows her code, marked erased, on every page that shows her, and nothing breaks', async () => {
		// What was theirs alone (a template phrase or a shared witness may rightly stay on others').
		const secrets = [...p1.unique, ...applicant.unique];
		const noSecret = (what: string, value: unknown) => {
			const text = JSON.stringify(value);
			for (const secret of secrets) expect(text, `${what}: ${secret}`).not.toContain(secret);
		};
		const record = await getParticipant(coordinator, p1.participantId, IP);
		expect(record.identity).toMatchObject({ code: p1.code, name: null, phone: null, erased: true });
		noSecret('participant record', record);
		const list = await listParticipants(coordinator, { page: 1, q: p1.code }, IP);
		expect(list.rows.map((r) => [r.code, r.erased, r.name])).toEqual([[p1.code, true, null]]);
		const byName = await listParticipants(coordinator, { page: 1, q: p1.name }, IP);
		expect(byName.rows.map((r) => r.code)).not.toContain(p1.code);
		const byPhone = await listParticipants(coordinator, { page: 1, q: '80000010' }, IP);
		expect(byPhone.total).toBe(0);

		const grants = await grantList(coordinator, IP);
		noSecret('grant list', grants);
		const grantId = p1.grantIds[0]!;
		noSecret('grant', await grantDetail(coordinator, grantId, IP));
		noSecret('agreement', await agreementDocument(coordinator, grantId, IP));
		noSecret('mentoring record', await mentoringRecord(mentor, grantId, IP));
		noSecret('caseload', await mentorCaseload(mentor, IP));
		const finance = await sessionOf('80000003');
		noSecret('finance queue', await financeQueue(finance, IP));
		noSecret('payment', await paymentDetail(finance, p1.requestIds[0]!, IP));
		noSecret('concerns', await concernList(coordinator, IP));
		for (const id of p1.concernIds) noSecret('concern', await concernDetail(coordinator, id, IP));
		for (const planId of [p1.planId!, applicant.planId!]) {
			noSecret('plan', await planDetail(coordinator, planId, IP));
			noSecret('plan version', await planVersion(coordinator, planId, 1));
		}
		const chair = await sessionOf('80000004');
		noSecret('ranking', await ranking(chair));
		noSecret('committee pack', await meetingPack(coordinator, IP, 'csv'));
		for (const kind of EXPORT_KINDS) {
			const { rows } = await startExport(
				coordinator,
				{ kind, identifying: true, reason: 'Checking an erasure' },
				IP,
				(column) => column
			);
			const csv = await new Response(csvStream(rows)).text();
			expect(csv, kind).toContain('UMN-26-');
			for (const secret of secrets) expect(csv, `${kind}: ${secret}`).not.toContain(secret);
		}
		const admin = await sessionOf('80000001');
		const log = await listAudit({ page: 1, person: p1.name }, { viewer: admin });
		noSecret('audit log', log);
		noSecret('donor report', await donorIndicators(coordinator, null, IP, 'page'));
	});

	it('running it again is harmless: nothing changes, no second audit entry', async () => {
		const docs = await everyDocument();
		for (const subject of [p1, applicant]) {
			const { alreadyErased } = await eraseParticipant(
				coordinator,
				subject.participantId,
				{ basis: 'request', reason: 'verbal_request', confirmation: subject.code },
				IP
			);
			expect(alreadyErased).toBe(true);
		}
		const again = await everyDocument();
		const key = (d: StoredDoc) => `${d.collection} ${d.id}`;
		expect(new Map(again.map((d) => [key(d), d.text]))).toEqual(
			new Map(docs.map((d) => [key(d), d.text]))
		);
	});
});
