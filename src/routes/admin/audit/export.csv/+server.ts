import { isMessageKey, translator } from '$lib/i18n';
import { activeFilters, parseAuditFilters } from '$lib/schemas/auditLog';
import { audit, auditRows } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/guards';
import { csvHeaders, csvStream } from '$lib/server/csv';
import type { RequestHandler } from './$types';

// Admin: the filtered audit log as CSV (UTF-8 with BOM), streamed from the database a batch
// at a time. The export itself is audited first, with its filters (never the rows).
export const GET: RequestHandler = async ({ url, locals, getClientAddress }) => {
	const user = requireRole('admin');
	const t = translator(locals.locale);
	const parsed = parseAuditFilters(url.searchParams);
	if (!parsed.ok) {
		const messages = Object.values(parsed.errors).map((key) => (isMessageKey(key) ? t(key) : key));
		return new Response(`${t('auditLog.invalid')}\n${messages.join('\n')}\n`, {
			status: 400,
			headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
		});
	}
	await audit({
		action: 'audit.exported',
		actorId: user.id,
		actorRole: 'admin',
		ip: getClientAddress(),
		details: { filters: activeFilters(parsed.filters) }
	});
	const rows = auditRows(parsed.filters, {
		viewer: user,
		header: {
			at: t('auditLog.csv.at'),
			action: t('audit.action'),
			actorName: t('audit.who'),
			actorPhone: t('field.phone'),
			actorRole: t('field.role'),
			entity: t('auditLog.entity'),
			entityId: t('auditLog.entityId'),
			onBehalfOf: t('auditLog.csv.onBehalfOf'),
			ip: t('auditLog.csv.ip'),
			details: t('audit.details')
		}
	});
	return new Response(csvStream(rows), { headers: csvHeaders('audit-log') });
};
