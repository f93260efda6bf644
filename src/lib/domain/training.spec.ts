import { describe, expect, it } from 'vitest';
import {
	COURSE_KINDS,
	courseCompletion,
	eligibility,
	firstFreeSeat,
	isCourseKind,
	officialTraineeKey,
	parseDay,
	participantTraineeKey,
	sameOfficial,
	stageAfterEligibility
} from './training';

describe('courseCompletion', () => {
	const done = (totalSessions: number, attended: number, thresholdPct = 80) =>
		courseCompletion({ totalSessions, attended, thresholdPct }).completed;

	it('is never complete for a course without sessions', () => {
		expect(done(0, 0)).toBe(false);
		expect(done(0, 0, 1)).toBe(false);
		expect(courseCompletion({ totalSessions: 0, attended: 0, thresholdPct: 80 }).required).toBe(0);
	});

	it('is complete exactly at the threshold: 4 of 5 at 80%', () => {
		expect(done(5, 4)).toBe(true);
		expect(done(5, 3)).toBe(false);
		expect(done(10, 8)).toBe(true);
		expect(done(10, 7)).toBe(false);
	});

	it('rounds the sessions needed up, never down: 3 of 4 at 80% is not complete', () => {
		expect(done(4, 3)).toBe(false);
		expect(done(4, 4)).toBe(true);
		expect(courseCompletion({ totalSessions: 4, attended: 3, thresholdPct: 80 }).required).toBe(4);
		expect(done(3, 2, 67)).toBe(false); // 66.67% < 67%
		expect(done(3, 2, 66)).toBe(true);
		expect(courseCompletion({ totalSessions: 3, attended: 0, thresholdPct: 70 }).required).toBe(3);
	});

	it('does not suffer from floating point: 7 of 10 at 70%, 29 of 100 at 29%', () => {
		expect(done(10, 7, 70)).toBe(true);
		expect(done(100, 29, 29)).toBe(true);
		expect(done(100, 28, 29)).toBe(false);
		expect(courseCompletion({ totalSessions: 10, attended: 7, thresholdPct: 70 }).required).toBe(7);
	});

	it('counts all sessions, including ones still to come', () => {
		expect(done(2, 1)).toBe(false);
		expect(done(1, 1)).toBe(true);
	});

	it('at 100% needs every session, at 1% needs one', () => {
		expect(done(6, 5, 100)).toBe(false);
		expect(done(6, 6, 100)).toBe(true);
		expect(done(6, 1, 1)).toBe(true);
		expect(done(6, 0, 1)).toBe(false);
	});

	it('reports what it decided from', () => {
		expect(courseCompletion({ totalSessions: 5, attended: 4, thresholdPct: 80 })).toEqual({
			completed: true,
			totalSessions: 5,
			attended: 4,
			required: 4
		});
	});

	it('refuses impossible inputs', () => {
		expect(() => courseCompletion({ totalSessions: 2, attended: 3, thresholdPct: 80 })).toThrow(
			RangeError
		);
		expect(() => courseCompletion({ totalSessions: -1, attended: 0, thresholdPct: 80 })).toThrow(
			RangeError
		);
		expect(() => courseCompletion({ totalSessions: 2, attended: 1.5, thresholdPct: 80 })).toThrow(
			RangeError
		);
		expect(() => courseCompletion({ totalSessions: 2, attended: 1, thresholdPct: 0 })).toThrow(
			RangeError
		);
		expect(() => courseCompletion({ totalSessions: 2, attended: 1, thresholdPct: 101 })).toThrow(
			RangeError
		);
	});
});

