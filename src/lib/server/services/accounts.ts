// Accounts: creation by staff, one-time set-up codes, disabling, password changes.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { Types } from 'mongoose';
import { assignableRoles, ROLES, type Permission, type Role } from '$lib/domain/roles';
import { audit } from '$lib/server/audit';
import { hashPassword, verifyPassword } from '$lib/server/auth/password';
import { forgetAccount, invalidateUserSessions, type SessionUser } from '$lib/server/auth/session';
import { isErasedPhone } from '$lib/domain/retention';
import { SetupCode, SetupCodeRedemption } from '$lib/server/db/models/setupCode';
import { Soum } from '$lib/server/db/models/soum';
import { User } from '$lib/server/db/models/user';
import { clearFailures, recordFailure, throttleWait } from './throttle';

export const SETUP_CODE_LIFETIME_MS = 72 * 60 * 60 * 1000;

/** A refusal the user can act on; `code` is a message key suffix. */
export class AccountError extends Error {
	constructor(
		readonly code:
			| 'phoneTaken'
			| 'roleNotAllowed'
			| 'soumUnknown'
			| 'notFound'
			| 'forbidden'
			| 'codeInvalid'
			| 'codeExpired'
			| 'codeUsed'
			| 'throttled'
			| 'wrongPassword'
			| 'erased',
		readonly waitMs = 0
	) {
		super(code);
	}
}

export interface AccountSummary {
	id: string;
	phone: string;
	name: string;
	email: string | null;
	roles: Role[];
	soums: string[];
	permissions: Permission[];
	disabled: boolean;
	hasPassword: boolean;
	status: 'disabled' | 'active' | 'awaitingSetup';
	createdAt: Date;
}

type UserRow = {
	_id: Types.ObjectId;
	phone: string;
	name: string;
	email?: string | null;
	roles: string[];
	soums: string[];
	permissions?: string[] | null;
	disabled?: boolean | null;
	passwordHash?: string | null;
	createdAt: Date;
};

function summary(user: UserRow): AccountSummary {
	return {
		id: String(user._id),
		phone: user.phone,
		name: user.name,
		email: user.email ?? null,
		roles: user.roles as Role[],
		soums: user.soums,
		permissions: (user.permissions ?? []) as Permission[],
		disabled: Boolean(user.disabled),
		hasPassword: Boolean(user.passwordHash),
		status: user.disabled ? 'disabled' : user.passwordHash ? 'active' : 'awaitingSetup',
		createdAt: user.createdAt
	};
}

/** Roles an actor may not see or manage. */
function rolesOutOfReach(actor: SessionUser): Role[] {
	const allowed = assignableRoles(actor.roles);
	return ROLES.filter((role) => !allowed.includes(role));
}

function mayManage(actor: SessionUser, target: { roles: string[] }): boolean {
	const allowed = assignableRoles(actor.roles) as string[];
	return target.roles.every((role) => allowed.includes(role));
}

function codeHashFor(userId: string, code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`${userId}:${code}`)));
}

/** Eight random digits, uniformly drawn. */
export function generateSetupCode(): string {
	const digits: number[] = [];
	const buffer = new Uint8Array(16);
	while (digits.length < 8) {
		crypto.getRandomValues(buffer);
		for (const byte of buffer) if (byte < 250 && digits.length < 8) digits.push(byte % 10);
	}
	return digits.join('');
}

async function storeSetupCode(userId: Types.ObjectId, issuedBy: string): Promise<string> {
	const now = new Date();
	await SetupCode.updateMany({ userId, revokedAt: null }, { $set: { revokedAt: now } });
	const code = generateSetupCode();
	await SetupCode.create({
		userId,
		codeHash: codeHashFor(String(userId), code),
		expiresAt: new Date(now.getTime() + SETUP_CODE_LIFETIME_MS),
		issuedBy
	});
	return code;
}

export interface NewAccount {
	name: string;
	phone: string;
	email?: string;
	roles: Role[];
	soums: string[];
}

