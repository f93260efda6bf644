import { describe, expect, it } from 'vitest';
import {
	SESSION_LIFETIME_MS,
	createSession,
	deleteExpiredSessions,
	forgetValidatedSessions,
	generateSessionToken,
	invalidateSession,
	sessionIdFor,
	validateSessionToken
} from '$lib/server/auth/session';
import { Session } from '$lib/server/db/models/session';
import { setAccountDisabled, setAccountPermission } from '$lib/server/services/accounts';
import { actor } from './actors';
import { User } from '$lib/server/db/models/user';
import { useTestDatabase } from './testDatabase';

useTestDatabase('sessions');

async function user(phone: string) {
	return User.create({ phone, name: 'Session Tester', roles: ['mentor'], soums: ['manlai'] });
}

describe('sessions', () => {
	it('stores only the SHA-256 of the token', async () => {
		const u = await user('90200001');
		const token = generateSessionToken();
		const session = await createSession(token, u._id);
		expect(session.id).toBe(sessionIdFor(token));
		expect(session.id).toMatch(/^[0-9a-f]{64}$/);
		expect(await Session.exists({ _id: token })).toBeNull();
		const { user: found } = await validateSessionToken(token);
		expect(found).toMatchObject({ phone: '90200001', roles: ['mentor'], soums: ['manlai'] });
	});

	it('gives each sign-in a new random token', () => {
		const tokens = new Set(Array.from({ length: 100 }, generateSessionToken));
		expect(tokens.size).toBe(100);
	});

	it('refuses and deletes an expired session', async () => {
		const u = await user('90200002');
		const token = generateSessionToken();
		const session = await createSession(token, u._id);
		await Session.updateOne({ _id: session.id }, { $set: { expiresAt: new Date(Date.now() - 1) } });
		expect((await validateSessionToken(token)).session).toBeNull();
		expect(await Session.exists({ _id: session.id })).toBeNull();
	});

	it('slides the expiry forward once half of it is used', async () => {
		const u = await user('90200003');
		const token = generateSessionToken();
		const session = await createSession(token, u._id);
		const soon = new Date(Date.now() + SESSION_LIFETIME_MS / 2 - 60_000);
		await Session.updateOne({ _id: session.id }, { $set: { expiresAt: soon } });
		const { session: validated } = await validateSessionToken(token);
		expect(validated!.expiresAt.getTime()).toBeGreaterThan(
			Date.now() + SESSION_LIFETIME_MS - 60_000
		);
	});

	it('does not extend a fresh session on every request', async () => {
		const u = await user('90200004');
		const token = generateSessionToken();
		const session = await createSession(token, u._id);
		const { session: validated } = await validateSessionToken(token);
		expect(validated!.expiresAt.getTime()).toBe(session.expiresAt.getTime());
	});

	it('sign-out invalidates the session', async () => {
		const u = await user('90200005');
		const token = generateSessionToken();
		const session = await createSession(token, u._id);
		await invalidateSession(session.id);
		expect((await validateSessionToken(token)).user).toBeNull();
	});

	it('expired sessions are cleaned up in code (no TTL index on FerretDB)', async () => {
		const u = await user('90200006');
		const token = generateSessionToken();
		const session = await createSession(token, u._id);
		await Session.updateOne({ _id: session.id }, { $set: { expiresAt: new Date(Date.now() - 5) } });
		expect(await deleteExpiredSessions()).toBeGreaterThanOrEqual(1);
		expect(await Session.exists({ _id: session.id })).toBeNull();
	});

	it('an unknown token is no session', async () => {
		expect(await validateSessionToken('not-a-real-token')).toEqual({ session: null, user: null });
	});

	it('is kept for half a minute: a change behind the portal’s back shows after that', async () => {
		const u = await user('90200007');
		const token = generateSessionToken();
		await createSession(token, u._id);
		expect((await validateSessionToken(token)).user?.id).toBe(String(u._id));
		await Session.deleteOne({ _id: sessionIdFor(token) });
		expect((await validateSessionToken(token)).user?.id).toBe(String(u._id));
		forgetValidatedSessions();
		expect(await validateSessionToken(token)).toEqual({ session: null, user: null });
	});

	it('is forgotten at once when the account is disabled', async () => {
		const u = await user('90200009');
		const token = generateSessionToken();
		await createSession(token, u._id);
		expect((await validateSessionToken(token)).user?.id).toBe(String(u._id));
		const admin = await actor(['admin']);
		await setAccountDisabled(admin, String(u._id), true, '127.0.0.1');
		expect(await validateSessionToken(token)).toEqual({ session: null, user: null });
	});

	it('sees a changed permission at the next request, and a signed-out session is gone', async () => {
		const u = await user('90200008');
		const token = generateSessionToken();
		const session = await createSession(token, u._id);
		expect((await validateSessionToken(token)).user?.permissions).toEqual([]);
		const admin = await actor(['admin']);
		await setAccountPermission(admin, String(u._id), 'viewProtected', true, '127.0.0.1');
		expect((await validateSessionToken(token)).user?.permissions).toEqual(['viewProtected']);
		await invalidateSession(session.id);
		expect((await validateSessionToken(token)).session).toBeNull();
	});
});
