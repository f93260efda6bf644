import { beforeAll, describe, expect, it } from 'vitest';
import { registerParticipantSchema } from '$lib/schemas/participants';
import type { SessionUser } from '$lib/server/auth/session';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { Cohort } from '$lib/server/db/models/cohort';
import { Participant } from '$lib/server/db/models/participant';
import { User } from '$lib/server/db/models/user';
import { csvStream } from '$lib/server/csv';
import { startExport } from '$lib/server/services/dataExports';
import { identitiesFor } from '$lib/server/services/participantIdentity';
import {
	ParticipantError,
	getParticipant,
	listParticipants,
	mentorParticipants,
	ownParticipant,
	recordConsent,
	registerParticipant,
	setProtected,
	updateParticipant
} from '$lib/server/services/participants';
import { actor, uniquePhone } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('participants');

const ip = '127.0.0.1';
const today = new Date().toISOString().slice(0, 10);
let coordinator: SessionUser;
let caseworker: SessionUser;

/** A participants export read whole, column names as headers. */
async function exportText(viewer: SessionUser, identifying = false): Promise<string> {
	const { rows } = await startExport(
		viewer,
		{ kind: 'participants', identifying, reason: identifying ? 'Bank transfer list' : undefined },
		ip,
		(column) => column
	);
	const bytes = await new Response(csvStream(rows)).arrayBuffer();
	return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

function registration(overrides: Record<string, unknown> = {}) {
	const parsed = registerParticipantSchema.safeParse({
		name: 'Цэцэгмаа Батболд',
		phone: uniquePhone(),
		soum: 'khanbogd',
		bag: '3-р баг',
		birthYear: 1990,
		arrivalYear: 2019,
		householdSize: 4,
		children: 2,
		referralSource: 'social_worker',
		nationalId: 'УБ90010112',
		consents: ['participation', 'soum_sharing', 'donor_reporting'],
		consentOn: today,
		consentMethod: 'signed_form',
		...overrides
	});
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
	return parsed.data;
}

beforeAll(async () => {
	await Cohort.create({
		code: 'test-2026',
		name: 'Test 2026',
		aimag: 'umnugobi',
		soums: ['khanbogd', 'manlai'],
		startsOn: new Date('2026-03-01'),
		budgetMnt: 1_000_000,
		current: true,
		codePrefix: 'TST-26'
	});
	coordinator = await actor(['coordinator']);
	caseworker = await actor(['coordinator'], { permissions: ['viewProtected'] });
});

describe('registration', () => {
	it('creates her account, a set-up code, a pseudonymous code and her consents', async () => {
		const input = registration();
		const result = await registerParticipant(coordinator, input, ip);
		expect(result.code).toMatch(/^TST-26-\d{3}$/);
		expect(result.setupCode).toMatch(/^\d{8}$/);
		const user = await User.findOne({ phone: input.phone }).lean();
		expect(user?.roles).toEqual(['applicant']);
		const detail = await getParticipant(coordinator, result.id, ip);
		expect(detail.identity.name).toBe('Цэцэгмаа Батболд');
		expect(detail.identity.nationalIdMasked).toBe('УБ••••••12');
		expect(detail.consent.participation.given).toBe(true);
		const entry = await AuditEntry.findOne({
			action: 'participant.registered',
			entityId: result.id
		}).lean();
		expect(String(entry?.onBehalfOf)).toBe(String(user?._id));
	});

	it('gives each woman her own code, also when registered at the same moment', async () => {
		const results = await Promise.all(
			Array.from({ length: 6 }, () => registerParticipant(coordinator, registration(), ip))
		);
		expect(new Set(results.map((r) => r.code)).size).toBe(6);
	});

	it('refuses a phone that already has an account, storing nothing', async () => {
		const input = registration();
		await registerParticipant(coordinator, input, ip);
		const before = await Participant.countDocuments();
		await expect(
			registerParticipant(coordinator, registration({ phone: input.phone }), ip)
		).rejects.toMatchObject({
			code: 'phoneTaken'
		});
		expect(await Participant.countDocuments()).toBe(before);
	});

	it('refuses a soum outside the cohort, storing nothing', async () => {
		const input = registration({ soum: 'gurvantes' });
		await expect(registerParticipant(coordinator, input, ip)).rejects.toBeInstanceOf(
			ParticipantError
		);
		expect(await User.exists({ phone: input.phone })).toBeNull();
	});

	it('refuses a future birth year, a child-only household and missing participation consent', () => {
		const year = new Date().getUTCFullYear();
		const check = (o: Record<string, unknown>) =>
			registerParticipantSchema
				.safeParse({ ...registration(), ...o })
				.error?.issues.map((i) => i.message);
		expect(check({ birthYear: year + 1 })).toContain('participants.error.birthYear');
		expect(check({ householdSize: 2, children: 2 })).toContain(
			'participants.error.childrenHousehold'
		);
		expect(check({ consents: ['donor_reporting'] })).toContain(
			'participants.error.participationConsent'
		);
		expect(check({ consentMethod: 'verbal_witnessed', consentWitness: '' })).toContain(
			'participants.error.witness'
		);
	});
});

describe('search', () => {
	it('finds her by Cyrillic or Latin spelling, by phone, and by code', async () => {
		const input = registration({ name: 'Өлзийсайхан Ганхуяг' });
		const { code } = await registerParticipant(coordinator, input, ip);
		for (const q of [
			'Өлзий',
			'Ölziisaikhan',
			'olziisaihan',
			'ганхуяг',
			input.phone.slice(-5),
			code
		]) {
			const { rows } = await listParticipants(coordinator, { q, page: 1 }, ip);
			expect(
				rows.map((r) => r.code),
				q
			).toContain(code);
		}
	});

	it('filters by soum and stage', async () => {
		const { code } = await registerParticipant(coordinator, registration({ soum: 'manlai' }), ip);
		const manlai = await listParticipants(coordinator, { soum: 'manlai', page: 1 }, ip);
		expect(manlai.rows.every((r) => r.soum === 'manlai')).toBe(true);
		expect(manlai.rows.map((r) => r.code)).toContain(code);
		const plan = await listParticipants(coordinator, { stage: 'plan', page: 1 }, ip);
		expect(plan.rows.map((r) => r.code)).not.toContain(code);
	});
});

describe('protected participants', () => {
	let id: string;
	let code: string;
	let phone: string;

	beforeAll(async () => {
		const input = registration({ name: 'Нууцлаг Хамгаалагдсан' });
		phone = input.phone;
		({ id, code } = await registerParticipant(coordinator, input, ip));
		await setProtected(coordinator, id, true, ip);
	});

	it('masks name, phone, bag and ID for a coordinator without viewProtected', async () => {
		const detail = await getParticipant(coordinator, id, ip);
		expect(detail.identity).toMatchObject({
			code,
			name: null,
			phone: null,
			bag: null,
			masked: true
		});
		expect(detail.profile.nationalId).toBeNull();
	});

	it('masks her for a mentor of her soum and for a reviewer', async () => {
		const mentor = await actor(['mentor'], { soums: ['khanbogd'] });
		const reviewer = await actor(['reviewer']);
		const mine = (await mentorParticipants(mentor, ip)).find((r) => r.code === code);
		expect(mine).toMatchObject({ name: null, phone: null, masked: true });
		expect(mine).not.toHaveProperty('protected');
		const forReviewer = (await identitiesFor(reviewer, [id])).get(id);
		expect(forReviewer).toMatchObject({
			name: null,
			phone: null,
			nationalIdMasked: null,
			masked: true
		});
	});

	it('cannot be found by her name or phone by someone who may not see them', async () => {
		for (const q of ['Нууцлаг', phone]) {
			const { rows } = await listParticipants(coordinator, { q, page: 1 }, ip);
			expect(
				rows.map((r) => r.code),
				q
			).not.toContain(code);
		}
		expect(
			(await listParticipants(caseworker, { q: 'Нууцлаг', page: 1 }, ip)).rows.map((r) => r.code)
		).toContain(code);
	});

	it('shows her to a viewProtected holder, and audits that view', async () => {
		const before = await AuditEntry.countDocuments({ action: 'participant.protected_viewed' });
		const detail = await getParticipant(caseworker, id, ip);
		expect(detail.identity.name).toBe('Нууцлаг Хамгаалагдсан');
		expect(await AuditEntry.countDocuments({ action: 'participant.protected_viewed' })).toBe(
			before + 1
		);
	});

	it('is only a code in a pseudonymised export; an identifying one names her, audited with its reason', async () => {
		const csv = await exportText(caseworker);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv).not.toContain('Нууцлаг');
		expect(csv).not.toContain(phone);
		const line = csv.split('\r\n').find((l) => l.startsWith(code));
		// Her code and soum, not her years or household.
		expect(line).toMatch(new RegExp(`^${code},khanbogd,training,,,,,`));
		expect(await AuditEntry.exists({ action: 'export.downloaded' })).not.toBeNull();

		const before = await AuditEntry.countDocuments({ action: 'participant.protected_viewed' });
		const named = await exportText(caseworker, true);
		expect(named).toContain('Нууцлаг Хамгаалагдсан');
		const entry = await AuditEntry.findOne({ action: 'export.downloaded' }).sort({ at: -1 }).lean();
		expect(entry?.details).toMatchObject({
			kind: 'participants',
			identifying: true,
			reason: 'Bank transfer list'
		});
		expect(await AuditEntry.countDocuments({ action: 'participant.protected_viewed' })).toBe(
			before + 1
		);
		// Without the permission, no identifying export at all.
		await expect(
			startExport(
				coordinator,
				{ kind: 'participants', identifying: true, reason: 'x'.repeat(12) },
				ip,
				String
			)
		).rejects.toMatchObject({ code: 'notAllowedIdentifying' });
	});

	it('cannot be edited by a coordinator who may not see her identity', async () => {
		const detail = await getParticipant(caseworker, id, ip);
		await expect(
			updateParticipant(
				coordinator,
				id,
				{ ...registration(), name: 'x y', phone: uniquePhone() },
				ip
			)
		).rejects.toMatchObject({ code: 'protectedNeedsPermission' });
		expect(detail.identity.name).toBe('Нууцлаг Хамгаалагдсан');
	});
});

