// Training: course kinds, when a trainee has completed a course, and when a participant may
// start her business plan. Pure rules, no database.
import type { Stage } from './participant';

export const COURSE_KINDS = ['life_skills', 'business_plan', 'other'] as const;
export type CourseKind = (typeof COURSE_KINDS)[number];

export function isCourseKind(value: unknown): value is CourseKind {
	return typeof value === 'string' && (COURSE_KINDS as readonly string[]).includes(value);
}

/** Completion rule by default: attended at least 80% of the course's sessions. */
export const DEFAULT_COMPLETION_THRESHOLD_PCT = 80;
/** Course kinds a cohort requires by default before the business plan. */
export const DEFAULT_ELIGIBILITY_COURSE_KINDS: readonly CourseKind[] = ['business_plan'];

export interface Completion {
	completed: boolean;
	totalSessions: number;
	attended: number;
	/** Sessions she must attend to complete: the threshold of all sessions, rounded up. */
	required: number;
}

function wholeNumber(name: string, value: number, min: number, max = Number.MAX_SAFE_INTEGER) {
	if (!Number.isSafeInteger(value) || value < min || value > max) {
		throw new RangeError(`${name} must be a whole number from ${min} to ${max}: ${value}`);
	}
}

/**
 * Whether a trainee completed a course: she attended at least `thresholdPct` percent of ALL
 * its sessions (held or still to come). Integer arithmetic, so 4 of 5 at 80% is complete and
 * 3 of 4 at 80% is not. A course without sessions is never complete.
 */
export function courseCompletion({
	totalSessions,
	attended,
	thresholdPct
}: {
	totalSessions: number;
	attended: number;
	thresholdPct: number;
}): Completion {
	wholeNumber('totalSessions', totalSessions, 0);
	wholeNumber('attended', attended, 0, totalSessions);
	wholeNumber('thresholdPct', thresholdPct, 1, 100);
	const required = Math.floor((thresholdPct * totalSessions + 99) / 100);
	return {
		completed: totalSessions > 0 && attended * 100 >= thresholdPct * totalSessions,
		totalSessions,
		attended,
		required
	};
}

export interface Eligibility {
	eligible: boolean;
	/** Required kinds she has not completed a course of, in the order required. */
	missingKinds: CourseKind[];
}

/**
 * Whether a participant may start her business plan: she completed at least one course of
 * every kind the cohort requires. A cohort that requires nothing makes everyone eligible.
 */
export function eligibility({
	requiredKinds,
	completedKinds
}: {
	requiredKinds: readonly CourseKind[];
	completedKinds: Iterable<CourseKind>;
}): Eligibility {
	const completed = new Set(completedKinds);
	const missingKinds = [...new Set(requiredKinds)].filter((kind) => !completed.has(kind));
	return { eligible: missingKinds.length === 0, missingKinds };
}

export type StageChange = { stage: 'plan'; eligibleAt: Date } | { stage: 'training' } | null;

/**
 * How her stage follows her eligibility: training → plan when she becomes eligible, plan →
 * training when a correction makes her ineligible again. Later stages never move back.
 * `null` means no change.
 */
export function stageAfterEligibility(
	current: Stage,
	eligible: boolean,
	now: Date = new Date()
): StageChange {
	if (current === 'training' && eligible) return { stage: 'plan', eligibleAt: now };
	if (current === 'plan' && !eligible) return { stage: 'training' };
	return null;
}

/** The required key of an enrolment: one per participant, one per official. */
export function participantTraineeKey(participantId: string): string {
	return `p:${participantId}`;
}
export function officialTraineeKey(officialId: string): string {
	return `o:${officialId}`;
}

/**
 * Whether two official trainees are the same person: the same phone number when both have
 * one, otherwise the same name and organisation (case and spacing ignored).
 */
export function sameOfficial(
	a: { name: string; organisation: string; phone?: string | null },
	b: { name: string; organisation: string; phone?: string | null }
): boolean {
	if (a.phone && b.phone) return a.phone === b.phone;
	const fold = (s: string) => s.trim().replace(/\s+/g, ' ').toLocaleLowerCase('mn');
	return fold(a.name) === fold(b.name) && fold(a.organisation) === fold(b.organisation);
}

/** The lowest seat number (1-based) not taken, or null when all `capacity` seats are taken. */
export function firstFreeSeat(taken: Iterable<number>, capacity: number): number | null {
	const used = new Set(taken);
	for (let seat = 1; seat <= capacity; seat += 1) if (!used.has(seat)) return seat;
	return null;
}

/** A calendar day typed as YYYY-MM-DD, as the UTC midnight stored; null if no such day. */
export function parseDay(value: string): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
	if (date.getUTCDate() !== day) return null;
	return date;
}
