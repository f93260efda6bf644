// The demo holds the reference programme's figures, and every demo plan obeys the rules.
import { beforeAll, describe, expect, it } from 'vitest';
import { Cohort } from '$lib/server/db/models/cohort';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { Participant } from '$lib/server/db/models/participant';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { User } from '$lib/server/db/models/user';
import { submitProblems } from '$lib/schemas/businessPlan';
import { seedDemo } from '$lib/server/services/demoSeed';
import { trainingCounts } from '$lib/server/services/training';
import { useTestDatabase } from './testDatabase';

useTestDatabase('demo');

let loaded: boolean;
beforeAll(async () => {
	loaded = await seedDemo();
}, 60_000);

describe('the demo', () => {
	it('loads once, into an empty database only', async () => {
		expect(loaded).toBe(true);
		expect(await seedDemo()).toBe(false);
		expect(await User.countDocuments({ phone: { $regex: '^8000000' } })).toBe(9);
		expect(await User.countDocuments({ phone: '80000010' })).toBe(1); // the grantee
	});

	it('has the reference figures: 100 trained, 50 in business plans, 50 officials, 17 trainers', async () => {
		const cohort = await Cohort.findOne({ current: true }).lean();
		expect(await trainingCounts(cohort!._id)).toEqual({
			lifeSkillsCompleted: 100,
			businessPlanCompleted: 50,
			officialsTrained: 50,
			officialsTrainers: 17
		});
		expect(await Participant.countDocuments({ protected: true })).toBe(4);
	});

	it('has 40 submitted plans, 6 drafts and 4 not started among the 50 eligible', async () => {
		expect(await BusinessPlan.countDocuments({ state: 'submitted' })).toBe(40);
		expect(await BusinessPlan.countDocuments({ state: 'draft' })).toBe(6);
		expect(
			await Participant.countDocuments({ stage: { $in: ['plan', 'review', 'grant', 'mentoring'] } })
		).toBe(50);
		expect(await PlanVersion.countDocuments({ version: 2 })).toBe(3);
	});

	it('every submitted version passes the submission rules under the cohort cap', async () => {
		const cohort = await Cohort.findOne({ current: true }).lean();
		const versions = await PlanVersion.find().lean();
		expect(versions.length).toBe(43);
		for (const version of versions) {
			expect(submitProblems(version.content, cohort!.grantCapMnt!), `v${version.version}`).toEqual(
				[]
			);
		}
		const types = new Set(
			versions.map((v) => (v.content as { idea: { businessType: string } }).idea.businessType)
		);
		expect(types.size).toBe(7);
	});
});
