import { describe, expect, it } from 'vitest';
import type { Stage } from '$lib/domain/participant';
import { searchSkeleton } from '$lib/domain/transliteration';
import type { CourseKind } from '$lib/domain/training';
import type { SessionUser } from '$lib/server/auth/session';
import { Attendance } from '$lib/server/db/models/attendance';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { Cohort } from '$lib/server/db/models/cohort';
import { Enrolment } from '$lib/server/db/models/enrolment';
import { Participant } from '$lib/server/db/models/participant';
import { TrainingSession } from '$lib/server/db/models/trainingSession';
import { User } from '$lib/server/db/models/user';
import {
	addSession,
	certificateFor,
	createCourse,
	enrolCandidates,
	enrolOfficial,
	enrolParticipant,
	listCourses,
	listSessions,
	listTrainees,
	refreshEligibility,
	removeEnrolment,
	saveAttendance,
	setBecameTrainer,
	trainingCounts,
	trainingRecordFor
} from '$lib/server/services/training';
import { actor, uniquePhone } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('training');

const ip = '127.0.0.1';
let counter = 0;

async function cohort(eligibilityCourseKinds?: CourseKind[]) {
	counter += 1;
	const row = await Cohort.create({
		code: `test-${counter}`,
		name: `Test cohort ${counter}`,
		aimag: 'umnugobi',
		soums: ['khanbogd', 'manlai'],
		startsOn: new Date('2026-03-01T00:00:00Z'),
		budgetMnt: 100_000_000,
		codePrefix: `T${counter}`,
		...(eligibilityCourseKinds ? { eligibilityCourseKinds } : {})
	});
	return String(row._id);
}

async function participant(
	cohortId: string,
	{ name = 'Болормаа Очир', isProtected = false, stage = 'training' as Stage } = {}
) {
	counter += 1;
	const code = `T-${String(counter).padStart(4, '0')}`;
	const user = await User.create({
		phone: uniquePhone(),
		name,
		roles: ['applicant'],
		soums: ['khanbogd']
	});
	const row = await Participant.create({
		userId: user._id,
		cohortId,
		code,
		soum: 'khanbogd',
		referralSource: 'self',
		nameSkeleton: searchSkeleton(name),
		protected: isProtected,
		stage
	});
	return { id: String(row._id), code: row.code, phone: user.phone };
}

const coordinator = () => actor(['coordinator']);

async function course(
	staff: SessionUser,
	cohortId: string,
	{
		kind = 'business_plan' as CourseKind,
		capacity = 25,
		completionThresholdPct = 80,
		sessions = 0
	} = {}
) {
	const created = await createCourse(
		staff,
		cohortId,
		{ title: `Course ${kind}`, kind, capacity, completionThresholdPct, description: '' },
		ip
	);
	const sessionIds: string[] = [];
	for (let i = 0; i < sessions; i += 1) {
		const session = await addSession(
			staff,
			created.id,
			{
				date: `2026-04-${String(10 + i).padStart(2, '0')}`,
				soum: 'khanbogd',
				venue: 'Сумын соёлын төв',
				trainer: 'Сайнбилэг'
			},
			ip
		);
		sessionIds.push(session.id);
	}
	return { id: created.id, sessionIds };
}

const stageOf = async (participantId: string) =>
	Participant.findById(participantId, { stage: 1, eligibleAt: 1 }).lean();

/** Saves a sheet where `present` are ticked and every other of `enrolled` is absent. */
const sheet = (enrolled: string[], present: string[]) => ({ shown: enrolled, present });