describe('consent', () => {
	it('a withdrawal takes effect: she leaves her mentor’s list', async () => {
		const mentor = await actor(['mentor'], { soums: ['manlai'] });
		const { id, code } = await registerParticipant(
			coordinator,
			registration({ soum: 'manlai' }),
			ip
		);
		expect((await mentorParticipants(mentor, ip)).map((r) => r.code)).toContain(code);
		await recordConsent(
			coordinator,
			id,
			{
				purpose: 'soum_sharing',
				action: 'withdrawn',
				on: today,
				method: 'verbal_witnessed',
				witness: 'Дулмаа'
			},
			ip
		);
		expect((await mentorParticipants(mentor, ip)).map((r) => r.code)).not.toContain(code);
		const detail = await getParticipant(coordinator, id, ip);
		expect(detail.consent.soum_sharing.given).toBe(false);
		expect(detail.consentHistory[0]).toMatchObject({
			purpose: 'soum_sharing',
			action: 'withdrawn',
			witness: 'Дулмаа'
		});
	});

	it('shows in the export as withdrawn', async () => {
		const { id, code } = await registerParticipant(coordinator, registration(), ip);
		await recordConsent(
			coordinator,
			id,
			{
				purpose: 'donor_reporting',
				action: 'withdrawn',
				on: today,
				method: 'signed_form',
				witness: ''
			},
			ip
		);
		const csv = await exportText(coordinator);
		expect(
			csv
				.split('\r\n')
				.find((l) => l.startsWith(code))!
				.endsWith(',1,1,0')
		).toBe(true);
	});
});

