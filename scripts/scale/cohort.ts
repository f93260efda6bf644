// One cohort of the scale programme, built in memory and then inserted collection by
// collection: its women (accounts, profiles, consent), their training, plans, review, grants
// and mentoring. An older cohort has completed its year; the current one (2026) is under way.
import type { Model, Types } from 'mongoose';
import type { PlanContent } from '$lib/domain/businessPlan';
import {
	EDUCATION_LEVELS,
	REFERRAL_SOURCES,
	type ConsentPurpose,
	type ReferralSource
} from '$lib/domain/participant';
import { searchSkeleton } from '$lib/domain/transliteration';
import {
	Attendance,
	AwardDecision,
	BusinessPlan,
	CheckIn,
	Cohort,
	CommitteeMember,
	ConflictDeclaration,
	ConsentRecord,
	Course,
	Enrolment,
	Grant,
	GrantLedger,
	GrantVerification,
	MentorAssignment,
	MentoringSchedule,
	NeedAssessment,
	Participant,
	PaymentRequest,
	PlanComment,
	PlanSectionDraft,
	PlanVersion,
	Receipt,
	Review,
	ReviewAssignment,
	ReviewDraft,
	ReviewSetup,
	SafeguardingConcern,
	TrainingSession,
	User
} from '$lib/server/db/models';
import { SCALE_ACCOUNTS } from '../bench/scale';
import { seedGrants } from './grants';
import { addDays, addHours, day, midnight, type Random } from './random';
import { seedPlansAndReview } from './review';
import { mentorFor, type Staff } from './staff';
import {
	CURRENT_WORK,
	FATHER_NAMES,
	GIVEN_NAMES,
	ORGANISATIONS,
	ORIGIN_PLACES,
	POSITIONS,
	REGISTER_LETTERS,
	TRAINERS,
	WITNESSES,
	venueOf
} from './texts';
import { anyModel, type Writer } from './writer';

/** What one cohort holds; the older cohorts' extras make the programme's totals exact. */
export interface CohortSpec {
	index: number;
	year: number;
	current: boolean;
	participants: number;
	attendance: number;
	plans: number;
	grants: number;
	/** Older cohorts: third reviews of divergent plans beyond two per plan. */
	extraReviews: number;
	/** Older cohorts: requests rejected and made again, beyond two tranches per grant. */
	extraRequests: number;
	/** Older cohorts: the women's own monthly figures, beyond twelve visits per grant. */
	extraCheckIns: number;
}

export interface Soum {
	code: string;
	nameMn: string;
	/** Bigger soums have more migrants: the aimag centre and the mining soums. */
	weight: number;
}

export interface Person {
	participantId: Types.ObjectId;
	userId: Types.ObjectId;
	code: string;
	soum: string;
	registered: Date;
	isProtected: boolean;
	soumSharing: boolean;
	/** Her participant document, completed as her story is told (stage, eligibleAt). */
	doc: Record<string, unknown>;
	user: Record<string, unknown>;
	eligibleAt: Date | null;
}

export interface PlanRow {
	person: Person;
	planId: Types.ObjectId;
	/** The version submitted last (her draft version). */
	version: number;
	content: PlanContent;
	requestedMnt: number;
	submittedAt: Date;
	/** How her business does against its forecast, and its cost share. */
	performance: number;
	costShare: number;
	/** 1: decided this year's first round; 2: submitted later, in review now. */
	round: 1 | 2;
}

/** Documents per model, inserted in the order the models were first added. */
export class Docs {
	readonly byModel = new Map<Model<never>, object[]>();

	add<T>(model: Model<T>, ...docs: object[]): void {
		const key = anyModel(model);
		const list = this.byModel.get(key) ?? [];
		for (const doc of docs) list.push(doc);
		this.byModel.set(key, list);
	}

	list<T>(model: Model<T>): object[] {
		return this.byModel.get(anyModel(model)) ?? [];
	}
}

