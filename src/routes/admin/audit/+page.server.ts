import { AUDIT_FILTER_FIELDS, activeFilters, parseAuditFilters } from '$lib/schemas/auditLog';
import { AUDIT_ENTITIES, audit, auditActionAreas, listAudit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, getClientAddress }) => {
	const user = requireRole('admin');
	// What she typed, as she typed it, to fill the form again (also when it is refused).
	const values = Object.fromEntries(
		AUDIT_FILTER_FIELDS.map((field) => [field, url.searchParams.get(field)?.trim() ?? ''])
	) as Record<(typeof AUDIT_FILTER_FIELDS)[number], string>;
	const choices = { areas: auditActionAreas(), entities: [...AUDIT_ENTITIES] };
	const parsed = parseAuditFilters(url.searchParams);
	if (!parsed.ok) {
		return {
			...choices,
			values,
			errors: parsed.errors,
			rows: [],
			total: 0,
			page: 1,
			pageSize: 50,
			exportQuery: ''
		};
	}
	const ip = getClientAddress();
	const result = await listAudit(parsed.filters, { viewer: user, ip });
	// Reading the audit log is itself a sensitive read.
	await audit({
		action: 'audit.viewed',
		actorId: user.id,
		actorRole: 'admin',
		ip,
		details: { page: result.page, filters: activeFilters(parsed.filters) }
	});
	const exportQuery = new URLSearchParams(activeFilters(parsed.filters)).toString();
	// Protected participants appear by their code to an admin without viewProtected.
	const masked = !user.permissions.includes('viewProtected');
	return { ...choices, values, errors: {}, ...result, exportQuery, masked };
};
