// The demo's mentoring: every grantee assigned to the mentor of her soum, and half a year of
// check-ins for the four paid in the batch, each with its own trajectory: P1 growing (verified
// at the second visit, her own figures too), P2 flat then temporarily closed with two visits
// overdue, P3 steady by phone with a safeguarding concern, P4 declining to closed with two
// visits overdue. All through the real services.
import type { Types } from 'mongoose';
import { addMonths, type BusinessStatus, type CheckInMode } from '$lib/domain/mentoring';
import { currentConsent } from '$lib/domain/participant';
import type { CheckInInput } from '$lib/schemas/mentoring';
import { ConsentRecord } from '$lib/server/db/models/consentRecord';
import { Grant } from '$lib/server/db/models/grant';
import { MentorAssignment } from '$lib/server/db/models/mentorAssignment';
import { MentoringSchedule } from '$lib/server/db/models/mentoringSchedule';
import { Participant } from '$lib/server/db/models/participant';
import { User } from '$lib/server/db/models/user';
import {
	assignMentor,
	grantMilestones,
	recordCheckIn,
	recordSelfReport
} from '$lib/server/services/mentoring';
import { PNG, sessionUser, type GrantDemoRoles } from './demoGrants';

const SEED_IP = 'demo-seed';

interface Visit {
	mode: CheckInMode;
	status: BusinessStatus;
	sales: number;
	costShare: number;
	customers: number;
	paid: number;
	family: number;
	milestones?: string[];
	support: string;
	problems: string;
	next: string;
	verifies?: boolean;
	concern?: string;
	photo?: boolean;
}

const steady = (sales: number, extra: Partial<Visit> = {}): Visit => ({
	mode: 'phone',
	status: 'operating',
	sales,
	costShare: 0.6,
	customers: 12,
	paid: 0,
	family: 1,
	support: 'Бараа материалын бүртгэл хөтлөх аргыг давтан зөвлөв.',
	problems: '',
	next: 'Дараагийн сард утсаар холбогдоно.',
	...extra
});

const TRAJECTORIES: Record<'P1' | 'P2' | 'P3' | 'P4', Visit[]> = {
	// Growing: a second machine, a paid worker, sales past the forecast.
	P1: [
		steady(620_000, {
			mode: 'visit',
			customers: 9,
			milestones: ['premises', 'item-0'],
			support: 'Үнийн жагсаалт гаргахад тусалсан.',
			next: 'Анхны захиалгуудыг бүртгэж эхлэх.'
		}),
		steady(780_000, {
			mode: 'visit',
			customers: 12,
			milestones: ['first_sale', 'item-1'],
			verifies: true,
			support: 'Оёдлын газар нээлттэй, машинууд ажиллаж байгааг газар дээр нь харав.',
			next: 'Сургуулийн дүрэмт хувцасны захиалга авах.'
		}),
		steady(910_000, { customers: 15, problems: 'Даавууны үнэ өссөн.' }),
		steady(1_050_000, { mode: 'visit', customers: 18, costShare: 0.55 }),
		steady(1_240_000, {
			mode: 'visit',
			customers: 22,
			paid: 1,
			milestones: ['hired'],
			support: 'Ажилтан авах гэрээний загвар өгсөн.'
		}),
		steady(1_480_000, {
			mode: 'visit',
			customers: 27,
			paid: 1,
			costShare: 0.52,
			milestones: ['forecast_met'],
			photo: true,
			next: 'Цагаан сарын захиалгад бэлдэх.'
		})
	],
	// Flat, then closed for the winter; the last two visits not made.
	P2: [
		steady(420_000, { mode: 'visit', customers: 8 }),
		steady(410_000, { customers: 8 }),
		steady(395_000, { customers: 7, problems: 'Худалдан авагч цөөрсөн.' }),
		steady(0, {
			status: 'temporarily_closed',
			customers: 0,
			family: 0,
			costShare: 0,
			problems: 'Түүхий эд дууссан, өвөл хаалгаа түр хаасан.',
			next: 'Хавар нээхээр төлөвлөж байна; нээсний дараа очиж уулзана.'
		})
	],
	// Steady by phone (far from the soum centre); a concern raised at the fifth call.
	P3: [
		steady(700_000),
		steady(720_000),
		steady(690_000),
		steady(710_000),
		steady(705_000, {
			concern:
				'Утсаар ярихад айсан байдалтай, гэрийнхэн нь орлогыг нь хураан авдаг гэж хэлсэн. Нийгмийн ажилтан яаралтай холбогдох шаардлагатай.'
		}),
		steady(700_000)
	],
	// Declining to closed: the rented room lost; the last two visits not made.
	P4: [
		steady(500_000, { mode: 'visit' }),
		steady(380_000, { problems: 'Түрээсийн төлбөр нэмэгдсэн.' }),
		steady(120_000, {
			status: 'temporarily_closed',
			customers: 2,
			problems: 'Түрээсийн байраа алдсан.'
		}),
		steady(0, {
			status: 'closed',
			customers: 0,
			family: 0,
			costShare: 0,
			problems: 'Бизнесээ хаасан. Өөр ажил хайж байна.',
			support: 'Хөдөлмөрийн хэлтэст холбон зуучилсан.',
			next: 'Тоног төхөөрөмжийг хэрхэн ашиглах талаар ярилцах.'
		})
	]
};

