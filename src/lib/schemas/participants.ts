import { z } from 'zod';
import {
	CONSENT_METHODS,
	CONSENT_PURPOSES,
	EDUCATION_LEVELS,
	REFERRAL_SOURCES,
	STAGES,
	birthYearRange
} from '$lib/domain/participant';
import { phoneField } from './fields';

const thisYear = () => new Date().getUTCFullYear();
const optionalText = (max: number) => z.string().trim().max(max, 'error.tooLong').default('');
const optionalInt = (min: number, max: number, message: string) =>
	z.number({ error: message }).int(message).min(min, message).max(max, message).optional();

/** Her profile fields, as staff register or edit them. */
const profileFields = {
	name: z.string().trim().min(2, 'error.nameShort').max(120, 'error.tooLong'),
	phone: phoneField,
	soum: z.string().regex(/^[a-z-]{2,40}$/, 'error.required'),
	bag: optionalText(80),
	originPlace: optionalText(120),
	arrivalYear: optionalInt(1960, 2100, 'participants.error.arrivalYear'),
	birthYear: optionalInt(1900, 2100, 'participants.error.birthYear'),
	householdSize: optionalInt(1, 30, 'participants.error.householdSize'),
	children: optionalInt(0, 20, 'participants.error.children'),
	education: z.enum(EDUCATION_LEVELS).optional(),
	currentWork: optionalText(200),
	referralSource: z.enum(REFERRAL_SOURCES, { error: 'participants.error.referral' }),
	notes: optionalText(4000),
	nationalId: z
		.string()
		.trim()
		.toUpperCase()
		.max(20, 'error.tooLong')
		.regex(/^[А-ЯӨҮЁA-Z0-9]*$/u, 'participants.error.nationalId')
		.default('')
};

type ProfileShape = z.infer<z.ZodObject<typeof profileFields>>;

/** Rules across fields: plausible years, children fewer than the household. */
function profileRules(data: ProfileShape, ctx: z.RefinementCtx<unknown>) {
	const year = thisYear();
	const { min, max } = birthYearRange(year);
	const issue = (path: keyof ProfileShape, message: string) =>
		ctx.addIssue({ code: 'custom', path: [path], message });
	if (data.birthYear !== undefined && (data.birthYear < min || data.birthYear > max)) {
		issue('birthYear', 'participants.error.birthYear');
	}
	if (data.arrivalYear !== undefined && data.arrivalYear > year) {
		issue('arrivalYear', 'participants.error.arrivalYear');
	}
	if (
		data.arrivalYear !== undefined &&
		data.birthYear !== undefined &&
		data.arrivalYear < data.birthYear
	) {
		issue('arrivalYear', 'participants.error.arrivalBeforeBirth');
	}
	if (
		data.children !== undefined &&
		data.householdSize !== undefined &&
		data.children >= data.householdSize
	) {
		issue('children', 'participants.error.childrenHousehold');
	}
}

export const participantProfileSchema = z.object(profileFields).superRefine(profileRules);

export type ParticipantProfileInput = z.infer<typeof participantProfileSchema>;

const consentDate = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/, 'participants.error.consentDate')
	.refine((value) => {
		const date = new Date(`${value}T00:00:00Z`);
		return !Number.isNaN(date.getTime()) && date.getTime() <= Date.now() + 24 * 60 * 60 * 1000;
	}, 'participants.error.consentDate');

/** A consent given or withdrawn, as recorded by staff. */
export const consentSchema = z
	.object({
		purpose: z.enum(CONSENT_PURPOSES),
		action: z.enum(['given', 'withdrawn']),
		on: consentDate,
		method: z.enum(CONSENT_METHODS, { error: 'participants.error.consentMethod' }),
		witness: z.string().trim().max(120, 'error.tooLong').default('')
	})
	.refine((data) => data.method !== 'verbal_witnessed' || data.witness.length >= 2, {
		message: 'participants.error.witness',
		path: ['witness']
	});

/** Registration: her profile and the consents she gives at the start, in one flat form. */
export const registerParticipantSchema = z
	.object({
		...profileFields,
		consents: z.array(z.enum(CONSENT_PURPOSES)).max(CONSENT_PURPOSES.length).default([]),
		consentOn: consentDate,
		consentMethod: z.enum(CONSENT_METHODS, { error: 'participants.error.consentMethod' }),
		consentWitness: z.string().trim().max(120, 'error.tooLong').default('')
	})
	.superRefine((data, ctx) => {
		profileRules(data, ctx);
		if (!data.consents.includes('participation')) {
			ctx.addIssue({
				code: 'custom',
				path: ['consents'],
				message: 'participants.error.participationConsent'
			});
		}
		if (data.consentMethod === 'verbal_witnessed' && data.consentWitness.length < 2) {
			ctx.addIssue({
				code: 'custom',
				path: ['consentWitness'],
				message: 'participants.error.witness'
			});
		}
	});
export type RegisterParticipantInput = z.infer<typeof registerParticipantSchema>;

export const participantFiltersSchema = z.object({
	q: z.string().trim().max(100).optional(),
	soum: z
		.string()
		.regex(/^[a-z-]{2,40}$/)
		.optional(),
	stage: z.enum(STAGES).optional(),
	cohort: z
		.string()
		.regex(/^[0-9a-f]{24}$/)
		.optional(),
	page: z.coerce.number().int().min(1).max(10_000).default(1)
});
export type ParticipantFilters = z.infer<typeof participantFiltersSchema>;
