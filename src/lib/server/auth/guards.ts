// Guards: every load and action starts with one of these. Hooks only identify the user.
import { error, redirect } from '@sveltejs/kit';
import { getRequestEvent } from '$app/server';
import type { Role } from '$lib/domain/roles';
import type { SessionUser } from './session';

export function requireUser(): SessionUser {
	const { locals, url } = getRequestEvent();
	if (!locals.user) {
		const back = url.pathname + url.search;
		redirect(303, `/login?redirectTo=${encodeURIComponent(back)}`);
	}
	return locals.user;
}

/** The signed-in user if she has at least one of `roles`; otherwise sign-in or 403. */
export function requireRole(...roles: Role[]): SessionUser {
	const user = requireUser();
	if (!roles.some((role) => user.roles.includes(role))) {
		error(403, { message: 'forbidden', code: 'forbidden' });
	}
	return user;
}

/** The role she is acting in for `roles`, for the audit log (the first she holds). */
export function actingRole(user: SessionUser, roles: readonly Role[]): Role | undefined {
	return roles.find((role) => user.roles.includes(role));
}
