import { fail, type RequestEvent } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n';
import { fieldErrors, mentoringRuleSchema } from '$lib/schemas/mentoring';
import { requireRole } from '$lib/server/auth/guards';
import { mentoringErrorAsHttp, mentoringRefusal } from '$lib/server/mentoringHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { updateMentoringRule } from '$lib/server/services/mentoring';
import { assignmentBoard } from '$lib/server/services/mentoringViews';
import { assignAction } from './assignAction';
import type { Actions, PageServerLoad } from './$types';

// The coordinators' mentoring board: every grant of the cohort with her mentor (assign or
// reassign one of her soum's), her visit schedule and last business status; `?show=` narrows
// it to those without a mentor or with overdue visits (links, so it works without JavaScript);
// and the cohort's check-in rule. Coordinators only.
const SHOWS = ['all', 'unassigned', 'overdue'] as const;
type Show = (typeof SHOWS)[number];

export const load: PageServerLoad = async ({ url, getClientAddress }) => {
	const user = requireRole('coordinator');
	const [board, cohort] = await Promise.all([
		assignmentBoard(user, getClientAddress()).catch(mentoringErrorAsHttp),
		currentCohort()
	]);
	const show: Show = SHOWS.find((s) => s === url.searchParams.get('show')) ?? 'all';
	const rows = board.rows
		.filter((row) =>
			show === 'unassigned'
				? !row.mentorId
				: show === 'overdue'
					? (row.summary?.overdue ?? 0) > 0
					: true
		)
		.map((row) => ({
			...row,
			// The mentors who may follow her: those working in her soum.
			candidates: board.mentors
				.filter((mentor) => mentor.soums.includes(row.soum))
				.map(({ id, name }) => ({ id, name }))
		}));
	return {
		cohortName: cohort?.name ?? '',
		rule: board.rule,
		totals: board.totals,
		rows,
		show,
		soums: cohort?.soums ?? []
	};
};

export const actions: Actions = {
	rule: saveRule,
	assign: async ({ request, getClientAddress }) =>
		assignAction(requireRole('coordinator'), request, getClientAddress())
};

/** The cohort's check-in rule, for the schedules made from now on. */
async function saveRule({ request, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await request.formData().catch(() => new FormData());
	const values = {
		intervalMonths: String(form.get('intervalMonths') ?? ''),
		visits: String(form.get('visits') ?? '')
	};
	const parsed = mentoringRuleSchema.safeParse(values);
	if (!parsed.success) {
		const errors = fieldErrors<'intervalMonths' | 'visits' | 'form'>(parsed.error.issues);
		return fail(400, {
			rule: { errors, values, message: 'mentoringStaff.rule.invalid' as MessageKey }
		});
	}
	try {
		await updateMentoringRule(user, parsed.data, getClientAddress());
	} catch (cause) {
		const refusal = mentoringRefusal(cause);
		return fail(refusal.status, { rule: { errors: {}, values, message: refusal.key } });
	}
	return { ruleSaved: true };
}