export interface CohortContext {
	rand: Random;
	staff: Staff;
	spec: CohortSpec;
	soums: readonly Soum[];
	cohortId: Types.ObjectId;
	codePrefix: string;
	grantCapMnt: number;
	docs: Docs;
	/** The last day anything happens in the current cohort. */
	today: Date;
	/** The coordinator who runs this cohort. */
	coordinator: Types.ObjectId;
	passwordHash: string;
	receiptsDir: string;
	/** Receipt files to write: name → bytes. */
	files: Map<string, Uint8Array>;
}

export interface CohortCounts {
	reviews: number;
	requests: number;
	checkIns: number;
	seconds: number;
}

/** Inserts order: what a reader finds first exists first. */
const ORDER = [
	Cohort,
	User,
	Participant,
	ConsentRecord,
	Course,
	TrainingSession,
	Enrolment,
	Attendance,
	BusinessPlan,
	PlanSectionDraft,
	PlanVersion,
	PlanComment,
	ReviewSetup,
	CommitteeMember,
	ReviewAssignment,
	ConflictDeclaration,
	ReviewDraft,
	Review,
	NeedAssessment,
	AwardDecision,
	Grant,
	PaymentRequest,
	GrantLedger,
	GrantVerification,
	MentorAssignment,
	MentoringSchedule,
	SafeguardingConcern,
	CheckIn,
	Receipt
] as unknown as Model<never>[];

const LIFE_SKILLS_SESSIONS = 6;
const BUSINESS_PLAN_SESSIONS = 8;
const OFFICIAL_SESSIONS = 3;
const THRESHOLD_PCT = 80;

export async function seedCohort(
	rand: Random,
	writer: Writer,
	staff: Staff,
	spec: CohortSpec,
	options: {
		soums: readonly Soum[];
		today: Date;
		passwordHash: string;
		receiptsDir: string;
		writeFiles: (files: Map<string, Uint8Array>) => Promise<void>;
	}
): Promise<CohortCounts> {
	const started = performance.now();
	const yy = String(spec.year).slice(2);
	const ctx: CohortContext = {
		rand,
		staff,
		spec,
		soums: options.soums,
		cohortId: rand.objectId(day(spec.year, 1, 20)),
		codePrefix: `UMN-${yy}`,
		grantCapMnt: 5_000_000,
		docs: new Docs(),
		today: options.today,
		coordinator: spec.current
			? staff.coordinators[0]!
			: spec.year >= 2020
				? staff.coordinators[2]!
				: staff.coordinators[1]!,
		passwordHash: options.passwordHash,
		receiptsDir: options.receiptsDir,
		files: new Map()
	};
	const cohort: Record<string, unknown> = {
		_id: ctx.cohortId,
		code: `umnugobi-${spec.year}`,
		name: `Umnugobi ${spec.year}`,
		aimag: 'umnugobi',
		soums: ctx.soums.map((s) => s.code),
		startsOn: day(spec.year, 3, 1),
		current: spec.current,
		codePrefix: ctx.codePrefix,
		eligibilityCourseKinds: ['business_plan'],
		// 23:00 in Ulaanbaatar; the current cohort takes late plans until mid-December.
		planDeadline: spec.current
			? addHours(day(spec.year, 12, 15), 15)
			: addHours(day(spec.year, 8, 15), 15),
		grantCapMnt: ctx.grantCapMnt,
		trancheRules: [],
		checkInIntervalMonths: 1,
		checkInVisits: 12,
		indirectBeneficiaries: Math.round(spec.participants * 1.9),
		createdAt: day(spec.year, 1, 20),
		updatedAt: day(spec.year, 1, 20)
	};
	ctx.docs.add(Cohort, cohort);

	const people = registerParticipants(ctx);
	const completers = train(ctx, people);
	const review = seedPlansAndReview(ctx, completers);
	cohort.budgetMnt = review.budgetMnt;
	// Her mentor follows her only with her consent to sharing with the soum: grantees gave it.
	for (const award of review.awards) award.plan.person.soumSharing = true;
	consents(ctx, people);
	const money = seedGrants(ctx, review.awards);

	for (const model of ORDER) await writer.insert(model, ctx.docs.list(model));
	await options.writeFiles(ctx.files);
	return {
		reviews: ctx.docs.list(Review).length,
		requests: ctx.docs.list(PaymentRequest).length,
		checkIns: money.checkIns,
		seconds: (performance.now() - started) / 1000
	};
}

