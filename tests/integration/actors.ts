// Users to act as in service tests: a stored account and the SessionUser the hooks would give.
import type { Permission, Role } from '$lib/domain/roles';
import { sessionUserOf, type SessionUser } from '$lib/server/auth/session';
import { User } from '$lib/server/db/models/user';

let counter = 0;

/** A phone number unique within the test run (9 + process-local counter). */
export function uniquePhone(): string {
	counter += 1;
	return `9${String((process.pid % 1000) * 10000 + counter).padStart(7, '0')}`;
}

export async function actor(
	roles: Role[],
	{ soums = [], permissions = [] }: { soums?: string[]; permissions?: Permission[] } = {}
): Promise<SessionUser> {
	const user = await User.create({
		phone: uniquePhone(),
		name: `Test ${roles.join('+')}`,
		roles,
		soums,
		permissions
	});
	return { id: String(user._id), phone: user.phone, name: user.name, roles, soums, permissions };
}

/** The SessionUser of a stored account (a demo one, by its phone). */
export async function sessionOf(phone: string): Promise<SessionUser> {
	const user = await User.findOne({ phone }).lean();
	if (!user) throw new Error(`No account ${phone}`);
	return sessionUserOf(user);
}
