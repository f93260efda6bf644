// Training: the courses of a cohort, their sessions, the enrolment of participants and
// officials, attendance, completion, and the eligibility for the business plan that
// completion gives. Rules live in lib/domain/training.ts; this module reads and writes.
//
// FerretDB rules (docs/database.md): no transactions, counts computed here from lean queries,
// capacity and duplicates held by unique keys that are always present (courseId+traineeKey,
// courseId+seat), attendance one row per (session, enrolment) with an 11000 retried once.
import { Types } from 'mongoose';
import type { Stage } from '$lib/domain/participant';
import {
	DEFAULT_ELIGIBILITY_COURSE_KINDS,
	courseCompletion,
	eligibility,
	firstFreeSeat,
	officialTraineeKey,
	parseDay,
	participantTraineeKey,
	sameOfficial,
	stageAfterEligibility,
	type Completion,
	type CourseKind
} from '$lib/domain/training';
import { searchSkeleton } from '$lib/domain/transliteration';
import type { AttendanceSheet, NewCourse, NewOfficial, NewSession } from '$lib/schemas/training';
import { audit, type AuditAction } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { Attendance } from '$lib/server/db/models/attendance';
import { Cohort } from '$lib/server/db/models/cohort';
import { Course } from '$lib/server/db/models/course';
import { Enrolment } from '$lib/server/db/models/enrolment';
import { Participant } from '$lib/server/db/models/participant';
import { TrainingSession } from '$lib/server/db/models/trainingSession';
import { User } from '$lib/server/db/models/user';
import { canViewProtected, displayName, identitiesFor, identitiesOf } from './participantIdentity';
import { listSoums, type SoumOption } from './soums';

/** A refusal the coordinator can act on; `code` is the suffix of `training.error.<code>`. */
export class TrainingError extends Error {
	constructor(
		readonly code:
			| 'notFound'
			| 'soumNotInCohort'
			| 'notInCohort'
			| 'alreadyEnrolled'
			| 'courseFull'
			| 'notEnrolled'
			| 'notOfficial'
			| 'busy',
		/** For notEnrolled: the ids refused. */
		readonly ids: string[] = []
	) {
		super(code);
	}
}

type Id = string | Types.ObjectId;
const isId = (id: unknown): id is Id =>
	id instanceof Types.ObjectId || (typeof id === 'string' && /^[0-9a-f]{24}$/.test(id));
const isDuplicateKey = (error: unknown) => (error as { code?: number })?.code === 11000;
const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function record(
	action: AuditAction,
	actor: SessionUser,
	entity: string,
	entityId: string,
	ip: string,
	details?: Record<string, unknown>
) {
	await audit({
		action,
		actorId: actor.id,
		actorRole: 'coordinator',
		entity,
		entityId,
		ip,
		details
	});
}

// ——— Courses ———

export interface CourseSummary {
	id: string;
	cohortId: string;
	title: string;
	kind: CourseKind;
	description: string;
	capacity: number;
	completionThresholdPct: number;
	sessions: number;
	enrolled: number;
}

type CourseRow = {
	_id: Types.ObjectId;
	cohortId: Types.ObjectId;
	title: string;
	kind: string;
	description?: string | null;
	capacity: number;
	completionThresholdPct: number;
};

function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const row of rows) counts.set(key(row), (counts.get(key(row)) ?? 0) + 1);
	return counts;
}

async function summarise(courses: CourseRow[]): Promise<CourseSummary[]> {
	const ids = courses.map((c) => c._id);
	const [sessions, enrolments] = await Promise.all([
		TrainingSession.find({ courseId: { $in: ids } }, { courseId: 1 }).lean(),
		Enrolment.find({ courseId: { $in: ids } }, { courseId: 1 }).lean()
	]);
	const sessionCounts = countBy(sessions, (s) => String(s.courseId));
	const enrolledCounts = countBy(enrolments, (e) => String(e.courseId));
	return courses.map((course) => ({
		id: String(course._id),
		cohortId: String(course.cohortId),
		title: course.title,
		kind: course.kind as CourseKind,
		description: course.description ?? '',
		capacity: course.capacity,
		completionThresholdPct: course.completionThresholdPct,
		sessions: sessionCounts.get(String(course._id)) ?? 0,
		enrolled: enrolledCounts.get(String(course._id)) ?? 0
	}));
}

