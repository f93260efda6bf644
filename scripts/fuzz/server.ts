// The portal under fuzz: the existing production build (nothing is built here), started as
// tests/e2e/serve.js starts it (a fresh DATA_DIR under tests/.tmp, its own ports, the demo
// seeded), with the operator watch on (src/lib/server/db/queryWatch.ts). Its log is kept and
// searched: an OPERATOR-LEAK line or an unexpected-error line (`[1a2b3c4d] POST /path`, from
// handleError in hooks.server.ts) is a failure of the run.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { refuseBusyPorts, sleep, spawnPortal } from '../portalProcess';
import { send } from './http';

export interface ServerOptions {
	root: string;
	buildDir: string;
	port: number;
	dbPort: number;
	sentinel: string;
	/** adapter-node's BODY_SIZE_LIMIT, as tests/e2e/serve.js sets it. */
	bodySizeLimit: string;
}

export interface LogLine {
	at: number;
	stream: 'stdout' | 'stderr';
	text: string;
}

export interface Server {
	origin: string;
	databaseUri: string;
	dataDir: string;
	/** Every line the portal has written so far. */
	log: LogLine[];
	/** CPU seconds the portal has used so far (Linux /proc; 0 elsewhere). */
	cpuSeconds(): number;
	stop(): Promise<void>;
}

/** `OPERATOR-LEAK <collection> <method> <json>`, printed by queryWatch.ts. */
export const LEAK_LINE = /^OPERATOR-LEAK /;
/** handleError's line for an unexpected error: an eight-character reference id in brackets. */
export const UNEXPECTED_LINE = /^\[[0-9a-f]{8}\] /;

/** True when the build's server code holds the operator watch (a build older than it does not). */
function buildWatchesOperators(buildDir: string): boolean {
	const stack = [path.join(buildDir, 'server')];
	while (stack.length) {
		const dir = stack.pop()!;
		if (!existsSync(dir)) continue;
		for (const name of readdirSync(dir)) {
			const full = path.join(dir, name);
			if (statSync(full).isDirectory()) stack.push(full);
			else if (name.endsWith('.js') && readFileSync(full, 'utf8').includes('OPERATOR-LEAK'))
				return true;
		}
	}
	return false;
}

export async function startServer(options: ServerOptions): Promise<Server> {
	const { root, port, dbPort, sentinel } = options;
	const buildDir = path.resolve(root, options.buildDir);
	const entry = path.join(buildDir, 'index.js');
	if (!existsSync(entry)) {
		throw new Error(`No build at ${entry}: run \`npm run build\` first (or set BUILD_DIR).`);
	}
	if (!buildWatchesOperators(buildDir)) {
		throw new Error(
			`The build at ${buildDir} has no operator watch (src/lib/server/db/queryWatch.ts): rebuild it.`
		);
	}
	await refuseBusyPorts({ portal: port, database: dbPort });

	const origin = `http://127.0.0.1:${port}`;
	const dataDir = path.join(root, 'tests', '.tmp', `fuzz-data-${port}`);
	rmSync(dataDir, { recursive: true, force: true });
	const env: NodeJS.ProcessEnv = {
		...process.env,
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin,
		DATA_DIR: dataDir,
		EMBEDDED_DB_PORT: String(dbPort),
		SEED_DEMO: '1',
		BODY_SIZE_LIMIT: options.bodySizeLimit,
		FUZZ_OPERATOR_SENTINEL: sentinel
	};
	// Always the embedded database: the fuzzer never writes to a MONGODB_URI from the shell.
	delete env.MONGODB_URI;

	const log: LogLine[] = [];
	const portal = spawnPortal([entry], {
		cwd: root,
		env,
		onLine: (stream, text) => log.push({ at: Date.now(), stream, text })
	});
	const { pid } = portal;
	const stop = () => portal.stop(15_000);

	const deadline = Date.now() + 180_000;
	for (;;) {
		if (portal.exited() !== undefined) {
			const tail = log.slice(-30).map((l) => l.text);
			throw new Error(
				`The portal exited (${portal.exited()}) before it answered:\n${tail.join('\n')}`
			);
		}
		try {
			if (
				(await send(origin, { method: 'GET', path: '/healthz', timeoutMs: 2_000 })).status === 200
			)
				break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			const tail = log.slice(-30).map((l) => l.text);
			throw new Error(`The portal did not answer /healthz within 3 minutes:\n${tail.join('\n')}`);
		}
		await sleep(200);
	}
	const cpuSeconds = () => {
		try {
			// utime and stime, fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second).
			const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
			return (Number(fields[11]) + Number(fields[12])) / 100;
		} catch {
			return 0;
		}
	};
	return { origin, databaseUri: `mongodb://127.0.0.1:${dbPort}/`, dataDir, log, cpuSeconds, stop };
}
