import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { landingPath } from '$lib/domain/roles';
import { translator } from '$lib/i18n';
import { minutesUntil } from '$lib/i18n/format';
import { beginSession } from '$lib/server/auth/session';
import { plainForm } from '$lib/server/formBody';
import { AccountError, redeemSetupCode } from '$lib/server/services/accounts';
import { setupSchema } from '$lib/schemas/auth';
import type { Actions, PageServerLoad } from './$types';

// Public: a new user sets her password with the one-time code staff gave her.
export const load: PageServerLoad = async ({ url }) => {
	const phone = url.searchParams.get('phone') ?? '';
	return { form: await superValidate({ phone }, zod4(setupSchema), { errors: false }) };
};

export const actions: Actions = { default: setUpAccount };

async function setUpAccount({ request, locals, cookies, url, getClientAddress }: RequestEvent) {
	const t = translator(locals.locale);
	const form = await superValidate(await plainForm(request), zod4(setupSchema));
	const { password } = form.data;
	form.data.password = '';
	form.data.confirm = '';
	if (!form.valid) return fail(400, { form });

	const ip = getClientAddress();
	let account;
	try {
		account = await redeemSetupCode(form.data.phone, form.data.code, password, ip);
	} catch (error) {
		if (!(error instanceof AccountError)) throw error;
		if (error.code === 'throttled') {
			return message(form, t('signIn.throttled', { minutes: minutesUntil(error.waitMs) }), {
				status: 429
			});
		}
		const key =
			error.code === 'codeExpired'
				? 'setup.codeExpired'
				: error.code === 'codeUsed'
					? 'setup.codeUsed'
					: 'setup.codeInvalid';
		return setError(form, 'code', t(key));
	}
	await beginSession(cookies, account.id, {
		ip,
		secure: url.protocol === 'https:',
		previousSessionId: locals.session?.id
	});
	redirect(303, landingPath(account.roles));
}
