// The embedded database: FerretDB v1.24 (SQLite storage) built from tools/ferretdb with the
// machine's Go, started as a child process on 127.0.0.1, supervised, and stopped with the
// portal. Plain JavaScript (typed with JSDoc) so that the portal, the test set-up and the
// scripts in scripts/ share one launcher.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createHash } from 'node:crypto';
import mongoose from 'mongoose';

export const FERRETDB_VERSION = 'v1.24.2';

/** A start-up problem the person running the portal can fix; its message is one line. */
export class StartupError extends Error {
	/** @param {string} message */
	constructor(message) {
		super(message);
		this.name = 'StartupError';
	}
}

/** @param {string} [root] */
function launcherSourceDir(root = process.cwd()) {
	return path.join(root, 'tools', 'ferretdb');
}

/**
 * The path of the FerretDB binary, building it with Go when it is missing or older than its
 * pinned source (tools/ferretdb/go.mod).
 * @param {{ root?: string, log?: (line: string) => void }} [options]
 * @returns {string}
 */
export function ensureFerretdbBinary({ root = process.cwd(), log = console.log } = {}) {
	if (process.env.FERRETDB_BIN) {
		if (!existsSync(process.env.FERRETDB_BIN)) {
			throw new StartupError(
				`FERRETDB_BIN points at ${process.env.FERRETDB_BIN}, which does not exist.`
			);
		}
		return process.env.FERRETDB_BIN;
	}
	const source = launcherSourceDir(root);
	const binary = path.join(root, '.tools', 'bin', 'ferretdb');
	const stamp = path.join(root, '.tools', 'bin', 'ferretdb.stamp');
	const wanted = createHash('sha256')
		.update(
			['go.mod', 'go.sum', 'main.go'].map((f) => readFileSync(path.join(source, f))).join('\0')
		)
		.digest('hex');
	if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) {
		return binary;
	}
	const go = spawnSync('go', ['version'], { encoding: 'utf8' });
	if (go.error || go.status !== 0) {
		throw new StartupError(
			'The embedded database is built with Go, and `go` was not found: install Go 1.24 or newer, or set MONGODB_URI to a MongoDB server.'
		);
	}
	log(
		`Building the embedded database (FerretDB ${FERRETDB_VERSION}) with ${go.stdout.trim()}: first time only, a few minutes on a small machine...`
	);
	const started = Date.now();
	mkdirSync(path.dirname(binary), { recursive: true });
	const build = spawnSync('go', ['build', '-trimpath', '-o', binary, '.'], {
		cwd: source,
		stdio: ['ignore', 'inherit', 'pipe'],
		encoding: 'utf8',
		env: { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-mod=mod' }
	});
	if (build.status !== 0) {
		const last = (build.stderr || '').trim().split('\n').slice(-1)[0] ?? '';
		throw new StartupError(`Building the embedded database failed: ${last}`);
	}
	writeFileSync(stamp, wanted);
	log(`Embedded database built in ${Math.round((Date.now() - started) / 1000)} s.`);
	return binary;
}

/** @param {number} port */
function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/**
 * Resolves once a MongoDB-protocol server at `uri` answers a ping.
 * @param {string} uri
 * @param {number} timeoutMs
 */
export async function waitUntilAnswers(uri, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	let lastError = /** @type {unknown} */ (null);
	while (Date.now() < deadline) {
		const client = new mongoose.mongo.MongoClient(uri, {
			serverSelectionTimeoutMS: 500,
			connectTimeoutMS: 500
		});
		try {
			await client.connect();
			await client.db('admin').command({ ping: 1 });
			return;
		} catch (error) {
			lastError = error;
			await new Promise((r) => setTimeout(r, 150));
		} finally {
			await client.close().catch(() => {});
		}
	}
	throw new StartupError(
		`The database at ${uri} did not answer within ${timeoutMs / 1000} s (${lastError instanceof Error ? lastError.message : 'no answer'}).`
	);
}

/**
 * @typedef {object} EmbeddedDatabase
 * @property {string} uri        mongodb:// address of the running server
 * @property {() => Promise<void>} stop   stops it and waits for it to exit
 * @property {() => number | undefined} pid
 * @property {() => number} restarts   deaths in a row, 0 until the first
 */

/**
 * How long the supervisor waits before starting the database again after its `attempt`-th death
 * in a row: 250 ms, 500 ms, 1 s, 2 s ... at most 10 s.
 * @param {number} attempt 1 for the first restart
 */
export function restartDelay(attempt) {
	return Math.min(10_000, 250 * 2 ** Math.max(0, Math.min(attempt - 1, 6)));
}

