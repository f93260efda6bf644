import { describe, expect, it } from 'vitest';
import { hashPassword } from '$lib/server/auth/password';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { User } from '$lib/server/db/models/user';
import {
	MAX_PER_ADDRESS,
	MAX_PER_PHONE,
	WINDOW_MS,
	throttleWait
} from '$lib/server/services/throttle';
import { signIn } from '$lib/server/services/signIn';
import { useTestDatabase } from './testDatabase';

useTestDatabase('signin');

async function withPassword(phone: string, password: string) {
	await User.create({
		phone,
		name: 'Sign-in Tester',
		roles: ['reviewer'],
		passwordHash: await hashPassword(password)
	});
}

describe('sign-in', () => {
	it('signs in with the right password and audits it', async () => {
		await withPassword('90300001', 'right-password');
		const result = await signIn('90300001', 'right-password', '10.0.0.1');
		expect(result).toMatchObject({ ok: true, user: { roles: ['reviewer'] } });
		expect(await AuditEntry.exists({ action: 'auth.signin', ip: '10.0.0.1' })).not.toBeNull();
	});

	it('gives the same answer for a wrong password and an unknown phone', async () => {
		await withPassword('90300002', 'right-password');
		expect(await signIn('90300002', 'wrong', '10.0.0.2')).toEqual({ ok: false, reason: 'invalid' });
		expect(await signIn('90399999', 'wrong', '10.0.0.2')).toEqual({ ok: false, reason: 'invalid' });
		expect(await AuditEntry.countDocuments({ action: 'auth.signin_failed', ip: '10.0.0.2' })).toBe(
			2
		);
	});

	it(`refuses after ${MAX_PER_PHONE} failures for one phone, even with the right password`, async () => {
		await withPassword('90300003', 'right-password');
		for (let i = 0; i < MAX_PER_PHONE; i++) {
			expect((await signIn('90300003', `wrong-${i}`, `10.1.0.${i}`)).ok).toBe(false);
		}
		const result = await signIn('90300003', 'right-password', '10.1.0.99');
		expect(result).toMatchObject({ ok: false, reason: 'throttled' });
		if (result.ok || result.reason !== 'throttled') throw new Error('expected throttled');
		expect(result.waitMs).toBeGreaterThan(WINDOW_MS - 60_000);
		expect(result.waitMs).toBeLessThanOrEqual(WINDOW_MS);
	});

	it(`refuses after ${MAX_PER_ADDRESS} failures from one address, whatever the phone`, async () => {
		for (let i = 0; i < MAX_PER_ADDRESS; i++) {
			await signIn(`9031${String(i).padStart(4, '0')}`, 'wrong', '10.2.0.1');
		}
		await withPassword('90300004', 'right-password');
		expect(await signIn('90300004', 'right-password', '10.2.0.1')).toMatchObject({
			reason: 'throttled'
		});
		expect((await signIn('90300004', 'right-password', '10.2.0.2')).ok).toBe(true);
	});

	it('opens again when the window has passed', async () => {
		const later = new Date(Date.now() + WINDOW_MS + 1000);
		expect(await throttleWait('signin', '90300003', '10.1.0.99', later)).toBe(0);
	});

	it('a success clears the phone’s earlier failures', async () => {
		await withPassword('90300005', 'right-password');
		for (let i = 0; i < MAX_PER_PHONE - 1; i++) await signIn('90300005', 'wrong', '10.3.0.1');
		expect((await signIn('90300005', 'right-password', '10.3.0.1')).ok).toBe(true);
		for (let i = 0; i < MAX_PER_PHONE - 1; i++) await signIn('90300005', 'wrong', '10.3.0.1');
		expect((await signIn('90300005', 'right-password', '10.3.0.1')).ok).toBe(true);
	});
});
