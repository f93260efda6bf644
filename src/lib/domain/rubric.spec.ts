import { describe, expect, it } from 'vitest';
import {
	DEFAULT_RUBRIC,
	LABEL_MAX,
	LEVEL_MAX,
	MAX_CRITERIA,
	SCORE_MAX,
	combinedScore,
	committeeCriteria,
	isScore,
	missingScores,
	reviewerTotal,
	rubricProblems,
	staffCriterion,
	type Criterion,
	type Scorer,
	type Scores
} from './rubric';

const fiveLevels = () => [1, 2, 3, 4, 5].map((n) => ({ mn: `Түвшин ${n}`, en: `Level ${n}` }));

const criterion = (
	key: string,
	weight: number,
	scoredBy: Scorer = 'committee',
	overrides: Partial<Criterion> = {}
): Criterion => ({
	key,
	label: { mn: `Шалгуур ${key}`, en: `Criterion ${key}` },
	weight,
	levels: fiveLevels(),
	scoredBy,
	...overrides
});

/** A small valid rubric: two committee criteria and the need score. */
const valid = (): Criterion[] => [
	criterion('idea', 60),
	criterion('money', 25),
	criterion('need', 15, 'staff')
];

const committeeKeys = ['viability', 'market', 'budget', 'skills', 'impact'];

/** Every committee criterion of the default rubric given the same score. */
const allScored = (score: number | null): Scores =>
	Object.fromEntries(committeeKeys.map((key) => [key, score]));

describe('DEFAULT_RUBRIC', () => {
	it('is a usable rubric', () => {
		expect(rubricProblems(DEFAULT_RUBRIC)).toEqual([]);
	});

	it('carries the weights of DOMAIN.md, adding up to 100', () => {
		expect(Object.fromEntries(DEFAULT_RUBRIC.map((c) => [c.key, c.weight]))).toEqual({
			viability: 25,
			market: 15,
			budget: 20,
			skills: 15,
			impact: 10,
			need: 15
		});
		expect(DEFAULT_RUBRIC.reduce((sum, c) => sum + c.weight, 0)).toBe(100);
	});

	it('has exactly one criterion scored by staff, need, and the rest by the committee', () => {
		const staff = DEFAULT_RUBRIC.filter((c) => c.scoredBy === 'staff');
		expect(staff.map((c) => c.key)).toEqual(['need']);
		expect(staffCriterion(DEFAULT_RUBRIC)?.key).toBe('need');
		expect(committeeCriteria(DEFAULT_RUBRIC).map((c) => c.key)).toEqual(committeeKeys);
	});

	it('describes all five levels of every criterion in both languages', () => {
		for (const c of DEFAULT_RUBRIC) {
			expect(c.levels).toHaveLength(SCORE_MAX);
			for (const level of c.levels) {
				expect(level.mn.trim()).not.toBe('');
				expect(level.en.trim()).not.toBe('');
			}
			expect(c.label.mn.trim()).not.toBe('');
			expect(c.label.en.trim()).not.toBe('');
		}
	});
});