export async function listCourses(cohortId: Id): Promise<CourseSummary[]> {
	if (!isId(cohortId)) return [];
	const courses = await Course.find({ cohortId }).sort({ createdAt: 1, _id: 1 }).lean();
	return summarise(courses as CourseRow[]);
}

export async function createCourse(
	actor: SessionUser,
	cohortId: Id,
	input: NewCourse,
	ip: string
): Promise<CourseSummary> {
	if (!isId(cohortId) || !(await Cohort.exists({ _id: cohortId })))
		throw new TrainingError('notFound');
	const course = await Course.create({
		cohortId,
		kind: input.kind,
		title: input.title,
		description: input.description || undefined,
		capacity: input.capacity,
		completionThresholdPct: input.completionThresholdPct,
		createdBy: actor.id
	});
	await record('training.course_created', actor, 'course', String(course._id), ip, {
		kind: input.kind,
		capacity: input.capacity
	});
	return getCourse(course._id);
}

export interface CourseDetail extends CourseSummary {
	cohortName: string;
	/** The cohort's soums, where its sessions may be held. */
	soums: SoumOption[];
}

async function loadCourse(courseId: Id): Promise<CourseRow> {
	const course = isId(courseId) ? await Course.findById(courseId).lean() : null;
	if (!course) throw new TrainingError('notFound');
	return course as CourseRow;
}

export async function getCourse(courseId: Id): Promise<CourseDetail> {
	const course = await loadCourse(courseId);
	const cohort = await Cohort.findById(course.cohortId, { name: 1, soums: 1 }).lean();
	const [summary] = await summarise([course]);
	return {
		...summary!,
		cohortName: cohort?.name ?? '',
		soums: await listSoums(cohort?.soums ?? [])
	};
}

// ——— Sessions ———

export interface SessionSummary {
	id: string;
	courseId: string;
	date: Date;
	soum: string;
	venue: string;
	trainer: string;
	/** Trainees whose attendance was recorded, and of them those present. */
	recorded: number;
	present: number;
}

export async function listSessions(courseId: Id): Promise<SessionSummary[]> {
	if (!isId(courseId)) return [];
	const [sessions, rows] = await Promise.all([
		TrainingSession.find({ courseId }).sort({ date: 1, _id: 1 }).lean(),
		Attendance.find({ courseId }, { sessionId: 1, present: 1 }).lean()
	]);
	const recorded = countBy(rows, (r) => String(r.sessionId));
	const present = countBy(
		rows.filter((r) => r.present),
		(r) => String(r.sessionId)
	);
	return sessions.map((s) => ({
		id: String(s._id),
		courseId: String(s.courseId),
		date: s.date,
		soum: s.soum,
		venue: s.venue,
		trainer: s.trainer,
		recorded: recorded.get(String(s._id)) ?? 0,
		present: present.get(String(s._id)) ?? 0
	}));
}

export async function addSession(
	actor: SessionUser,
	courseId: Id,
	input: NewSession,
	ip: string
): Promise<SessionSummary> {
	const course = await loadCourse(courseId);
	const date = parseDay(input.date);
	if (!date) throw new RangeError(`Not a day: ${input.date}`);
	const cohort = await Cohort.findById(course.cohortId, { soums: 1 }).lean();
	const soums = await listSoums(cohort?.soums ?? []);
	if (!soums.some((s) => s.code === input.soum)) throw new TrainingError('soumNotInCohort');
	const session = await TrainingSession.create({
		courseId: course._id,
		date,
		soum: input.soum,
		venue: input.venue,
		trainer: input.trainer,
		createdBy: actor.id
	});
	// Completion counts all sessions, so a new one can take a completion away.
	const enrolled = await Enrolment.find(
		{ courseId: course._id, kind: 'participant' },
		{ participantId: 1 }
	).lean();
	const stageChanges = await refreshEligibility(
		enrolled.flatMap((e) => (e.participantId ? [e.participantId] : []))
	);
	await record('training.session_created', actor, 'trainingSession', String(session._id), ip, {
		courseId: String(course._id),
		stageChanges
	});
	return {
		id: String(session._id),
		courseId: String(course._id),
		date,
		soum: input.soum,
		venue: session.venue,
		trainer: session.trainer,
		recorded: 0,
		present: 0
	};
}

