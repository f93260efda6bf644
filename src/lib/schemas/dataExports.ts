// The coordinators' exports (/staff/exports): the query of a pseudonymised download and the
// form of an identifying one. Blank fields are no filter. Error messages are message keys
// (lib/i18n, area dataExports).
import { z } from 'zod';
import { STAGES } from '$lib/domain/participant';

/** A cohort's id; the service answers "no such cohort" for one that is malformed or unknown. */
const cohortField = z.string().max(100, 'dataExports.error.noCohort');

/** GET /staff/exports/<kind>: the cohort, and for participants her soum and stage. */
export const exportQuerySchema = z.object({
	cohort: cohortField.optional(),
	soum: z
		.string()
		.regex(/^[a-z-]{2,40}$/, 'dataExports.error.filter')
		.optional(),
	stage: z.enum(STAGES, { error: 'dataExports.error.filter' }).optional()
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** POST /staff/exports/<kind>: why she needs names and phones, in her own words. */
export const identifyingExportSchema = z.object({
	reason: z
		.string({ error: 'dataExports.error.reason' })
		.trim()
		.min(10, 'dataExports.error.reason')
		.max(500, 'dataExports.error.reason'),
	cohort: cohortField.optional()
});
export type IdentifyingExport = z.infer<typeof identifyingExportSchema>;

/** Entries with a non-blank text value, trimmed: what the schemas above read. */
export function filledFields(entries: Iterable<[string, FormDataEntryValue]>) {
	const fields: Record<string, string> = {};
	for (const [key, value] of entries) {
		if (typeof value === 'string' && value.trim() && !(key in fields)) fields[key] = value.trim();
	}
	return fields;
}
