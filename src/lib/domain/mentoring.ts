// Soum mentoring: the check-in schedule (calendar days in Ulaanbaatar), which visits are done,
// due or overdue, the order of a mentor's caseload, and the milestones a plan sets. Pure rules,
// no database.
//
// Days are 'YYYY-MM-DD' strings of the Ulaanbaatar calendar. A day picked in a form is stored
// as that day's UTC midnight (parseDay), so `dayOf(stored)` gives it back; an instant (a
// payment recorded at 01:00 in Ulaanbaatar, 17:00 UTC the day before) goes through
// `ulaanbaatarDay()`.

import type { PlanContent } from './businessPlan';

export const BUSINESS_STATUSES = ['operating', 'temporarily_closed', 'closed'] as const;
export type BusinessStatus = (typeof BUSINESS_STATUSES)[number];

export const CHECK_IN_MODES = ['visit', 'phone'] as const;
export type CheckInMode = (typeof CHECK_IN_MODES)[number];

/** The cohort default: a check-in every month for twelve months. */
export const DEFAULT_INTERVAL_MONTHS = 1;
export const DEFAULT_VISITS = 12;
export const MAX_INTERVAL_MONTHS = 6;
export const MAX_VISITS = 36;
/** A visit is "due" (not yet overdue) this many days before its due day. */
export const DUE_SOON_DAYS = 7;
/** Photos on one check-in, and the largest. */
export const MAX_CHECK_IN_PHOTOS = 3;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** Largest count of customers per week or people working that a check-in accepts. */
export const MAX_COUNT = 10_000;

const ulaanbaatarFormat = new Intl.DateTimeFormat('en-CA', {
	timeZone: 'Asia/Ulaanbaatar',
	year: 'numeric',
	month: '2-digit',
	day: '2-digit'
});

/** The Ulaanbaatar calendar day of an instant. */
export function ulaanbaatarDay(instant: Date): string {
	const parts = Object.fromEntries(
		ulaanbaatarFormat.formatToParts(instant).map((p) => [p.type, p.value])
	);
	return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The day a stored day (UTC midnight of the day picked) stands for. */
export function dayOf(stored: Date): string {
	return stored.toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
	return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The same day `months` later; the month's last day when it has no such day (31 January + 1
 * month is 28 or 29 February), counted from the start each time so that the schedule never
 * drifts (31 Jan, 28 Feb, 31 Mar, not 28 Mar).
 */
export function addMonths(day: string, months: number): string {
	const [y, m, d] = day.split('-').map(Number) as [number, number, number];
	const index = y * 12 + (m - 1) + months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	const date = Math.min(d, daysInMonth(year, month));
	return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** Days between two days (b − a). */
export function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export interface Schedule {
	/** The day her first tranche was paid. */
	startsOn: string;
	intervalMonths: number;
	visits: number;
}

export type VisitState = 'done' | 'overdue' | 'due' | 'upcoming';

export interface Visit {
	no: number;
	/** The visit's window opens the day after the previous one's due day. */
	opensOn: string;
	dueOn: string;
	state: VisitState;
	/** The day of the check-in that covered it. */
	doneOn: string | null;
}

/**
 * The schedule against the mentor's check-ins (their days, any order) on `today`. Each
 * check-in covers the earliest visit not yet covered whose window has opened by its day: a
 * late check-in covers the missed month, and two in one month cannot cover a month that has
 * not begun. A visit is overdue once its due day has passed, due from DUE_SOON_DAYS before.
 */
export function scheduleVisits(
	schedule: Schedule,
	checkInDays: readonly string[],
	today: string
): Visit[] {
	const visits: Visit[] = [];
	let previousDue = schedule.startsOn;
	for (let no = 1; no <= schedule.visits; no++) {
		const dueOn = addMonths(schedule.startsOn, no * schedule.intervalMonths);
		visits.push({ no, opensOn: addDay(previousDue), dueOn, state: 'upcoming', doneOn: null });
		previousDue = dueOn;
	}
	for (const day of [...checkInDays].sort()) {
		const visit = visits.find((v) => v.doneOn === null && v.opensOn <= day);
		if (visit) visit.doneOn = day;
	}
	for (const visit of visits) {
		visit.state = visit.doneOn
			? 'done'
			: visit.dueOn < today
				? 'overdue'
				: daysBetween(today, visit.dueOn) <= DUE_SOON_DAYS
					? 'due'
					: 'upcoming';
	}
	return visits;
}

function addDay(day: string): string {
	return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

export interface ScheduleSummary {
	overdue: number;
	/** The earliest visit not done: the one to make next. */
	nextDueOn: string | null;
	nextState: VisitState | null;
	done: number;
	total: number;
}

export function summarise(visits: readonly Visit[]): ScheduleSummary {
	const next = visits.find((v) => v.state !== 'done') ?? null;
	return {
		overdue: visits.filter((v) => v.state === 'overdue').length,
		nextDueOn: next?.dueOn ?? null,
		nextState: next?.state ?? null,
		done: visits.filter((v) => v.state === 'done').length,
		total: visits.length
	};
}

/**
 * A mentor's caseload in the order she should work it: the most overdue first, then by the
 * next due day; those without a schedule yet (first tranche not paid) last; ties by code.
 */
export function caseloadOrder<T extends { code: string; summary: ScheduleSummary | null }>(
	rows: readonly T[]
): T[] {
	const rank = (s: ScheduleSummary | null) => (s === null ? 2 : s.nextDueOn === null ? 1 : 0);
	return [...rows].sort(
		(a, b) =>
			rank(a.summary) - rank(b.summary) ||
			(b.summary?.overdue ?? 0) - (a.summary?.overdue ?? 0) ||
			(a.summary?.nextDueOn ?? '').localeCompare(b.summary?.nextDueOn ?? '') ||
			a.code.localeCompare(b.code)
	);
}

export interface Milestone {
	key: string;
	/** The plan's own words for a line item; empty for the standard milestones. */
	label: string;
}

/** Standard milestones every plan has; their labels are messages. */
export const STANDARD_MILESTONES = ['first_sale', 'premises', 'forecast_met'] as const;

/**
 * The milestones her plan sets: each start-up item bought (in the plan's words), a licence or
 * registration when she planned one, a paid worker when she planned one, and the standard ones.
 */
export function planMilestones(content: PlanContent | null): Milestone[] {
	const milestones: Milestone[] = STANDARD_MILESTONES.map((key) => ({ key, label: '' }));
	if (!content) return milestones;
	content.startup.items.forEach((line, index) => {
		if (line.item.trim()) milestones.push({ key: `item-${index}`, label: line.item.trim() });
	});
	if (content.legal.legalForm && content.legal.legalForm !== 'not_yet') {
		milestones.push({ key: 'registered', label: '' });
	}
	if (Number(content.people.employees) > 0) milestones.push({ key: 'hired', label: '' });
	return milestones;
}

/** Profit (sales − costs) of one month; negative for a loss. */
export const profitOf = (figures: { salesMnt: number; costsMnt: number }) =>
	figures.salesMnt - figures.costsMnt;
