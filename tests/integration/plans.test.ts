import { beforeAll, describe, expect, it } from 'vitest';
import { PLAN_SECTIONS } from '$lib/domain/businessPlan';
import type { SessionUser } from '$lib/server/auth/session';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { Cohort } from '$lib/server/db/models/cohort';
import { ConsentRecord } from '$lib/server/db/models/consentRecord';
import { Participant } from '$lib/server/db/models/participant';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { User } from '$lib/server/db/models/user';
import {
	addComment,
	listPlans,
	openOwnPlan,
	planDetail,
	PlanError,
	returnPlan,
	saveSection,
	submitPlan
} from '$lib/server/services/plans';
import { formDataOf, tailoringForms } from '../fixtures/plans';
import { actor, uniquePhone } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('plans');

const ip = '127.0.0.1';
let cohortId: string;
let coordinator: SessionUser;
let counter = 0;

async function woman(stage: 'training' | 'plan' = 'plan', soum = 'khanbogd') {
	const user = await User.create({
		phone: uniquePhone(),
		name: 'Сарнай Батаа',
		roles: ['applicant'],
		soums: [soum]
	});
	counter += 1;
	const participant = await Participant.create({
		userId: user._id,
		cohortId,
		code: `PLN-26-${String(counter).padStart(3, '0')}`,
		soum,
		referralSource: 'self',
		nameSkeleton: 'sarnai bataa',
		stage
	});
	await ConsentRecord.create({
		participantId: participant._id,
		purpose: 'soum_sharing',
		action: 'given',
		on: new Date(),
		method: 'signed_form',
		recordedBy: coordinator.id
	});
	const me: SessionUser = {
		id: String(user._id),
		phone: user.phone,
		name: user.name,
		roles: ['applicant'],
		soums: [soum],
		permissions: []
	};
	return { me, participant };
}

async function fillAll(me: SessionUser, planId: string) {
	for (const section of PLAN_SECTIONS) {
		await saveSection(me, planId, section, formDataOf(tailoringForms[section]), ip);
	}
}

beforeAll(async () => {
	coordinator = await actor(['coordinator']);
	const cohort = await Cohort.create({
		code: 'plans-2026',
		name: 'Plans 2026',
		aimag: 'umnugobi',
		soums: ['khanbogd', 'manlai'],
		startsOn: new Date('2026-03-01'),
		budgetMnt: 100_000_000,
		current: true,
		codePrefix: 'PLN-26',
		grantCapMnt: 3_000_000,
		planDeadline: new Date(Date.now() + 10 * 24 * 60 * 60 * 1000)
	});
	cohortId = String(cohort._id);
});

