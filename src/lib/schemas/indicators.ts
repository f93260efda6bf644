// The donor indicators page's form: the cohort's estimate of indirect beneficiaries. Error
// messages are message keys (lib/i18n, area indicators).
import { z } from 'zod';

/** The largest estimate accepted: the province has far fewer migrants than this. */
export const MAX_INDIRECT_BENEFICIARIES = 10_000_000;

/**
 * Written as digits only. A text field, not a number: form parsing would otherwise read an
 * empty field as 0 and "2.5" or "12abc" as a whole number, and save what she never typed.
 */
export const indirectBeneficiariesSchema = z.object({
	indirectBeneficiaries: z
		.string({ error: 'indicators.error.indirect' })
		.trim()
		.regex(/^\d{1,8}$/, 'indicators.error.indirect')
		.refine((digits) => Number(digits) <= MAX_INDIRECT_BENEFICIARIES, 'indicators.error.indirect')
});
export type IndirectBeneficiaries = z.infer<typeof indirectBeneficiariesSchema>;
