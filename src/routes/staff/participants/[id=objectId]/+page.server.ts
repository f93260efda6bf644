import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { translator } from '$lib/i18n';
import { ERASURE_REASONS } from '$lib/domain/retention';
import { formatDate } from '$lib/i18n/format';
import { erasureSchema } from '$lib/schemas/erasure';
import { consentSchema, participantProfileSchema } from '$lib/schemas/participants';
import { requireRole } from '$lib/server/auth/guards';
import { formBody, plainForm } from '$lib/server/formBody';
import { currentCohort } from '$lib/server/services/cohorts';
import { ErasureError, eraseParticipant, erasureStatus } from '$lib/server/services/erasure';
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
	// An erased record is no longer edited: only her code is left.
	if (cause instanceof ParticipantError && cause.code === 'erased') {
		error(409, { message: 'erased', code: 'bad_request' });
	}
	if (cause instanceof ErasureError && cause.code === 'notFound') error(404, 'not_found');
	throw cause;
}

export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('coordinator');
	const record = await getParticipant(user, params.id, getClientAddress()).catch(notFound);
	const { identity, profile } = record;
	const today = new Date().toISOString().slice(0, 10);
	const editable = !identity.masked;
	const erasure = await erasureStatus(user, params.id).catch(notFound);
	const basis = erasure.retentionEnded ? 'retention' : 'request';
	return {
		record,
		editable,
		erasure,
		erasureForm: await superValidate(
			{ basis, reason: ERASURE_REASONS[basis][0], confirmation: '' },
			zod4(erasureSchema),
			{ id: 'erasure', errors: false }
		),
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
	protect: saveProtected,
	erase
};

async function saveProfile({ request, params, locals, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const t = translator(locals.locale);
	const form = await superValidate(await plainForm(request), zod4(participantProfileSchema), {
		id: 'profile'
	});
	if (!form.valid) return fail(400, { profileForm: form });
	try {
		await updateParticipant(user, params.id ?? '', form.data, getClientAddress());
	} catch (cause) {
		if (!(cause instanceof ParticipantError)) throw cause;
		if (cause.code === 'notFound' || cause.code === 'erased') notFound(cause);
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
	const form = await superValidate(await plainForm(request), zod4(consentSchema), {
		id: 'consent'
	});
	if (!form.valid) return fail(400, { consentForm: form });
	await recordConsent(user, params.id ?? '', form.data, getClientAddress()).catch(notFound);
	return message(form, t('participants.consentRecorded'));
}

async function saveProtected({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const body = await formBody(request);
	const value = body.get('protected');
	if (value !== 'true' && value !== 'false') return fail(400, { protectError: true });
	await setProtected(user, params.id ?? '', value === 'true', getClientAddress()).catch(notFound);
	return { protectSaved: true };
}

async function erase({ request, params, locals, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const t = translator(locals.locale);
	const form = await superValidate(await plainForm(request), zod4(erasureSchema), {
		id: 'erasure'
	});
	if (!form.valid) return fail(400, { erasureForm: form });
	const id = params.id ?? '';
	try {
		await eraseParticipant(user, id, form.data, getClientAddress());
	} catch (cause) {
		if (!(cause instanceof ErasureError)) throw cause;
		switch (cause.code) {
			case 'notFound':
				return notFound(cause);
			case 'confirmation':
				return setError(form, 'confirmation', t('erasure.error.confirmationMismatch'));
			case 'reasonNotForBasis':
				return setError(form, 'reason', t('erasure.error.reasonNotForBasis'));
			case 'notYetEligible': {
				const { retentionEndsAt } = await erasureStatus(user, id);
				const date = formatDate(retentionEndsAt, locals.locale);
				return setError(form, 'basis', t('erasure.error.notYetEligible', { date }));
			}
			case 'protectedNeedsPermission':
				return message(form, t('participants.error.protectedNeedsPermission'), { status: 403 });
			case 'forbidden':
				error(403, { message: 'forbidden', code: 'forbidden' });
		}
	}
	return message(form, t('erasure.done'));
}