async function loadSession(courseId: Id, sessionId: Id) {
	const session =
		isId(courseId) && isId(sessionId)
			? await TrainingSession.findOne({ _id: sessionId, courseId }).lean()
			: null;
	if (!session) throw new TrainingError('notFound');
	return session;
}

// ——— Completion ———

type EnrolmentRef = { _id: Types.ObjectId; courseId: Types.ObjectId };
type CompletionOf = Completion & { kind: CourseKind; thresholdPct: number };

/** Completion of each enrolment, by enrolment id, from its course's sessions and attendance. */
async function completionsOf(
	enrolments: readonly EnrolmentRef[]
): Promise<Map<string, CompletionOf>> {
	const courseIds = [...new Set(enrolments.map((e) => String(e.courseId)))];
	// Attendance by the shorter list: a woman's own enrolments, or a cohort's courses rather
	// than its thousands of enrolments (the embedded database tests every row against every
	// value of an $in), then kept to these enrolments.
	const enrolmentIds = new Set(enrolments.map((e) => String(e._id)));
	const byCourse = courseIds.length < enrolmentIds.size;
	const [courses, sessions, attendance] = await Promise.all([
		Course.find({ _id: { $in: courseIds } }, { kind: 1, completionThresholdPct: 1 }).lean(),
		TrainingSession.find({ courseId: { $in: courseIds } }, { courseId: 1 }).lean(),
		Attendance.find(
			byCourse
				? { courseId: { $in: courseIds }, present: true }
				: { enrolmentId: { $in: enrolments.map((e) => e._id) }, present: true },
			{ enrolmentId: 1, sessionId: 1 }
		).lean()
	]);
	const present = byCourse
		? attendance.filter((a) => enrolmentIds.has(String(a.enrolmentId)))
		: attendance;
	const courseById = new Map(courses.map((c) => [String(c._id), c]));
	const sessionIds = new Set(sessions.map((s) => String(s._id)));
	const totals = countBy(sessions, (s) => String(s.courseId));
	const attended = countBy(
		present.filter((a) => sessionIds.has(String(a.sessionId))),
		(a) => String(a.enrolmentId)
	);
	const result = new Map<string, CompletionOf>();
	for (const enrolment of enrolments) {
		const course = courseById.get(String(enrolment.courseId));
		if (!course) continue;
		const thresholdPct = course.completionThresholdPct;
		result.set(String(enrolment._id), {
			...courseCompletion({
				totalSessions: totals.get(String(enrolment.courseId)) ?? 0,
				attended: attended.get(String(enrolment._id)) ?? 0,
				thresholdPct
			}),
			kind: course.kind as CourseKind,
			thresholdPct
		});
	}
	return result;
}

// ——— Eligibility ———

export interface StageChangeRecord {
	participantId: string;
	from: Stage;
	to: Stage;
}

/**
 * Recomputes each participant's eligibility from her completed courses and the rule of her
 * cohort, and moves her stage: training → plan (with eligibleAt) when she becomes eligible,
 * plan → training (eligibleAt removed) when a correction makes her ineligible. Stages after
 * plan never move back. Returns the changes made.
 */
export async function refreshEligibility(
	participantIds: readonly Id[],
	now = new Date()
): Promise<StageChangeRecord[]> {
	const ids = [...new Set(participantIds.filter(isId).map(String))];
	if (!ids.length) return [];
	const participants = await Participant.find(
		{ _id: { $in: ids } },
		{ cohortId: 1, stage: 1 }
	).lean();
	const [cohorts, enrolments] = await Promise.all([
		Cohort.find(
			{ _id: { $in: participants.map((p) => p.cohortId) } },
			{ eligibilityCourseKinds: 1 }
		).lean(),
		Enrolment.find(
			{ participantId: { $in: ids }, kind: 'participant' },
			{ courseId: 1, cohortId: 1, participantId: 1 }
		).lean()
	]);
	const completions = await completionsOf(enrolments);
	const rules = new Map(
		cohorts.map((c) => [
			String(c._id),
			(c.eligibilityCourseKinds ?? DEFAULT_ELIGIBILITY_COURSE_KINDS) as CourseKind[]
		])
	);
	const changes: StageChangeRecord[] = [];
	for (const participant of participants) {
		const completedKinds = enrolments
			.filter(
				(e) =>
					String(e.participantId) === String(participant._id) &&
					String(e.cohortId) === String(participant.cohortId)
			)
			.flatMap((e) => {
				const completion = completions.get(String(e._id));
				return completion?.completed ? [completion.kind] : [];
			});
		const { eligible } = eligibility({
			requiredKinds: rules.get(String(participant.cohortId)) ?? DEFAULT_ELIGIBILITY_COURSE_KINDS,
			completedKinds
		});
		const from = (participant.stage ?? 'training') as Stage;
		const change = stageAfterEligibility(from, eligible, now);
		if (!change) continue;
		// Filtered by the stage read, so a participant moved on meanwhile is left alone.
		const result =
			change.stage === 'plan'
				? await Participant.updateOne(
						{ _id: participant._id, stage: from },
						{ $set: { stage: 'plan', eligibleAt: change.eligibleAt } }
					)
				: await Participant.updateOne(
						{ _id: participant._id, stage: from },
						{ $set: { stage: 'training' }, $unset: { eligibleAt: 1 } }
					);
		if (result.modifiedCount) {
			changes.push({ participantId: String(participant._id), from, to: change.stage });
		}
	}
	return changes;
}

