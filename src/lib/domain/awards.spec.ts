import { describe, expect, it } from 'vitest';
import { committedAfter, committedBy, decisionProblems, type DecisionInput } from './awards';

const rules = { requestedMnt: 3_000_000, capMnt: 2_500_000 };
const award = (
	amountMnt: number | null,
	reason = 'Strong plan, realistic budget'
): DecisionInput => ({
	outcome: 'award',
	amountMnt,
	reason
});

describe('decisionProblems', () => {
	it('accepts an award with a reason, within the request and the cap', () => {
		expect(decisionProblems(award(2_500_000), rules)).toEqual([]);
		expect(decisionProblems(award(1), rules)).toEqual([]);
	});

	it('needs a written reason for every outcome', () => {
		for (const outcome of ['award', 'waitlist', 'decline'] as const) {
			for (const reason of ['', '   ', '\n\t']) {
				const decision = { outcome, amountMnt: outcome === 'award' ? 1_000_000 : null, reason };
				expect(decisionProblems(decision, rules), `${outcome} ${JSON.stringify(reason)}`).toEqual([
					'reasonRequired'
				]);
			}
		}
	});

	it('needs a whole, positive amount for an award', () => {
		for (const amount of [null, 0, -500_000, 1_000_000.5, NaN, Infinity, 2 ** 53]) {
			expect(decisionProblems(award(amount), rules), String(amount)).toEqual(['amountRequired']);
		}
	});

	it('reports a missing amount alone, without comparing it to the request or the cap', () => {
		expect(decisionProblems(award(null, ''), rules)).toEqual(['reasonRequired', 'amountRequired']);
	});

	it('refuses to award more than she asked for, but allows exactly her request', () => {
		const open = { requestedMnt: 3_000_000, capMnt: null };
		expect(decisionProblems(award(3_000_001), open)).toEqual(['amountAboveRequested']);
		expect(decisionProblems(award(3_000_000), open)).toEqual([]);
	});

	it("refuses to award more than the cohort's cap, but allows exactly the cap", () => {
		const capped = { requestedMnt: 5_000_000, capMnt: 2_500_000 };
		expect(decisionProblems(award(2_500_001), capped)).toEqual(['amountAboveCap']);
		expect(decisionProblems(award(2_500_000), capped)).toEqual([]);
	});

	it('has no cap when the cohort sets none', () => {
		expect(decisionProblems(award(9_000_000), { requestedMnt: 9_000_000, capMnt: null })).toEqual(
			[]
		);
	});

	it('reports every problem of an award at once', () => {
		expect(decisionProblems(award(4_000_000, ' '), rules)).toEqual([
			'reasonRequired',
			'amountAboveRequested',
			'amountAboveCap'
		]);
	});

	it('needs only a reason to wait-list or decline, whatever the amount field holds', () => {
		for (const outcome of ['waitlist', 'decline'] as const) {
			for (const amountMnt of [null, 0, -1, 99_000_000, 0.5]) {
				expect(
					decisionProblems({ outcome, amountMnt, reason: 'Budget exhausted' }, rules),
					`${outcome} ${amountMnt}`
				).toEqual([]);
			}
		}
	});
});

describe('committedBy', () => {
	it('commits the amount of an award and nothing for any other outcome', () => {
		expect(committedBy({ outcome: 'award', amountMnt: 1_200_000 })).toBe(1_200_000);
		expect(committedBy({ outcome: 'waitlist', amountMnt: 1_200_000 })).toBe(0);
		expect(committedBy({ outcome: 'decline', amountMnt: 1_200_000 })).toBe(0);
		expect(committedBy({ outcome: 'award', amountMnt: null })).toBe(0);
		expect(committedBy({ outcome: 'award' })).toBe(0);
		expect(committedBy(null)).toBe(0);
	});
});

describe('committedAfter', () => {
	const budget = 10_000_000;
	const awardOf = (amountMnt: number) => ({ outcome: 'award' as const, amountMnt });
	const waitlist = { outcome: 'waitlist' as const, amountMnt: null };
	const decline = { outcome: 'decline' as const };

	it('adds a first award to the total', () => {
		expect(committedAfter(6_000_000, null, awardOf(2_000_000), budget)).toBe(8_000_000);
	});

	it('allows an award that exactly reaches the budget', () => {
		expect(committedAfter(7_000_000, null, awardOf(3_000_000), budget)).toBe(budget);
		expect(committedAfter(0, null, awardOf(budget), budget)).toBe(budget);
	});

	it('refuses an award that would go even one tögrög over the budget', () => {
		expect(committedAfter(7_000_000, null, awardOf(3_000_001), budget)).toBeNull();
		expect(committedAfter(budget, null, awardOf(1), budget)).toBeNull();
		expect(committedAfter(budget, waitlist, awardOf(1), budget)).toBeNull();
	});

	it('counts only the difference when an award is changed', () => {
		// 9M committed, 2M of it to this plan: raising it to 3M reaches the budget exactly.
		expect(committedAfter(9_000_000, awardOf(2_000_000), awardOf(3_000_000), budget)).toBe(budget);
		expect(committedAfter(9_000_000, awardOf(2_000_000), awardOf(3_000_001), budget)).toBeNull();
		// Re-saving the same award when the total is at the budget changes nothing.
		expect(committedAfter(budget, awardOf(2_000_000), awardOf(2_000_000), budget)).toBe(budget);
	});

	it('always allows lowering or withdrawing an award, even when already over the budget', () => {
		const over = 12_000_000;
		expect(committedAfter(over, awardOf(3_000_000), awardOf(2_000_000), budget)).toBe(11_000_000);
		expect(committedAfter(over, awardOf(3_000_000), waitlist, budget)).toBe(9_000_000);
		expect(committedAfter(over, awardOf(3_000_000), decline, budget)).toBe(9_000_000);
		expect(committedAfter(budget, awardOf(3_000_000), awardOf(1), budget)).toBe(7_000_001);
	});

	it('allows moving between wait-list and decline at any total', () => {
		expect(committedAfter(12_000_000, waitlist, decline, budget)).toBe(12_000_000);
		expect(committedAfter(12_000_000, decline, waitlist, budget)).toBe(12_000_000);
		expect(committedAfter(12_000_000, null, decline, budget)).toBe(12_000_000);
	});

	it('refuses raising an award while the total is already over the budget', () => {
		expect(committedAfter(12_000_000, awardOf(1_000_000), awardOf(1_000_001), budget)).toBeNull();
	});

	it('turns a wait-listed plan into an award only if the money is there', () => {
		expect(committedAfter(8_000_000, waitlist, awardOf(2_000_000), budget)).toBe(budget);
		expect(committedAfter(8_000_000, waitlist, awardOf(2_000_001), budget)).toBeNull();
	});
});
