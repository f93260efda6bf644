import { z } from 'zod';
import { audit, listAudit } from '$lib/server/audit';
import { requireRole } from '$lib/server/auth/guards';
import type { PageServerLoad } from './$types';

const querySchema = z.object({
	action: z
		.string()
		.regex(/^[a-z_.]{1,60}$/)
		.optional(),
	page: z.coerce.number().int().min(1).max(100_000).default(1)
});

export const load: PageServerLoad = async ({ url, getClientAddress }) => {
	const user = requireRole('admin');
	const parsed = querySchema.safeParse(Object.fromEntries(url.searchParams));
	const query = parsed.success ? parsed.data : { page: 1 };
	const result = await listAudit(query);
	// Reading the audit log is itself a sensitive read.
	await audit({
		action: 'audit.viewed',
		actorId: user.id,
		actorRole: 'admin',
		ip: getClientAddress(),
		details: { page: query.page, ...(query.action ? { filter: query.action } : {}) }
	});
	return { ...result, action: query.action ?? '' };
};