describe('rubricProblems', () => {
	it('accepts a small valid rubric, and one without a need score', () => {
		expect(rubricProblems(valid())).toEqual([]);
		expect(rubricProblems([criterion('idea', 60), criterion('money', 40)])).toEqual([]);
		expect(rubricProblems([criterion('all', 100)])).toEqual([]);
	});

	it('refuses an empty rubric with empty alone', () => {
		expect(rubricProblems([])).toEqual(['empty']);
	});

	it(`allows ${MAX_CRITERIA} criteria but not one more`, () => {
		const ten = Array.from({ length: MAX_CRITERIA }, (_, i) => criterion(`c${i}`, 10));
		expect(rubricProblems(ten)).toEqual([]);
		const eleven = [
			...Array.from({ length: MAX_CRITERIA }, (_, i) => criterion(`c${i}`, 9)),
			criterion('last', 10)
		];
		expect(rubricProblems(eleven)).toEqual(['tooMany']);
	});

	it('refuses weights that do not add up to exactly 100', () => {
		const short = valid();
		short[0]!.weight = 59;
		expect(rubricProblems(short)).toEqual(['weightSum']);
		const over = valid();
		over[0]!.weight = 61;
		expect(rubricProblems(over)).toEqual(['weightSum']);
	});

	it('refuses a weight that is not a whole number from 1 to 100, even when the sum is 100', () => {
		expect(
			rubricProblems([criterion('a', 0), criterion('b', 85), criterion('need', 15, 'staff')])
		).toEqual(['weightRange']);
		expect(
			rubricProblems([criterion('a', -5), criterion('b', 90), criterion('need', 15, 'staff')])
		).toEqual(['weightRange']);
		expect(
			rubricProblems([criterion('a', 60.5), criterion('b', 24.5), criterion('need', 15, 'staff')])
		).toEqual(['weightRange']);
		expect(rubricProblems([criterion('a', 101)])).toEqual(['weightRange', 'weightSum']);
	});

	it('refuses two criteria with the same key', () => {
		expect(
			rubricProblems([criterion('idea', 60), criterion('idea', 25), criterion('need', 15, 'staff')])
		).toEqual(['duplicateKey']);
	});

	it('refuses a key that is not [a-z][a-zA-Z0-9]* of at most 31 characters', () => {
		const withKey = (key: string) =>
			rubricProblems([criterion(key, 85), criterion('need', 15, 'staff')]);
		for (const key of ['', 'Viability', '1st', 'has-dash', 'has space', 'snake_case', 'хэрэгцээ']) {
			expect(withKey(key), key).toEqual(['badKey']);
		}
		expect(withKey('a'.repeat(32))).toEqual(['badKey']);
		expect(withKey('a'.repeat(31))).toEqual([]);
		expect(withKey('jobsAndImpact2')).toEqual([]);
	});

	it('refuses a blank or over-long label in either language', () => {
		const withLabel = (mn: string, en: string) =>
			rubricProblems([
				criterion('idea', 85, 'committee', { label: { mn, en } }),
				criterion('need', 15, 'staff')
			]);
		expect(withLabel('', 'Idea')).toEqual(['label']);
		expect(withLabel('Санаа', '   ')).toEqual(['label']);
		expect(withLabel('м'.repeat(LABEL_MAX + 1), 'Idea')).toEqual(['label']);
		expect(withLabel('Санаа', 'e'.repeat(LABEL_MAX + 1))).toEqual(['label']);
		expect(withLabel('м'.repeat(LABEL_MAX), 'e'.repeat(LABEL_MAX))).toEqual([]);
	});

	it('needs exactly five levels, none over-long in either language', () => {
		const withLevels = (levels: Criterion['levels']) =>
			rubricProblems([
				criterion('idea', 85, 'committee', { levels }),
				criterion('need', 15, 'staff')
			]);
		expect(withLevels(fiveLevels().slice(0, 4))).toEqual(['levels']);
		expect(withLevels([...fiveLevels(), { mn: '6', en: '6' }])).toEqual(['levels']);
		const longMn = fiveLevels();
		longMn[2] = { mn: 'м'.repeat(LEVEL_MAX + 1), en: 'Level 3' };
		expect(withLevels(longMn)).toEqual(['levels']);
		const longEn = fiveLevels();
		longEn[4] = { mn: 'Түвшин 5', en: 'e'.repeat(LEVEL_MAX + 1) };
		expect(withLevels(longEn)).toEqual(['levels']);
		const atMax = fiveLevels();
		atMax[0] = { mn: 'м'.repeat(LEVEL_MAX), en: 'e'.repeat(LEVEL_MAX) };
		expect(withLevels(atMax)).toEqual([]);
	});

	it('needs at least one criterion the committee scores', () => {
		expect(rubricProblems([criterion('need', 100, 'staff')])).toEqual(['noCommittee']);
	});

	it('allows at most one criterion scored by staff', () => {
		expect(
			rubricProblems([
				criterion('idea', 70),
				criterion('need', 15, 'staff'),
				criterion('vulnerability', 15, 'staff')
			])
		).toEqual(['tooManyStaff']);
		expect(
			rubricProblems([criterion('need', 50, 'staff'), criterion('care', 50, 'staff')]).sort()
		).toEqual(['noCommittee', 'tooManyStaff']);
	});

	it('reports every problem at once, each only once', () => {
		const problems = rubricProblems([
			criterion('Idea', 0, 'committee', { levels: [] }),
			criterion('Idea', 0, 'committee', { levels: [] }),
			criterion('need', 15, 'staff', { label: { mn: '', en: '' } })
		]);
		expect(problems.sort()).toEqual(
			['badKey', 'duplicateKey', 'label', 'levels', 'weightRange', 'weightSum'].sort()
		);
	});
});