describe('courses and sessions', () => {
	it('creates a course with the 80% rule by default, and audits it', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const created = await createCourse(
			staff,
			cohortId,
			{
				title: 'Амьдрах ухаан',
				kind: 'life_skills',
				capacity: 30,
				completionThresholdPct: 80,
				description: 'Хүний наймааны эрсдэл'
			},
			ip
		);
		expect(created).toMatchObject({
			title: 'Амьдрах ухаан',
			kind: 'life_skills',
			capacity: 30,
			completionThresholdPct: 80,
			sessions: 0,
			enrolled: 0
		});
		expect((await listCourses(cohortId)).map((c) => c.id)).toEqual([created.id]);
		const entry = await AuditEntry.findOne({
			action: 'training.course_created',
			entityId: created.id
		}).lean();
		expect(entry).toMatchObject({ actorId: expect.anything(), actorRole: 'coordinator', ip });
	});

	it('refuses a course for a cohort that does not exist', async () => {
		const staff = await coordinator();
		await expect(
			createCourse(
				staff,
				'0123456789abcdef01234567',
				{ title: 'X', kind: 'other', capacity: 1, completionThresholdPct: 80, description: '' },
				ip
			)
		).rejects.toMatchObject({ code: 'notFound' });
	});

	it('stores a session day as UTC midnight and lists sessions by date', async () => {
		const staff = await coordinator();
		const { id } = await course(staff, await cohort());
		await addSession(
			staff,
			id,
			{ date: '2026-05-02', soum: 'manlai', venue: 'Школ', trainer: 'Б. Туяа' },
			ip
		);
		await addSession(
			staff,
			id,
			{ date: '2026-05-01', soum: 'khanbogd', venue: 'Төв', trainer: 'Б. Туяа' },
			ip
		);
		const sessions = await listSessions(id);
		expect(sessions.map((s) => s.date.toISOString())).toEqual([
			'2026-05-01T00:00:00.000Z',
			'2026-05-02T00:00:00.000Z'
		]);
		expect(sessions[0]).toMatchObject({ soum: 'khanbogd', recorded: 0, present: 0 });
	});

	it('refuses a soum outside the cohort, storing nothing', async () => {
		const staff = await coordinator();
		const { id } = await course(staff, await cohort());
		await expect(
			addSession(staff, id, { date: '2026-05-01', soum: 'gurvantes', venue: 'A', trainer: 'B' }, ip)
		).rejects.toMatchObject({ code: 'soumNotInCohort' });
		expect(await TrainingSession.countDocuments({ courseId: id })).toBe(0);
	});

	it('answers notFound for a course that does not exist', async () => {
		const staff = await coordinator();
		await expect(
			addSession(
				staff,
				'0123456789abcdef01234567',
				{ date: '2026-05-01', soum: 'khanbogd', venue: 'A', trainer: 'B' },
				ip
			)
		).rejects.toMatchObject({ code: 'notFound' });
		await expect(listTrainees(staff, 'not-an-id')).rejects.toMatchObject({ code: 'notFound' });
	});
});