export async function createAccount(
	actor: SessionUser,
	input: NewAccount,
	ip: string
): Promise<{ account: AccountSummary; code: string }> {
	const allowed = assignableRoles(actor.roles);
	if (input.roles.length === 0 || !input.roles.every((role) => allowed.includes(role))) {
		throw new AccountError('roleNotAllowed');
	}
	const soums = [...new Set(input.soums)];
	if (soums.length && (await Soum.countDocuments({ code: { $in: soums } })) !== soums.length) {
		throw new AccountError('soumUnknown');
	}
	let user;
	try {
		user = await User.create({
			phone: input.phone,
			name: input.name,
			email: input.email || undefined,
			roles: input.roles,
			soums,
			createdBy: actor.id
		});
	} catch (error) {
		if ((error as { code?: number }).code === 11000) throw new AccountError('phoneTaken');
		throw error;
	}
	const code = await storeSetupCode(user._id, actor.id);
	const actorRole = actor.roles.includes('admin') ? 'admin' : 'coordinator';
	await audit({
		action: 'account.created',
		actorId: actor.id,
		actorRole,
		entity: 'user',
		entityId: String(user._id),
		ip,
		details: { roles: input.roles }
	});
	await audit({
		action: 'account.code_issued',
		actorId: actor.id,
		actorRole,
		entity: 'user',
		entityId: String(user._id),
		ip
	});
	return { account: summary(user.toObject() as UserRow), code };
}

export async function listAccounts(
	actor: SessionUser,
	{
		q,
		role,
		page = 1,
		pageSize = 25
	}: { q?: string; role?: Role; page?: number; pageSize?: number }
) {
	const filter: Record<string, unknown> = {};
	const hidden = rolesOutOfReach(actor);
	if (hidden.length) filter.roles = { $nin: hidden };
	if (role) filter.roles = hidden.length ? { $nin: hidden, $in: [role] } : role;
	const text = q?.trim();
	if (text) {
		const digits = text.replace(/\D/g, '');
		const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		filter.$or = [
			{ name: { $regex: escaped, $options: 'i' } },
			...(digits.length >= 3 ? [{ phone: { $regex: digits } }] : [])
		];
	}
	const [rows, total] = await Promise.all([
		User.find(filter)
			.sort({ createdAt: -1, _id: -1 })
			.skip((page - 1) * pageSize)
			.limit(pageSize)
			.lean(),
		User.countDocuments(filter)
	]);
	return { rows: rows.map((row) => summary(row as UserRow)), total, page, pageSize };
}

export async function getAccount(actor: SessionUser, id: string): Promise<AccountSummary> {
	const user = Types.ObjectId.isValid(id) ? await User.findById(id).lean() : null;
	if (!user) throw new AccountError('notFound');
	if (!mayManage(actor, user)) throw new AccountError('forbidden');
	return summary(user as UserRow);
}

/** A new set-up code for an account (earlier codes stop working). */
export async function reissueSetupCode(actor: SessionUser, id: string, ip: string) {
	const account = await getAccount(actor, id);
	if (isErasedPhone(account.phone)) throw new AccountError('erased');
	const code = await storeSetupCode(new Types.ObjectId(account.id), actor.id);
	await audit({
		action: 'account.code_issued',
		actorId: actor.id,
		actorRole: actor.roles.includes('admin') ? 'admin' : 'coordinator',
		entity: 'user',
		entityId: account.id,
		ip
	});
	return { account, code };
}

/** Admin only: disabling ends the account's sessions at once. */
export async function setAccountDisabled(
	actor: SessionUser,
	id: string,
	disabled: boolean,
	ip: string
): Promise<AccountSummary> {
	if (!actor.roles.includes('admin')) throw new AccountError('forbidden');
	if (disabled && id === actor.id) throw new AccountError('forbidden');
	const account = await getAccount(actor, id);
	// A participant whose data was erased keeps a disabled account with no way to sign in.
	if (!disabled && isErasedPhone(account.phone)) throw new AccountError('erased');
	await User.updateOne(
		{ _id: account.id },
		disabled
			? { $set: { disabled: true, disabledAt: new Date() } }
			: { $set: { disabled: false }, $unset: { disabledAt: 1 } }
	);
	if (disabled) await invalidateUserSessions(account.id);
	await audit({
		action: disabled ? 'account.disabled' : 'account.enabled',
		actorId: actor.id,
		actorRole: 'admin',
		entity: 'user',
		entityId: account.id,
		ip
	});
	return getAccount(actor, account.id);
}