describe('isScore', () => {
	it('accepts the whole numbers 1 to 5', () => {
		for (const score of [1, 2, 3, 4, 5]) expect(isScore(score)).toBe(true);
	});

	it('rejects anything else: 0, 6, fractions, strings, null, NaN', () => {
		for (const value of [0, 6, -1, 2.5, 4.999, '3', null, undefined, NaN, Infinity, [3]]) {
			expect(isScore(value), String(value)).toBe(false);
		}
	});
});

describe('missingScores', () => {
	it('lists every committee criterion, in rubric order, before anything is scored', () => {
		expect(missingScores(DEFAULT_RUBRIC, {})).toEqual(committeeKeys);
	});

	it('never asks the committee for the need score', () => {
		expect(missingScores(DEFAULT_RUBRIC, allScored(4))).toEqual([]);
		expect(missingScores(DEFAULT_RUBRIC, { ...allScored(4), need: null })).toEqual([]);
	});

	it('counts null, undefined and out-of-range scores as missing', () => {
		expect(
			missingScores(DEFAULT_RUBRIC, {
				viability: 3,
				market: null,
				budget: 0,
				skills: 6,
				impact: 2.5
			})
		).toEqual(['market', 'budget', 'skills', 'impact']);
		expect(missingScores(DEFAULT_RUBRIC, { ...allScored(3), impact: undefined })).toEqual([
			'impact'
		]);
	});

	it('ignores scores for keys the rubric does not have', () => {
		expect(missingScores(DEFAULT_RUBRIC, { ...allScored(2), extra: 9 })).toEqual([]);
	});
});

