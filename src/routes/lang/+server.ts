import { redirect } from '@sveltejs/kit';
import { LANG_COOKIE, isLocale } from '$lib/i18n';
import { safeRedirectTarget } from '$lib/domain/redirect';
import type { RequestHandler } from './$types';

// Public: remembers the chosen language for a year and goes back to the page.
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const body = await request.formData().catch(() => null);
	const lang = body?.get('lang');
	const back = body?.get('redirectTo');
	if (isLocale(lang)) {
		cookies.set(LANG_COOKIE, lang, {
			path: '/',
			maxAge: 60 * 60 * 24 * 365,
			sameSite: 'lax',
			httpOnly: false,
			secure: url.protocol === 'https:'
		});
	}
	redirect(303, safeRedirectTarget(typeof back === 'string' ? back : '/'));
};