/**
 * Starts FerretDB on 127.0.0.1:`port` with SQLite files under `dataDir`, waits until it
 * answers, and restarts it (with back-off) if it dies while the portal runs. A server that ran
 * for `healthyAfterMs` before dying counts as healthy: its restart is the first again, so one
 * crash a day is never met with the 10 s wait of a crash loop.
 * @param {{ dataDir: string, port: number, root?: string, log?: (line: string) => void, readyTimeoutMs?: number, healthyAfterMs?: number }} options
 * @returns {Promise<EmbeddedDatabase>}
 */
export async function startEmbeddedDatabase({
	dataDir,
	port,
	root = process.cwd(),
	log = console.log,
	readyTimeoutMs = 30_000,
	healthyAfterMs = 30_000
}) {
	const binary = ensureFerretdbBinary({ root, log });
	const storage = path.resolve(dataDir, 'ferretdb');
	try {
		mkdirSync(storage, { recursive: true });
		if (!statSync(storage).isDirectory()) throw new Error('not a directory');
	} catch {
		throw new StartupError(`The data folder ${storage} cannot be created or written (DATA_DIR).`);
	}
	if (!(await portIsFree(port))) {
		throw new StartupError(
			`Port ${port} on 127.0.0.1 is already in use, so the embedded database cannot start: stop what uses it or set EMBEDDED_DB_PORT.`
		);
	}

	const uri = `mongodb://127.0.0.1:${port}/`;
	let stopping = false;
	/** Deaths in a row (each within `healthyAfterMs` of its start). */
	let restarts = 0;
	/** @type {import('node:child_process').ChildProcess | undefined} */
	let child;
	/** @type {string[]} */
	let stderrTail = [];

	const launch = () => {
		stderrTail = [];
		const startedAt = Date.now();
		const thisChild = spawn(
			binary,
			[
				`--listen-addr=127.0.0.1:${port}`,
				// secure_delete zeroes freed pages and journal_size_limit(0) truncates the write-ahead
				// log at each checkpoint, so that text an erasure removed (docs/reliability.md) does
				// not linger in the database files' free space.
				`--sqlite-url=file:${storage}/?_pragma=secure_delete(on)&_pragma=journal_size_limit(0)`,
				'--log-level=error',
				// Its stdin is a pipe from the portal: if the portal dies, however it dies, the
				// pipe closes and the database exits with it.
				'--exit-on-stdin-close'
			],
			// Its own process group: Ctrl-C in a terminal (SIGINT to the foreground group) or a
			// supervisor's signal to the portal's group reaches the portal only, which finishes
			// its requests and then stops the database itself.
			{ stdio: ['pipe', 'ignore', 'pipe'], detached: true }
		);
		child = thisChild;
		thisChild.stderr?.setEncoding('utf8');
		thisChild.stderr?.on('data', (chunk) => {
			stderrTail = [...stderrTail, ...String(chunk).trim().split('\n')].slice(-5);
		});
		let ended = false;
		/** @param {string} how */
		const onEnd = (how) => {
			if (ended) return;
			ended = true;
			if (stopping || thisChild !== child) return;
			restarts = Date.now() - startedAt >= healthyAfterMs ? 1 : restarts + 1;
			const delay = restartDelay(restarts);
			log(
				`Embedded database ${how}; restarting in ${delay} ms (restart ${restarts} in a row). ${stderrTail.join(' | ')}`
			);
			setTimeout(() => {
				if (!stopping) launch();
			}, delay).unref();
		};
		thisChild.on('exit', (code, signal) => onEnd(`exited (${signal ?? `code ${code}`})`));
		// Spawning failed (the binary removed meanwhile): 'exit' may never come.
		thisChild.on('error', (error) => onEnd(`could not run (${error.message})`));
	};

	launch();
	try {
		await waitUntilAnswers(uri, readyTimeoutMs);
	} catch (error) {
		stopping = true;
		child?.kill('SIGTERM');
		const detail = stderrTail.join(' | ');
		throw detail ? new StartupError(`The embedded database did not start: ${detail}`) : error;
	}
	restarts = 0;

	return {
		uri,
		pid: () => child?.pid,
		restarts: () => restarts,
		stop: () =>
			new Promise((resolve) => {
				stopping = true;
				const current = child;
				if (!current?.pid || current.exitCode !== null || current.signalCode !== null) {
					return resolve();
				}
				const force = setTimeout(() => current.kill('SIGKILL'), 5_000);
				current.once('exit', () => {
					clearTimeout(force);
					resolve();
				});
				current.kill('SIGTERM');
			})
	};
}
