// The programme's staff: the benchmark accounts of SCALE_ACCOUNTS (all active in the current
// cohort) and the colleagues a programme of this size has: coordinators, finance officers,
// forty reviewers (the committee of every cohort) and two mentors per soum, one who followed
// the cohorts of 2017 to 2023 and one who follows those since 2024.
import type { Types } from 'mongoose';
import type { Role } from '$lib/domain/roles';
import { User } from '$lib/server/db/models/user';
import { SCALE_ACCOUNTS } from '../bench/scale';
import { day, addHours, type Random } from './random';
import { FATHER_NAMES, GIVEN_NAMES } from './texts';
import { anyModel, type Writer } from './writer';

export const REVIEWERS = 40;
/** The soum of the benchmarks' mentor. */
export const SCALE_MENTOR_SOUM = 'khanbogd';
/** Cohorts from this year on are followed by each soum's second mentor. */
export const SECOND_MENTOR_FROM = 2024;

export interface Staff {
	admin: Types.ObjectId;
	/** The first is the benchmarks' coordinator. */
	coordinators: Types.ObjectId[];
	/** The first is the benchmarks' finance officer. */
	finance: Types.ObjectId[];
	/** The first chairs every committee; the second is the benchmarks' reviewer. */
	reviewers: Types.ObjectId[];
	/** Per soum: [the mentor of 2017–2023, the mentor since 2024]. */
	mentors: Map<string, [Types.ObjectId, Types.ObjectId]>;
}

export function mentorFor(staff: Staff, soum: string, year: number): Types.ObjectId {
	const pair = staff.mentors.get(soum);
	if (!pair) throw new Error(`No mentor for ${soum}`);
	return year >= SECOND_MENTOR_FROM ? pair[1] : pair[0];
}

export async function seedStaff(
	rand: Random,
	writer: Writer,
	soums: readonly string[],
	passwordHash: string
): Promise<Staff> {
	const users: Record<string, unknown>[] = [];
	const account = (
		phone: string,
		roles: Role[],
		created: Date,
		extra: { soums?: string[]; permissions?: string[]; name?: string } = {}
	) => {
		const id = rand.objectId(created);
		users.push({
			_id: id,
			phone,
			name: extra.name ?? `${rand.pick(GIVEN_NAMES)} ${rand.pick(FATHER_NAMES)}`,
			roles,
			soums: extra.soums ?? [],
			permissions: extra.permissions ?? [],
			passwordHash,
			passwordChangedAt: addHours(created, 30),
			createdAt: created,
			updatedAt: addHours(created, 30)
		});
		return id;
	};
	const start = day(2017, 1, 9);
	const admin = account('95000010', ['admin'], start);
	// The benchmarks' coordinator is the case worker allowed to see protected participants.
	const coordinators = [
		account(SCALE_ACCOUNTS.coordinator, ['coordinator'], start, {
			permissions: ['viewProtected']
		}),
		account('95000011', ['coordinator'], start),
		account('95000012', ['coordinator'], day(2020, 1, 13))
	];
	const finance = [
		account(SCALE_ACCOUNTS.finance, ['finance'], start),
		account('95000021', ['finance'], day(2019, 1, 14))
	];
	const reviewers = [account('95000100', ['reviewer'], start)];
	reviewers.push(account(SCALE_ACCOUNTS.reviewer, ['reviewer'], start));
	for (let i = 2; i < REVIEWERS; i++) {
		reviewers.push(account(String(95000100 + i - 1), ['reviewer'], start));
	}
	const mentors = new Map<string, [Types.ObjectId, Types.ObjectId]>();
	soums.forEach((soum, i) => {
		const first = account(String(95000200 + i), ['mentor'], start, { soums: [soum] });
		const secondPhone = soum === SCALE_MENTOR_SOUM ? SCALE_ACCOUNTS.mentor : String(95000300 + i);
		const second = account(secondPhone, ['mentor'], day(SECOND_MENTOR_FROM, 1, 10), {
			soums: [soum]
		});
		mentors.set(soum, [first, second]);
	});
	for (const user of users) user.createdBy = admin;
	delete users[0]!.createdBy; // the first administrator was made by the installation
	await writer.insert(anyModel(User), users);
	return { admin, coordinators, finance, reviewers, mentors };
}
