import { describe, expect, it } from 'vitest';
import { DEFAULT_RUBRIC, reviewerTotal } from './rubric';
import {
	DIVERGENCE_POINTS,
	MIN_REVIEWS,
	MIN_REVIEWS_FOR_NORMALISATION,
	normalisedMeans,
	planStatistics,
	rankPlans,
	reviewerProfiles,
	type RankInput,
	type SubmittedTotal
} from './scoreAggregation';

/** One reviewer's totals on plans named prefix0, prefix1, … */
const panel = (reviewerId: string, prefix: string, totals: number[]): SubmittedTotal[] =>
	totals.map((total, i) => ({ planId: `${prefix}${i}`, reviewerId, total }));

describe('planStatistics', () => {
	it('asks for the minimum number of reviews before any is in', () => {
		expect(planStatistics([])).toEqual({
			count: 0,
			mean: null,
			min: null,
			max: null,
			spread: null,
			divergent: false,
			reviewsNeeded: MIN_REVIEWS,
			needsMoreReviews: true
		});
	});

	it('still needs a second review after one', () => {
		expect(planStatistics([72])).toEqual({
			count: 1,
			mean: 72,
			min: 72,
			max: 72,
			spread: 0,
			divergent: false,
			reviewsNeeded: 2,
			needsMoreReviews: true
		});
	});

	it('is settled by two equal totals', () => {
		const stats = planStatistics([70, 70]);
		expect(stats).toMatchObject({ count: 2, mean: 70, spread: 0, divergent: false });
		expect(stats.reviewsNeeded).toBe(2);
		expect(stats.needsMoreReviews).toBe(false);
	});

	it(`does not call a spread of exactly ${DIVERGENCE_POINTS} points divergent`, () => {
		for (const totals of [
			[80, 60],
			[60, 80],
			[100, 80]
		]) {
			const stats = planStatistics(totals);
			expect(stats.spread).toBe(20);
			expect(stats.divergent).toBe(false);
			expect(stats.needsMoreReviews).toBe(false);
		}
	});

	it('does not let floating-point noise push a spread of 20 over the line', () => {
		expect(planStatistics([60 + 20.0000001, 60]).divergent).toBe(false);
		expect(planStatistics([0.1 + 0.2 + 79.7, 60]).divergent).toBe(false);
	});

	it('calls a spread of 20.1 points divergent', () => {
		expect(planStatistics([80.1, 60]).divergent).toBe(true);
		expect(planStatistics([60, 80.1]).divergent).toBe(true);
	});

	it('sees the smallest real step above 20 points between rubric totals as divergent', () => {
		// With the default rubric totals move in steps of 100/85 points: 20 and then 21.18.
		const total = (viability: number, market: number, impact: number) =>
			reviewerTotal(DEFAULT_RUBRIC, { viability, market, budget: 3, skills: 3, impact })!;
		const twenty = [total(5, 3, 4), total(2, 3, 3)];
		expect(twenty[0]! - twenty[1]!).toBeCloseTo(20, 10);
		expect(planStatistics(twenty).divergent).toBe(false);
		const next = [total(5, 4, 3), total(2, 3, 3)];
		expect(next[0]! - next[1]!).toBeCloseTo(1800 / 85, 10);
		expect(planStatistics(next).divergent).toBe(true);
	});

	it('asks for a third review when two totals diverge, and is satisfied by it', () => {
		const two = planStatistics([85, 60]);
		expect(two.divergent).toBe(true);
		expect(two.reviewsNeeded).toBe(3);
		expect(two.needsMoreReviews).toBe(true);

		const three = planStatistics([85, 60, 70]);
		expect(three.divergent).toBe(true);
		expect(three.reviewsNeeded).toBe(3);
		expect(three.needsMoreReviews).toBe(false);
	});

	it('never asks for a fourth review, even when the third widens the spread', () => {
		const stats = planStatistics([85, 60, 25]);
		expect(stats.reviewsNeeded).toBe(3);
		expect(stats.needsMoreReviews).toBe(false);
	});

	it('reports mean, min, max and spread over all totals', () => {
		const stats = planStatistics([60, 85, 70]);
		expect(stats.count).toBe(3);
		expect(stats.mean).toBeCloseTo(215 / 3, 10);
		expect(stats.min).toBe(60);
		expect(stats.max).toBe(85);
		expect(stats.spread).toBe(25);
	});
});