describe('eligibility', () => {
	it('is eligible when every required kind has a completed course', () => {
		expect(
			eligibility({ requiredKinds: ['business_plan'], completedKinds: ['business_plan'] })
		).toEqual({ eligible: true, missingKinds: [] });
		expect(
			eligibility({
				requiredKinds: ['life_skills', 'business_plan'],
				completedKinds: ['business_plan', 'other', 'life_skills']
			}).eligible
		).toBe(true);
	});

	it('names the kinds still missing', () => {
		expect(
			eligibility({ requiredKinds: ['life_skills', 'business_plan'], completedKinds: ['other'] })
		).toEqual({ eligible: false, missingKinds: ['life_skills', 'business_plan'] });
		expect(
			eligibility({
				requiredKinds: ['life_skills', 'business_plan'],
				completedKinds: ['life_skills']
			})
		).toEqual({ eligible: false, missingKinds: ['business_plan'] });
	});

	it('is not eligible with nothing completed', () => {
		expect(eligibility({ requiredKinds: ['business_plan'], completedKinds: [] }).eligible).toBe(
			false
		);
	});

	it('is eligible when the cohort requires nothing', () => {
		expect(eligibility({ requiredKinds: [], completedKinds: [] })).toEqual({
			eligible: true,
			missingKinds: []
		});
	});

	it('counts a kind once however often it is required or completed', () => {
		expect(
			eligibility({
				requiredKinds: ['business_plan', 'business_plan'],
				completedKinds: new Set(['life_skills'] as const)
			}).missingKinds
		).toEqual(['business_plan']);
	});
});

describe('stageAfterEligibility', () => {
	const now = new Date('2026-05-01T03:00:00Z');

	it('moves her from training to plan when she becomes eligible', () => {
		expect(stageAfterEligibility('training', true, now)).toEqual({
			stage: 'plan',
			eligibleAt: now
		});
	});

	it('moves her back to training when a correction makes her ineligible', () => {
		expect(stageAfterEligibility('plan', false, now)).toEqual({ stage: 'training' });
	});

	it('leaves her where she is otherwise', () => {
		expect(stageAfterEligibility('training', false, now)).toBeNull();
		expect(stageAfterEligibility('plan', true, now)).toBeNull();
	});

	it('never moves a later stage backwards', () => {
		for (const stage of ['review', 'grant', 'mentoring'] as const) {
			expect(stageAfterEligibility(stage, false, now)).toBeNull();
			expect(stageAfterEligibility(stage, true, now)).toBeNull();
		}
	});
});

describe('trainees', () => {
	it('keys participants and officials apart', () => {
		expect(participantTraineeKey('abc')).toBe('p:abc');
		expect(officialTraineeKey('abc')).toBe('o:abc');
		expect(participantTraineeKey('abc')).not.toBe(officialTraineeKey('abc'));
	});

	it('recognises the same official by phone, else by name and organisation', () => {
		const a = { name: 'Бат Дорж', organisation: 'Ханбогд сумын ЗДТГ', phone: '99112233' };
		expect(sameOfficial(a, { ...a, name: 'Other spelling' })).toBe(true);
		expect(sameOfficial(a, { ...a, phone: '99112234' })).toBe(false);
		const noPhone = { name: ' бат  дорж ', organisation: 'ханбогд сумын здтг', phone: '' };
		expect(sameOfficial(a, noPhone)).toBe(true);
		expect(sameOfficial(a, { ...noPhone, organisation: 'Манлай' })).toBe(false);
	});

	it('gives the lowest free seat, or none when full', () => {
		expect(firstFreeSeat([], 3)).toBe(1);
		expect(firstFreeSeat([1, 3], 3)).toBe(2);
		expect(firstFreeSeat([2, 1], 3)).toBe(3);
		expect(firstFreeSeat([1, 2, 3], 3)).toBeNull();
		expect(firstFreeSeat([], 0)).toBeNull();
	});

	it('knows its course kinds', () => {
		expect(COURSE_KINDS).toEqual(['life_skills', 'business_plan', 'other']);
		expect(isCourseKind('business_plan')).toBe(true);
		expect(isCourseKind('cooking')).toBe(false);
		expect(isCourseKind(undefined)).toBe(false);
	});
});

describe('session days', () => {
	it('stores a typed day as its UTC midnight', () => {
		expect(parseDay('2026-04-15')?.toISOString()).toBe('2026-04-15T00:00:00.000Z');
	});

	it('refuses days that do not exist', () => {
		expect(parseDay('2026-02-30')).toBeNull();
		expect(parseDay('2026-13-01')).toBeNull();
		expect(parseDay('15.04.2026')).toBeNull();
		expect(parseDay('')).toBeNull();
	});

	it('accepts 29 February in a leap year only', () => {
		expect(parseDay('2028-02-29')).not.toBeNull();
		expect(parseDay('2026-02-29')).toBeNull();
	});
});
