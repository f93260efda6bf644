import { describe, expect, it } from 'vitest';
import { autoAssign, type NewAssignment, type PlanToAssign } from './reviewAssignment';

const committee = ['anu', 'bat', 'chimeg', 'dulmaa'];

const plan = (planId: string, overrides: Partial<PlanToAssign> = {}): PlanToAssign => ({
	planId,
	reviewsNeeded: 2,
	reviewers: [],
	conflicted: [],
	...overrides
});

const manyPlans = (count: number, overrides: (i: number) => Partial<PlanToAssign> = () => ({})) =>
	Array.from({ length: count }, (_, i) => plan(`p${String(i).padStart(2, '0')}`, overrides(i)));

const countBy = <K extends keyof NewAssignment>(assignments: NewAssignment[], field: K) => {
	const counts = new Map<string, number>();
	for (const a of assignments) counts.set(a[field], (counts.get(a[field]) ?? 0) + 1);
	return counts;
};

const reviewersOf = (assignments: NewAssignment[]) => {
	const byPlan = new Map<string, string[]>();
	for (const a of assignments)
		byPlan.set(a.planId, [...(byPlan.get(a.planId) ?? []), a.reviewerId]);
	return byPlan;
};

describe('autoAssign', () => {
	it('shares 40 plans × 2 reviews evenly over 4 reviewers: 20 each', () => {
		const { assignments, shortOf } = autoAssign(manyPlans(40), committee, new Map());
		expect(assignments).toHaveLength(80);
		expect(shortOf).toEqual([]);
		expect(Object.fromEntries(countBy(assignments, 'reviewerId'))).toEqual({
			anu: 20,
			bat: 20,
			chimeg: 20,
			dulmaa: 20
		});
	});

	it('gives every plan exactly the reviews it needs, each from a different reviewer', () => {
		const { assignments } = autoAssign(manyPlans(40), committee, new Map());
		const byPlan = reviewersOf(assignments);
		expect(byPlan.size).toBe(40);
		for (const [planId, reviewers] of byPlan) {
			expect(reviewers, planId).toHaveLength(2);
			expect(new Set(reviewers).size, planId).toBe(2);
		}
	});

	it('mixes the pairs, so that no two reviewers share most of the plans', () => {
		const { assignments } = autoAssign(manyPlans(40), committee, new Map());
		const pairs = new Map<string, number>();
		for (const reviewers of reviewersOf(assignments).values()) {
			const pair = [...reviewers].sort().join('+');
			pairs.set(pair, (pairs.get(pair) ?? 0) + 1);
		}
		expect(pairs.size).toBeGreaterThan(2);
		for (const [pair, count] of pairs) expect(count, pair).toBeLessThanOrEqual(10);
	});

	it('never assigns a plan to a reviewer who declared a conflict on it', () => {
		const plans = manyPlans(30, (i) => ({
			conflicted: [committee[i % 4]!, ...(i % 3 === 0 ? [committee[(i + 1) % 4]!] : [])]
		}));
		const { assignments, shortOf } = autoAssign(plans, committee, new Map());
		expect(shortOf).toEqual([]);
		expect(assignments).toHaveLength(60);
		const conflicts = new Map(plans.map((p) => [p.planId, p.conflicted]));
		for (const a of assignments) {
			expect(conflicts.get(a.planId), `${a.planId} → ${a.reviewerId}`).not.toContain(a.reviewerId);
		}
	});

	it('passes over the least-loaded reviewer when she is conflicted', () => {
		const load = new Map([
			['anu', 0],
			['bat', 5],
			['chimeg', 5],
			['dulmaa', 9]
		]);
		const { assignments } = autoAssign(
			[plan('p1', { reviewsNeeded: 1, conflicted: ['anu'] })],
			committee,
			load
		);
		expect(assignments).toHaveLength(1);
		expect(['bat', 'chimeg']).toContain(assignments[0]!.reviewerId);
	});

	it('takes the plans a reviewer already has into account', () => {
		const load = new Map([['anu', 10]]);
		const { assignments } = autoAssign(manyPlans(40), committee, load);
		const counts = countBy(assignments, 'reviewerId');
		for (const other of ['bat', 'chimeg', 'dulmaa']) {
			expect(counts.get('anu')!).toBeLessThan(counts.get(other)!);
		}
		// Afterwards everyone carries about the same load: 90 reviews, 22 or 23 each.
		const after = committee.map((id) => (load.get(id) ?? 0) + (counts.get(id) ?? 0));
		expect(after.reduce((a, b) => a + b, 0)).toBe(90);
		expect(Math.max(...after) - Math.min(...after)).toBeLessThanOrEqual(1);
	});

	it('gives nothing to a reviewer in the load who is not on the committee', () => {
		const load = new Map([
			['former', 0],
			['anu', 3]
		]);
		const { assignments } = autoAssign(manyPlans(4), committee, load);
		expect(assignments.map((a) => a.reviewerId)).not.toContain('former');
		expect(countBy(assignments, 'reviewerId').get('anu')).toBeUndefined();
	});

	it('leaves fully assigned plans alone', () => {
		const { assignments, shortOf } = autoAssign(
			[
				plan('done', { reviewers: ['anu', 'bat'] }),
				plan('over', { reviewers: ['anu', 'bat', 'chimeg'] }),
				plan('thirdDone', { reviewsNeeded: 3, reviewers: ['anu', 'bat', 'dulmaa'] })
			],
			committee,
			new Map()
		);
		expect(assignments).toEqual([]);
		expect(shortOf).toEqual([]);
	});

	it('tops up a plan that has one reviewer with a different one', () => {
		const { assignments } = autoAssign(
			[plan('p1', { reviewers: ['chimeg'] })],
			committee,
			new Map()
		);
		expect(assignments).toHaveLength(1);
		expect(assignments[0]!.reviewerId).not.toBe('chimeg');
	});

	it('gives a divergent plan a third reviewer, distinct from the first two', () => {
		const { assignments, shortOf } = autoAssign(
			[plan('divergent', { reviewsNeeded: 3, reviewers: ['anu', 'bat'] })],
			committee,
			new Map()
		);
		expect(shortOf).toEqual([]);
		expect(assignments).toHaveLength(1);
		expect(assignments[0]!.planId).toBe('divergent');
		expect(['chimeg', 'dulmaa']).toContain(assignments[0]!.reviewerId);
	});

	it('finds the only free third reviewer when the others are taken or conflicted', () => {
		const { assignments, shortOf } = autoAssign(
			[plan('divergent', { reviewsNeeded: 3, reviewers: ['anu', 'bat'], conflicted: ['dulmaa'] })],
			committee,
			new Map([['chimeg', 30]])
		);
		expect(assignments).toEqual([{ planId: 'divergent', reviewerId: 'chimeg' }]);
		expect(shortOf).toEqual([]);
	});

	it('reports a plan short of reviewers when only one is free of conflict', () => {
		const { assignments, shortOf } = autoAssign(
			[plan('p1', { conflicted: ['bat', 'chimeg', 'dulmaa'] }), plan('p2')],
			committee,
			new Map()
		);
		expect(assignments.filter((a) => a.planId === 'p1')).toEqual([
			{ planId: 'p1', reviewerId: 'anu' }
		]);
		expect(shortOf).toEqual([{ planId: 'p1', missing: 1 }]);
		expect(assignments.filter((a) => a.planId === 'p2')).toHaveLength(2);
	});

	it('reports the whole need when every reviewer is conflicted or already on the plan', () => {
		const { assignments, shortOf } = autoAssign(
			[
				plan('allConflicted', { conflicted: committee }),
				plan('divergent', {
					reviewsNeeded: 3,
					reviewers: ['anu', 'bat'],
					conflicted: ['chimeg', 'dulmaa']
				})
			],
			committee,
			new Map()
		);
		expect(assignments).toEqual([]);
		expect(shortOf).toEqual([
			{ planId: 'allConflicted', missing: 2 },
			{ planId: 'divergent', missing: 1 }
		]);
	});

	it('reports every plan short when there is no committee', () => {
		const { assignments, shortOf } = autoAssign(manyPlans(2), [], new Map());
		expect(assignments).toEqual([]);
		expect(shortOf).toEqual([
			{ planId: 'p00', missing: 2 },
			{ planId: 'p01', missing: 2 }
		]);
	});

	it('gives the same result for the same input, whatever the order of the plans', () => {
		const plans = manyPlans(25, (i) => ({
			reviewsNeeded: i % 7 === 0 ? 3 : 2,
			reviewers: i % 5 === 0 ? [committee[i % 4]!] : [],
			conflicted: i % 4 === 1 ? ['dulmaa'] : []
		}));
		const load = new Map([
			['bat', 2],
			['dulmaa', 1]
		]);
		const first = autoAssign(plans, committee, load);
		expect(autoAssign(plans, committee, load)).toEqual(first);
		expect(autoAssign([...plans].reverse(), committee, load)).toEqual(first);
	});

	it('does not change the load it was given', () => {
		const load = new Map([['anu', 4]]);
		autoAssign(manyPlans(10), committee, load);
		expect([...load]).toEqual([['anu', 4]]);
	});
});
