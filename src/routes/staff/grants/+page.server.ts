import { fail, type RequestEvent } from '@sveltejs/kit';
import { GRANT_STATES, type GrantState } from '$lib/domain/grants';
import type { MessageKey } from '$lib/i18n';
import { rulesFromForm } from '$lib/schemas/grants';
import { requireRole } from '$lib/server/auth/guards';
import { formBody } from '$lib/server/formBody';
import { grantErrorAsHttp, grantRefusal } from '$lib/server/grantHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { grantList } from '$lib/server/services/grantViews';
import { updateCohortRules } from '$lib/server/services/grants';
import { scheduleFields, typedValues } from './grantForms';
import type { Actions, PageServerLoad } from './$types';

// The cohort's grants by state, with the money and the overdue items; `?state=` narrows the
// list (a plain GET form, so it works without JavaScript). Coordinators only.
export const load: PageServerLoad = async ({ url, getClientAddress }) => {
	const user = requireRole('coordinator');
	const [list, cohort] = await Promise.all([
		grantList(user, getClientAddress()).catch(grantErrorAsHttp),
		currentCohort()
	]);
	const asked = url.searchParams.get('state');
	const state = GRANT_STATES.find((s) => s === asked) ?? null;
	return {
		cohortName: list.cohort.name,
		money: list.money,
		rules: list.rules,
		counts: list.counts,
		overdue: list.overdue,
		total: list.rows.length,
		rows: state ? list.rows.filter((row) => row.state === state) : list.rows,
		state: state as GrantState | null,
		states: GRANT_STATES,
		soums: cohort?.soums ?? []
	};
};

export const actions: Actions = {
	rules: saveRules
};

/** The cohort's default tranche rules; unsigned grants not changed by hand follow them. */
async function saveRules({ request, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await formBody(request);
	const values = typedValues(form, scheduleFields('percent'));
	const rules = rulesFromForm(form);
	if (!rules) {
		return fail(400, {
			rules: { message: 'grants.error.schedule' as MessageKey, problems: [], values }
		});
	}
	try {
		const { applied } = await updateCohortRules(user, rules, getClientAddress());
		return { rulesApplied: applied };
	} catch (cause) {
		const { key, status, details } = grantRefusal(cause);
		return fail(status, { rules: { message: key, problems: details, values } });
	}
}
