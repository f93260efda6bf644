// Sign-in by phone number and password, throttled and audited.
import type { Role } from '$lib/domain/roles';
import { audit } from '$lib/server/audit';
import { decoyHash, verifyPassword } from '$lib/server/auth/password';
import { User } from '$lib/server/db/models/user';
import { clearFailures, recordFailure, throttleWait } from './throttle';

export type SignInResult =
	| { ok: true; user: { id: string; name: string; roles: Role[] } }
	| { ok: false; reason: 'invalid' | 'disabled' }
	| { ok: false; reason: 'throttled'; waitMs: number };

export async function signIn(phone: string, password: string, ip: string): Promise<SignInResult> {
	const waitMs = await throttleWait('signin', phone, ip);
	if (waitMs > 0) {
		await audit({ action: 'auth.signin_throttled', ip, details: { phone } });
		return { ok: false, reason: 'throttled', waitMs };
	}
	const user = await User.findOne(
		{ phone },
		{ passwordHash: 1, name: 1, roles: 1, disabled: 1 }
	).lean();
	const passwordOk = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
	if (!user || !user.passwordHash || !passwordOk) {
		await recordFailure('signin', phone, ip);
		await audit({
			action: 'auth.signin_failed',
			entity: user ? 'user' : undefined,
			entityId: user ? String(user._id) : undefined,
			ip,
			details: { phone }
		});
		return { ok: false, reason: 'invalid' };
	}
	if (user.disabled) {
		await audit({
			action: 'auth.signin_failed',
			entity: 'user',
			entityId: String(user._id),
			ip,
			details: { phone, reason: 'disabled' }
		});
		return { ok: false, reason: 'disabled' };
	}
	await clearFailures('signin', phone);
	const id = String(user._id);
	await audit({ action: 'auth.signin', actorId: id, entity: 'user', entityId: id, ip });
	return { ok: true, user: { id, name: user.name, roles: user.roles as Role[] } };
}