// ——— Enrolment ———

export interface TraineeRow {
	enrolmentId: string;
	kind: 'participant' | 'official';
	participantId: string | null;
	/** Her name, or her pseudonymous code when masked; an official's name. */
	name: string;
	code: string | null;
	masked: boolean;
	organisation: string | null;
	position: string | null;
	phone: string | null;
	becameTrainer: boolean;
	attended: number;
	totalSessions: number;
	required: number;
	completed: boolean;
}

type EnrolmentRow = EnrolmentRef & {
	kind: string;
	seat: number;
	traineeKey: string;
	participantId?: Types.ObjectId | null;
	official?: { name: string; organisation: string; position: string; phone?: string | null } | null;
	becameTrainer?: boolean | null;
};

/** Everyone enrolled in a course, named as the viewer may see them, with completion. */
export async function listTrainees(
	viewer: SessionUser,
	courseId: Id,
	ip?: string
): Promise<TraineeRow[]> {
	const course = await loadCourse(courseId);
	const enrolments = (await Enrolment.find({ courseId: course._id })
		.sort({ createdAt: 1, _id: 1 })
		.lean()) as EnrolmentRow[];
	const participantIds = enrolments.flatMap((e) => (e.participantId ? [e.participantId] : []));
	const [identities, completions] = await Promise.all([
		identitiesFor(viewer, participantIds, { ip }),
		completionsOf(enrolments)
	]);
	const rows = enrolments.map((e): TraineeRow => {
		const completion = completions.get(String(e._id));
		const identity = e.participantId ? identities.get(String(e.participantId)) : undefined;
		return {
			enrolmentId: String(e._id),
			kind: e.kind === 'official' ? 'official' : 'participant',
			participantId: e.participantId ? String(e.participantId) : null,
			name: identity ? displayName(identity) : (e.official?.name ?? '—'),
			code: identity?.code ?? null,
			masked: identity?.masked ?? false,
			organisation: e.official?.organisation ?? null,
			position: e.official?.position ?? null,
			phone: e.official?.phone ?? null,
			becameTrainer: Boolean(e.becameTrainer),
			attended: completion?.attended ?? 0,
			totalSessions: completion?.totalSessions ?? 0,
			required: completion?.required ?? 0,
			completed: completion?.completed ?? false
		};
	});
	return rows.sort(
		(a, b) =>
			(a.kind === b.kind ? 0 : a.kind === 'participant' ? -1 : 1) ||
			a.name.localeCompare(b.name, 'mn')
	);
}

export interface Candidate {
	participantId: string;
	name: string;
	code: string;
	soum: string;
	masked: boolean;
}

/**
 * Participants of the course's cohort not yet enrolled in it, searched by name (Cyrillic or
 * Latin), code or phone. A protected participant is found by her name or phone only by a
 * viewer allowed to see them; by her code by anyone.
 */