describe('drafting', () => {
	it('is open only once she may draft a plan', async () => {
		const { me } = await woman('training');
		await expect(openOwnPlan(me)).rejects.toMatchObject({ code: 'notEligible' });
	});

	it('opens one plan however often she opens it, also at the same moment', async () => {
		const { me } = await woman();
		const ids = await Promise.all([openOwnPlan(me), openOwnPlan(me), openOwnPlan(me)]);
		expect(new Set(ids).size).toBe(1);
	});

	it('keeps what she typed across visits, and bad values with their messages', async () => {
		const { me } = await woman();
		const planId = await openOwnPlan(me);
		await saveSection(
			me,
			planId,
			'idea',
			formDataOf({ ...tailoringForms.idea, experience: '' }),
			ip
		);
		const result = await saveSection(
			me,
			planId,
			'funding',
			formDataOf({
				ownContribution: '1.5',
				grantRequested: '2 500 000',
				otherSources: '',
				otherSourcesNote: ''
			}),
			ip
		);
		expect(result.errors.ownContribution).toEqual(['plan.error.money']);
		const detail = await planDetail(me, planId, ip);
		expect(detail.content.idea.businessName).toBe('Саран оёдол');
		expect(detail.content.funding.grantRequested).toBe(2_500_000);
		expect(detail.errors.funding?.ownContribution).toEqual(['plan.error.money']);
		expect(detail.rejected.funding?.ownContribution).toBe('1.5');
	});

	it('keeps a refused value in a start-up line with its message (row paths as keys)', async () => {
		const { me } = await woman();
		const planId = await openOwnPlan(me);
		await saveSection(
			me,
			planId,
			'startup',
			formDataOf({
				itemName: ['Оёдлын машин', 'Утас'],
				itemQuantity: ['1', '10'],
				itemUnitPrice: ['1 200 000', '5 мянга'],
				workingCapital: '550000'
			}),
			ip
		);
		const detail = await planDetail(me, planId, ip);
		expect(detail.content.startup.items[0]).toEqual({
			item: 'Оёдлын машин',
			quantity: 1,
			unitPrice: 1_200_000
		});
		expect(detail.errors.startup?.['items.1.unitPrice']).toEqual(['plan.error.money']);
		expect(detail.rejected.startup?.['items.1.unitPrice']).toBe('5 мянга');
	});

	it('saves different sections at the same moment without losing either', async () => {
		const { me } = await woman();
		const planId = await openOwnPlan(me);
		await Promise.all(
			PLAN_SECTIONS.map((section) =>
				saveSection(me, planId, section, formDataOf(tailoringForms[section]), ip)
			)
		);
		const detail = await planDetail(me, planId, ip);
		expect(detail.content.idea.businessName).toBe('Саран оёдол');
		expect(detail.content.risks.mitigation).toContain('₮100,000');
		expect(detail.content.startup.items).toHaveLength(4);
		expect(detail.content.forecast.months).toHaveLength(12);
	});

	it('computes the start-up total and cash flow from what she typed', async () => {
		const { me } = await woman();
		const planId = await openOwnPlan(me);
		await fillAll(me, planId);
		const detail = await planDetail(me, planId, ip);
		// 1,200,000 + 900,000 + 20 × 15,000 + 10 × 5,000 + 550,000 working capital
		expect(detail.startup.total).toBe(3_000_000);
		expect(detail.cashFlow.rows[0]).toMatchObject({ month: 1, sales: 400_000, costs: 300_000 });
	});

	it('is private: another applicant and an unrelated mentor cannot see it', async () => {
		const { me } = await woman();
		const planId = await openOwnPlan(me);
		const { me: other } = await woman();
		const farMentor = await actor(['mentor'], { soums: ['manlai'] });
		const reviewer = await actor(['reviewer']);
		for (const viewer of [other, farMentor, reviewer]) {
			await expect(planDetail(viewer, planId, ip)).rejects.toMatchObject({ code: 'notFound' });
		}
	});
});

