import { json } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import { programmeIndicators } from '$lib/server/services/reporting';
import { NO_STORE, cohortParam, reportErrorAsJson } from '$lib/server/reportHttp';
import type { RequestHandler } from './$types';

// The programme's indicators of a cohort (`?cohort=<id>`, the current one when omitted) as JSON:
// the keys at the top level (numbers; referralSources an object of counts), with the
// cohort and the moment they were counted. Coordinators only; a cohort that does not exist is a
// 404 with `{ message }`.
export const GET: RequestHandler = async ({ url, locals }) => {
	const user = requireRole('coordinator');
	try {
		const { cohort, asOf, indicators } = await programmeIndicators(user, cohortParam(url));
		return json({ ...indicators, cohort, asOf }, { headers: NO_STORE });
	} catch (cause) {
		return reportErrorAsJson(cause, locals.locale);
	}
};