describe('enrolment', () => {
	it('enrols a participant of the cohort once, and audits it', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const her = await participant(cohortId);
		const { id } = await course(staff, cohortId);
		const { enrolmentId } = await enrolParticipant(staff, id, her.id, ip);
		await expect(enrolParticipant(staff, id, her.id, ip)).rejects.toMatchObject({
			code: 'alreadyEnrolled'
		});
		expect(await Enrolment.countDocuments({ courseId: id })).toBe(1);
		const stored = await Enrolment.findById(enrolmentId).lean();
		expect(stored).toMatchObject({ traineeKey: `p:${her.id}`, kind: 'participant', seat: 1 });
		expect(
			await AuditEntry.countDocuments({ action: 'training.enrolled', entityId: enrolmentId })
		).toBe(1);
	});

	it('refuses a participant of another cohort', async () => {
		const staff = await coordinator();
		const other = await participant(await cohort());
		const { id } = await course(staff, await cohort());
		await expect(enrolParticipant(staff, id, other.id, ip)).rejects.toMatchObject({
			code: 'notInCohort'
		});
		await expect(enrolParticipant(staff, id, '0123456789abcdef01234567', ip)).rejects.toMatchObject(
			{ code: 'notFound' }
		);
		expect(await Enrolment.countDocuments({ courseId: id })).toBe(0);
	});

	it('refuses enrolment beyond capacity, and a freed place can be taken again', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const { id } = await course(staff, cohortId, { capacity: 2 });
		const [a, b, c] = await Promise.all([1, 2, 3].map(() => participant(cohortId)));
		const first = await enrolParticipant(staff, id, a!.id, ip);
		await enrolParticipant(staff, id, b!.id, ip);
		await expect(enrolParticipant(staff, id, c!.id, ip)).rejects.toMatchObject({
			code: 'courseFull'
		});
		await expect(
			enrolOfficial(
				staff,
				id,
				{ name: 'Дорж', organisation: 'ЗДТГ', position: 'Мэргэжилтэн', phone: '' },
				ip
			)
		).rejects.toMatchObject({ code: 'courseFull' });
		await removeEnrolment(staff, id, first.enrolmentId, ip);
		await enrolParticipant(staff, id, c!.id, ip);
		expect(await Enrolment.countDocuments({ courseId: id })).toBe(2);
	});

	it('holds capacity under concurrent enrolments', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const { id } = await course(staff, cohortId, { capacity: 3 });
		const women = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => participant(cohortId)));
		const results = await Promise.allSettled(
			women.map((w) => enrolParticipant(staff, id, w.id, ip))
		);
		const won = results.filter((r) => r.status === 'fulfilled');
		const refused = results.flatMap((r) =>
			r.status === 'rejected' ? [(r.reason as { code?: string }).code] : []
		);
		expect(won).toHaveLength(3);
		expect(refused.every((code) => code === 'courseFull' || code === 'busy')).toBe(true);
		const seats = (await Enrolment.find({ courseId: id }).lean()).map((e) => e.seat).sort();
		expect(seats).toEqual([1, 2, 3]);
	});

	it('enrols the same participant once under concurrent attempts', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const her = await participant(cohortId);
		const { id } = await course(staff, cohortId, { capacity: 10 });
		const results = await Promise.allSettled(
			[1, 2, 3, 4, 5].map(() => enrolParticipant(staff, id, her.id, ip))
		);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(await Enrolment.countDocuments({ courseId: id })).toBe(1);
	});

	it('enrols officials, who never become users, and marks trainers', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const first = await course(staff, cohortId, { kind: 'other', sessions: 1 });
		const second = await course(staff, cohortId, { kind: 'other' });
		const users = await User.countDocuments();
		const official = {
			name: 'Ганбат Дорж',
			organisation: 'Ханбогд сумын ЗДТГ',
			position: 'Нийгмийн ажилтан',
			phone: '99112233'
		};
		const a = await enrolOfficial(staff, first.id, official, ip);
		// The same official in another course keeps her trainee key; a duplicate is refused.
		const b = await enrolOfficial(staff, second.id, { ...official, name: 'Ganbat Dorj' }, ip);
		await expect(enrolOfficial(staff, first.id, official, ip)).rejects.toMatchObject({
			code: 'alreadyEnrolled'
		});
		await enrolOfficial(
			staff,
			first.id,
			{ name: 'Сараа', organisation: 'Цагдаагийн хэлтэс', position: 'Байцаагч', phone: '' },
			ip
		);
		expect(await User.countDocuments()).toBe(users);
		const [keyA, keyB] = await Promise.all(
			[a, b].map(async (e) => (await Enrolment.findById(e.enrolmentId).lean())?.traineeKey)
		);
		expect(keyA).toMatch(/^o:[0-9a-f]{24}$/);
		expect(keyB).toBe(keyA);

		expect(await trainingCounts(cohortId)).toMatchObject({
			officialsTrained: 2,
			officialsTrainers: 0
		});
		await setBecameTrainer(staff, first.id, a.enrolmentId, true, ip);
		expect(await trainingCounts(cohortId)).toMatchObject({
			officialsTrained: 2,
			officialsTrainers: 1
		});
		// The mark belongs to her, in every course of the cohort.
		expect((await Enrolment.findById(b.enrolmentId).lean())?.becameTrainer).toBe(true);
		expect(
			await AuditEntry.countDocuments({
				action: 'training.trainer_marked',
				entityId: a.enrolmentId
			})
		).toBe(1);
		await setBecameTrainer(staff, second.id, b.enrolmentId, false, ip);
		expect((await trainingCounts(cohortId)).officialsTrainers).toBe(0);
	});

	it('marks only officials as trainers', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const her = await participant(cohortId);
		const { id } = await course(staff, cohortId);
		const { enrolmentId } = await enrolParticipant(staff, id, her.id, ip);
		await expect(setBecameTrainer(staff, id, enrolmentId, true, ip)).rejects.toMatchObject({
			code: 'notOfficial'
		});
	});

	it('lists candidates of the cohort not yet enrolled, found by Latin or Cyrillic name', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const bolormaa = await participant(cohortId, { name: 'Болормаа Очир' });
		const enrolled = await participant(cohortId, { name: 'Болормаа Бат' });
		await participant(await cohort(), { name: 'Болормаа Өөр' });
		const { id } = await course(staff, cohortId);
		await enrolParticipant(staff, id, enrolled.id, ip);
		const latin = await enrolCandidates(staff, id, 'bolormaa');
		expect(latin.rows.map((r) => r.participantId)).toEqual([bolormaa.id]);
		expect(latin.rows[0]).toMatchObject({ name: 'Болормаа Очир', masked: false });
		const byPhone = await enrolCandidates(staff, id, bolormaa.phone);
		expect(byPhone.rows.map((r) => r.participantId)).toEqual([bolormaa.id]);
		expect((await enrolCandidates(staff, id, '')).rows).toHaveLength(1);
	});

	it('never finds or names a protected participant by name for staff without viewProtected', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const hidden = await participant(cohortId, { name: 'Нууц Хүн', isProtected: true });
		const { id } = await course(staff, cohortId);
		expect((await enrolCandidates(staff, id, 'Нууц')).rows).toHaveLength(0);
		expect((await enrolCandidates(staff, id, hidden.phone)).rows).toHaveLength(0);
		const byCode = await enrolCandidates(staff, id, hidden.code);
		expect(byCode.rows).toEqual([
			expect.objectContaining({ participantId: hidden.id, name: hidden.code, masked: true })
		]);
		const allowed = await actor(['coordinator'], { permissions: ['viewProtected'] });
		expect((await enrolCandidates(allowed, id, 'Нууц')).rows[0]?.name).toBe('Нууц Хүн');
	});
});