export async function enrolCandidates(
	viewer: SessionUser,
	courseId: Id,
	q: string,
	{ ip, limit = 20 }: { ip?: string; limit?: number } = {}
): Promise<{ rows: Candidate[]; more: boolean }> {
	const course = await loadCourse(courseId);
	const enrolled = await Enrolment.find(
		{ courseId: course._id, kind: 'participant' },
		{ participantId: 1 }
	).lean();
	const filter: Record<string, unknown> = {
		cohortId: course.cohortId,
		_id: { $nin: enrolled.map((e) => e.participantId) }
	};
	const text = q.trim();
	if (text) {
		const identityVisible = canViewProtected(viewer) ? {} : { protected: { $ne: true } };
		const or: Record<string, unknown>[] = [{ code: { $regex: escapeRegex(text.toUpperCase()) } }];
		const skeleton = searchSkeleton(text);
		if (skeleton) or.push({ nameSkeleton: { $regex: escapeRegex(skeleton) }, ...identityVisible });
		const digits = text.replace(/\D/g, '');
		if (digits.length >= 3) {
			const users = await User.find({ phone: { $regex: escapeRegex(digits) } }, { _id: 1 })
				.limit(500)
				.lean();
			or.push({ userId: { $in: users.map((u) => u._id) }, ...identityVisible });
		}
		filter.$or = or;
	}
	const rows = await Participant.find(filter, {
		userId: 1,
		code: 1,
		bag: 1,
		nationalId: 1,
		protected: 1,
		soum: 1
	})
		.sort({ code: 1 })
		.limit(limit + 1)
		.lean();
	const shown = rows.slice(0, limit);
	const identities = await identitiesOf(viewer, shown, { ip });
	return {
		more: rows.length > limit,
		rows: shown.map((row) => {
			const identity = identities.get(String(row._id))!;
			return {
				participantId: String(row._id),
				name: displayName(identity),
				code: row.code,
				soum: row.soum,
				masked: identity.masked
			};
		})
	};
}

/**
 * Takes the lowest free seat for a trainee. Seats and trainee keys are unique per course, so
 * of concurrent enrolments exactly one gets each seat and each trainee is enrolled once; a
 * loser re-reads and tries the next seat, or learns the course is full.
 */
async function takeSeat(
	course: CourseRow,
	doc: Record<string, unknown> & { traineeKey: string }
): Promise<Types.ObjectId> {
	for (let attempt = 0; attempt < 20; attempt += 1) {
		const taken = await Enrolment.find({ courseId: course._id }, { seat: 1, traineeKey: 1 }).lean();
		if (taken.some((e) => e.traineeKey === doc.traineeKey)) {
			throw new TrainingError('alreadyEnrolled');
		}
		const seat = firstFreeSeat(
			taken.map((e) => e.seat),
			course.capacity
		);
		if (seat === null) throw new TrainingError('courseFull');
		try {
			const created = await Enrolment.create({
				...doc,
				courseId: course._id,
				cohortId: course.cohortId,
				seat
			});
			return created._id;
		} catch (error) {
			if (!isDuplicateKey(error)) throw error;
		}
	}
	throw new TrainingError('busy');
}

export async function enrolParticipant(
	actor: SessionUser,
	courseId: Id,
	participantId: Id,
	ip: string
): Promise<{ enrolmentId: string; stageChanges: StageChangeRecord[] }> {
	const course = await loadCourse(courseId);
	const participant = isId(participantId)
		? await Participant.findById(participantId, { cohortId: 1 }).lean()
		: null;
	if (!participant) throw new TrainingError('notFound');
	if (String(participant.cohortId) !== String(course.cohortId)) {
		throw new TrainingError('notInCohort');
	}
	const enrolmentId = await takeSeat(course, {
		traineeKey: participantTraineeKey(String(participant._id)),
		kind: 'participant',
		participantId: participant._id,
		enrolledBy: actor.id
	});
	const stageChanges = await refreshEligibility([participant._id]);
	await record('training.enrolled', actor, 'enrolment', String(enrolmentId), ip, {
		courseId: String(course._id),
		participantId: String(participant._id),
		stageChanges
	});
	return { enrolmentId: String(enrolmentId), stageChanges };
}

/**
 * Enrols an official (not an applicant, never a user). The same official in another course
 * of the cohort (same phone, else same name and organisation) keeps one trainee key, so she
 * counts once among the officials trained.
 */
