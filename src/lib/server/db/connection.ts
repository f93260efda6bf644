// The portal's one connection to MongoDB (or the embedded FerretDB).
import mongoose from 'mongoose';
import { StartupError } from './embedded.js';

export const DEFAULT_DB_NAME = 'soum_incubator';

// Unknown fields in a filter are dropped rather than passed on. Request input never reaches
// a filter as an object: it is parsed to strings and numbers by zod at the edge first.
mongoose.set('strictQuery', true);

/** The database name in the URI's path, if it has one. */
function databaseNameIn(uri: string): string | undefined {
	const afterHosts = uri.replace(/^mongodb(\+srv)?:\/\/[^/]*/, '');
	const name = afterHosts.replace(/^\//, '').split('?')[0];
	return name ? decodeURIComponent(name) : undefined;
}

export async function connectDatabase(
	uri: string,
	dbName?: string,
	{ timeoutMs = 10_000 }: { timeoutMs?: number } = {}
): Promise<typeof mongoose> {
	try {
		await mongoose.connect(uri, {
			dbName: dbName ?? databaseNameIn(uri) ?? DEFAULT_DB_NAME,
			serverSelectionTimeoutMS: timeoutMs,
			autoIndex: true
		});
	} catch (error) {
		const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
		throw new StartupError(`Cannot connect to the database (${redact(uri)}): ${reason}`);
	}
	return mongoose;
}

export async function disconnectDatabase(): Promise<void> {
	await mongoose.disconnect();
}

/** True when the database answers a ping within `timeoutMs`. */
export async function databaseAnswers(timeoutMs = 1_000): Promise<boolean> {
	const db = mongoose.connection.db;
	if (!db || mongoose.connection.readyState !== 1) return false;
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			db
				.admin()
				.ping()
				.then(() => true),
			new Promise<boolean>((resolve) => {
				timer = setTimeout(() => resolve(false), timeoutMs);
			})
		]);
	} catch {
		return false;
	} finally {
		clearTimeout(timer);
	}
}

/** A connection string with any password replaced, for messages and logs. */
export function redact(uri: string): string {
	return uri.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