describe('attendance', () => {
	async function setUp(sessions = 2) {
		const staff = await coordinator();
		const cohortId = await cohort();
		const { id, sessionIds } = await course(staff, cohortId, { sessions });
		const women = await Promise.all([1, 2].map(() => participant(cohortId)));
		const enrolments = [];
		for (const w of women)
			enrolments.push((await enrolParticipant(staff, id, w.id, ip)).enrolmentId);
		return { staff, cohortId, courseId: id, sessionIds, women, enrolments };
	}

	it('stores present and absent, one row per trainee, and saving again changes nothing', async () => {
		const { staff, courseId, sessionIds, enrolments } = await setUp();
		const [a, b] = enrolments as [string, string];
		const session = sessionIds[0]!;
		const first = await saveAttendance(staff, courseId, session, sheet([a, b], [a]), ip);
		expect(first).toMatchObject({ present: 1, absent: 1 });
		await saveAttendance(staff, courseId, session, sheet([a, b], [a]), ip);
		const rows = await Attendance.find({ sessionId: session }).lean();
		expect(rows).toHaveLength(2);
		expect(Object.fromEntries(rows.map((r) => [String(r.enrolmentId), r.present]))).toEqual({
			[a]: true,
			[b]: false
		});
		expect((await listSessions(courseId))[0]).toMatchObject({ recorded: 2, present: 1 });
		expect(
			await AuditEntry.countDocuments({ action: 'training.attendance_saved', entityId: session })
		).toBe(2);
	});

	it('lets the last save win: a tick removed is absent', async () => {
		const { staff, courseId, sessionIds, enrolments } = await setUp();
		const [a, b] = enrolments as [string, string];
		await saveAttendance(staff, courseId, sessionIds[0]!, sheet([a, b], [a, b]), ip);
		await saveAttendance(staff, courseId, sessionIds[0]!, sheet([a, b], [b]), ip);
		const rows = await Attendance.find({ sessionId: sessionIds[0] }).lean();
		expect(rows.find((r) => String(r.enrolmentId) === a)?.present).toBe(false);
		expect(rows.find((r) => String(r.enrolmentId) === b)?.present).toBe(true);
	});

	it('leaves trainees the sheet did not show as they were', async () => {
		const { staff, courseId, sessionIds, enrolments } = await setUp();
		const [a, b] = enrolments as [string, string];
		await saveAttendance(staff, courseId, sessionIds[0]!, sheet([a, b], [a, b]), ip);
		await saveAttendance(staff, courseId, sessionIds[0]!, sheet([a], []), ip);
		const rows = await Attendance.find({ sessionId: sessionIds[0] }).lean();
		expect(rows.find((r) => String(r.enrolmentId) === b)?.present).toBe(true);
	});

	it('refuses a sheet naming anyone not enrolled in the course, storing nothing of it', async () => {
		const { staff, cohortId, courseId, sessionIds, enrolments } = await setUp();
		const [a, b] = enrolments as [string, string];
		await saveAttendance(staff, courseId, sessionIds[0]!, sheet([a, b], [a]), ip);
		const before = await Attendance.find({}, { _id: 0, recordedAt: 0 }).sort({ _id: 1 }).lean();

		const other = await course(staff, cohortId);
		const stranger = await participant(cohortId);
		const elsewhere = (await enrolParticipant(staff, other.id, stranger.id, ip)).enrolmentId;
		await expect(
			saveAttendance(staff, courseId, sessionIds[0]!, sheet([a, b, elsewhere], [b, elsewhere]), ip)
		).rejects.toMatchObject({ code: 'notEnrolled', ids: [elsewhere] });
		await expect(
			saveAttendance(staff, courseId, sessionIds[1]!, sheet([a], [a, 'not-an-id']), ip)
		).rejects.toMatchObject({ code: 'notEnrolled', ids: ['not-an-id'] });
		await expect(
			saveAttendance(staff, courseId, sessionIds[1]!, sheet([a], ['0123456789abcdef01234567']), ip)
		).rejects.toMatchObject({ code: 'notEnrolled' });

		const after = await Attendance.find({}, { _id: 0, recordedAt: 0 }).sort({ _id: 1 }).lean();
		expect(after).toEqual(before);
	});

	it('answers notFound for a session of another course', async () => {
		const { staff, cohortId, courseId, enrolments } = await setUp();
		const other = await course(staff, cohortId, { sessions: 1 });
		await expect(
			saveAttendance(staff, courseId, other.sessionIds[0]!, sheet(enrolments, []), ip)
		).rejects.toMatchObject({ code: 'notFound' });
		expect(await Attendance.countDocuments({ sessionId: other.sessionIds[0] })).toBe(0);
	});

	it('survives saves of the same sheet at once, keeping one row per trainee', async () => {
		const { staff, courseId, sessionIds, enrolments } = await setUp();
		const saves = await Promise.allSettled(
			[1, 2, 3, 4, 5, 6, 7, 8].map(() =>
				saveAttendance(staff, courseId, sessionIds[1]!, sheet(enrolments, enrolments), ip)
			)
		);
		expect(saves.every((s) => s.status === 'fulfilled')).toBe(true);
		expect(await Attendance.countDocuments({ sessionId: sessionIds[1] })).toBe(2);
	});

	it('removing a trainee removes her attendance', async () => {
		const { staff, courseId, sessionIds, enrolments } = await setUp();
		await saveAttendance(staff, courseId, sessionIds[0]!, sheet(enrolments, enrolments), ip);
		await removeEnrolment(staff, courseId, enrolments[0]!, ip);
		expect(await Attendance.countDocuments({ enrolmentId: enrolments[0] })).toBe(0);
		expect(await Attendance.countDocuments({ enrolmentId: enrolments[1] })).toBe(1);
		expect(
			await AuditEntry.countDocuments({ action: 'training.unenrolled', entityId: enrolments[0] })
		).toBe(1);
	});
});

