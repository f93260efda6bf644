// Retention and erasure of a participant's personal data: when it may be erased, why, and how
// her free text is emptied while the figures the reports count are kept. Pure rules.
//
// The rule: the programme keeps a woman's personal data for RETENTION_YEARS (5) years after
// her last programme activity (registration, a consent given or withdrawn, attendance, her
// plan, a committee decision, her grant's agreement and payments, receipts, check-ins,
// safeguarding follow-up). From that day a coordinator may erase it. She may also ask for it
// to be erased at any time ("on her request"); the coordinator records why, and confirms by
// typing her participant code. Erasure removes what identifies her (name, phone, national ID,
// address, her own and others' free text about her, bank details, uploaded files) and keeps
// the aggregates: soum, cohort, stage, dates, scores, amounts, attendance, check-in figures,
// consent decisions, her pseudonymous code.

export const RETENTION_YEARS = 5;

export const ERASURE_BASES = ['retention', 'request'] as const;
export type ErasureBasis = (typeof ERASURE_BASES)[number];

/** Why, as a category (never free text: the reason is kept in the audit log). */
export const ERASURE_REASONS = {
	retention: ['retention_ended'],
	request: ['written_request', 'verbal_request', 'consent_withdrawn', 'safety']
} as const satisfies Record<ErasureBasis, readonly string[]>;
export type ErasureReason = (typeof ERASURE_REASONS)[ErasureBasis][number];
export const ALL_ERASURE_REASONS = [
	...ERASURE_REASONS.retention,
	...ERASURE_REASONS.request
] as const;

export function reasonFitsBasis(basis: ErasureBasis, reason: string): reason is ErasureReason {
	return (ERASURE_REASONS[basis] as readonly string[]).includes(reason);
}

/**
 * The same instant `years` calendar years later, in UTC. 29 February becomes 1 March when the
 * later year has no 29 February (never earlier than the full period).
 */
export function addYearsUtc(at: Date, years: number): Date {
	const result = new Date(at.getTime());
	result.setUTCFullYear(at.getUTCFullYear() + years);
	return result;
}

/** Her last programme activity: the latest of the dates given (null when there is none). */
export function lastActivity(dates: readonly (Date | null | undefined)[]): Date | null {
	let latest: Date | null = null;
	for (const date of dates) {
		if (!(date instanceof Date) || Number.isNaN(date.getTime())) continue;
		if (!latest || date.getTime() > latest.getTime()) latest = date;
	}
	return latest;
}

export interface Eligibility {
	/** When the retention period ends: erasure "after retention" is allowed from then. */
	retentionEndsAt: Date;
	/** Whether the retention period has ended at `now`. */
	retentionEnded: boolean;
}

export function retentionEligibility(lastActivityAt: Date, now: Date): Eligibility {
	const retentionEndsAt = addYearsUtc(lastActivityAt, RETENTION_YEARS);
	return { retentionEndsAt, retentionEnded: now.getTime() >= retentionEndsAt.getTime() };
}

/** Whether the basis allows erasure now: a request always, retention once it has ended. */
export function basisAllows(basis: ErasureBasis, eligibility: Eligibility): boolean {
	return basis === 'request' || eligibility.retentionEnded;
}

/** The typed confirmation matches her code (spaces and letter case ignored). */
export function confirmationMatches(typed: string, code: string): boolean {
	const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
	return norm(typed) !== '' && norm(typed) === norm(code);
}

/**
 * Her account's phone after erasure: unique (her account id), and never a phone number, so
 * that no one can sign in or register with it, and nothing matches a number typed in a search.
 */
export const ERASED_PHONE_PREFIX = 'erased:';
export const erasedPhone = (userId: string) => `${ERASED_PHONE_PREFIX}${userId}`;
export const isErasedPhone = (phone: string | null | undefined) =>
	typeof phone === 'string' && phone.startsWith(ERASED_PHONE_PREFIX);

/** What a required free-text field holds after erasure (optional ones are emptied). */
export const ERASED_TEXT = '—';

/** Her search skeleton after erasure: no letter or digit, so no search matches it. */
export const ERASED_SKELETON = '-';

/** Keys of plan content whose values are choices from a fixed list, not her words. */
const PLAN_CHOICE_KEYS = new Set(['businessType', 'legalForm']);

/**
 * A copy of a plan's content (or a draft section) with every text she wrote emptied and every
 * figure kept: numbers, booleans and the fixed choices (business type, legal form) stay, so
 * the start-up budget, the forecast, the funding and the business type still count; strings
 * become ''. Keeps the shape (arrays and objects), so the stored plan still parses.
 */
export function scrubPlanContent(value: unknown, key = ''): unknown {
	if (typeof value === 'string') return PLAN_CHOICE_KEYS.has(key) ? value : '';
	if (Array.isArray(value)) return value.map((item) => scrubPlanContent(item));
	if (value && typeof value === 'object' && !(value instanceof Date)) {
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, scrubPlanContent(v, k)])
		);
	}
	return value;
}

/**
 * The keys of an audit entry's details that may hold her phone, a name or free text about her:
 * a phone or name in any entry, and per action the texts it records (the agreement's witness,
 * a payment's rejection reason). Everything else in details is ids, codes and figures.
 */
const ALWAYS_SCRUBBED = ['phone', 'name'];
export const AUDIT_DETAILS_TO_SCRUB: Record<string, readonly string[]> = {
	'grant.signed': ['witnessedBy'],
	'payment.rejected': ['reason']
};

/**
 * An audit entry's details with the identifying keys replaced by ERASED_TEXT (others kept).
 * Returns null when nothing needed to change.
 */
export function scrubAuditDetails(
	action: string,
	details: unknown
): Record<string, unknown> | null {
	if (!details || typeof details !== 'object' || Array.isArray(details)) return null;
	const keys = new Set([...ALWAYS_SCRUBBED, ...(AUDIT_DETAILS_TO_SCRUB[action] ?? [])]);
	let changed = false;
	const scrubbed = Object.entries(details as Record<string, unknown>).map(([k, v]) => {
		if (keys.has(k) && typeof v === 'string' && v !== ERASED_TEXT) {
			changed = true;
			return [k, ERASED_TEXT];
		}
		return [k, v];
	});
	return changed ? Object.fromEntries(scrubbed) : null;
}
