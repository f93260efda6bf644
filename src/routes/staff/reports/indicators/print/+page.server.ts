import { requireRole } from '$lib/server/auth/guards';
import { donorIndicators } from '$lib/server/services/reporting';
import { listSoums } from '$lib/server/services/soums';
import { cohortParam, reportErrorAsHttp } from '$lib/server/reportHttp';
import type { PageServerLoad } from './$types';

// The donor report on A4 paper: the suppressed, consent-filtered figures only (never the
// programme's exact ones). Coordinators; every opening is audited (report.exported, 'print').
export const load: PageServerLoad = async ({ url, getClientAddress }) => {
	const user = requireRole('coordinator');
	const { cohort, asOf, report } = await donorIndicators(
		user,
		cohortParam(url),
		getClientAddress(),
		'print'
	).catch(reportErrorAsHttp);
	const soums = await listSoums(report.bySoum.map((row) => row.soum));
	return { cohort, asOf, report, soums };
};