// ——— Registration ———

function nationalId(rand: Random, birthYear: number): string {
	const month = String(rand.int(1, 12)).padStart(2, '0');
	const date = String(rand.int(1, 28)).padStart(2, '0');
	return `${rand.pick(REGISTER_LETTERS)}${String(birthYear % 100).padStart(2, '0')}${month}${date}${rand.int(10, 99)}`;
}

/** The cohort's women, registered in February and early March, with their accounts and consent. */
function registerParticipants(ctx: CohortContext): Person[] {
	const { rand, spec } = ctx;
	const weights = ctx.soums.map((s) => s.weight);
	const registrations = Array.from({ length: spec.participants }, () =>
		addHours(addDays(day(spec.year, 2, 1), rand.int(0, 36)), rand.between(1, 9))
	).sort((a, b) => a.getTime() - b.getTime());
	return registrations.map((registered, i) => {
		const soum = ctx.soums[rand.weighted(weights)]!.code;
		const userId = rand.objectId(registered);
		const participantId = rand.objectId(registered);
		const name = `${rand.pick(GIVEN_NAMES)} ${rand.pick(FATHER_NAMES)}`;
		const isProtected = rand.chance(0.02);
		const birthYear = spec.year - rand.int(19, 52);
		const householdSize = rand.int(1, 8);
		const referralSource: ReferralSource = isProtected
			? rand.pick(['police', 'social_worker'] as const)
			: REFERRAL_SOURCES[rand.weighted([4, 3, 2, 0.5, 0.5])]!;
		const user: Record<string, unknown> = {
			_id: userId,
			phone: String(80_000_000 + spec.index * 100_000 + i + 1),
			name,
			roles: ['applicant'],
			soums: [soum],
			passwordHash: ctx.passwordHash,
			passwordChangedAt: addDays(registered, rand.int(1, 5)),
			createdBy: ctx.coordinator,
			createdAt: registered,
			updatedAt: registered
		};
		user.updatedAt = user.passwordChangedAt;
		const doc: Record<string, unknown> = {
			_id: participantId,
			userId,
			cohortId: ctx.cohortId,
			code: `${ctx.codePrefix}-${String(i + 1).padStart(3, '0')}`,
			soum,
			bag: `${rand.int(1, 6)}-р баг`,
			originPlace: rand.pick(ORIGIN_PLACES),
			arrivalYear: Math.min(spec.year, Math.max(birthYear + 18, spec.year - rand.int(0, 9))),
			birthYear,
			householdSize,
			children: rand.int(0, householdSize - 1),
			education: EDUCATION_LEVELS[rand.weighted([0.3, 1, 2, 4, 2, 1])]!,
			currentWork: rand.pick(CURRENT_WORK),
			referralSource,
			notes: isProtected
				? 'Хамгаалалтын хэрэгцээтэй: нэр, хаягийг зөвхөн эрх бүхий ажилтан харна.'
				: undefined,
			nationalId: rand.chance(0.6) ? nationalId(rand, birthYear) : undefined,
			protected: isProtected,
			stage: 'training',
			nameSkeleton: searchSkeleton(name),
			createdBy: ctx.coordinator,
			createdAt: registered,
			updatedAt: registered
		};
		return {
			participantId,
			userId,
			code: doc.code as string,
			soum,
			registered,
			isProtected,
			soumSharing: rand.chance(0.95),
			doc,
			user,
			eligibleAt: null
		};
	});
}

