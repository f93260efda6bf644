// Brute-force throttling of sign-in and set-up: after 5 failures for one phone or 20 from one
// address within 15 minutes, further attempts are refused until the window has passed.
import { SignInAttempt } from '$lib/server/db/models/signInAttempt';

export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_PER_PHONE = 5;
export const MAX_PER_ADDRESS = 20;

export type AttemptKind = 'signin' | 'setup';

/** Milliseconds to wait before another attempt is allowed, or 0 when allowed now. */
export async function throttleWait(
	kind: AttemptKind,
	phone: string,
	ip: string,
	now = new Date()
): Promise<number> {
	const since = new Date(now.getTime() - WINDOW_MS);
	const [byPhone, byAddress] = await Promise.all([
		SignInAttempt.find({ kind, phone, at: { $gt: since } }, { at: 1 })
			.sort({ at: -1 })
			.limit(MAX_PER_PHONE)
			.lean(),
		SignInAttempt.find({ kind, ip, at: { $gt: since } }, { at: 1 })
			.sort({ at: -1 })
			.limit(MAX_PER_ADDRESS)
			.lean()
	]);
	let wait = 0;
	// The window reopens when the oldest of the counted failures leaves it.
	for (const [rows, max] of [
		[byPhone, MAX_PER_PHONE],
		[byAddress, MAX_PER_ADDRESS]
	] as const) {
		const oldestCounted = rows[max - 1];
		if (rows.length >= max && oldestCounted) {
			wait = Math.max(wait, oldestCounted.at.getTime() + WINDOW_MS - now.getTime());
		}
	}
	return wait;
}

export async function recordFailure(kind: AttemptKind, phone: string, ip: string, at = new Date()) {
	await SignInAttempt.create({ kind, phone, ip, at });
}

/** Deletes attempts older than the window (FerretDB has no TTL indexes): housekeeping. */
export async function pruneAttempts(now = new Date()): Promise<number> {
	const result = await SignInAttempt.deleteMany({
		at: { $lt: new Date(now.getTime() - WINDOW_MS) }
	});
	return result.deletedCount;
}

/** A success clears the phone's failures (the address's other failures remain). */
export async function clearFailures(kind: AttemptKind, phone: string) {
	await SignInAttempt.deleteMany({ kind, phone });
}
