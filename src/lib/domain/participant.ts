// The participant: her stages, the enumerations of her profile, and the rules of consent.

export const STAGES = ['training', 'plan', 'review', 'grant', 'mentoring'] as const;
export type Stage = (typeof STAGES)[number];

export const REFERRAL_SOURCES = ['self', 'social_worker', 'ngo', 'police', 'other'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const EDUCATION_LEVELS = [
	'none',
	'primary',
	'lower_secondary',
	'upper_secondary',
	'vocational',
	'higher'
] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const CONSENT_PURPOSES = ['participation', 'soum_sharing', 'donor_reporting'] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

export const CONSENT_METHODS = ['signed_form', 'verbal_witnessed'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

export interface ConsentEvent {
	purpose: ConsentPurpose;
	action: 'given' | 'withdrawn';
	/** When she gave or withdrew it (as recorded). */
	on: Date;
	/** When it was recorded, to order events recorded for the same day. */
	recordedAt: Date;
}

export type ConsentState = Record<ConsentPurpose, { given: boolean; since: Date | null }>;

/** Her consent now, per purpose: the latest event decides; no event means not given. */
export function currentConsent(events: readonly ConsentEvent[]): ConsentState {
	const state = Object.fromEntries(
		CONSENT_PURPOSES.map((purpose) => [purpose, { given: false, since: null }])
	) as ConsentState;
	const ordered = [...events].sort(
		(a, b) => a.on.getTime() - b.on.getTime() || a.recordedAt.getTime() - b.recordedAt.getTime()
	);
	for (const event of ordered) {
		state[event.purpose] = { given: event.action === 'given', since: event.on };
	}
	return state;
}

/** The national ID shown in lists: its first two and last two characters only. */
export function maskNationalId(id: string | null | undefined): string | null {
	if (!id) return null;
	if (id.length <= 4) return '•'.repeat(id.length);
	return `${id.slice(0, 2)}${'•'.repeat(id.length - 4)}${id.slice(-2)}`;
}

/** Birth years a participant may have, given the current year. */
export function birthYearRange(currentYear: number): { min: number; max: number } {
	return { min: currentYear - 90, max: currentYear - 14 };
}
