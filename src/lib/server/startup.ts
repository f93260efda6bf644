// Start-up: the database (MONGODB_URI, or the embedded FerretDB), indexes, reference data and
// the demo. Called once from the server's init hook and from scripts.
import path from 'node:path';
import { readEnv, type Env } from './env';
import { connectDatabase, disconnectDatabase, watchConnection } from './db/connection';
import { startEmbeddedDatabase, StartupError, type EmbeddedDatabase } from './db/embedded.js';
import { initModels } from './db/models';
import { ensureSoums, seedDemo } from './services/demoSeed';

export interface Running {
	embedded: boolean;
	uri: string;
	stop: () => Promise<void>;
}

/**
 * `demo`: load the demo when the database has no accounts. By default only on the embedded
 * database (never on a real MongoDB unless SEED_DEMO=1 or `npm run seed:demo`).
 */
export async function startDatabase(
	env: Env = readEnv(),
	log: (line: string) => void = console.log,
	{ demo }: { demo?: boolean } = {}
): Promise<Running> {
	let embedded: EmbeddedDatabase | undefined;
	let uri = env.MONGODB_URI;
	if (!uri) {
		embedded = await startEmbeddedDatabase({
			dataDir: path.resolve(env.DATA_DIR),
			port: env.EMBEDDED_DB_PORT,
			log
		});
		uri = embedded.uri;
		log(`Embedded database (FerretDB) listening on ${uri}, data in ${path.resolve(env.DATA_DIR)}`);
	}
	try {
		await connectDatabase(uri);
		await initModels();
		await ensureSoums();
		if ((demo ?? (Boolean(embedded) || env.SEED_DEMO)) && (await seedDemo())) {
			log('The database was empty: demo data loaded (accounts 80000001-80000010, see README).');
		}
	} catch (error) {
		await embedded?.stop();
		throw error;
	}
	const unwatch = watchConnection(log);
	return {
		embedded: Boolean(embedded),
		uri,
		stop: async () => {
			unwatch();
			await disconnectDatabase().catch(() => {});
			await embedded?.stop();
		}
	};
}

/** How long the database may take to stop before the process leaves without waiting. */
const STOP_DEADLINE_MS = 10_000;
/** How long the process may linger once everything it opened is closed. */
const EXIT_GRACE_MS = 1_000;

/**
 * Stops the database (the connection, then the embedded server), then lets the process exit.
 * Everything the portal opens is closed or unref'd by then, so Node exits by itself; if a
 * library still holds the event loop (a socket, a timer), the process exits after a second
 * anyway, naming what held it, so that a supervisor is never left waiting.
 */
export async function shutDown(reason: string, stop: () => Promise<void>): Promise<void> {
	const started = Date.now();
	let timer: NodeJS.Timeout | undefined;
	const deadline = new Promise<'late'>((resolve) => {
		timer = setTimeout(() => resolve('late'), STOP_DEADLINE_MS);
	});
	let outcome: 'stopped' | 'late' | 'failed';
	try {
		outcome = await Promise.race([stop().then(() => 'stopped' as const), deadline]);
	} catch (error) {
		console.error('Stopping the database failed', error);
		outcome = 'failed';
	} finally {
		clearTimeout(timer);
	}
	if (outcome !== 'stopped') {
		console.error(`The database did not stop cleanly (${outcome}); exiting.`);
		process.exit(1);
	}
	console.log(
		`Shut down (${reason}): requests finished, database stopped in ${Date.now() - started} ms.`
	);
	setTimeout(() => {
		console.warn(
			`Exiting: still open after shutdown: ${process.getActiveResourcesInfo().join(', ')}`
		);
		process.exit(0);
	}, EXIT_GRACE_MS).unref();
}

/** One line for the console: a known start-up problem, or the first line of anything else. */
export function startupFailureLine(error: unknown): string {
	if (error instanceof StartupError) return error.message;
	if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
	return String(error);
}