/** Admin only: grant or take away a permission such as viewProtected. */
export async function setAccountPermission(
	actor: SessionUser,
	id: string,
	permission: Permission,
	granted: boolean,
	ip: string
): Promise<AccountSummary> {
	if (!actor.roles.includes('admin')) throw new AccountError('forbidden');
	const account = await getAccount(actor, id);
	const permissions = new Set(account.permissions);
	if (granted) permissions.add(permission);
	else permissions.delete(permission);
	await User.updateOne({ _id: account.id }, { $set: { permissions: [...permissions] } });
	forgetAccount(account.id);
	await audit({
		action: 'account.permission_changed',
		actorId: actor.id,
		actorRole: 'admin',
		entity: 'user',
		entityId: account.id,
		ip,
		details: { permission, granted }
	});
	return getAccount(actor, account.id);
}

/**
 * Sets her own password with a set-up code. The code is used at most once: redeeming it
 * inserts a record keyed by the code's id, and of concurrent inserts exactly one succeeds.
 */
export async function redeemSetupCode(
	phone: string,
	code: string,
	password: string,
	ip: string
): Promise<AccountSummary> {
	const wait = await throttleWait('setup', phone, ip);
	if (wait > 0) throw new AccountError('throttled', wait);
	const fail = async (reason: AccountError['code'], userId?: string) => {
		await recordFailure('setup', phone, ip);
		await audit({
			action: 'auth.setup_failed',
			entity: 'user',
			entityId: userId,
			ip,
			details: { phone, reason }
		});
		return new AccountError(reason);
	};
	const user = await User.findOne({ phone }).lean();
	if (!user || user.disabled) throw await fail('codeInvalid');
	const userId = String(user._id);
	const setupCode = await SetupCode.findOne({ codeHash: codeHashFor(userId, code), userId }).lean();
	if (!setupCode || setupCode.revokedAt) throw await fail('codeInvalid', userId);
	if (setupCode.expiresAt.getTime() <= Date.now()) throw await fail('codeExpired', userId);
	try {
		await SetupCodeRedemption.create({ _id: setupCode._id, userId: user._id });
	} catch (error) {
		if ((error as { code?: number }).code === 11000) throw await fail('codeUsed', userId);
		throw error;
	}
	await User.updateOne(
		{ _id: user._id },
		{ $set: { passwordHash: await hashPassword(password), passwordChangedAt: new Date() } }
	);
	await invalidateUserSessions(user._id);
	await clearFailures('setup', phone);
	await audit({
		action: 'auth.setup_completed',
		actorId: userId,
		entity: 'user',
		entityId: userId,
		ip
	});
	return summary(user as UserRow);
}

/** Changes her password; every other session of hers ends. */
export async function changePassword(
	user: SessionUser,
	currentPassword: string,
	newPassword: string,
	keepSessionId: string,
	ip: string
): Promise<void> {
	const row = await User.findById(user.id, { passwordHash: 1 }).lean();
	if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, currentPassword))) {
		throw new AccountError('wrongPassword');
	}
	await User.updateOne(
		{ _id: user.id },
		{ $set: { passwordHash: await hashPassword(newPassword), passwordChangedAt: new Date() } }
	);
	await invalidateUserSessions(user.id, keepSessionId);
	await audit({
		action: 'auth.password_changed',
		actorId: user.id,
		entity: 'user',
		entityId: user.id,
		ip
	});
}

/** How many accounts hold each role (an account with two roles counts in both). */
export async function accountCountsByRole(): Promise<Record<Role, number>> {
	const counts = await Promise.all(ROLES.map((role) => User.countDocuments({ roles: role })));
	return Object.fromEntries(ROLES.map((role, i) => [role, counts[i] ?? 0])) as Record<Role, number>;
}

/** Her own profile, for her home page. */
export async function ownProfile(user: SessionUser) {
	const row = await User.findById(user.id).lean();
	if (!row) throw new AccountError('notFound');
	return summary(row as UserRow);
}
