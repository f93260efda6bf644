import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { translator } from '$lib/i18n';
import { registerParticipantSchema } from '$lib/schemas/participants';
import { requireRole } from '$lib/server/auth/guards';
import { plainForm } from '$lib/server/formBody';
import { currentCohort } from '$lib/server/services/cohorts';
import { ParticipantError, registerParticipant } from '$lib/server/services/participants';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	requireRole('coordinator');
	const cohort = await currentCohort();
	const today = new Date().toISOString().slice(0, 10);
	return {
		cohort: cohort ? { name: cohort.name } : null,
		soums: cohort?.soums ?? [],
		form: await superValidate(
			{ consentOn: today, consentMethod: 'signed_form', consents: ['participation'] },
			zod4(registerParticipantSchema),
			{ errors: false }
		)
	};
};

export const actions: Actions = { default: register };

async function register({ request, locals, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const t = translator(locals.locale);
	const form = await superValidate(await plainForm(request), zod4(registerParticipantSchema));
	if (!form.valid) return fail(400, { form });
	try {
		const result = await registerParticipant(user, form.data, getClientAddress());
		return message(form, {
			kind: 'registered' as const,
			id: result.id,
			code: result.code,
			name: form.data.name,
			phone: form.data.phone,
			setupCode: result.setupCode
		});
	} catch (error) {
		if (!(error instanceof ParticipantError)) throw error;
		if (error.code === 'phoneTaken') return setError(form, 'phone', t('accounts.phoneTaken'));
		if (error.code === 'soumNotInCohort') {
			return setError(form, 'soum', t('participants.error.soumNotInCohort'));
		}
		return message(form, t('participants.error.noCohort'), { status: 409 });
	}
}