export async function seedDemoMentoring({
	cohortId,
	coordinatorId,
	roles
}: {
	cohortId: Types.ObjectId;
	coordinatorId: Types.ObjectId;
	roles: GrantDemoRoles;
}): Promise<void> {
	const coordinator = await sessionUser(coordinatorId);
	const mentors = await User.find({ roles: 'mentor' }, { soums: 1, phone: 1 })
		.sort({ phone: 1 })
		.lean();
	const grants = await Grant.find({ cohortId, cancelledAt: { $exists: false } }).lean();
	for (const grant of grants) {
		const mentor = mentors.find((m) => m.soums.includes(grant.soum));
		const consent = currentConsent(
			await ConsentRecord.find({ participantId: grant.participantId }).lean()
		);
		if (!mentor || !consent.soum_sharing.given) continue;
		await assignMentor(coordinator, String(grant._id), String(mentor._id), SEED_IP);
	}

	for (const part of ['P1', 'P2', 'P3', 'P4'] as const) {
		const participant = await Participant.findOne({ code: roles[part] }, { userId: 1 }).lean();
		const grant = grants.find((g) => String(g.participantId) === String(participant?._id));
		const assignment = grant ? await MentorAssignment.findOne({ grantId: grant._id }).lean() : null;
		const schedule = grant ? await MentoringSchedule.findOne({ grantId: grant._id }).lean() : null;
		if (!grant || !assignment || !schedule || !participant) {
			throw new Error(`The demo's ${part} needs a paid grant and a mentor`);
		}
		const mentor = await sessionUser(assignment.mentorId);
		const known = new Set((await grantMilestones(grant)).map((m) => m.key));
		for (const [index, visit] of TRAJECTORIES[part].entries()) {
			const due = addMonths(schedule.startsOn, (index + 1) * schedule.intervalMonths);
			const on = new Date(`${due}T00:00:00Z`);
			on.setUTCDate(on.getUTCDate() - 3 - (index % 3));
			const input: CheckInInput = {
				idempotencyKey: `demo-checkin-${roles[part]}-${index + 1}`,
				on,
				mode: visit.mode,
				businessStatus: visit.status,
				salesMnt: visit.sales,
				costsMnt: Math.round(visit.sales * visit.costShare),
				customersPerWeek: visit.customers,
				workersOwner: visit.status === 'closed' ? 0 : 1,
				workersPaid: visit.paid,
				workersFamily: visit.family,
				milestones: (visit.milestones ?? []).filter((key) => known.has(key)),
				supportGiven: visit.support,
				problems: visit.problems,
				nextSteps: visit.next,
				verifiesOperating: Boolean(visit.verifies),
				safeguarding: visit.concern ? 'yes' : 'no',
				safeguardingNote: visit.concern ?? '',
				queuedOffline: false
			};
			const photos = visit.photo
				? [new File([new Uint8Array(PNG)], 'shop.png', { type: 'image/png' })]
				: [];
			await recordCheckIn(mentor, String(grant._id), input, photos, SEED_IP);
		}
		if (part === 'P1') {
			// Her own figures for the last two months, from her phone.
			const owner = await sessionUser(participant.userId);
			for (const [index, months] of [2, 1].entries()) {
				const month = addMonths(new Date().toISOString().slice(0, 10), -months).slice(0, 7);
				await recordSelfReport(
					owner,
					{
						idempotencyKey: `demo-self-${roles[part]}-${month}`,
						month,
						businessStatus: 'operating',
						salesMnt: 1_350_000 + index * 200_000,
						costsMnt: 700_000 + index * 90_000,
						customersPerWeek: 24 + index * 4,
						workersOwner: 1,
						workersPaid: 1,
						workersFamily: 1,
						problems: index === 1 ? 'Цахилгаан тасарсан өдрүүд байсан.' : ''
					},
					SEED_IP
				);
			}
		}
	}
}
