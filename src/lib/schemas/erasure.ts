// The erasure form (staff participant page): the basis, the reason (a category), and her code
// typed to confirm. Error messages are message keys (lib/i18n).
import { z } from 'zod';
import { ALL_ERASURE_REASONS, ERASURE_BASES, reasonFitsBasis } from '$lib/domain/retention';

export const erasureSchema = z
	.object({
		basis: z.enum(ERASURE_BASES, { error: 'erasure.error.basis' }),
		reason: z.enum(ALL_ERASURE_REASONS, { error: 'erasure.error.reason' }),
		confirmation: z
			.string({ error: 'erasure.error.confirmation' })
			.trim()
			.min(1, 'erasure.error.confirmation')
			.max(40, 'erasure.error.confirmation')
	})
	.superRefine((data, ctx) => {
		if (!reasonFitsBasis(data.basis, data.reason)) {
			ctx.addIssue({
				code: 'custom',
				path: ['reason'],
				message: 'erasure.error.reasonNotForBasis'
			});
		}
	});

export type ErasureFormInput = z.infer<typeof erasureSchema>;
