// The training forms: courses, sessions, officials, enrolment and attendance. Error messages
// are message keys (lib/i18n/*/training.ts).
import { z } from 'zod';
import { COURSE_KINDS, DEFAULT_COMPLETION_THRESHOLD_PCT, parseDay } from '$lib/domain/training';
import { phoneField } from './fields';

export const objectIdField = z.string().regex(/^[0-9a-f]{24}$/, 'training.error.unknownTrainee');

const text = (min: number, max: number) =>
	z.string().trim().min(min, 'error.required').max(max, 'error.tooLong');

export const newCourseSchema = z.object({
	title: text(3, 160),
	kind: z.enum(COURSE_KINDS, { error: 'training.error.kind' }),
	capacity: z
		.number({ error: 'training.error.capacity' })
		.int('training.error.capacity')
		.min(1, 'training.error.capacity')
		.max(1000, 'training.error.capacity')
		.default(25),
	completionThresholdPct: z
		.number({ error: 'training.error.threshold' })
		.int('training.error.threshold')
		.min(1, 'training.error.threshold')
		.max(100, 'training.error.threshold')
		.default(DEFAULT_COMPLETION_THRESHOLD_PCT),
	description: z.string().trim().max(2000, 'error.tooLong').default('')
});
export type NewCourse = z.infer<typeof newCourseSchema>;

export const newSessionSchema = z.object({
	date: z.string().refine((value) => {
		const year = parseDay(value)?.getUTCFullYear();
		return year !== undefined && year >= 2000 && year <= 2100;
	}, 'training.error.date'),
	soum: z.string().regex(/^[a-z-]{2,40}$/, 'training.error.soum'),
	venue: text(2, 200),
	trainer: text(2, 120)
});
export type NewSession = z.infer<typeof newSessionSchema>;

export const newOfficialSchema = z.object({
	name: z.string().trim().min(2, 'error.nameShort').max(120, 'error.tooLong'),
	organisation: text(2, 160),
	position: text(2, 120),
	phone: z.union([z.literal(''), phoneField]).default('')
});
export type NewOfficial = z.infer<typeof newOfficialSchema>;

export const enrolParticipantSchema = z.object({ participantId: objectIdField });
export const enrolmentActionSchema = z.object({ enrolmentId: objectIdField });
export const trainerSchema = z.object({
	enrolmentId: objectIdField,
	becameTrainer: z.enum(['true', 'false']).transform((value) => value === 'true')
});

/**
 * One attendance sheet: `shown` lists every enrolment the screen showed, `present` those
 * ticked. Shown but not ticked is absent; not shown is left as it was.
 */
export const attendanceSchema = z.object({
	shown: z.array(objectIdField).max(1000),
	present: z.array(objectIdField).max(1000)
});
export type AttendanceSheet = z.infer<typeof attendanceSchema>;

export const candidateSearchSchema = z.object({ q: z.string().trim().max(100).default('') });