describe('reviewerProfiles', () => {
	it('is empty without reviews', () => {
		expect(reviewerProfiles([]).size).toBe(0);
	});

	it('gives each reviewer her count, mean and population standard deviation', () => {
		const profiles = reviewerProfiles([
			...panel('anu', 'p', [2, 4, 4, 4, 5, 5, 7, 9]),
			...panel('bat', 'p', [50, 70])
		]);
		expect(profiles.get('anu')).toEqual({ count: 8, mean: 5, sd: 2, normalised: true });
		expect(profiles.get('bat')).toEqual({ count: 2, mean: 60, sd: 10, normalised: false });
	});

	it(`normalises a reviewer from ${MIN_REVIEWS_FOR_NORMALISATION} reviews, not before`, () => {
		const four = reviewerProfiles(panel('anu', 'p', [40, 50, 60, 70]));
		expect(four.get('anu')!.normalised).toBe(false);
		const five = reviewerProfiles(panel('anu', 'p', [40, 50, 60, 70, 80]));
		expect(five.get('anu')!.normalised).toBe(true);
	});

	it('does not normalise a reviewer who gave every plan the same total', () => {
		const profile = reviewerProfiles(panel('anu', 'p', [64, 64, 64, 64, 64, 64])).get('anu')!;
		expect(profile.sd).toBe(0);
		expect(profile.normalised).toBe(false);
	});

	it('groups reviews by reviewer whatever their order', () => {
		const profiles = reviewerProfiles([
			{ planId: 'p1', reviewerId: 'anu', total: 40 },
			{ planId: 'p1', reviewerId: 'bat', total: 90 },
			{ planId: 'p2', reviewerId: 'anu', total: 60 }
		]);
		expect(profiles.get('anu')).toMatchObject({ count: 2, mean: 50 });
		expect(profiles.get('bat')).toMatchObject({ count: 1, mean: 90, sd: 0 });
	});
});

describe('normalisedMeans', () => {
	it('is empty without reviews', () => {
		expect(normalisedMeans([]).size).toBe(0);
	});

	it('returns the raw totals when one reviewer scored every plan', () => {
		const totals = [35, 48, 60, 77, 92];
		const means = normalisedMeans(panel('anu', 'p', totals));
		totals.forEach((total, i) => expect(means.get(`p${i}`)).toBeCloseTo(total, 10));
	});

	it('puts a harsh and a lenient reviewer on the same scale', () => {
		// Two panels see plans of the same quality; the harsh one scores 20 points lower.
		const harsh = panel('harsh', 'h', [40, 50, 60, 70, 80]);
		const lenient = panel('lenient', 'l', [60, 70, 80, 90, 100]);
		const means = normalisedMeans([...harsh, ...lenient]);
		for (let i = 0; i < 5; i++) {
			expect(lenient[i]!.total - harsh[i]!.total).toBe(20);
			expect(means.get(`h${i}`)).toBeCloseTo(means.get(`l${i}`)!, 10);
		}
		expect(means.get('h4')!).toBeGreaterThan(means.get('h3')!);
	});

	it('keeps the order of plans both reviewers scored, centred on the grand mean', () => {
		const quality = [40, 50, 60, 70, 80];
		const reviews = [
			...quality.map((q, i) => ({ planId: `p${i}`, reviewerId: 'harsh', total: q - 10 })),
			...quality.map((q, i) => ({ planId: `p${i}`, reviewerId: 'lenient', total: q + 10 }))
		];
		const means = normalisedMeans(reviews);
		expect(means.get('p2')).toBeCloseTo(60, 10);
		expect(means.get('p0')! + means.get('p4')!).toBeCloseTo(120, 10);
		expect(means.get('p0')!).toBeLessThan(means.get('p1')!);
	});

	it(`leaves out a reviewer with fewer than ${MIN_REVIEWS_FOR_NORMALISATION} reviews`, () => {
		// anu gives p0 and p1 the same total; bat, with only four reviews, also scores p0.
		const means = normalisedMeans([
			...panel('anu', 'p', [60, 60, 40, 80, 90]),
			{ planId: 'p0', reviewerId: 'bat', total: 100 },
			...panel('bat', 'b', [30, 40, 50])
		]);
		expect(means.get('p0')).toBeCloseTo(means.get('p1')!, 10);
		expect(means.get('b0')).toBeNull();
		expect(means.get('b1')).toBeNull();
		expect(means.get('b2')).toBeNull();
	});

	it('stays within 0–100 even for a reviewer whose one high total is far above her mean', () => {
		const means = normalisedMeans([
			...[60, 60, 60, 60, 100].map((total, i) => ({ planId: `a${i}`, reviewerId: 'A', total })),
			...[20, 20, 20, 20, 100].map((total, i) => ({ planId: `b${i}`, reviewerId: 'B', total }))
		]);
		for (const value of means.values()) {
			expect(value).toBeGreaterThanOrEqual(0);
			expect(value).toBeLessThanOrEqual(100);
		}
		expect(means.get('a4')).toBe(100);
	});

	it('is null for every plan when no reviewer qualifies', () => {
		const means = normalisedMeans([
			...panel('anu', 'p', [40, 50, 60, 70]),
			...panel('bat', 'p', [45, 55, 65, 75])
		]);
		expect([...means.keys()].sort()).toEqual(['p0', 'p1', 'p2', 'p3']);
		expect([...means.values()]).toEqual([null, null, null, null]);
	});

	it('leaves out a reviewer who gave every plan the same total', () => {
		const means = normalisedMeans([
			...panel('anu', 'p', [60, 60, 40, 80, 90]),
			{ planId: 'p0', reviewerId: 'flat', total: 70 },
			...panel('flat', 'f', [70, 70, 70, 70])
		]);
		expect(Number.isFinite(means.get('p0'))).toBe(true);
		expect(means.get('p0')).toBeCloseTo(means.get('p1')!, 10);
		for (let i = 0; i < 4; i++) expect(means.get(`f${i}`)).toBeNull();
	});
});

