// The coordinators' and mentors' plan forms: the list's filters, returning a plan for revision,
// and a comment on one section. Error messages are message keys (lib/i18n/*/planReview.ts).
import { z } from 'zod';
import { PLAN_SECTIONS } from '$lib/domain/businessPlan';

export const PLAN_LIST_STATES = ['not_started', 'draft', 'submitted', 'returned'] as const;

export const planFiltersSchema = z.object({
	soum: z
		.string()
		.regex(/^[a-z-]{2,40}$/)
		.optional(),
	state: z.enum(PLAN_LIST_STATES).optional(),
	page: z.coerce.number().int().min(1).max(10_000).default(1)
});

export const RETURN_REASON_MIN = 5;
export const COMMENT_MAX = 2000;

export const returnPlanSchema = z.object({
	reason: z
		.string()
		.trim()
		.min(RETURN_REASON_MIN, 'planReview.error.reasonShort')
		.max(COMMENT_MAX, 'planReview.error.tooLong')
});

export const planCommentSchema = z.object({
	section: z.enum(PLAN_SECTIONS, { error: 'planReview.error.section' }),
	text: z
		.string()
		.trim()
		.min(1, 'planReview.error.commentEmpty')
		.max(COMMENT_MAX, 'planReview.error.tooLong')
});
