// Start-up: the database (MONGODB_URI, or the embedded FerretDB), indexes, reference data and
// the demo. Called once from the server's init hook and from scripts.
import path from 'node:path';
import { readEnv, type Env } from './env';
import { connectDatabase, disconnectDatabase } from './db/connection';
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
	return {
		embedded: Boolean(embedded),
		uri,
		stop: async () => {
			await disconnectDatabase().catch(() => {});
			await embedded?.stop();
		}
	};
}

/** One line for the console: a known start-up problem, or the first line of anything else. */
export function startupFailureLine(error: unknown): string {
	if (error instanceof StartupError) return error.message;
	if (error instanceof Error) return error.message.split('\n')[0] ?? error.name;
	return String(error);
}
