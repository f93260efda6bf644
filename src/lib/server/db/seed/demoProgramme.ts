// The demo programme at the reference figures of DOMAIN.md: 100 women who completed the
// life-skills training in the four demo soums, 50 of whom completed the business-plan
// training; 50 officials trained, 17 of whom became trainers; a few protected participants;
// consent on record for most. Generated from a fixed seed, so every demo is the same.
import { Types } from 'mongoose';
import type { ConsentPurpose, EducationLevel, ReferralSource } from '$lib/domain/participant';
import { searchSkeleton } from '$lib/domain/transliteration';
import { Attendance } from '$lib/server/db/models/attendance';
import { ConsentRecord } from '$lib/server/db/models/consentRecord';
import { Course } from '$lib/server/db/models/course';
import { Enrolment } from '$lib/server/db/models/enrolment';
import { Participant } from '$lib/server/db/models/participant';
import { TrainingSession } from '$lib/server/db/models/trainingSession';
import { User } from '$lib/server/db/models/user';

const GIVEN = [
	'Цэцэгмаа',
	'Оюунчимэг',
	'Сарантуяа',
	'Энхтуяа',
	'Нарантуяа',
	'Мөнхзаяа',
	'Алтанцэцэг',
	'Батцэцэг',
	'Гэрэлмаа',
	'Дуламсүрэн',
	'Солонго',
	'Ариунаа',
	'Ундрах',
	'Номин',
	'Хулан',
	'Золзаяа',
	'Мягмарсүрэн',
	'Отгонбаяр',
	'Нандин-Эрдэнэ',
	'Түмэнжаргал',
	'Уранчимэг',
	'Энхжаргал',
	'Хонгорзул',
	'Сувдаа',
	'Болормаа',
	'Ганчимэг',
	'Должинсүрэн',
	'Эрдэнэчимэг',
	'Цогзолмаа',
	'Оюунтуяа',
	'Наранцэцэг',
	'Бямбасүрэн',
	'Ханд',
	'Сэлэнгэ',
	'Анужин'
];
const FATHERS = [
	'Батболд',
	'Ганбаатар',
	'Дорж',
	'Пүрэв',
	'Цэрэн',
	'Баатар',
	'Мөнх',
	'Сүхбаатар',
	'Төмөр',
	'Ганзориг',
	'Нямдорж',
	'Жаргал',
	'Болд',
	'Эрдэнэ',
	'Лхагва',
	'Даваа',
	'Бат-Эрдэнэ',
	'Галсан',
	'Намжил',
	'Отгон',
	'Чулуун',
	'Гомбо',
	'Санжаа',
	'Дамдин',
	'Хүрэлбаатар'
];
const ORIGINS = [
	'Дундговь, Луус',
	'Өвөрхангай, Хужирт',
	'Баянхонгор, Бууцагаан',
	'Говь-Алтай, Есөнбулаг',
	'Хөвсгөл, Мөрөн',
	'Завхан, Улиастай',
	'Архангай, Цэцэрлэг',
	'Дорноговь, Сайншанд',
	'Өмнөговь, Сэврэй',
	'Улаанбаатар, Сонгинохайрхан'
];
const WORK = [
	'Гэрээрээ оёдол хийдэг',
	'Уурхайн хоолны газарт туслах тогооч',
	'Ажилгүй, хүүхэд асардаг',
	'Жижиг лангуу ажиллуулдаг',
	'Цэвэрлэгээний ажилтан',
	'Малчин айлд туслах',
	'Үсчин, гэрээрээ',
	'Талх, боов хийж зардаг'
];
const VENUES: Record<string, string> = {
	khanbogd: 'Ханбогд сумын соёлын төв',
	manlai: 'Манлай сумын ЗДТГ-ын заал',
	'bayan-ovoo': 'Баян-Овоо сумын сургууль',
	dalanzadgad: 'Даланзадгад, аймгийн ХХҮГ-ын сургалтын танхим'
};
const TRAINERS = ['Д. Энхбаяр', 'Г. Сарангэрэл', 'Б. Оюунбилэг', 'Ц. Мөнхтуяа'];
const ORGANISATIONS = [
	'Сумын Засаг даргын Тамгын газар',
	'Сумын цагдаагийн хэсэг',
	'Сумын эрүүл мэндийн төв',
	'Ерөнхий боловсролын сургууль',
	'Аймгийн Хөдөлмөр, халамжийн үйлчилгээний газар',
	'Багийн Засаг дарга'
];
const POSITIONS = [
	'Нийгмийн ажилтан',
	'Хөдөлмөрийн асуудал хариуцсан мэргэжилтэн',
	'Хэсгийн байцаагч',
	'Сургуулийн нийгмийн ажилтан',
	'Багийн Засаг дарга',
	'Эмч'
];