/** The scale applicant: her account is the benchmarks' (SCALE_ACCOUNTS.applicant). */
export function makeScaleApplicant(person: Person) {
	const name = 'Оюунтуяа Ганболд';
	person.user.phone = SCALE_ACCOUNTS.applicant;
	person.user.name = name;
	person.doc.nameSkeleton = searchSkeleton(name);
	person.doc.protected = false;
	person.isProtected = false;
	person.soumSharing = true;
}

function consents(ctx: CohortContext, people: readonly Person[]) {
	const { rand } = ctx;
	for (const person of people) {
		const on = midnight(person.registered);
		const verbal = rand.chance(0.15);
		const purposes: ConsentPurpose[] = ['participation'];
		if (person.soumSharing) purposes.push('soum_sharing');
		const donor = rand.chance(0.93);
		if (donor) purposes.push('donor_reporting');
		for (const purpose of purposes) {
			ctx.docs.add(ConsentRecord, {
				_id: rand.objectId(person.registered),
				participantId: person.participantId,
				purpose,
				action: 'given',
				on,
				method: verbal ? 'verbal_witnessed' : 'signed_form',
				witness: verbal ? rand.pick(WITNESSES) : undefined,
				recordedBy: ctx.coordinator,
				recordedAt: person.registered
			});
		}
		const withdrawn = addHours(addDays(on, rand.int(60, 200)), 10);
		if (donor && rand.chance(0.01) && withdrawn <= ctx.today) {
			ctx.docs.add(ConsentRecord, {
				_id: rand.objectId(withdrawn),
				participantId: person.participantId,
				purpose: 'donor_reporting',
				action: 'withdrawn',
				on: midnight(withdrawn),
				method: 'signed_form',
				recordedBy: ctx.coordinator,
				recordedAt: withdrawn
			});
		}
	}
}

// ——— Training ———

interface Trainee {
	person?: Person;
	official?: { name: string; organisation: string; position: string };
	becameTrainer?: boolean;
	/** Which sessions she attended, by index. */
	present: boolean[];
}

interface CourseInput {
	kind: 'life_skills' | 'business_plan' | 'other';
	title: string;
	createdAt: Date;
	sessionDays: { date: Date; soum: string }[];
	trainees: Trainee[];
}

/** A course with its sessions, enrolments and attendance; returns each session's attendance rows. */
function course(ctx: CohortContext, input: CourseInput) {
	const { rand } = ctx;
	const courseId = rand.objectId(input.createdAt);
	ctx.docs.add(Course, {
		_id: courseId,
		cohortId: ctx.cohortId,
		kind: input.kind,
		title: input.title,
		capacity: Math.max(input.trainees.length, 30),
		completionThresholdPct: THRESHOLD_PCT,
		createdBy: ctx.coordinator,
		createdAt: input.createdAt,
		updatedAt: input.createdAt
	});
	const sessions = input.sessionDays.map(({ date, soum }, s) => {
		const created = addDays(input.createdAt, 1);
		const id = rand.objectId(created);
		ctx.docs.add(TrainingSession, {
			_id: id,
			courseId,
			date,
			soum,
			venue: venueOf(ctx.soums.find((x) => x.code === soum)?.nameMn ?? soum),
			trainer: TRAINERS[(s + input.title.length) % TRAINERS.length]!,
			createdBy: ctx.coordinator,
			createdAt: created,
			updatedAt: created
		});
		return { id, date };
	});
	const rows: {
		enrolmentId: Types.ObjectId;
		trainee: Trainee;
		recordedAt: Date;
		doc: Record<string, unknown>;
	}[] = [];
	input.trainees.forEach((trainee, seat) => {
		const enrolled = addHours(
			trainee.person && trainee.person.registered > input.createdAt
				? trainee.person.registered
				: input.createdAt,
			rand.between(1, 48)
		);
		const enrolmentId = rand.objectId(enrolled);
		ctx.docs.add(Enrolment, {
			_id: enrolmentId,
			courseId,
			cohortId: ctx.cohortId,
			traineeKey: trainee.person
				? `p:${trainee.person.participantId}`
				: `o:${rand.objectId(enrolled)}`,
			seat: seat + 1,
			kind: trainee.person ? 'participant' : 'official',
			participantId: trainee.person?.participantId,
			official: trainee.official,
			becameTrainer: trainee.becameTrainer ?? false,
			enrolledBy: ctx.coordinator,
			createdAt: enrolled,
			updatedAt: enrolled
		});
		sessions.forEach((session, s) => {
			// Attendance is taken at the end of the day.
			const recordedAt = addHours(session.date, 10 + (s % 3));
			const doc = {
				_id: rand.objectId(recordedAt),
				sessionId: session.id,
				enrolmentId,
				courseId,
				present: trainee.present[s] ?? false,
				recordedBy: ctx.coordinator,
				recordedAt
			};
			rows.push({ enrolmentId, trainee, recordedAt, doc });
		});
	});
	return rows;
}

