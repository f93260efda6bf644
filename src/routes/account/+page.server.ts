import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { translator } from '$lib/i18n';
import { changePasswordSchema } from '$lib/schemas/auth';
import { audit } from '$lib/server/audit';
import { requireUser } from '$lib/server/auth/guards';
import { plainForm } from '$lib/server/formBody';
import { deleteSessionCookie, invalidateUserSessions } from '$lib/server/auth/session';
import { AccountError, changePassword } from '$lib/server/services/accounts';
import type { Actions, PageServerLoad } from './$types';

// Any signed-in user: her own password and sessions.
export const load: PageServerLoad = async () => {
	requireUser();
	return { form: await superValidate(zod4(changePasswordSchema)) };
};

export const actions: Actions = {
	password: changePasswordAction,
	signOutEverywhere
};

async function changePasswordAction({ request, locals, getClientAddress }: RequestEvent) {
	const user = requireUser();
	const t = translator(locals.locale);
	const form = await superValidate(await plainForm(request), zod4(changePasswordSchema));
	const { current, password } = form.data;
	form.data = { current: '', password: '', confirm: '' };
	if (!form.valid) return fail(400, { form });
	try {
		await changePassword(user, current, password, locals.session?.id ?? '', getClientAddress());
	} catch (error) {
		if (error instanceof AccountError && error.code === 'wrongPassword') {
			return setError(form, 'current', t('account.wrongPassword'));
		}
		throw error;
	}
	return message(form, t('account.passwordChanged'));
}

async function signOutEverywhere({ cookies, url, getClientAddress }: RequestEvent) {
	const user = requireUser();
	await invalidateUserSessions(user.id);
	await audit({
		action: 'auth.signout_everywhere',
		actorId: user.id,
		entity: 'user',
		entityId: user.id,
		ip: getClientAddress()
	});
	deleteSessionCookie(cookies, url.protocol === 'https:');
	redirect(303, '/login');
}
