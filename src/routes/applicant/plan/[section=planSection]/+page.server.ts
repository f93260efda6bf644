import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import {
	MAX_LINE_ITEMS,
	PLAN_SECTIONS,
	isPlanSection,
	sectionProgress,
	type PlanSection
} from '$lib/domain/businessPlan';
import { requireRole } from '$lib/server/auth/guards';
import { formBody } from '$lib/server/formBody';
import { ownPlanId } from '$lib/server/services/ownPlan';
import { PlanError, planDetail, saveSection } from '$lib/server/services/plans';
import type { Actions, PageServerLoad } from './$types';

/** Empty start-up lines offered below her lines, and added by "Add rows". */
const EMPTY_ROWS = 3;

// One step of her plan. Every button saves the step first (nothing typed is lost, bad values
// included), then goes where she asked; with JavaScript the page also autosaves.
export const load: PageServerLoad = async ({ params, url, getClientAddress }) => {
	const user = requireRole('applicant');
	const planId = await ownPlanId(user);
	if (!planId) redirect(303, '/applicant/plan');
	const plan = await planDetail(user, planId, getClientAddress());
	const section = params.section as PlanSection;
	const lines = plan.content.startup.items.length;
	const asked = Number(url.searchParams.get('rows')) || 0;
	return {
		section,
		step: PLAN_SECTIONS.indexOf(section) + 1,
		frozen: plan.state === 'submitted',
		state: plan.state,
		content: plan.content,
		errors: plan.errors[section] ?? {},
		rejected: plan.rejected[section] ?? {},
		savedAt: plan.savedAt,
		startup: plan.startup,
		cashFlow: plan.cashFlow,
		grantCapMnt: plan.grantCapMnt,
		progress: sectionProgress(plan.content, plan.grantCapMnt),
		comments: plan.comments.filter((c) => c.section === section),
		rows: Math.min(MAX_LINE_ITEMS, Math.max(lines + EMPTY_ROWS, asked))
	};
};

export const actions: Actions = { save, autosave };

async function saveStep({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('applicant');
	const planId = await ownPlanId(user);
	if (!planId) redirect(303, '/applicant/plan');
	const form = await formBody(request);
	const section = params.section as PlanSection;
	try {
		const result = await saveSection(user, planId, section, form, getClientAddress());
		return { form, result };
	} catch (cause) {
		if (cause instanceof PlanError && cause.code === 'frozen') return { form, result: null };
		throw cause;
	}
}

/** Where each button goes once the step is saved. */
function target(section: PlanSection, form: FormData): string {
	const index = PLAN_SECTIONS.indexOf(section);
	const goto = form.get('goto');
	if (goto === 'overview') return '/applicant/plan';
	if (isPlanSection(goto)) return `/applicant/plan/${goto}`;
	switch (form.get('nav')) {
		case 'back':
			return index > 0 ? `/applicant/plan/${PLAN_SECTIONS[index - 1]}` : '/applicant/plan';
		case 'next':
			return index < PLAN_SECTIONS.length - 1
				? `/applicant/plan/${PLAN_SECTIONS[index + 1]}`
				: '/applicant/plan';
		case 'addRow':
			return `/applicant/plan/${section}?rows=${form.getAll('itemName').length + EMPTY_ROWS}#items`;
		default:
			return `/applicant/plan/${section}`;
	}
}

async function save(event: RequestEvent) {
	const { form, result } = await saveStep(event);
	if (!result) return fail(409, { frozen: true });
	redirect(303, target(event.params.section as PlanSection, form));
}

/** The same save, for the page's script: answers with the time instead of a redirect. */
async function autosave(event: RequestEvent) {
	const { result } = await saveStep(event);
	if (!result) return fail(409, { frozen: true });
	return { savedAt: new Date().toISOString(), errors: Object.keys(result.errors).length };
}