/** `attended` of `total` sessions, the missed ones at random. */
function attendance(rand: Random, total: number, attended: number): boolean[] {
	const missed = new Set(rand.sample([...Array(total).keys()], total - attended));
	return Array.from({ length: total }, (_, i) => !missed.has(i));
}

/**
 * A course of this kind in one soum for these women: weekly sessions from `firstDay` (the
 * `index`-th soum a few days later, so that trainers can travel), each woman present at as many
 * as `attended` says.
 */
function soumCourse(
	ctx: CohortContext,
	soum: string,
	index: number,
	women: Person[],
	input: {
		kind: 'life_skills' | 'business_plan';
		title: string;
		createdAt: Date;
		firstDay: Date;
		sessions: number;
		attended: (person: Person) => number;
	}
) {
	return course(ctx, {
		kind: input.kind,
		title: input.title,
		createdAt: input.createdAt,
		sessionDays: Array.from({ length: input.sessions }, (_, k) => ({
			date: addDays(input.firstDay, 7 * k + (index % 5)),
			soum
		})),
		trainees: women.map((person) => ({
			person,
			present: attendance(ctx.rand, input.sessions, input.attended(person))
		}))
	});
}

/**
 * Life skills for every woman (one course per soum), the business-plan course for enough of
 * them to make the cohort's attendance figure, and the officials' training of trainers.
 * Attendance rows of sessions missed by women who did not complete are left out where the
 * figure asks for fewer rows: a row not taken is an absence too. Returns who completed the
 * business-plan course (and so may draft a plan), with the day she became eligible.
 */