describe('submission', () => {
	it('lists what is missing and keeps the draft as it was', async () => {
		const { me } = await woman();
		const planId = await openOwnPlan(me);
		await saveSection(me, planId, 'idea', formDataOf(tailoringForms.idea), ip);
		const error = await submitPlan(me, planId, ip).catch((e) => e);
		expect(error).toBeInstanceOf(PlanError);
		expect(error.code).toBe('incomplete');
		expect(error.problems.map((p: { section: string }) => p.section)).toContain('startup');
		const detail = await planDetail(me, planId, ip);
		expect(detail.state).toBe('draft');
		expect(detail.content.idea.businessName).toBe('Саран оёдол');
	});

	it('refuses a grant above the cohort cap, naming the cap', async () => {
		const { me } = await woman();
		const planId = await openOwnPlan(me);
		await fillAll(me, planId);
		await saveSection(
			me,
			planId,
			'startup',
			formDataOf({ ...tailoringForms.startup, workingCapital: '2 000 000' }),
			ip
		);
		await saveSection(
			me,
			planId,
			'funding',
			formDataOf({ ...tailoringForms.funding, grantRequested: '3 950 000' }),
			ip
		);
		const error = await submitPlan(me, planId, ip).catch((e) => e);
		expect(error.problems).toEqual(
			expect.arrayContaining([
				expect.objectContaining({ section: 'funding', message: 'plan.error.grantOverCap' })
			])
		);
	});

	it('freezes a complete plan as version 1, once, however often she presses Submit', async () => {
		const { me, participant } = await woman();
		const planId = await openOwnPlan(me);
		await fillAll(me, planId);
		const results = await Promise.all([
			submitPlan(me, planId, ip),
			submitPlan(me, planId, ip),
			submitPlan(me, planId, ip)
		]);
		expect(results.map((r) => r.version)).toEqual([1, 1, 1]);
		expect(await PlanVersion.countDocuments({ planId })).toBe(1);
		expect((await Participant.findById(participant._id).lean())?.stage).toBe('review');
		await expect(
			saveSection(me, planId, 'idea', formDataOf(tailoringForms.idea), ip)
		).rejects.toMatchObject({
			code: 'frozen'
		});
	});

	it('refuses submission after the deadline', async () => {
		const { me } = await woman();
		const planId = await openOwnPlan(me);
		await fillAll(me, planId);
		const late = new Date(Date.now() + 11 * 24 * 60 * 60 * 1000);
		await expect(submitPlan(me, planId, ip, late)).rejects.toMatchObject({
			code: 'deadlinePassed'
		});
	});

	it('returned for revision, revised and resubmitted: both versions are kept', async () => {
		const { me } = await woman();
		const planId = await openOwnPlan(me);
		await fillAll(me, planId);
		await submitPlan(me, planId, ip);
		await expect(returnPlan(me, planId, 'no', ip)).rejects.toMatchObject({ code: 'forbidden' });
		await returnPlan(coordinator, planId, 'Зах зээлийн хэсгийг тодруулна уу.', ip);
		let detail = await planDetail(me, planId, ip);
		expect(detail).toMatchObject({
			state: 'returned',
			draftVersion: 2,
			returnReason: 'Зах зээлийн хэсгийг тодруулна уу.'
		});

		await saveSection(
			me,
			planId,
			'market',
			formDataOf({ ...tailoringForms.market, marketSize: 'About 3,500 households.' }),
			ip
		);
		expect(await submitPlan(me, planId, ip)).toEqual({ version: 2 });
		detail = await planDetail(coordinator, planId, ip);
		expect(detail.versions.map((v) => v.version)).toEqual([2, 1]);
		expect(detail.versions[1]?.returnReason).toBe('Зах зээлийн хэсгийг тодруулна уу.');
		const first = await PlanVersion.findOne({ planId, version: 1 }).lean();
		expect((first?.content as { market: { marketSize: string } }).market.marketSize).toBe(
			'About 3,000 households; 40 orders a month.'
		);
	});

	it('staff may save and submit on her behalf, audited as such', async () => {
		const { me, participant } = await woman();
		const planId = await openOwnPlan(me);
		await saveSection(coordinator, planId, 'idea', formDataOf(tailoringForms.idea), ip);
		const entry = await AuditEntry.findOne({
			action: 'plan.saved_on_behalf',
			entityId: planId
		}).lean();
		expect(String(entry?.onBehalfOf)).toBe(String(participant.userId));
	});
});

describe('comments and the coordinators’ list', () => {
	it('her mentor and a coordinator comment; she sees the comments; she cannot comment', async () => {
		const { me } = await woman();
		const planId = await openOwnPlan(me);
		const mentor = await actor(['mentor'], { soums: ['khanbogd'] });
		await addComment(mentor, planId, 'market', 'Уурхайн ажилчдыг харилцагчаар оруулаарай.', ip);
		await addComment(coordinator, planId, 'funding', 'Өөрийн хувь нэмрийг шалгана уу.', ip);
		await expect(addComment(me, planId, 'idea', 'x', ip)).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(
			saveSection(mentor, planId, 'idea', formDataOf(tailoringForms.idea), ip)
		).rejects.toMatchObject({
			code: 'forbidden'
		});
		const detail = await planDetail(me, planId, ip);
		expect(detail.comments.map((c) => [c.section, c.authorRole])).toEqual([
			['market', 'mentor'],
			['funding', 'coordinator']
		]);
	});

	it('lists plans by state with the days to the deadline', async () => {
		const { me } = await woman('plan', 'manlai');
		await woman('plan', 'manlai');
		const planId = await openOwnPlan(me);
		await fillAll(me, planId);
		await submitPlan(me, planId, ip);
		const { rows, daysToDeadline } = await listPlans(coordinator, { soum: 'manlai' }, ip);
		expect(daysToDeadline).toBe(10);
		expect(rows.map((r) => r.state).sort()).toEqual(['not_started', 'submitted']);
		const submitted = await listPlans(coordinator, { soum: 'manlai', state: 'submitted' }, ip);
		expect(submitted.rows).toHaveLength(1);
	});
});
