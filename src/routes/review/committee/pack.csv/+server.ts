import { translator } from '$lib/i18n';
import { formatDate } from '$lib/i18n/format';
import { requireRole } from '$lib/server/auth/guards';
import { committeePackCsv } from '$lib/server/committeeCsv';
import { reviewErrorAsHttp } from '$lib/server/reviewHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { meetingPack } from '$lib/server/services/committee';
import type { RequestHandler } from './$types';

// The meeting pack as CSV (chair and coordinators), headers in her language; pseudonymised,
// and audited by the service like every export.
export const GET: RequestHandler = async ({ locals, getClientAddress }) => {
	const user = requireRole('reviewer', 'coordinator');
	const pack = await meetingPack(user, getClientAddress(), 'csv').catch(reviewErrorAsHttp);
	const cohort = await currentCohort();
	const csv = committeePackCsv(pack, {
		t: translator(locals.locale),
		locale: locals.locale,
		soums: cohort?.soums ?? []
	});
	// The meeting's day in Ulaanbaatar, as 2026-05-04.
	const day = formatDate(new Date(), 'mn').replace(/\./g, '-');
	const cohortCode = (cohort?.code ?? 'cohort').replace(/[^A-Za-z0-9_-]/g, '');
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="committee-pack-${cohortCode}-${day}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