function train(ctx: CohortContext, people: Person[]): Person[] {
	const { rand, spec } = ctx;
	const officials = Math.max(3, Math.round(spec.participants / 40));
	const businessPlan = Math.min(
		people.length,
		Math.ceil(
			(spec.attendance - people.length * LIFE_SKILLS_SESSIONS - officials * OFFICIAL_SESSIONS) /
				BUSINESS_PLAN_SESSIONS
		)
	);
	const fullRows =
		people.length * LIFE_SKILLS_SESSIONS +
		officials * OFFICIAL_SESSIONS +
		businessPlan * BUSINESS_PLAN_SESSIONS;
	let surplus = fullRows - spec.attendance;
	const attendanceRows: Record<string, unknown>[] = [];

	const bySoum = new Map<string, Person[]>();
	for (const p of people) bySoum.set(p.soum, [...(bySoum.get(p.soum) ?? []), p]);
	ctx.soums.forEach((soum, s) => {
		const here = bySoum.get(soum.code) ?? [];
		if (!here.length) return;
		const rows = soumCourse(ctx, soum.code, s, here, {
			kind: 'life_skills',
			title: `Амьдрах ухаан, орлого бий болгох, хүний наймааны эрсдэл (${soum.nameMn})`,
			createdAt: day(spec.year, 2, 20),
			firstDay: day(spec.year, 3, 2),
			sessions: LIFE_SKILLS_SESSIONS,
			attended: () => [6, 5, 4, 2][rand.weighted([75, 20, 3, 2])]!
		});
		for (const row of rows) attendanceRows.push(row.doc);
	});

	const officialRows = course(ctx, {
		kind: 'other',
		title: 'Хүний наймаанаас урьдчилан сэргийлэх: төрийн албан хаагчдын сургагч багшийн сургалт',
		createdAt: day(spec.year, 3, 25),
		sessionDays: Array.from({ length: OFFICIAL_SESSIONS }, (_, k) => ({
			date: addDays(day(spec.year, 4, 13), 7 * k),
			soum: k % 2 === 0 ? 'dalanzadgad' : ctx.soums[(spec.index + k) % ctx.soums.length]!.code
		})),
		trainees: Array.from({ length: officials }, (_, i) => ({
			official: {
				name: `${rand.pick(FATHER_NAMES).slice(0, 1)}. ${rand.pick(GIVEN_NAMES)}`,
				organisation: rand.pick(ORGANISATIONS),
				position: rand.pick(POSITIONS)
			},
			becameTrainer: i % 3 === 0,
			present: attendance(rand, OFFICIAL_SESSIONS, rand.chance(0.9) ? 3 : 2)
		}))
	});
	for (const row of officialRows) attendanceRows.push(row.doc);

	// The business-plan course: who takes it, and who completes it.
	const enrolled = rand.sample(people, businessPlan);
	const notCompleting = new Set(
		rand.sample(enrolled, Math.max(3, Math.round(enrolled.length * 0.08)))
	);
	const completers: Person[] = [];
	const enrolledBySoum = new Map<string, Person[]>();
	for (const p of enrolled) enrolledBySoum.set(p.soum, [...(enrolledBySoum.get(p.soum) ?? []), p]);
	ctx.soums.forEach((soum, s) => {
		const here = (enrolledBySoum.get(soum.code) ?? []).sort((a, b) => a.code.localeCompare(b.code));
		if (!here.length) return;
		const rows = soumCourse(ctx, soum.code, s, here, {
			kind: 'business_plan',
			title: `Бизнес төлөвлөгөө боловсруулах (${soum.nameMn})`,
			createdAt: day(spec.year, 4, 20),
			firstDay: day(spec.year, 5, 4),
			sessions: BUSINESS_PLAN_SESSIONS,
			attended: (person) => (notCompleting.has(person) ? rand.int(2, 5) : rand.chance(0.6) ? 8 : 7)
		});
		const presentCount = new Map<Person, number>();
		for (const row of rows) {
			const person = row.trainee.person!;
			if (!row.doc.present) {
				if (surplus > 0 && notCompleting.has(person)) {
					surplus--;
					continue;
				}
			} else {
				// She is eligible once her attendance reaches 80% of the course's sessions.
				const count = (presentCount.get(person) ?? 0) + 1;
				presentCount.set(person, count);
				if (count * 100 >= THRESHOLD_PCT * BUSINESS_PLAN_SESSIONS && !person.eligibleAt) {
					person.eligibleAt = addHours(row.recordedAt, 0.1);
				}
			}
			attendanceRows.push(row.doc);
		}
		for (const person of here) if (person.eligibleAt) completers.push(person);
	});
	if (surplus !== 0) throw new Error(`Attendance is ${surplus} rows off its figure`);
	ctx.docs.add(Attendance, ...attendanceRows);
	for (const person of completers) {
		person.doc.stage = 'plan';
		person.doc.eligibleAt = person.eligibleAt;
		person.doc.updatedAt = person.eligibleAt;
	}
	ctx.docs.add(User, ...people.map((p) => p.user));
	ctx.docs.add(Participant, ...people.map((p) => p.doc));
	return completers.sort((a, b) => a.code.localeCompare(b.code));
}

/** The mentor who follows the cohort's grantees of a soum. */
export const cohortMentor = (ctx: CohortContext, soum: string) =>
	mentorFor(ctx.staff, soum, ctx.spec.year);