export async function enrolOfficial(
	actor: SessionUser,
	courseId: Id,
	input: NewOfficial,
	ip: string
): Promise<{ enrolmentId: string }> {
	const course = await loadCourse(courseId);
	const official = {
		name: input.name,
		organisation: input.organisation,
		position: input.position,
		phone: input.phone || undefined
	};
	const known = (await Enrolment.find(
		{ cohortId: course.cohortId, kind: 'official' },
		{ traineeKey: 1, official: 1, becameTrainer: 1 }
	)
		.sort({ createdAt: 1, _id: 1 })
		.lean()) as EnrolmentRow[];
	const same = known.find((e) => e.official && sameOfficial(e.official, official));
	const enrolmentId = await takeSeat(course, {
		traineeKey: same?.traineeKey ?? officialTraineeKey(String(new Types.ObjectId())),
		kind: 'official',
		official,
		becameTrainer: Boolean(same?.becameTrainer),
		enrolledBy: actor.id
	});
	await record('training.enrolled', actor, 'enrolment', String(enrolmentId), ip, {
		courseId: String(course._id),
		official: true
	});
	return { enrolmentId: String(enrolmentId) };
}

async function loadEnrolment(courseId: Id, enrolmentId: Id): Promise<EnrolmentRow> {
	const enrolment =
		isId(courseId) && isId(enrolmentId)
			? await Enrolment.findOne({ _id: enrolmentId, courseId }).lean()
			: null;
	if (!enrolment) throw new TrainingError('notFound');
	return enrolment as EnrolmentRow;
}

/** Marks an official as having become a trainer (or not), in every course of the cohort. */
export async function setBecameTrainer(
	actor: SessionUser,
	courseId: Id,
	enrolmentId: Id,
	becameTrainer: boolean,
	ip: string
): Promise<void> {
	const enrolment = await loadEnrolment(courseId, enrolmentId);
	if (enrolment.kind !== 'official') throw new TrainingError('notOfficial');
	const course = await loadCourse(courseId);
	await Enrolment.updateMany(
		{ cohortId: course.cohortId, traineeKey: enrolment.traineeKey },
		{ $set: { becameTrainer } }
	);
	await record('training.trainer_marked', actor, 'enrolment', String(enrolment._id), ip, {
		becameTrainer
	});
}

/** Takes a trainee out of a course with her attendance in it; her eligibility follows. */
export async function removeEnrolment(
	actor: SessionUser,
	courseId: Id,
	enrolmentId: Id,
	ip: string
): Promise<{ stageChanges: StageChangeRecord[] }> {
	const enrolment = await loadEnrolment(courseId, enrolmentId);
	const attendance = await Attendance.deleteMany({ enrolmentId: enrolment._id });
	await Enrolment.deleteOne({ _id: enrolment._id });
	const stageChanges = enrolment.participantId
		? await refreshEligibility([enrolment.participantId])
		: [];
	await record('training.unenrolled', actor, 'enrolment', String(enrolment._id), ip, {
		courseId: String(enrolment.courseId),
		participantId: enrolment.participantId ? String(enrolment.participantId) : undefined,
		attendanceRemoved: attendance.deletedCount,
		stageChanges
	});
	return { stageChanges };
}

// ——— Attendance ———

export interface AttendanceRow {
	enrolmentId: string;
	kind: 'participant' | 'official';
	name: string;
	code: string | null;
	masked: boolean;
	organisation: string | null;
	/** null: not recorded yet for this session. */
	present: boolean | null;
}

/** The attendance screen of one session: every enrolled trainee and what was recorded. */
export async function attendanceSheet(
	viewer: SessionUser,
	courseId: Id,
	sessionId: Id,
	ip?: string
): Promise<{ course: CourseDetail; session: SessionSummary; rows: AttendanceRow[] }> {
	const session = await loadSession(courseId, sessionId);
	const [course, trainees, recorded, sessions] = await Promise.all([
		getCourse(courseId),
		listTrainees(viewer, courseId, ip),
		Attendance.find({ sessionId: session._id }, { enrolmentId: 1, present: 1 }).lean(),
		listSessions(courseId)
	]);
	const byEnrolment = new Map(recorded.map((r) => [String(r.enrolmentId), r.present]));
	return {
		course,
		session: sessions.find((s) => s.id === String(session._id))!,
		rows: trainees.map((t) => ({
			enrolmentId: t.enrolmentId,
			kind: t.kind,
			name: t.name,
			code: t.code,
			masked: t.masked,
			organisation: t.organisation,
			present: byEnrolment.get(t.enrolmentId) ?? null
		}))
	};
}

