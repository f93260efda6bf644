import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { indirectBeneficiariesSchema } from '$lib/schemas/indicators';
import { requireRole } from '$lib/server/auth/guards';
import { plainForm } from '$lib/server/formBody';
import { listCohorts } from '$lib/server/services/cohorts';
import { indicatorComparison, setIndirectBeneficiaries } from '$lib/server/services/reporting';
import { listSoums } from '$lib/server/services/soums';
import { cohortParam, reportErrorAsHttp } from '$lib/server/reportHttp';
import type { Actions, PageServerLoad } from './$types';

// The donor indicators of a cohort (`?cohort=<id>`, the current one when omitted), side by
// side: the programme's exact figures and the donor report (consent-filtered, small cells
// suppressed; its viewing is audited). Coordinators set the indirect beneficiaries here.
export const load: PageServerLoad = async ({ url, getClientAddress }) => {
	const user = requireRole('coordinator');
	const cohortId = cohortParam(url);
	const [figures, cohorts] = await Promise.all([
		indicatorComparison(user, cohortId, getClientAddress()),
		listCohorts()
	]).catch(reportErrorAsHttp);
	const [soums, form] = await Promise.all([
		listSoums(figures.report.bySoum.map((row) => row.soum)),
		superValidate(
			{ indirectBeneficiaries: String(figures.indicators.indirectBeneficiaries) },
			zod4(indirectBeneficiariesSchema),
			{ errors: false }
		)
	]);
	return {
		cohort: figures.cohort,
		asOf: figures.asOf,
		recounting: figures.recounting,
		programme: figures.indicators,
		donor: figures.report,
		soums,
		cohorts,
		form
	};
};

export const actions: Actions = { indirect: indirectAction };

async function indirectAction({ request, url, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await superValidate(await plainForm(request), zod4(indirectBeneficiariesSchema));
	if (!form.valid) return fail(400, { form });
	await setIndirectBeneficiaries(
		user,
		cohortParam(url),
		Number(form.data.indirectBeneficiaries),
		getClientAddress()
	).catch(reportErrorAsHttp);
	return message(form, 'indicators.indirect.saved');
}
