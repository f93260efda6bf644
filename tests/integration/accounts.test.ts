import { describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/session';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { SetupCode } from '$lib/server/db/models/setupCode';
import { User } from '$lib/server/db/models/user';
import {
	AccountError,
	changePassword,
	createAccount,
	getAccount,
	listAccounts,
	redeemSetupCode,
	reissueSetupCode,
	setAccountDisabled
} from '$lib/server/services/accounts';
import { signIn } from '$lib/server/services/signIn';
import {
	createSession,
	generateSessionToken,
	validateSessionToken
} from '$lib/server/auth/session';
import { actor, uniquePhone } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('accounts');

const nextPhone = uniquePhone;
const staff = (roles: SessionUser['roles']) => actor(roles);

const ip = '127.0.0.1';

describe('creating accounts', () => {
	it('creates an account with a one-time code, and audits both', async () => {
		const coordinator = await staff(['coordinator']);
		const phone = nextPhone();
		const { account, code } = await createAccount(
			coordinator,
			{ name: 'Цэцэг Бат', phone, roles: ['applicant'], soums: ['khanbogd'] },
			ip
		);
		expect(code).toMatch(/^\d{8}$/);
		expect(account).toMatchObject({ phone, roles: ['applicant'], hasPassword: false });
		const stored = await SetupCode.findOne({ userId: account.id }).lean();
		expect(stored?.codeHash).not.toContain(code);
		const actions = (await AuditEntry.find({ entityId: account.id }).lean()).map((a) => a.action);
		expect(actions).toEqual(expect.arrayContaining(['account.created', 'account.code_issued']));
	});

	it('refuses a phone number that already has an account, storing nothing', async () => {
		const coordinator = await staff(['coordinator']);
		const phone = nextPhone();
		await createAccount(
			coordinator,
			{ name: 'One', phone, roles: ['applicant'], soums: ['manlai'] },
			ip
		);
		const before = await User.countDocuments();
		await expect(
			createAccount(coordinator, { name: 'Two', phone, roles: ['mentor'], soums: ['manlai'] }, ip)
		).rejects.toMatchObject({ code: 'phoneTaken' });
		expect(await User.countDocuments()).toBe(before);
	});

	it('never lets a coordinator create finance or admin accounts', async () => {
		const coordinator = await staff(['coordinator']);
		for (const role of ['finance', 'admin'] as const) {
			await expect(
				createAccount(coordinator, { name: 'X', phone: nextPhone(), roles: [role], soums: [] }, ip)
			).rejects.toMatchObject({ code: 'roleNotAllowed' });
		}
	});

	it('refuses a soum that is not in the reference data, storing nothing', async () => {
		const coordinator = await staff(['coordinator']);
		const phone = nextPhone();
		await expect(
			createAccount(
				coordinator,
				{ name: 'Nowhere', phone, roles: ['mentor'], soums: ['khanbogd', 'atlantis'] },
				ip
			)
		).rejects.toMatchObject({ code: 'soumUnknown' });
		expect(await User.exists({ phone })).toBeNull();
	});

	it('lets an admin create a finance account', async () => {
		const admin = await staff(['admin']);
		const { account } = await createAccount(
			admin,
			{ name: 'Finance', phone: nextPhone(), roles: ['finance'], soums: [] },
			ip
		);
		expect(account.roles).toEqual(['finance']);
	});

	it('hides accounts out of a coordinator’s reach', async () => {
		const admin = await staff(['admin']);
		const coordinator = await staff(['coordinator']);
		const { account: finance } = await createAccount(
			admin,
			{ name: 'Hidden Finance', phone: nextPhone(), roles: ['finance'], soums: [] },
			ip
		);
		const listed = await listAccounts(coordinator, { q: 'Hidden Finance' });
		expect(listed.rows).toHaveLength(0);
		await expect(getAccount(coordinator, finance.id)).rejects.toMatchObject({ code: 'forbidden' });
		expect((await listAccounts(admin, { q: 'Hidden Finance' })).rows).toHaveLength(1);
	});

	it('finds accounts by part of the name or the phone', async () => {
		const coordinator = await staff(['coordinator']);
		const phone = nextPhone();
		await createAccount(
			coordinator,
			{ name: 'Оюунаа Төмөр', phone, roles: ['applicant'], soums: ['manlai'] },
			ip
		);
		expect((await listAccounts(coordinator, { q: 'оюунаа' })).rows.map((r) => r.phone)).toContain(
			phone
		);
		expect(
			(await listAccounts(coordinator, { q: phone.slice(2) })).rows.map((r) => r.phone)
		).toContain(phone);
		expect((await listAccounts(coordinator, { q: '.*' })).rows).toHaveLength(0);
	});
});

describe('set-up codes', () => {
	async function newApplicant() {
		const coordinator = await staff(['coordinator']);
		const phone = nextPhone();
		const { account, code } = await createAccount(
			coordinator,
			{ name: 'Applicant', phone, roles: ['applicant'], soums: ['khanbogd'] },
			ip
		);
		return { coordinator, account, code, phone };
	}

	it('lets her choose a password once, then sign in with it', async () => {
		const { code, phone } = await newApplicant();
		await redeemSetupCode(phone, code, 'her-own-secret', ip);
		expect((await signIn(phone, 'her-own-secret', ip)).ok).toBe(true);
		await expect(redeemSetupCode(phone, code, 'another-secret', ip)).rejects.toMatchObject({
			code: 'codeUsed'
		});
		expect((await signIn(phone, 'her-own-secret', ip)).ok).toBe(true);
	});

	it('refuses a wrong code and a wrong phone alike', async () => {
		const { code, phone } = await newApplicant();
		const wrong = code === '12345678' ? '87654321' : '12345678';
		await expect(redeemSetupCode(phone, wrong, 'password1', ip)).rejects.toMatchObject({
			code: 'codeInvalid'
		});
		await expect(redeemSetupCode(nextPhone(), code, 'password1', ip)).rejects.toMatchObject({
			code: 'codeInvalid'
		});
	});

	it('refuses an expired code', async () => {
		const { account, code, phone } = await newApplicant();
		await SetupCode.updateMany(
			{ userId: account.id },
			{ $set: { expiresAt: new Date(Date.now() - 1000) } }
		);
		await expect(redeemSetupCode(phone, code, 'password1', ip)).rejects.toMatchObject({
			code: 'codeExpired'
		});
	});

	it('a reissued code replaces the earlier one', async () => {
		const { coordinator, account, code, phone } = await newApplicant();
		const { code: fresh } = await reissueSetupCode(coordinator, account.id, ip);
		await expect(redeemSetupCode(phone, code, 'password1', ip)).rejects.toMatchObject({
			code: 'codeInvalid'
		});
		await redeemSetupCode(phone, fresh, 'password1', ip);
	});

	it('throttles guessing after 5 wrong codes for one phone', async () => {
		const { code, phone } = await newApplicant();
		const wrong = code === '11111111' ? '22222222' : '11111111';
		for (let i = 0; i < 5; i++) {
			await expect(redeemSetupCode(phone, wrong, 'password1', '10.9.9.9')).rejects.toBeInstanceOf(
				AccountError
			);
		}
		const error = await redeemSetupCode(phone, code, 'password1', '10.9.9.9').catch((e) => e);
		expect(error).toMatchObject({ code: 'throttled' });
		expect(error.waitMs).toBeGreaterThan(14 * 60 * 1000);
	});
});

describe('disabling and passwords', () => {
	it('disabling ends her sessions at once and refuses sign-in', async () => {
		const admin = await staff(['admin']);
		const { account, code } = await createAccount(
			admin,
			{ name: 'Mentor', phone: nextPhone(), roles: ['mentor'], soums: ['manlai'] },
			ip
		);
		await redeemSetupCode(account.phone, code, 'mentor-pass-1', ip);
		const token = generateSessionToken();
		await createSession(token, account.id);
		expect((await validateSessionToken(token)).user?.id).toBe(account.id);

		await setAccountDisabled(admin, account.id, true, ip);
		expect((await validateSessionToken(token)).session).toBeNull();
		expect(await signIn(account.phone, 'mentor-pass-1', ip)).toEqual({
			ok: false,
			reason: 'disabled'
		});

		await setAccountDisabled(admin, account.id, false, ip);
		expect((await signIn(account.phone, 'mentor-pass-1', ip)).ok).toBe(true);
	});

	it('only an admin may disable, and not herself', async () => {
		const admin = await staff(['admin']);
		const coordinator = await staff(['coordinator']);
		const { account } = await createAccount(
			coordinator,
			{ name: 'Reviewer', phone: nextPhone(), roles: ['reviewer'], soums: [] },
			ip
		);
		await expect(setAccountDisabled(coordinator, account.id, true, ip)).rejects.toMatchObject({
			code: 'forbidden'
		});
		await expect(setAccountDisabled(admin, admin.id, true, ip)).rejects.toMatchObject({
			code: 'forbidden'
		});
	});

	it('a password change keeps the current session and ends the others', async () => {
		const admin = await staff(['admin']);
		const { account, code } = await createAccount(
			admin,
			{ name: 'Finance', phone: nextPhone(), roles: ['finance'], soums: [] },
			ip
		);
		await redeemSetupCode(account.phone, code, 'first-password', ip);
		const here = generateSessionToken();
		const elsewhere = generateSessionToken();
		const kept = await createSession(here, account.id);
		await createSession(elsewhere, account.id);
		const me: SessionUser = {
			id: account.id,
			phone: account.phone,
			name: account.name,
			roles: ['finance'],
			soums: [],
			permissions: []
		};

		await expect(
			changePassword(me, 'not-it', 'second-password', kept.id, ip)
		).rejects.toMatchObject({
			code: 'wrongPassword'
		});
		await changePassword(me, 'first-password', 'second-password', kept.id, ip);
		expect((await validateSessionToken(here)).session).not.toBeNull();
		expect((await validateSessionToken(elsewhere)).session).toBeNull();
		expect((await signIn(account.phone, 'first-password', ip)).ok).toBe(false);
		expect((await signIn(account.phone, 'second-password', ip)).ok).toBe(true);
	});
});
