import { fail, type RequestEvent } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n';
import { closeConcernSchema } from '$lib/schemas/mentoring';
import { requireRole } from '$lib/server/auth/guards';
import { mentoringErrorAsHttp, mentoringRefusal } from '$lib/server/mentoringHttp';
import { currentCohort } from '$lib/server/services/cohorts';
import { closeConcern, concernDetail } from '$lib/server/services/safeguarding';
import type { Actions, PageServerLoad } from './$types';

// One safeguarding concern with its confidential note (each reading audited, never its words),
// and closing it with what was done. Coordinators only.
export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('coordinator');
	const [concern, cohort] = await Promise.all([
		concernDetail(user, params.concernId, getClientAddress()).catch(mentoringErrorAsHttp),
		currentCohort()
	]);
	return { concern, soums: cohort?.soums ?? [] };
};

export const actions: Actions = {
	close: closeWithAction
};

async function closeWithAction({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await request.formData().catch(() => new FormData());
	const values = { actionTaken: String(form.get('actionTaken') ?? '') };
	const parsed = closeConcernSchema.safeParse(values);
	if (!parsed.success) {
		const message = (parsed.error.issues[0]?.message ?? 'error.required') as MessageKey;
		return fail(400, { close: { values, error: message, message: null } });
	}
	try {
		await closeConcern(user, params.concernId ?? '', parsed.data.actionTaken, getClientAddress());
	} catch (cause) {
		const refusal = mentoringRefusal(cause);
		return fail(refusal.status, { close: { values, error: null, message: refusal.key } });
	}
	return { closed: true };
}