describe('completion and eligibility', () => {
	async function attend(
		staff: SessionUser,
		courseId: string,
		sessionIds: string[],
		enrolmentId: string,
		count: number
	) {
		for (const [i, session] of sessionIds.entries()) {
			await saveAttendance(
				staff,
				courseId,
				session,
				sheet([enrolmentId], i < count ? [enrolmentId] : []),
				ip
			);
		}
	}

	it('moves her to plan at 4 of 5 sessions, and back when attendance is corrected', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const her = await participant(cohortId);
		const { id, sessionIds } = await course(staff, cohortId, { sessions: 5 });
		const { enrolmentId } = await enrolParticipant(staff, id, her.id, ip);

		await attend(staff, id, sessionIds, enrolmentId, 3);
		expect((await stageOf(her.id))?.stage).toBe('training');
		expect((await listTrainees(staff, id))[0]).toMatchObject({
			attended: 3,
			totalSessions: 5,
			required: 4,
			completed: false
		});

		const saved = await saveAttendance(
			staff,
			id,
			sessionIds[3]!,
			sheet([enrolmentId], [enrolmentId]),
			ip
		);
		expect(saved.stageChanges).toEqual([{ participantId: her.id, from: 'training', to: 'plan' }]);
		const eligible = await stageOf(her.id);
		expect(eligible?.stage).toBe('plan');
		expect(eligible?.eligibleAt).toBeInstanceOf(Date);

		await saveAttendance(staff, id, sessionIds[3]!, sheet([enrolmentId], []), ip);
		const corrected = await stageOf(her.id);
		expect(corrected?.stage).toBe('training');
		expect(corrected?.eligibleAt).toBeUndefined();
	});

	it('does not complete 3 of 4 at 80%, and a session added later counts too', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const her = await participant(cohortId);
		const { id, sessionIds } = await course(staff, cohortId, { sessions: 4 });
		const { enrolmentId } = await enrolParticipant(staff, id, her.id, ip);
		await attend(staff, id, sessionIds, enrolmentId, 3);
		expect((await stageOf(her.id))?.stage).toBe('training');
		await attend(staff, id, sessionIds, enrolmentId, 4);
		expect((await stageOf(her.id))?.stage).toBe('plan');
		// 4 of 6 is below 80%: she is back in training until she attends more.
		for (const date of ['2026-06-01', '2026-06-02']) {
			await addSession(staff, id, { date, soum: 'manlai', venue: 'A', trainer: 'B' }, ip);
		}
		expect((await stageOf(her.id))?.stage).toBe('training');
	});

	it('never moves a participant back from a stage after plan', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const her = await participant(cohortId, { stage: 'review' });
		const { id, sessionIds } = await course(staff, cohortId, { sessions: 1 });
		const { enrolmentId } = await enrolParticipant(staff, id, her.id, ip);
		await attend(staff, id, sessionIds, enrolmentId, 0);
		expect((await stageOf(her.id))?.stage).toBe('review');
		await attend(staff, id, sessionIds, enrolmentId, 1);
		expect((await stageOf(her.id))?.stage).toBe('review');
	});

	it('follows the cohort rule: every required kind needs a completed course', async () => {
		const staff = await coordinator();
		const cohortId = await cohort(['life_skills', 'business_plan']);
		const her = await participant(cohortId);
		const plan = await course(staff, cohortId, { kind: 'business_plan', sessions: 1 });
		const life = await course(staff, cohortId, { kind: 'life_skills', sessions: 2 });
		const planEnrolment = (await enrolParticipant(staff, plan.id, her.id, ip)).enrolmentId;
		const lifeEnrolment = (await enrolParticipant(staff, life.id, her.id, ip)).enrolmentId;
		await attend(staff, plan.id, plan.sessionIds, planEnrolment, 1);
		expect((await stageOf(her.id))?.stage).toBe('training');
		expect(await trainingRecordFor(her.id)).toMatchObject({
			eligible: false,
			missingKinds: ['life_skills']
		});
		await attend(staff, life.id, life.sessionIds, lifeEnrolment, 2);
		expect((await stageOf(her.id))?.stage).toBe('plan');

		// Taking her out of a completed course makes her ineligible again.
		await removeEnrolment(staff, life.id, lifeEnrolment, ip);
		expect((await stageOf(her.id))?.stage).toBe('training');
	});

	it('makes everyone eligible when the cohort requires no course', async () => {
		const staff = await coordinator();
		const cohortId = await cohort([]);
		const her = await participant(cohortId);
		const { id } = await course(staff, cohortId, { kind: 'other' });
		const { stageChanges } = await enrolParticipant(staff, id, her.id, ip);
		expect(stageChanges).toEqual([{ participantId: her.id, from: 'training', to: 'plan' }]);
		expect(await refreshEligibility([her.id])).toEqual([]);
	});

	it('gives her own training record, course by course', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const her = await participant(cohortId);
		const life = await course(staff, cohortId, { kind: 'life_skills', sessions: 2 });
		const plan = await course(staff, cohortId, { kind: 'business_plan', sessions: 5 });
		const lifeEnrolment = (await enrolParticipant(staff, life.id, her.id, ip)).enrolmentId;
		await enrolParticipant(staff, plan.id, her.id, ip);
		await attend(staff, life.id, life.sessionIds, lifeEnrolment, 2);
		const record = await trainingRecordFor(her.id);
		expect(record).toEqual({
			eligible: false,
			missingKinds: ['business_plan'],
			courses: [
				{
					courseId: life.id,
					title: 'Course life_skills',
					kind: 'life_skills',
					sessions: 2,
					attended: 2,
					required: 2,
					thresholdPct: 80,
					completed: true
				},
				{
					courseId: plan.id,
					title: 'Course business_plan',
					kind: 'business_plan',
					sessions: 5,
					attended: 0,
					required: 4,
					thresholdPct: 80,
					completed: false
				}
			]
		});
		expect(await trainingRecordFor('0123456789abcdef01234567')).toEqual({
			courses: [],
			eligible: false,
			missingKinds: []
		});
	});

	it('counts distinct participants who completed each kind', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const [a, b, c] = await Promise.all([1, 2, 3].map(() => participant(cohortId)));
		const life1 = await course(staff, cohortId, { kind: 'life_skills', sessions: 1 });
		const life2 = await course(staff, cohortId, { kind: 'life_skills', sessions: 1 });
		const plan = await course(staff, cohortId, { kind: 'business_plan', sessions: 1 });
		const mark = async (
			c: { id: string; sessionIds: string[] },
			whoId: string,
			present: boolean
		) => {
			const { enrolmentId } = await enrolParticipant(staff, c.id, whoId, ip);
			await saveAttendance(
				staff,
				c.id,
				c.sessionIds[0]!,
				sheet([enrolmentId], present ? [enrolmentId] : []),
				ip
			);
		};
		await mark(life1, a!.id, true);
		await mark(life2, a!.id, true); // a second life-skills course: still one woman
		await mark(life1, b!.id, true);
		await mark(life1, c!.id, false);
		await mark(plan, a!.id, true);
		await mark(plan, c!.id, false);
		await enrolOfficial(
			staff,
			life1.id,
			{ name: 'Албан хаагч', organisation: 'ЗДТГ', position: 'Дарга', phone: '' },
			ip
		);
		expect(await trainingCounts(cohortId)).toEqual({
			lifeSkillsCompleted: 2,
			businessPlanCompleted: 1,
			officialsTrained: 1,
			officialsTrainers: 0
		});
		expect(await trainingCounts('0123456789abcdef01234567')).toEqual({
			lifeSkillsCompleted: 0,
			businessPlanCompleted: 0,
			officialsTrained: 0,
			officialsTrainers: 0
		});
	});
});