async function upsertAttendance(
	key: { sessionId: Types.ObjectId; enrolmentId: Types.ObjectId },
	values: { courseId: Types.ObjectId; present: boolean; recordedBy: string; recordedAt: Date }
) {
	for (let attempt = 0; ; attempt += 1) {
		try {
			await Attendance.updateOne(key, { $set: values }, { upsert: true });
			return;
		} catch (error) {
			// Two saves racing both tried to insert the row: the loser updates it instead.
			if (!isDuplicateKey(error) || attempt >= 1) throw error;
		}
	}
}

/**
 * Saves one session's sheet: ticked trainees present, shown but unticked absent. The whole
 * sheet is checked first: any id that is not an enrolment of this course refuses it with
 * nothing stored. Saving the same sheet twice stores the same rows.
 */
export async function saveAttendance(
	actor: SessionUser,
	courseId: Id,
	sessionId: Id,
	sheet: AttendanceSheet,
	ip: string
): Promise<{ present: number; absent: number; stageChanges: StageChangeRecord[] }> {
	const session = await loadSession(courseId, sessionId);
	const ids = [...new Set([...sheet.shown, ...sheet.present])];
	const valid = ids.filter(isId);
	const enrolments = await Enrolment.find(
		{ _id: { $in: valid }, courseId: session.courseId },
		{ participantId: 1 }
	).lean();
	const found = new Set(enrolments.map((e) => String(e._id)));
	const refused = ids.filter((id) => !found.has(id));
	if (refused.length) throw new TrainingError('notEnrolled', refused);

	const ticked = new Set(sheet.present);
	const recordedAt = new Date();
	await Promise.all(
		enrolments.map((e) =>
			upsertAttendance(
				{ sessionId: session._id, enrolmentId: e._id },
				{
					courseId: session.courseId,
					present: ticked.has(String(e._id)),
					recordedBy: actor.id,
					recordedAt
				}
			)
		)
	);
	const present = enrolments.filter((e) => ticked.has(String(e._id))).length;
	const stageChanges = await refreshEligibility(
		enrolments.flatMap((e) => (e.participantId ? [e.participantId] : []))
	);
	await record('training.attendance_saved', actor, 'trainingSession', String(session._id), ip, {
		courseId: String(session.courseId),
		present,
		absent: enrolments.length - present,
		stageChanges
	});
	return { present, absent: enrolments.length - present, stageChanges };
}

// ——— Records, counts, certificates ———

export interface TrainingRecordCourse {
	courseId: string;
	title: string;
	kind: CourseKind;
	sessions: number;
	attended: number;
	/** Sessions she must attend to complete. */
	required: number;
	thresholdPct: number;
	completed: boolean;
}

export interface TrainingRecord {
	courses: TrainingRecordCourse[];
	/** Whether she may start her business plan, and the course kinds still missing. */
	eligible: boolean;
	missingKinds: CourseKind[];
}

/** Her own training record, for her page (the caller makes sure it is hers). */
export async function trainingRecordFor(participantId: Id): Promise<TrainingRecord> {
	const participant = isId(participantId)
		? await Participant.findById(participantId, { cohortId: 1 }).lean()
		: null;
	if (!participant) return { courses: [], eligible: false, missingKinds: [] };
	const [enrolments, cohort] = await Promise.all([
		Enrolment.find(
			{ participantId: participant._id, kind: 'participant' },
			{ courseId: 1, cohortId: 1 }
		)
			.sort({ createdAt: 1, _id: 1 })
			.lean(),
		Cohort.findById(participant.cohortId, { eligibilityCourseKinds: 1 }).lean()
	]);
	const [completions, courses] = await Promise.all([
		completionsOf(enrolments),
		Course.find({ _id: { $in: enrolments.map((e) => e.courseId) } }, { title: 1, kind: 1 }).lean()
	]);
	const titles = new Map(courses.map((c) => [String(c._id), c.title]));
	const rows = enrolments.flatMap((e): TrainingRecordCourse[] => {
		const completion = completions.get(String(e._id));
		if (!completion) return [];
		return [
			{
				courseId: String(e.courseId),
				title: titles.get(String(e.courseId)) ?? '',
				kind: completion.kind,
				sessions: completion.totalSessions,
				attended: completion.attended,
				required: completion.required,
				thresholdPct: completion.thresholdPct,
				completed: completion.completed
			}
		];
	});
	const { eligible, missingKinds } = eligibility({
		requiredKinds: (cohort?.eligibilityCourseKinds ??
			DEFAULT_ELIGIBILITY_COURSE_KINDS) as CourseKind[],
		completedKinds: enrolments
			.filter((e) => String(e.cohortId) === String(participant.cohortId))
			.flatMap((e) => {
				const completion = completions.get(String(e._id));
				return completion?.completed ? [completion.kind] : [];
			})
	});
	return { courses: rows, eligible, missingKinds };
}

