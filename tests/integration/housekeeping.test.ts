import { describe, expect, it } from 'vitest';
import { Session } from '$lib/server/db/models/session';
import { SignInAttempt } from '$lib/server/db/models/signInAttempt';
import { User } from '$lib/server/db/models/user';
import { runHousekeeping } from '$lib/server/services/housekeeping';
import { WINDOW_MS } from '$lib/server/services/throttle';
import { useTestDatabase } from './testDatabase';

useTestDatabase('housekeeping');

describe('housekeeping (expiry in code, as FerretDB has no TTL indexes)', () => {
	it('deletes expired sessions and stale throttle rows, and keeps live ones', async () => {
		const user = await User.create({ phone: '90500001', name: 'Keeper', roles: ['admin'] });
		const now = new Date();
		await Session.create([
			{ _id: 'a'.repeat(64), userId: user._id, expiresAt: new Date(now.getTime() - 1) },
			{ _id: 'b'.repeat(64), userId: user._id, expiresAt: new Date(now.getTime() + 60_000) }
		]);
		await SignInAttempt.create([
			{
				kind: 'signin',
				phone: '90500001',
				ip: '10.5.0.1',
				at: new Date(now.getTime() - WINDOW_MS - 1)
			},
			{ kind: 'signin', phone: '90500001', ip: '10.5.0.1', at: now }
		]);

		expect(await runHousekeeping(now)).toEqual({ sessions: 1, attempts: 1 });
		expect(await Session.exists({ _id: 'b'.repeat(64) })).not.toBeNull();
		expect(await SignInAttempt.countDocuments({ phone: '90500001' })).toBe(1);
	});
});