describe('certificates', () => {
	it('exists only for a trainee who completed the course', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const [done, notDone] = await Promise.all([1, 2].map(() => participant(cohortId)));
		const { id, sessionIds } = await course(staff, cohortId, { sessions: 2 });
		const a = (await enrolParticipant(staff, id, done!.id, ip)).enrolmentId;
		const b = (await enrolParticipant(staff, id, notDone!.id, ip)).enrolmentId;
		for (const s of sessionIds) await saveAttendance(staff, id, s, sheet([a, b], [a]), ip);
		const certificate = await certificateFor(staff, id, a);
		expect(certificate).toMatchObject({
			traineeName: 'Болормаа Очир',
			masked: false,
			courseTitle: 'Course business_plan',
			kind: 'business_plan',
			attended: 2,
			totalSessions: 2,
			thresholdPct: 80,
			soums: [expect.objectContaining({ code: 'khanbogd' })]
		});
		expect(certificate.firstDay.toISOString()).toBe('2026-04-10T00:00:00.000Z');
		expect(certificate.lastDay.toISOString()).toBe('2026-04-11T00:00:00.000Z');
		await expect(certificateFor(staff, id, b)).rejects.toMatchObject({ code: 'notFound' });
		const other = await course(staff, cohortId, { sessions: 1 });
		await expect(certificateFor(staff, other.id, a)).rejects.toMatchObject({ code: 'notFound' });
	});

	it('names a protected participant only for staff allowed to see her', async () => {
		const staff = await coordinator();
		const allowed = await actor(['coordinator'], { permissions: ['viewProtected'] });
		const cohortId = await cohort();
		const her = await participant(cohortId, { name: 'Хамгаалагдсан Эмэгтэй', isProtected: true });
		const { id, sessionIds } = await course(staff, cohortId, { sessions: 1 });
		const { enrolmentId } = await enrolParticipant(staff, id, her.id, ip);
		await saveAttendance(staff, id, sessionIds[0]!, sheet([enrolmentId], [enrolmentId]), ip);

		expect(await certificateFor(staff, id, enrolmentId)).toMatchObject({
			traineeName: her.code,
			masked: true
		});
		expect((await listTrainees(staff, id))[0]).toMatchObject({ name: her.code, masked: true });

		expect(await certificateFor(allowed, id, enrolmentId, ip)).toMatchObject({
			traineeName: 'Хамгаалагдсан Эмэгтэй',
			masked: false
		});
		const viewed = await AuditEntry.findOne({
			action: 'participant.protected_viewed',
			actorId: allowed.id
		}).lean();
		expect(viewed?.details).toMatchObject({ participants: [her.id] });
	});

	it('names an official by her name', async () => {
		const staff = await coordinator();
		const cohortId = await cohort();
		const { id, sessionIds } = await course(staff, cohortId, { kind: 'other', sessions: 1 });
		const { enrolmentId } = await enrolOfficial(
			staff,
			id,
			{ name: 'Түмэн Бат', organisation: 'Аймгийн ЗДТГ', position: 'Мэргэжилтэн', phone: '' },
			ip
		);
		await saveAttendance(staff, id, sessionIds[0]!, sheet([enrolmentId], [enrolmentId]), ip);
		expect((await certificateFor(staff, id, enrolmentId)).traineeName).toBe('Түмэн Бат');
	});
});
