// The committee's forms: conflict declaration, score sheet, rubric, assignment, need score
// and decision. Error messages are message keys (lib/i18n/*/review.ts). The score sheet and
// the rubric have one field per criterion, so their schemas are built for the rubric in use.
import { z } from 'zod';
import { OUTCOMES, REASON_MAX } from '$lib/domain/awards';
import { CONFLICT_KINDS } from '$lib/domain/reviewAssignment';
import {
	COMMENT_MAX,
	LABEL_MAX,
	LEVEL_MAX,
	MAX_CRITERIA,
	SCORERS,
	SCORE_MAX,
	SCORE_MIN,
	type Criterion
} from '$lib/domain/rubric';

export const objectIdField = z.string().regex(/^[0-9a-f]{24}$/, 'review.error.unknown');

export const conflictSchema = z
	.object({
		conflict: z.enum(['no', 'yes'], { error: 'review.error.conflictAnswer' }),
		kind: z.enum(CONFLICT_KINDS, { error: 'review.error.conflictKind' }).optional(),
		note: z.string().trim().max(500, 'error.tooLong').default('')
	})
	.refine((value) => value.conflict === 'no' || value.kind !== undefined, {
		message: 'review.error.conflictKind',
		path: ['kind']
	});
export type ConflictForm = z.infer<typeof conflictSchema>;

const scoreField = z
	.number({ error: 'review.error.score' })
	.int('review.error.score')
	.min(SCORE_MIN, 'review.error.score')
	.max(SCORE_MAX, 'review.error.score')
	.optional();
const commentField = z.string().trim().max(COMMENT_MAX, 'error.tooLong').default('');

/** Field names of a criterion on the score sheet. */
export const scoreFieldName = (key: string) => `score_${key}`;
export const commentFieldName = (key: string) => `comment_${key}`;

/**
 * The score sheet for these criteria: `score_<key>` (1–5, may be left empty in a draft) and
 * `comment_<key>` per criterion. Which button was pressed is the action, not a field.
 */
export function scoreSheetSchema(criteria: readonly Pick<Criterion, 'key'>[]) {
	const shape: Record<string, typeof scoreField | typeof commentField> = {};
	for (const c of criteria) {
		shape[scoreFieldName(c.key)] = scoreField;
		shape[commentFieldName(c.key)] = commentField;
	}
	return z.object(shape);
}

/** Items for the services from a validated score sheet. */
export function scoreItems(
	criteria: readonly Pick<Criterion, 'key'>[],
	data: Record<string, unknown>
): { criterion: string; score: number | null; comment: string }[] {
	return criteria.map((c) => ({
		criterion: c.key,
		score:
			typeof data[scoreFieldName(c.key)] === 'number'
				? (data[scoreFieldName(c.key)] as number)
				: null,
		comment:
			typeof data[commentFieldName(c.key)] === 'string'
				? (data[commentFieldName(c.key)] as string)
				: ''
	}));
}

const label = z.string().trim().min(1, 'error.required').max(LABEL_MAX, 'error.tooLong');
const level = z.string().trim().min(1, 'error.required').max(LEVEL_MAX, 'error.tooLong');

/**
 * The rubric form for `count` criteria: per criterion i, `key_i`, `labelMn_i`, `labelEn_i`,
 * `weight_i`, `scoredBy_i` and `levelMn_i_n` / `levelEn_i_n` for n = 1..5. The weights must
 * add up to 100 (checked with the other rubric rules by the service).
 */
export function rubricFormSchema(count: number) {
	const shape: Record<string, z.ZodType> = {};
	for (let i = 0; i < Math.min(count, MAX_CRITERIA); i++) {
		shape[`key_${i}`] = z.string().regex(/^[a-z][a-zA-Z0-9]{0,30}$/, 'review.error.criterionKey');
		shape[`labelMn_${i}`] = label;
		shape[`labelEn_${i}`] = label;
		shape[`weight_${i}`] = z
			.number({ error: 'review.error.weight' })
			.int('review.error.weight')
			.min(1, 'review.error.weight')
			.max(100, 'review.error.weight');
		shape[`scoredBy_${i}`] = z.enum(SCORERS, { error: 'review.error.scoredBy' });
		for (let n = 1; n <= SCORE_MAX; n++) {
			shape[`levelMn_${i}_${n}`] = level;
			shape[`levelEn_${i}_${n}`] = level;
		}
	}
	return z.object(shape);
}

/** The form's values for a rubric, and the rubric back from validated values. */
export function rubricToForm(criteria: readonly Criterion[]): Record<string, string | number> {
	const values: Record<string, string | number> = {};
	criteria.forEach((c, i) => {
		values[`key_${i}`] = c.key;
		values[`labelMn_${i}`] = c.label.mn;
		values[`labelEn_${i}`] = c.label.en;
		values[`weight_${i}`] = c.weight;
		values[`scoredBy_${i}`] = c.scoredBy;
		c.levels.forEach((l, n) => {
			values[`levelMn_${i}_${n + 1}`] = l.mn;
			values[`levelEn_${i}_${n + 1}`] = l.en;
		});
	});
	return values;
}

export function rubricFromForm(count: number, data: Record<string, unknown>): Criterion[] {
	const s = (name: string) => String(data[name] ?? '');
	return Array.from({ length: Math.min(count, MAX_CRITERIA) }, (_, i) => ({
		key: s(`key_${i}`),
		label: { mn: s(`labelMn_${i}`), en: s(`labelEn_${i}`) },
		weight: Number(data[`weight_${i}`]),
		scoredBy: s(`scoredBy_${i}`) as Criterion['scoredBy'],
		levels: Array.from({ length: SCORE_MAX }, (_, n) => ({
			mn: s(`levelMn_${i}_${n + 1}`),
			en: s(`levelEn_${i}_${n + 1}`)
		}))
	}));
}

export const reviewerSchema = z.object({ reviewerId: objectIdField });

export const needSchema = z.object({
	score: z
		.number({ error: 'review.error.score' })
		.int('review.error.score')
		.min(SCORE_MIN, 'review.error.score')
		.max(SCORE_MAX, 'review.error.score'),
	comment: z.string().trim().max(1000, 'error.tooLong').default('')
});

export const decisionSchema = z.object({
	outcome: z.enum(OUTCOMES, { error: 'review.error.outcome' }),
	amountMnt: z
		.number({ error: 'review.error.amount' })
		.int('review.error.amount')
		.min(0, 'review.error.amount')
		.max(1_000_000_000, 'review.error.amount')
		.optional(),
	reason: z.string().trim().min(1, 'review.error.reasonRequired').max(REASON_MAX, 'error.tooLong'),
	applicantMessage: z.string().trim().max(REASON_MAX, 'error.tooLong').default('')
});
export type DecisionForm = z.infer<typeof decisionSchema>;
