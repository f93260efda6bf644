// Sessions in the style Lucia's authors now recommend: a random token in the cookie, its
// SHA-256 as the stored id, 30-day expiry that slides forward when half used.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Cookies } from '@sveltejs/kit';
import type { Types } from 'mongoose';
import { Session } from '$lib/server/db/models/session';
import { User } from '$lib/server/db/models/user';
import type { Permission, Role } from '$lib/domain/roles';

export const SESSION_COOKIE = 'session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME_MS = 30 * DAY;

export interface SessionUser {
	id: string;
	phone: string;
	name: string;
	roles: Role[];
	soums: string[];
	permissions: Permission[];
}

export interface ValidSession {
	id: string;
	userId: string;
	expiresAt: Date;
}

export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFor(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
	token: string,
	userId: Types.ObjectId | string,
	ip?: string
): Promise<ValidSession> {
	const id = sessionIdFor(token);
	const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
	await Session.create({ _id: id, userId, expiresAt, ip });
	return { id, userId: String(userId), expiresAt };
}

/**
 * Sessions validated in the last half minute, by id. Every request validates its session, and on
 * the embedded database a lookup reads the whole table (docs/performance.md). Whatever ends a
 * session or changes an account in this process forgets it at once (`invalidate*`,
 * `forgetAccount`); another process's change shows within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 30_000;
const SESSION_CACHE_SIZE = 5_000;
const validated = new Map<string, { at: number; session: ValidSession; user: SessionUser }>();

/** An account's roles, soums, permissions or name changed: its cached sessions are re-read. */
export function forgetAccount(userId: Types.ObjectId | string, exceptSessionId?: string) {
	for (const [id, entry] of validated)
		if (entry.user.id === String(userId) && id !== exceptSessionId) validated.delete(id);
}

/** Drops every cached session (tests that change sessions behind the portal's back). */
export function forgetValidatedSessions() {
	validated.clear();
}

/** The session and its user for a cookie token, or nulls; extends a session past half-life. */
export async function validateSessionToken(
	token: string
): Promise<{ session: ValidSession; user: SessionUser } | { session: null; user: null }> {
	const id = sessionIdFor(token);
	const cached = validated.get(id);
	if (
		cached &&
		Date.now() - cached.at < SESSION_CACHE_MS &&
		cached.session.expiresAt.getTime() > Date.now()
	)
		return { session: cached.session, user: cached.user };
	validated.delete(id);
	const row = await Session.findById(id).lean();
	if (!row) return { session: null, user: null };
	const now = Date.now();
	if (row.expiresAt.getTime() <= now) {
		await Session.deleteOne({ _id: id });
		return { session: null, user: null };
	}
	const user = await User.findById(row.userId, {
		phone: 1,
		name: 1,
		roles: 1,
		soums: 1,
		permissions: 1,
		disabled: 1
	}).lean();
	if (!user || user.disabled) {
		await Session.deleteOne({ _id: id });
		return { session: null, user: null };
	}
	let expiresAt = row.expiresAt;
	if (expiresAt.getTime() - now < SESSION_LIFETIME_MS / 2) {
		expiresAt = new Date(now + SESSION_LIFETIME_MS);
		await Session.updateOne({ _id: id }, { $set: { expiresAt } });
	}
	const valid = {
		session: { id, userId: String(row.userId), expiresAt },
		user: sessionUserOf(user)
	};
	if (validated.size >= SESSION_CACHE_SIZE) validated.delete(validated.keys().next().value!);
	validated.set(id, { at: now, ...valid });
	return valid;
}

/** What the services know of a signed-in account, from its stored fields. */
export function sessionUserOf(user: {
	_id: Types.ObjectId | string;
	phone: string;
	name: string;
	roles: string[];
	soums: string[];
	permissions?: string[] | null;
}): SessionUser {
	return {
		id: String(user._id),
		phone: user.phone,
		name: user.name,
		roles: user.roles as Role[],
		soums: user.soums,
		permissions: (user.permissions ?? []) as Permission[]
	};
}

export async function invalidateSession(sessionId: string): Promise<void> {
	validated.delete(sessionId);
	await Session.deleteOne({ _id: sessionId });
}

/** Ends every session of a user, optionally keeping one (the one in use). */
export async function invalidateUserSessions(
	userId: Types.ObjectId | string,
	exceptSessionId?: string
): Promise<number> {
	forgetAccount(userId, exceptSessionId);
	const filter = exceptSessionId ? { userId, _id: { $ne: exceptSessionId } } : { userId };
	const result = await Session.deleteMany(filter);
	return result.deletedCount;
}

/** Deletes expired sessions (FerretDB has no TTL indexes). */
export async function deleteExpiredSessions(now = new Date()): Promise<number> {
	const result = await Session.deleteMany({ expiresAt: { $lte: now } });
	return result.deletedCount;
}

export function setSessionCookie(
	cookies: Cookies,
	token: string,
	expiresAt: Date,
	secure: boolean
) {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires: expiresAt,
		path: '/'
	});
}

/**
 * Signs a user in on this browser: a new random token every time (never one the browser
 * brought: no session fixation), and the session it held before, if any, ended.
 */
export async function beginSession(
	cookies: Cookies,
	userId: Types.ObjectId | string,
	{ ip, secure, previousSessionId }: { ip: string; secure: boolean; previousSessionId?: string }
): Promise<void> {
	if (previousSessionId) await invalidateSession(previousSessionId);
	const token = generateSessionToken();
	const session = await createSession(token, userId, ip);
	setSessionCookie(cookies, token, session.expiresAt, secure);
}

export function deleteSessionCookie(cookies: Cookies, secure: boolean) {
	cookies.set(SESSION_COOKIE, '', {
		httpOnly: true,
		sameSite: 'lax',
		secure,
		maxAge: 0,
		path: '/'
	});
}
