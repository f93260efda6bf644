import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { landingPath, type Role } from '$lib/domain/roles';
import { translator } from '$lib/i18n';
import { minutesUntil } from '$lib/i18n/format';
import { safeRedirectTarget } from '$lib/domain/redirect';
import { beginSession } from '$lib/server/auth/session';
import { plainForm } from '$lib/server/formBody';
import { signIn } from '$lib/server/services/signIn';
import { signInSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

function destination(url: URL, roles: Role[]): string {
	const back = safeRedirectTarget(url.searchParams.get('redirectTo'));
	return back === '/' ? landingPath(roles) : back;
}

// Public: anyone may sign in; a signed-in user is sent on.
export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) redirect(303, destination(url, locals.user.roles));
	return { form: await superValidate(zod4(signInSchema)) };
};

export const actions: Actions = { default: signInAction };

async function signInAction({ request, locals, cookies, url, getClientAddress }: RequestEvent) {
	const t = translator(locals.locale);
	const form = await superValidate(await plainForm(request), zod4(signInSchema));
	const password = form.data.password;
	form.data.password = ''; // never echo a password back into the page
	if (!form.valid) return fail(400, { form });

	const ip = getClientAddress();
	const result = await signIn(form.data.phone, password, ip);
	if (!result.ok) {
		if (result.reason === 'throttled') {
			const minutes = minutesUntil(result.waitMs);
			return message(form, t('signIn.throttled', { minutes }), { status: 429 });
		}
		if (result.reason === 'disabled') return message(form, t('signIn.disabled'), { status: 403 });
		return setError(form, 'password', t('signIn.invalid'));
	}

	await beginSession(cookies, result.user.id, {
		ip,
		secure: url.protocol === 'https:',
		previousSessionId: locals.session?.id
	});
	redirect(303, destination(url, result.user.roles));
}
