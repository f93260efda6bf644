// Expiry done in code, because FerretDB v1 has no TTL indexes (docs/database.md): expired
// sessions and stale throttle rows are deleted at start and then every hour.
import { deleteExpiredSessions } from '$lib/server/auth/session';
import { pruneAttempts } from './throttle';

export async function runHousekeeping(now = new Date()) {
	const [sessions, attempts] = await Promise.all([deleteExpiredSessions(now), pruneAttempts(now)]);
	return { sessions, attempts };
}

export function scheduleHousekeeping(everyMs = 60 * 60 * 1000): () => void {
	const run = () => {
		runHousekeeping().catch((error) => console.error('housekeeping failed:', error));
	};
	run();
	const timer = setInterval(run, everyMs);
	timer.unref();
	return () => clearInterval(timer);
}
