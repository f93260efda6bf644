import { redirect } from '@sveltejs/kit';
import { audit } from '$lib/server/audit';
import { deleteSessionCookie, invalidateSession } from '$lib/server/auth/session';
import type { RequestHandler } from './$types';

// Signed-in or not: ends the current session (POST only) and goes to the sign-in page.
export const POST: RequestHandler = async ({ locals, cookies, url, getClientAddress }) => {
	if (locals.session && locals.user) {
		await invalidateSession(locals.session.id);
		await audit({
			action: 'auth.signout',
			actorId: locals.user.id,
			entity: 'user',
			entityId: locals.user.id,
			ip: getClientAddress()
		});
	}
	deleteSessionCookie(cookies, url.protocol === 'https:');
	redirect(303, '/login');
};