export interface TrainingCounts {
	/** Distinct participants who completed a course of that kind. */
	lifeSkillsCompleted: number;
	businessPlanCompleted: number;
	/** Distinct officials enrolled in any course of the cohort, and those who became trainers. */
	officialsTrained: number;
	officialsTrainers: number;
}

export async function trainingCounts(cohortId: Id): Promise<TrainingCounts> {
	const { completed, officials } = await cohortTraining(cohortId);
	const completedBy = (kind: CourseKind) =>
		[...completed.values()].filter((kinds) => kinds.has(kind)).length;
	return {
		lifeSkillsCompleted: completedBy('life_skills'),
		businessPlanCompleted: completedBy('business_plan'),
		officialsTrained: officials.trained,
		officialsTrainers: officials.trainers
	};
}

/**
 * The cohort's training: the kinds of course each participant completed, and how many distinct
 * officials were trained and became trainers.
 */
export async function cohortTraining(cohortId: Id) {
	const completed = new Map<string, Set<CourseKind>>();
	const officials = { trained: 0, trainers: 0 };
	if (!isId(cohortId)) return { completed, officials };
	const enrolments = (await Enrolment.find(
		{ cohortId },
		{ courseId: 1, kind: 1, participantId: 1, traineeKey: 1, becameTrainer: 1 }
	).lean()) as EnrolmentRow[];
	const completions = await completionsOf(enrolments);
	for (const e of enrolments) {
		const completion = completions.get(String(e._id));
		if (e.kind !== 'participant' || !e.participantId || !completion?.completed) continue;
		const key = String(e.participantId);
		completed.set(key, (completed.get(key) ?? new Set()).add(completion.kind));
	}
	const official = enrolments.filter((e) => e.kind === 'official');
	officials.trained = new Set(official.map((e) => e.traineeKey)).size;
	officials.trainers = new Set(
		official.filter((e) => e.becameTrainer).map((e) => e.traineeKey)
	).size;
	return { completed, officials };
}

export interface Certificate {
	traineeName: string;
	masked: boolean;
	courseTitle: string;
	kind: CourseKind;
	description: string;
	cohortName: string;
	attended: number;
	totalSessions: number;
	thresholdPct: number;
	firstDay: Date;
	lastDay: Date;
	soums: SoumOption[];
}

/**
 * A certificate of completion, only for a trainee who completed the course (else notFound).
 * A protected participant is named only for a viewer allowed to see her name.
 */
export async function certificateFor(
	viewer: SessionUser,
	courseId: Id,
	enrolmentId: Id,
	ip?: string
): Promise<Certificate> {
	const enrolment = await loadEnrolment(courseId, enrolmentId);
	const completion = (await completionsOf([enrolment])).get(String(enrolment._id));
	if (!completion?.completed) throw new TrainingError('notFound');
	const [course, sessions] = await Promise.all([
		getCourse(courseId),
		TrainingSession.find({ courseId: enrolment.courseId }, { date: 1, soum: 1 })
			.sort({ date: 1 })
			.lean()
	]);
	let traineeName = enrolment.official?.name ?? '';
	let masked = false;
	if (enrolment.participantId) {
		const identity = (await identitiesFor(viewer, [enrolment.participantId], { ip })).get(
			String(enrolment.participantId)
		);
		if (!identity) throw new TrainingError('notFound');
		traineeName = displayName(identity);
		masked = identity.masked;
	}
	const soumCodes = new Set(sessions.map((s) => s.soum));
	return {
		traineeName,
		masked,
		courseTitle: course.title,
		kind: course.kind,
		description: course.description,
		cohortName: course.cohortName,
		attended: completion.attended,
		totalSessions: completion.totalSessions,
		thresholdPct: completion.thresholdPct,
		firstDay: sessions[0]!.date,
		lastDay: sessions[sessions.length - 1]!.date,
		soums: course.soums.filter((s) => soumCodes.has(s.code))
	};
}