/** A small seeded generator (mulberry32): the same demo every time. */
export function random(seed: number) {
	let a = seed;
	return () => {
		a |= 0;
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const DAY = 24 * 60 * 60 * 1000;

export interface DemoProgrammeInput {
	cohortId: Types.ObjectId;
	codePrefix: string;
	soums: string[];
	coordinatorId: Types.ObjectId;
	/** The demo applicant's account: she is participant 001, part-way through her training. */
	applicantUserId: Types.ObjectId;
	startsOn: Date;
}

/** Inserts the demo programme; returns the participants' ids for the eligibility refresh. */
export async function seedDemoProgramme(input: DemoProgrammeInput): Promise<Types.ObjectId[]> {
	const rand = random(2026);
	const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
	const { cohortId, soums, coordinatorId } = input;
	const at = (days: number) => new Date(input.startsOn.getTime() + days * DAY);

	// 100 women, 25 in each soum; participant 001 is the demo applicant.
	const users: { _id: Types.ObjectId; phone: string; name: string }[] = [];
	const participants: Record<string, unknown>[] = [];
	const protectedAt = new Set([7, 23, 58, 91]);
	for (let i = 1; i <= 100; i++) {
		const soum = soums[(i - 1) % soums.length]!;
		const userId = i === 1 ? input.applicantUserId : new Types.ObjectId();
		const name = i === 1 ? 'Болормаа Очир' : `${pick(GIVEN)} ${pick(FATHERS)}`;
		if (i !== 1) users.push({ _id: userId, phone: String(88100000 + i), name });
		const birthYear = 1975 + Math.floor(rand() * 29);
		const householdSize = 1 + Math.floor(rand() * 7);
		const isProtected = protectedAt.has(i);
		const referral: ReferralSource = isProtected
			? i === 91
				? 'social_worker'
				: 'police'
			: pick(['self', 'self', 'social_worker', 'social_worker', 'ngo', 'police', 'other'] as const);
		participants.push({
			_id: new Types.ObjectId(),
			userId,
			cohortId,
			code: `${input.codePrefix}-${String(i).padStart(3, '0')}`,
			soum,
			bag: `${1 + Math.floor(rand() * 5)}-р баг`,
			originPlace: pick(ORIGINS),
			arrivalYear: Math.max(birthYear + 18, 2010 + Math.floor(rand() * 15)),
			birthYear,
			householdSize,
			children: Math.floor(rand() * householdSize),
			education: pick([
				'primary',
				'lower_secondary',
				'upper_secondary',
				'upper_secondary',
				'vocational',
				'higher'
			] as EducationLevel[]),
			currentWork: pick(WORK),
			referralSource: referral,
			nationalId:
				rand() < 0.6
					? `УБ${String(birthYear % 100).padStart(2, '0')}${String(10000000 + i).slice(2)}`
					: undefined,
			protected: isProtected,
			nameSkeleton: searchSkeleton(name),
			createdBy: coordinatorId
		});
	}
	await User.insertMany(users.map((u) => ({ ...u, roles: ['applicant'], soums: [] })));
	// Each woman's soum on her account too.
	for (const soum of soums) {
		await User.updateMany(
			{ _id: { $in: participants.filter((p) => p.soum === soum).map((p) => p.userId) } },
			{ $set: { soums: [soum] } }
		);
	}
	await Participant.insertMany(participants);
	const participantIds = participants.map((p) => p._id as Types.ObjectId);

	// Consent: everyone to take part; most to the other two; two withdrawals on record.
	const consents: Record<string, unknown>[] = [];
	participantIds.forEach((participantId, i) => {
		const on = at(-14 + (i % 10));
		const purposes: ConsentPurpose[] = ['participation'];
		if (i % 17 !== 5) purposes.push('soum_sharing');
		if (i % 19 !== 3) purposes.push('donor_reporting');
		for (const purpose of purposes) {
			consents.push({
				participantId,
				purpose,
				action: 'given',
				on,
				method: i % 6 === 0 ? 'verbal_witnessed' : 'signed_form',
				witness: i % 6 === 0 ? 'Г. Сарангэрэл' : undefined,
				recordedBy: coordinatorId,
				recordedAt: on
			});
		}
	});
	for (const i of [40, 77]) {
		consents.push({
			participantId: participantIds[i],
			purpose: 'donor_reporting',
			action: 'withdrawn',
			on: at(60),
			method: 'signed_form',
			recordedBy: coordinatorId,
			recordedAt: at(60)
		});
	}
	await ConsentRecord.insertMany(consents);

	// Courses, sessions, enrolments, attendance.
	const attendance: Record<string, unknown>[] = [];
	async function course(
		kind: 'life_skills' | 'business_plan' | 'other',
		title: string,
		sessionSoums: string[],
		firstDay: number,
		sessions: number,
		trainees: {
			key: string;
			participantId?: Types.ObjectId;
			official?: Record<string, string>;
			becameTrainer?: boolean;
			attended: number;
		}[]
	) {
		const created = await Course.create({
			cohortId,
			kind,
			title,
			capacity: Math.max(trainees.length, 30),
			completionThresholdPct: 80,
			createdBy: coordinatorId
		});
		const sessionDocs = await TrainingSession.insertMany(
			Array.from({ length: sessions }, (_, s) => {
				const soum = sessionSoums[s % sessionSoums.length]!;
				return {
					courseId: created._id,
					date: at(firstDay + s * 7),
					soum,
					venue: VENUES[soum] ?? soum,
					trainer: TRAINERS[s % TRAINERS.length]!,
					createdBy: coordinatorId
				};
			})
		);
		const enrolments = await Enrolment.insertMany(
			trainees.map((trainee, seat) => ({
				courseId: created._id,
				cohortId,
				traineeKey: trainee.key,
				seat: seat + 1,
				kind: trainee.participantId ? 'participant' : 'official',
				participantId: trainee.participantId,
				official: trainee.official,
				becameTrainer: trainee.becameTrainer ?? false,
				enrolledBy: coordinatorId
			}))
		);
		enrolments.forEach((enrolment, t) => {
			const attended = trainees[t]!.attended;
			sessionDocs.forEach((session, s) => {
				attendance.push({
					sessionId: session._id,
					enrolmentId: enrolment._id,
					courseId: created._id,
					present: s < attended,
					recordedBy: coordinatorId,
					recordedAt: session.date
				});
			});
		});
	}

	for (const soum of soums) {
		const here = participants.filter((p) => p.soum === soum);
		await course(
			'life_skills',
			`Амьдрах ухаан, орлого бий болгох, хүний наймааны эрсдэл (${VENUES[soum]?.split(' ')[0]})`,
			[soum],
			0,
			5,
			here.map((p) => ({
				key: `p:${p._id}`,
				participantId: p._id as Types.ObjectId,
				attended: rand() < 0.7 ? 5 : 4
			}))
		);
	}
	// Business plans: 55 enrolled in two courses; 50 complete; the demo applicant is on her way.
	const bpEnrolled = participants.slice(0, 55);
	const halves = [
		bpEnrolled.filter((_, i) => i % 2 === 0),
		bpEnrolled.filter((_, i) => i % 2 === 1)
	];
	const notYet = new Set([0, 12, 27, 38, 49].map((i) => String(bpEnrolled[i]!._id)));
	for (const [h, group] of halves.entries()) {
		await course(
			'business_plan',
			h === 0
				? 'Бизнес төлөвлөгөө боловсруулах (Ханбогд, Баян-Овоо)'
				: 'Бизнес төлөвлөгөө боловсруулах (Манлай, Даланзадгад)',
			h === 0 ? [soums[0]!, soums[2]!] : [soums[1]!, soums[3]!],
			42,
			6,
			group.map((p) => ({
				key: `p:${p._id}`,
				participantId: p._id as Types.ObjectId,
				attended: notYet.has(String(p._id)) ? 3 : rand() < 0.6 ? 6 : 5
			}))
		);
	}
	// 50 officials, 17 of whom became trainers.
	await course(
		'other',
		'Хүний наймаанаас урьдчилан сэргийлэх: төрийн албан хаагчдын сургагч багшийн сургалт',
		[soums[3]!, soums[0]!],
		20,
		3,
		Array.from({ length: 50 }, (_, i) => ({
			key: `o:${new Types.ObjectId()}`,
			official: {
				name: `${pick(FATHERS).slice(0, 1)}. ${pick(GIVEN)}`,
				organisation: pick(ORGANISATIONS),
				position: pick(POSITIONS)
			},
			becameTrainer: i < 17,
			attended: 3
		}))
	);
	await Attendance.insertMany(attendance);
	return participantIds;
}
