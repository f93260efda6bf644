import { INDICATOR_KEYS, SOUM_STEPS } from '$lib/domain/reporting';
import { REFERRAL_SOURCES } from '$lib/domain/participant';
import { translator } from '$lib/i18n';
import { formatDate, soumLabel } from '$lib/i18n/format';
import { requireRole } from '$lib/server/auth/guards';
import { csvDocument, csvHeaders } from '$lib/server/csv';
import { donorIndicators } from '$lib/server/services/reporting';
import { listSoums } from '$lib/server/services/soums';
import { cohortParam, reportErrorAsHttp } from '$lib/server/reportHttp';
import type { RequestHandler } from './$types';

// The donor report of a cohort as CSV (UTF-8 with BOM): the indicators, the referral sources and
// the table by soum, "<5" where a cell is suppressed. Aggregates of consenting women only, so a
// few dozen rows: built whole. Coordinators only; producing it is audited (report.exported).
export const GET: RequestHandler = async ({ url, locals, getClientAddress }) => {
	const user = requireRole('coordinator');
	const { cohort, asOf, report } = await donorIndicators(
		user,
		cohortParam(url),
		getClientAddress(),
		'csv'
	).catch(reportErrorAsHttp);
	const t = translator(locals.locale);
	const soums = await listSoums(report.bySoum.map((row) => row.soum));
	const rows: unknown[][] = [
		[t('indicators.report.title')],
		[t('indicators.report.programme'), t('app.name')],
		[t('indicators.report.cohort'), `${cohort.name} (${cohort.code})`],
		[t('indicators.report.date'), formatDate(asOf, locals.locale)],
		[t('indicators.report.included'), report.included],
		[t('indicators.report.excluded'), report.excluded],
		[],
		[t('indicators.col.indicator'), t('indicators.col.value')],
		...INDICATOR_KEYS.map((key) => [t(`indicators.key.${key}`), report.values[key]]),
		[],
		[t('indicators.referral.title'), t('indicators.col.value')],
		...REFERRAL_SOURCES.map((source) => [
			t(`participants.referral.${source}`),
			report.referralSources[source] ?? 0
		]),
		[],
		[t('indicators.col.soum'), ...SOUM_STEPS.map((step) => t(`indicators.step.${step}`))],
		...report.bySoum.map((row) => [
			soumLabel(soums, row.soum, locals.locale),
			...SOUM_STEPS.map((step) => row.counts[step])
		]),
		[],
		[t('indicators.report.suppression')],
		[t('indicators.report.consent', { excluded: report.excluded })]
	];
	return new Response(csvDocument(rows), { headers: csvHeaders('donor-indicators') });
};