describe('reviewerTotal', () => {
	it('gives 100 for all fives and 20 for all ones', () => {
		expect(reviewerTotal(DEFAULT_RUBRIC, allScored(5))).toBe(100);
		expect(reviewerTotal(DEFAULT_RUBRIC, allScored(1))).toBe(20);
		expect(reviewerTotal(DEFAULT_RUBRIC, allScored(3))).toBeCloseTo(60, 10);
	});

	it('is null while any committee score is missing or invalid', () => {
		for (const key of committeeKeys) {
			const without: Scores = allScored(5);
			delete without[key];
			expect(reviewerTotal(DEFAULT_RUBRIC, without), key).toBeNull();
			expect(reviewerTotal(DEFAULT_RUBRIC, { ...allScored(5), [key]: null }), key).toBeNull();
			expect(reviewerTotal(DEFAULT_RUBRIC, { ...allScored(5), [key]: 6 }), key).toBeNull();
		}
		expect(reviewerTotal(DEFAULT_RUBRIC, {})).toBeNull();
	});

	it('ignores the staff criterion: the need score neither counts nor is required', () => {
		const without = reviewerTotal(DEFAULT_RUBRIC, allScored(4));
		expect(without).toBeCloseTo(80, 10);
		expect(reviewerTotal(DEFAULT_RUBRIC, { ...allScored(4), need: 1 })).toBe(without);
		expect(reviewerTotal(DEFAULT_RUBRIC, { ...allScored(4), need: 5 })).toBe(without);
	});

	it('rescales the committee weights (85 of 100) to a total out of 100', () => {
		// viability 5 (25), others 1: (25 + 15/5 + 20/5 + 15/5 + 10/5) / 85 × 100
		const total = reviewerTotal(DEFAULT_RUBRIC, { ...allScored(1), viability: 5 });
		expect(total).toBeCloseTo((100 * 37) / 85, 10);
		// idea 60 × 5/5 + money 25 × 1/5 = 65 points of 85
		expect(reviewerTotal(valid(), { idea: 5, money: 1 })).toBeCloseTo((100 * 65) / 85, 10);
		expect(reviewerTotal(valid(), { idea: 1, money: 5 })).toBeCloseTo((100 * 37) / 85, 10);
	});

	it('lets a heavier criterion move the total more than a lighter one', () => {
		const base = reviewerTotal(DEFAULT_RUBRIC, allScored(3))!;
		const viabilityUp = reviewerTotal(DEFAULT_RUBRIC, { ...allScored(3), viability: 4 })!;
		const impactUp = reviewerTotal(DEFAULT_RUBRIC, { ...allScored(3), impact: 4 })!;
		expect(viabilityUp - base).toBeCloseTo((100 * 25) / 5 / 85, 10);
		expect(impactUp - base).toBeCloseTo((100 * 10) / 5 / 85, 10);
	});

	it('needs no rescaling when the committee holds all 100 points', () => {
		const rubric = [criterion('idea', 60), criterion('money', 40)];
		expect(reviewerTotal(rubric, { idea: 5, money: 1 })).toBeCloseTo(68, 10);
	});

	it('is null for a rubric with no committee criterion', () => {
		expect(reviewerTotal([criterion('need', 100, 'staff')], { need: 5 })).toBeNull();
	});
});

describe('combinedScore', () => {
	it('gives 100 for a committee mean of 100 and a need score of 5', () => {
		expect(combinedScore(DEFAULT_RUBRIC, 100, 5)).toBe(100);
	});

	it('weighs the committee mean at 85 and the need score at 15 in the default rubric', () => {
		expect(combinedScore(DEFAULT_RUBRIC, 20, 1)).toBeCloseTo(20, 10);
		expect(combinedScore(DEFAULT_RUBRIC, 60, 3)).toBeCloseTo(60, 10);
		expect(combinedScore(DEFAULT_RUBRIC, 100, 1)).toBeCloseTo(88, 10);
		expect(combinedScore(DEFAULT_RUBRIC, 20, 5)).toBeCloseTo(32, 10);
	});

	it('is null while the need score is missing or invalid', () => {
		for (const need of [null, 0, 6, 2.5]) {
			expect(combinedScore(DEFAULT_RUBRIC, 80, need), String(need)).toBeNull();
		}
	});

	it('is null while the committee mean is missing', () => {
		expect(combinedScore(DEFAULT_RUBRIC, null, 5)).toBeNull();
		expect(combinedScore([criterion('idea', 100)], null, null)).toBeNull();
	});

	it('is the committee mean for a rubric without a staff criterion', () => {
		const rubric = [criterion('idea', 60), criterion('money', 40)];
		expect(combinedScore(rubric, 73.5, null)).toBe(73.5);
		expect(combinedScore(rubric, 73.5, 1)).toBe(73.5);
	});

	it('matches a hand computation with a staff criterion of a different weight', () => {
		const rubric = [criterion('idea', 70), criterion('need', 30, 'staff')];
		expect(combinedScore(rubric, 50, 4)).toBeCloseTo(35 + 24, 10);
	});
});