describe('rankPlans', () => {
	const plan = (planId: string, score: number | null, requestedMnt = 1_000_000): RankInput => ({
		planId,
		score,
		requestedMnt
	});
	const summary = (ranked: ReturnType<typeof rankPlans>) =>
		ranked.map((r) => [r.planId, r.rank, r.tied]);

	it('is empty for no plans', () => {
		expect(rankPlans([], 5_000_000)).toEqual([]);
	});

	it('puts the best score first and numbers the ranks from 1', () => {
		const ranked = rankPlans([plan('a', 60), plan('b', 80), plan('c', 70)], 10_000_000);
		expect(summary(ranked)).toEqual([
			['b', 1, false],
			['c', 2, false],
			['a', 3, false]
		]);
	});

	it('gives equal scores the same rank, flags both as tied, and skips the next rank', () => {
		const ranked = rankPlans(
			[plan('d', 60), plan('c', 70), plan('a', 80), plan('b', 70)],
			10_000_000
		);
		expect(summary(ranked)).toEqual([
			['a', 1, false],
			['b', 2, true],
			['c', 2, true],
			['d', 4, false]
		]);
	});

	it('ties three plans at the top together', () => {
		const ranked = rankPlans(
			[plan('c', 90), plan('a', 90), plan('d', 50), plan('b', 90)],
			10_000_000
		);
		expect(summary(ranked)).toEqual([
			['a', 1, true],
			['b', 1, true],
			['c', 1, true],
			['d', 4, false]
		]);
	});

	it('compares scores to a tenth of a point', () => {
		expect(summary(rankPlans([plan('a', 70), plan('b', 70.04)], 10_000_000))).toEqual([
			['a', 1, true],
			['b', 1, true]
		]);
		expect(summary(rankPlans([plan('a', 70), plan('b', 70.1)], 10_000_000))).toEqual([
			['b', 1, false],
			['a', 2, false]
		]);
	});

	it('puts unscored plans last, unranked and never tied', () => {
		const ranked = rankPlans(
			[plan('z', null), plan('m', 40), plan('b', null), plan('a', 95)],
			10_000_000
		);
		expect(summary(ranked)).toEqual([
			['a', 1, false],
			['m', 2, false],
			['b', null, false],
			['z', null, false]
		]);
	});

	it('keeps a running total of requested amounts in rank order', () => {
		const ranked = rankPlans(
			[plan('low', 50, 2_000_000), plan('top', 90, 3_000_000), plan('mid', 70, 1_500_000)],
			10_000_000
		);
		expect(ranked.map((r) => [r.planId, r.runningTotalMnt])).toEqual([
			['top', 3_000_000],
			['mid', 4_500_000],
			['low', 6_500_000]
		]);
	});

	it('counts a plan that exactly reaches the budget as within it, and the next one not', () => {
		const plans = [
			plan('a', 90, 4_000_000),
			plan('b', 80, 3_000_000),
			plan('c', 70, 3_000_000),
			plan('d', 60, 1)
		];
		expect(rankPlans(plans, 10_000_000).map((r) => [r.runningTotalMnt, r.withinBudget])).toEqual([
			[4_000_000, true],
			[7_000_000, true],
			[10_000_000, true],
			[10_000_001, false]
		]);
		expect(rankPlans(plans, 9_999_999).map((r) => r.withinBudget)).toEqual([
			true,
			true,
			false,
			false
		]);
	});

	it('keeps the plan fields and leaves its input untouched', () => {
		const input = [plan('b', 50, 700_000), plan('a', 80, 900_000)];
		const copy = structuredClone(input);
		const ranked = rankPlans(input, 1_000_000);
		expect(input).toEqual(copy);
		expect(ranked[0]).toEqual({
			planId: 'a',
			score: 80,
			requestedMnt: 900_000,
			rank: 1,
			tied: false,
			runningTotalMnt: 900_000,
			withinBudget: true
		});
	});

	it('orders the same way whatever the input order', () => {
		const plans = [plan('c', 70), plan('a', 70), plan('b', null), plan('d', 85), plan('e', 10)];
		const forward = rankPlans(plans, 3_000_000);
		expect(rankPlans([...plans].reverse(), 3_000_000)).toEqual(forward);
	});

	it('leaves unscored plans out of the running total and never within the budget', () => {
		const ranked = rankPlans(
			[plan('a', 90, 1_000_000), plan('b', null, 5_000_000), plan('c', 80, 1_000_000)],
			2_000_000
		);
		expect(ranked.map((r) => [r.planId, r.runningTotalMnt, r.withinBudget])).toEqual([
			['a', 1_000_000, true],
			['c', 2_000_000, true],
			['b', 2_000_000, false]
		]);
	});
});