describe('editing and her own view', () => {
	it('staff edits are audited as on her behalf; a taken phone is refused', async () => {
		const first = registration();
		await registerParticipant(coordinator, first, ip);
		const { id } = await registerParticipant(coordinator, registration(), ip);
		await expect(
			updateParticipant(coordinator, id, { ...registration(), phone: first.phone }, ip)
		).rejects.toMatchObject({ code: 'phoneTaken' });
		await updateParticipant(coordinator, id, { ...registration(), name: 'Шинэ Нэр', bag: '' }, ip);
		const detail = await getParticipant(coordinator, id, ip);
		expect(detail.identity.name).toBe('Шинэ Нэр');
		expect(detail.profile.bag).toBe('');
		const entry = await AuditEntry.findOne({ action: 'participant.updated', entityId: id }).lean();
		expect(entry?.onBehalfOf).toBeDefined();
	});

	it('the woman sees her own stage and consent', async () => {
		const input = registration();
		await registerParticipant(coordinator, input, ip);
		const user = await User.findOne({ phone: input.phone }).lean();
		const me: SessionUser = {
			id: String(user!._id),
			phone: input.phone,
			name: input.name,
			roles: ['applicant'],
			soums: ['khanbogd'],
			permissions: []
		};
		const own = await ownParticipant(me);
		expect(own).toMatchObject({ stage: 'training', soum: 'khanbogd' });
		expect(own?.consent.participation.given).toBe(true);
	});
});

describe('csv cells', () => {
	it('defuses spreadsheet formulas and quotes commas', async () => {
		const { id, code } = await registerParticipant(
			coordinator,
			registration({ name: '=HYPERLINK("x") Бат', originPlace: 'Дундговь, Мандалговь' }),
			ip
		);
		expect(id).toBeTruthy();
		const csv = await exportText(caseworker, true);
		const line = csv.split('\r\n').find((l) => l.startsWith(code))!;
		expect(line).toContain(`"'=HYPERLINK(""x"") Бат"`);
		expect(line).toContain('"Дундговь, Мандалговь"');
	});
});
