import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { translator } from '$lib/i18n';
import { consentSchema, participantProfileSchema } from '$lib/schemas/participants';
import { requireRole } from '$lib/server/auth/guards';
import { currentCohort } from '$lib/server/services/cohorts';
import {
	ParticipantError,
	getParticipant,
	recordConsent,
	setProtected,
	updateParticipant
} from '$lib/server/services/participants';
import type { Actions, PageServerLoad } from './$types';

function notFound(cause: unknown): never {
	if (cause instanceof ParticipantError && cause.code === 'notFound') error(404, 'not_found');
	throw cause;
}

export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('coordinator');
	const record = await getParticipant(user, params.id, getClientAddress()).catch(notFound);
	const { identity, profile } = record;
	const today = new Date().toISOString().slice(0, 10);
	const editable = !identity.masked;
	return {
		record,
		editable,
		soums: (await currentCohort())?.soums ?? [],
		profileForm: await superValidate(
			editable
				? {
						...profile,
						name: identity.name ?? '',
						phone: identity.phone ?? '',
						bag: profile.bag ?? '',
						nationalId: profile.nationalId ?? ''
					}
				: {},
			zod4(participantProfileSchema),
			{ id: 'profile', errors: false }
		),
		consentForm: await superValidate(
			{ on: today, method: 'signed_form', action: 'given', purpose: 'participation' },
			zod4(consentSchema),
			{ id: 'consent', errors: false }
		)
	};
};

export const actions: Actions = {
	profile: saveProfile,
	consent: saveConsent,
	protect: saveProtected
};

async function saveProfile({ request, params, locals, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const t = translator(locals.locale);
	const form = await superValidate(request, zod4(participantProfileSchema), { id: 'profile' });
	if (!form.valid) return fail(400, { profileForm: form });
	try {
		await updateParticipant(user, params.id ?? '', form.data, getClientAddress());
	} catch (cause) {
		if (!(cause instanceof ParticipantError)) throw cause;
		if (cause.code === 'notFound') notFound(cause);
		if (cause.code === 'phoneTaken') return setError(form, 'phone', t('accounts.phoneTaken'));
		if (cause.code === 'soumNotInCohort') {
			return setError(form, 'soum', t('participants.error.soumNotInCohort'));
		}
		return message(form, t('participants.error.protectedNeedsPermission'), { status: 403 });
	}
	return message(form, t('participants.saved'));
}

async function saveConsent({ request, params, locals, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const t = translator(locals.locale);
	const form = await superValidate(request, zod4(consentSchema), { id: 'consent' });
	if (!form.valid) return fail(400, { consentForm: form });
	await recordConsent(user, params.id ?? '', form.data, getClientAddress()).catch(notFound);
	return message(form, t('participants.consentRecorded'));
}

async function saveProtected({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const body = await request.formData();
	const value = body.get('protected');
	if (value !== 'true' && value !== 'false') return fail(400, { protectError: true });
	await setProtected(user, params.id ?? '', value === 'true', getClientAddress()).catch(notFound);
	return { protectSaved: true };
}
