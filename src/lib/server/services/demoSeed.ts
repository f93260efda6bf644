// The demo: Umnugobi's soums, the demo cohort in four of them, and one account per role.
import type { Role } from '$lib/domain/roles';
import { audit } from '$lib/server/audit';
import { hashPassword } from '$lib/server/auth/password';
import { Cohort } from '$lib/server/db/models/cohort';
import { Soum } from '$lib/server/db/models/soum';
import { User } from '$lib/server/db/models/user';
import { seedDemoPlans } from '$lib/server/db/seed/demoPlans';
import { seedDemoGrants } from '$lib/server/db/seed/demoGrants';
import { seedDemoMentoring } from '$lib/server/db/seed/demoMentoring';
import { seedDemoReview } from '$lib/server/db/seed/demoReview';
import { random, seedDemoProgramme } from '$lib/server/db/seed/demoProgramme';
import { Participant } from '$lib/server/db/models/participant';
import umnugobiSoums from '$lib/server/db/seed/umnugobi-soums.json';
import { refreshEligibility } from './training';

export const DEMO_PASSWORD = 'demo-pass-2026';
export const DEMO_COHORT_SOUMS = ['khanbogd', 'manlai', 'bayan-ovoo', 'dalanzadgad'];

export const DEMO_ACCOUNTS: { phone: string; name: string; roles: Role[]; soums: string[] }[] = [
	{ phone: '80000001', name: 'Админ Сүхбаатар', roles: ['admin'], soums: [] },
	{ phone: '80000002', name: 'Оюунчимэг Батболд', roles: ['coordinator'], soums: [] },
	{ phone: '80000003', name: 'Нарангэрэл Дорж', roles: ['finance'], soums: [] },
	{ phone: '80000004', name: 'Энхтуяа Ганбат', roles: ['reviewer'], soums: [] },
	{ phone: '80000007', name: 'Цэцэгмаа Лхагва', roles: ['reviewer'], soums: [] },
	{ phone: '80000008', name: 'Мөнхзул Бат-Эрдэнэ', roles: ['reviewer'], soums: [] },
	{ phone: '80000009', name: 'Ариунаа Түвшин', roles: ['reviewer'], soums: [] },
	{ phone: '80000005', name: 'Сарантуяа Пүрэв', roles: ['mentor'], soums: ['khanbogd'] },
	{ phone: '80000006', name: 'Болормаа Очир', roles: ['applicant'], soums: ['khanbogd'] },
	// A mentor for each of the demo cohort's other soums.
	{ phone: '80000011', name: 'Должинсүрэн Ганхуяг', roles: ['mentor'], soums: ['manlai'] },
	{ phone: '80000012', name: 'Уранчимэг Нямдорж', roles: ['mentor'], soums: ['bayan-ovoo'] },
	{ phone: '80000013', name: 'Батцэцэг Олзвой', roles: ['mentor'], soums: ['dalanzadgad'] }
];

/** Soums are reference data: inserted when missing, on any database. */
export async function ensureSoums(): Promise<void> {
	const existing = new Set((await Soum.find({}, { code: 1 }).lean()).map((s) => s.code));
	const missing = umnugobiSoums.filter((s) => !existing.has(s.code));
	if (missing.length) {
		await Soum.insertMany(
			missing.map((s) => ({ ...s, aimag: 'umnugobi' })),
			{ ordered: false }
		);
	}
}

export async function databaseIsEmpty(): Promise<boolean> {
	return (await User.estimatedDocumentCount()) === 0;
}

/** Loads the demo unless any account exists. Returns whether it loaded. */
export async function seedDemo(): Promise<boolean> {
	await ensureSoums();
	if (!(await databaseIsEmpty())) return false;
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const startsOn = new Date('2026-03-01T00:00:00Z');
	const cohort =
		(await Cohort.findOne({ code: 'umnugobi-2026' }).lean()) ??
		(
			await Cohort.create({
				code: 'umnugobi-2026',
				name: 'Umnugobi 2026',
				aimag: 'umnugobi',
				soums: DEMO_COHORT_SOUMS,
				startsOn,
				budgetMnt: 100_000_000,
				current: true,
				codePrefix: 'UMN-26',
				grantCapMnt: 5_000_000,
				// About 4,000 migrants in the province benefit indirectly (DOMAIN.md).
				indirectBeneficiaries: 4000,
				// Three weeks from the day the demo is loaded, so the demo is always mid-drafting.
				planDeadline: new Date(Date.now() + 21 * 24 * 60 * 60 * 1000)
			})
		).toObject();
	const accounts = await User.insertMany(
		DEMO_ACCOUNTS.map((account) => ({
			...account,
			passwordHash,
			passwordChangedAt: new Date(),
			// The demo coordinator is the case worker allowed to see protected participants.
			permissions: account.roles.includes('coordinator') ? ['viewProtected'] : []
		})),
		{ ordered: false }
	);
	const byRole = (role: Role) => accounts.find((a) => a.roles.includes(role))!._id;
	const participantIds = await seedDemoProgramme({
		cohortId: cohort._id,
		codePrefix: cohort.codePrefix,
		soums: DEMO_COHORT_SOUMS,
		coordinatorId: byRole('coordinator'),
		applicantUserId: byRole('applicant'),
		startsOn
	});
	await refreshEligibility(participantIds);
	const eligible = await Participant.find(
		{ cohortId: cohort._id, stage: 'plan' },
		{ userId: 1, cohortId: 1, soum: 1 }
	)
		.sort({ code: 1 })
		.lean();
	await seedDemoPlans({
		eligible,
		coordinatorId: byRole('coordinator'),
		rand: random(4),
		submittedAt: new Date(Date.now() - 3 * 24 * 60 * 60 * 1000)
	});
	await seedDemoReview({
		cohortId: cohort._id,
		budgetMnt: cohort.budgetMnt,
		coordinatorId: byRole('coordinator'),
		// The demo reviewer (80000004) chairs the committee.
		reviewerIds: accounts.filter((a) => a.roles.includes('reviewer')).map((a) => a._id),
		rand: random(5)
	});
	const grantRoles = await seedDemoGrants({
		cohortId: cohort._id,
		coordinatorId: byRole('coordinator'),
		financeId: byRole('finance'),
		mentorId: byRole('mentor'),
		passwordHash,
		rand: random(6)
	});
	await seedDemoMentoring({
		cohortId: cohort._id,
		coordinatorId: byRole('coordinator'),
		roles: grantRoles
	});
	await audit({
		action: 'demo.seeded',
		details: { accounts: DEMO_ACCOUNTS.length, participants: participantIds.length }
	});
	return true;
}
