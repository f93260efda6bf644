// The portal's one connection to MongoDB (or the embedded FerretDB).
import mongoose from 'mongoose';
import './queryWatch';
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

/**
 * How long a query waits for a server when none is reachable (the embedded database restarting,
 * a MongoDB server gone): about a second, then it fails and the page answers 503 rather than
 * hanging. While the server answers, queries never wait on this.
 */
export const SERVER_SELECTION_TIMEOUT_MS = 1_000;

/** How often the driver asks the server whether it is there: it notices it back within a second. */
export const HEARTBEAT_FREQUENCY_MS = 1_000;

/**
 * Connects, trying again until `timeoutMs` has passed: each try waits up to a second for the
 * server (the same limit a query has later), so a server that is still starting gets several.
 */
export async function connectDatabase(
	uri: string,
	dbName?: string,
	{ timeoutMs = 10_000 }: { timeoutMs?: number } = {}
): Promise<typeof mongoose> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			await mongoose.connect(uri, {
				dbName: dbName ?? databaseNameIn(uri) ?? DEFAULT_DB_NAME,
				serverSelectionTimeoutMS: Math.min(SERVER_SELECTION_TIMEOUT_MS, timeoutMs),
				heartbeatFrequencyMS: HEARTBEAT_FREQUENCY_MS,
				autoIndex: true
			});
			return mongoose;
		} catch (error) {
			if (isDatabaseUnavailable(error) && Date.now() + 250 < deadline) {
				await new Promise((resolve) => setTimeout(resolve, 250));
				continue;
			}
			const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
			throw new StartupError(`Cannot connect to the database (${redact(uri)}): ${reason}`);
		}
	}
}

const {
	MongoClientClosedError,
	MongoNetworkError,
	MongoNotConnectedError,
	MongoServerClosedError,
	MongoServerError,
	MongoServerSelectionError,
	MongoTopologyClosedError
} = mongoose.mongo;

/**
 * Server answers that mean "not now, try again": it is shutting down, or (a replica set) the
 * primary stepped down. ShutdownInProgress, PrimarySteppedDown, NotWritablePrimary,
 * InterruptedAtShutdown, InterruptedDueToReplStateChange, NotPrimaryNoSecondaryOk,
 * NotPrimaryOrSecondary.
 */
const NOT_NOW_CODES = new Set([91, 189, 10107, 11600, 11602, 13435, 13436]);

/**
 * True when `error` (or its cause) says the database cannot be reached right now, as opposed
 * to a query the database refused. Network errors include a pool cleared after one
 * (PoolClearedError is a MongoNetworkError); "buffering timed out" comes only before the first
 * connection (mongoose 9 does not buffer after it).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	let current = error;
	for (let depth = 0; current instanceof Error && depth < 5; depth++) {
		if (
			current instanceof MongoNetworkError ||
			current instanceof MongoServerSelectionError ||
			current instanceof mongoose.Error.MongooseServerSelectionError ||
			current instanceof MongoNotConnectedError ||
			current instanceof MongoTopologyClosedError ||
			current instanceof MongoServerClosedError ||
			current instanceof MongoClientClosedError ||
			current.name === 'MongoPoolClosedError' ||
			(current instanceof MongoServerError && NOT_NOW_CODES.has(Number(current.code))) ||
			(current instanceof mongoose.Error && /buffering timed out after/.test(current.message))
		) {
			return true;
		}
		current = current.cause;
	}
	return false;
}

/** True while the connection is open (the driver sees the server); false during an outage. */
export function databaseConnected(): boolean {
	return mongoose.connection.readyState === mongoose.ConnectionStates.connected;
}

/**
 * Logs when the connection is lost and when it is back (with how long it was away); returns
 * the function that stops watching (before a deliberate disconnect).
 */
export function watchConnection(log: (line: string) => void): () => void {
	let lostAt: number | null = null;
	const lost = () => {
		lostAt ??= Date.now();
		log('Database connection lost: requests that need it answer 503 until it is back.');
	};
	const back = () => {
		log(`Database connection back${lostAt === null ? '' : ` after ${Date.now() - lostAt} ms`}.`);
		lostAt = null;
	};
	mongoose.connection.on('disconnected', lost);
	mongoose.connection.on('reconnected', back);
	return () => {
		mongoose.connection.off('disconnected', lost);
		mongoose.connection.off('reconnected', back);
	};
}

export async function disconnectDatabase(): Promise<void> {
	await mongoose.disconnect();
}

/** Told when the driver finds the server gone (each loss once, however many listeners). */
const lossListeners = new Set<() => void>();
mongoose.connection.on('disconnected', () => {
	for (const listener of [...lossListeners]) listener();
});

/** Calls `listener` whenever the connection is lost; returns the function that stops it. */
export function onConnectionLost(listener: () => void): () => void {
	lossListeners.add(listener);
	return () => lossListeners.delete(listener);
}

/**
 * True when the database answers a ping within `timeoutMs`; false at once when there is no
 * connection, or as soon as the driver finds the server gone while the ping waits for it.
 */
export async function databaseAnswers(timeoutMs = 1_000): Promise<boolean> {
	const db = mongoose.connection.db;
	if (!db || !databaseConnected()) return false;
	let timer: NodeJS.Timeout | undefined;
	let stopListening: (() => void) | undefined;
	try {
		return await Promise.race([
			db
				.admin()
				.ping()
				.then(() => true),
			new Promise<boolean>((resolve) => {
				timer = setTimeout(() => resolve(false), timeoutMs);
				stopListening = onConnectionLost(() => resolve(false));
			})
		]);
	} catch {
		return false;
	} finally {
		clearTimeout(timer);
		stopListening?.();
	}
}

/** A connection string with any password replaced, for messages and logs. */
export function redact(uri: string): string {
	return uri.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@');
}
