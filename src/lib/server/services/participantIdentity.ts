// Who a participant is, as a given viewer may see it. Every page and export that names a
// participant goes through here: a protected participant's name, phone, national ID and bag
// are masked for anyone without the viewProtected permission, and every unmasked view of a
// protected participant is audited.
import type { Types } from 'mongoose';
import { maskNationalId } from '$lib/domain/participant';
import { isErasedPhone } from '$lib/domain/retention';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { Participant } from '$lib/server/db/models/participant';
import { User } from '$lib/server/db/models/user';

export interface ParticipantIdentity {
	id: string;
	/** Pseudonymous code, always present: shown in place of the name when masked. */
	code: string;
	name: string | null;
	phone: string | null;
	bag: string | null;
	/** Masked in lists (first and last two characters) even when unmasked. */
	nationalIdMasked: string | null;
	masked: boolean;
	/** Her personal data was erased (services/erasure.ts): only her code is left. */
	erased: boolean;
}

export function canViewProtected(viewer: SessionUser | null): boolean {
	return Boolean(viewer?.permissions.includes('viewProtected'));
}

/** Display name: her name, or her code when masked. */
export function displayName(identity: Pick<ParticipantIdentity, 'name' | 'code'>): string {
	return identity.name ?? identity.code;
}

interface IdentitySource {
	_id: Types.ObjectId;
	userId: Types.ObjectId;
	code: string;
	bag?: string | null;
	nationalId?: string | null;
	protected?: boolean | null;
	erasedAt?: Date | null;
	erasureStartedAt?: Date | null;
}

/**
 * Identities for already-loaded participant rows (must include userId, code, bag,
 * nationalId, protected). `forExport` masks protected participants whatever the viewer's
 * permissions: exports leave the portal.
 */
export async function identitiesOf(
	viewer: SessionUser | null,
	rows: readonly IdentitySource[],
	{ ip, forExport = false }: { ip?: string; forExport?: boolean } = {}
): Promise<Map<string, ParticipantIdentity>> {
	const unmaskProtected = canViewProtected(viewer) && !forExport;
	const users = await User.find(
		{ _id: { $in: rows.map((r) => r.userId) } },
		{ name: 1, phone: 1 }
	).lean();
	const byUser = new Map(users.map((u) => [String(u._id), u]));
	const result = new Map<string, ParticipantIdentity>();
	const protectedShown: string[] = [];
	for (const row of rows) {
		const user = byUser.get(String(row.userId));
		// Erased (or being erased: her account's phone goes last): nothing but her code.
		const erased =
			Boolean(row.erasedAt ?? row.erasureStartedAt) || isErasedPhone(user?.phone ?? null);
		const masked = erased || (Boolean(row.protected) && !unmaskProtected);
		if (row.protected && !masked) protectedShown.push(String(row._id));
		result.set(String(row._id), {
			id: String(row._id),
			code: row.code,
			name: masked ? null : (user?.name ?? null),
			phone: masked ? null : (user?.phone ?? null),
			bag: masked ? null : (row.bag ?? null),
			nationalIdMasked: masked ? null : maskNationalId(row.nationalId),
			masked,
			erased
		});
	}
	if (protectedShown.length && viewer) {
		await audit({
			action: 'participant.protected_viewed',
			actorId: viewer.id,
			entity: 'participant',
			entityId: protectedShown.length === 1 ? protectedShown[0] : undefined,
			ip,
			details: { participants: protectedShown }
		});
	}
	return result;
}

/** Identities by participant id. */
export async function identitiesFor(
	viewer: SessionUser | null,
	participantIds: readonly (string | Types.ObjectId)[],
	options: { ip?: string; forExport?: boolean } = {}
): Promise<Map<string, ParticipantIdentity>> {
	const rows = await Participant.find(
		{ _id: { $in: participantIds } },
		{ userId: 1, code: 1, bag: 1, nationalId: 1, protected: 1, erasedAt: 1, erasureStartedAt: 1 }
	).lean();
	return identitiesOf(viewer, rows, options);
}
