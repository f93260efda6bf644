// Filters of the audit log page and its CSV export (/admin/audit). Every field is optional; a
// blank field is no filter. Error messages are message keys (lib/i18n, area auditLog).
import { z } from 'zod';

/** A real calendar day written YYYY-MM-DD (no 2026-02-30). */
export function isCalendarDay(value: string): boolean {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
	if (!match) return false;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		year >= 2000 &&
		date.getUTCFullYear() === year &&
		date.getUTCMonth() === month - 1 &&
		date.getUTCDate() === day
	);
}

const day = z.string().refine(isCalendarDay, 'auditLog.error.day');

export const auditFiltersSchema = z
	.object({
		/** A phone's digits (3 or more) or part of a name, in Cyrillic or Latin letters. */
		person: z
			.string()
			.max(100, 'auditLog.error.person')
			.refine(
				(text) => (/\p{L}/u.test(text) ? text.length >= 2 : text.replace(/\D/g, '').length >= 3),
				'auditLog.error.person'
			)
			.optional(),
		/** An exact action (payment.paid), or an area (payment or payment.) for all its actions. */
		action: z
			.string()
			.regex(/^[a-z_]{1,40}(\.[a-z_]{0,60})?$/, 'auditLog.error.action')
			.optional(),
		/** The kind of record acted on: participant, grant, plan ... */
		entity: z
			.string()
			.regex(/^[A-Za-z_]{1,40}$/, 'auditLog.error.entity')
			.optional(),
		/** The record's id, exact. */
		entityId: z
			.string()
			.regex(/^[\w.:-]{1,100}$/, 'auditLog.error.entityId')
			.optional(),
		/** Ulaanbaatar days, both included. */
		from: day.optional(),
		to: day.optional(),
		page: z.coerce
			.number({ error: 'auditLog.error.page' })
			.int('auditLog.error.page')
			.min(1, 'auditLog.error.page')
			.max(100_000, 'auditLog.error.page')
			.default(1)
	})
	.refine((f) => !f.from || !f.to || f.from <= f.to, {
		path: ['to'],
		message: 'auditLog.error.range'
	});

export type AuditFilters = z.infer<typeof auditFiltersSchema>;
export const AUDIT_FILTER_FIELDS = [
	'person',
	'action',
	'entity',
	'entityId',
	'from',
	'to'
] as const;
export type AuditFilterField = (typeof AUDIT_FILTER_FIELDS)[number];

export type AuditFiltersResult =
	| { ok: true; filters: AuditFilters }
	| { ok: false; errors: Partial<Record<AuditFilterField | 'page', string>> };

/**
 * The filters of a query string. Blank fields are dropped and text is trimmed first, so an
 * empty form is no filter; each bad field gets its message key.
 */
export function parseAuditFilters(params: URLSearchParams): AuditFiltersResult {
	const raw: Record<string, string> = {};
	for (const key of [...AUDIT_FILTER_FIELDS, 'page']) {
		const value = params.get(key)?.trim();
		if (value) raw[key] = value;
	}
	const parsed = auditFiltersSchema.safeParse(raw);
	if (parsed.success) return { ok: true, filters: parsed.data };
	const errors: Partial<Record<AuditFilterField | 'page', string>> = {};
	for (const issue of parsed.error.issues) {
		const field = issue.path[0] as AuditFilterField | 'page';
		errors[field] ??= issue.message;
	}
	return { ok: false, errors };
}

/** The filters in use, without the page: what the audit entries of a view or export record. */
export function activeFilters(filters: AuditFilters): Partial<Record<AuditFilterField, string>> {
	const active: Partial<Record<AuditFilterField, string>> = {};
	for (const field of AUDIT_FILTER_FIELDS) {
		const value = filters[field];
		if (value) active[field] = value;
	}
	return active;
}
