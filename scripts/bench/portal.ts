// Starts and stops the built portal for `npm run bench`: `node <build>` on the scale data, or
// the browser tests' server (tests/e2e/serve.js: a fresh embedded database with the demo). The
// portal runs in its own process group, so that stopping it can make sure its embedded
// database (FerretDB, the portal's child) has gone too.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';

export interface PortalOptions {
	/** Absolute path of the checkout. */
	root: string;
	/** The build folder, relative to `root` (`build`, `build-h3`). */
	buildDir: string;
	/** `scale`: `node <build>` on `dataDir`; `demo`: tests/e2e/serve.js (fresh demo data). */
	mode: 'scale' | 'demo';
	port: number;
	dbPort: number;
	/** Relative to `root`; the scale data (`scale` mode only). */
	dataDir?: string;
}

export interface Portal {
	baseURL: string;
	/** The portal's own process id (the leader of its process group). */
	pid: number;
	/** The embedded database the portal started: `mongodb://127.0.0.1:<dbPort>/`. */
	databaseURI: string;
	/** Stops the portal (SIGTERM) and waits until it and its database have exited. */
	stop: () => Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when something accepts connections on 127.0.0.1:`port`. */
export function portInUse(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/** True while any process of the group led by `pid` is alive. */
function groupAlive(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return true;
	} catch {
		return false;
	}
}

export async function startPortal(options: PortalOptions): Promise<Portal> {
	const { root, buildDir, mode, port, dbPort } = options;
	const entry = path.join(root, buildDir, 'index.js');
	if (!existsSync(entry)) throw new Error(`No build at ${entry}.`);
	for (const [what, p] of [
		['portal', port],
		['database', dbPort]
	] as const) {
		if (await portInUse(p)) {
			throw new Error(`Port ${p} (the ${what}) is in use: stop what uses it and run again.`);
		}
	}
	const baseURL = `http://127.0.0.1:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		NODE_ENV: 'production',
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: baseURL,
		EMBEDDED_DB_PORT: String(dbPort),
		BUILD_DIR: buildDir
	};
	// The benchmark measures the embedded database, never a MONGODB_URI from the shell.
	delete env.MONGODB_URI;
	delete env.SEED_DEMO;
	let args: string[];
	if (mode === 'scale') {
		if (!options.dataDir) throw new Error('The scale portal needs its data folder.');
		env.DATA_DIR = path.join(root, options.dataDir);
		args = [entry];
	} else {
		args = [path.join(root, 'tests', 'e2e', 'serve.js')];
	}

	const child: ChildProcess = spawn(process.execPath, args, {
		cwd: root,
		env,
		detached: true, // its own process group: the portal and its FerretDB child
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error('The portal did not start.');
	const output: string[] = [];
	const keep = (chunk: Buffer) => {
		output.push(...chunk.toString().split('\n').filter(Boolean));
		output.splice(0, Math.max(0, output.length - 40));
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	let exited: number | null | undefined;
	const exit = new Promise<void>((resolve) =>
		child.once('exit', (code) => {
			exited = code;
			resolve();
		})
	);

	async function stop() {
		if (exited === undefined) {
			child.kill('SIGTERM');
			const force = setTimeout(() => child.kill('SIGKILL'), 20_000);
			await exit;
			clearTimeout(force);
		}
		// The portal stops its FerretDB on shutdown; wait for it, then make sure.
		for (let i = 0; i < 50 && groupAlive(pid!); i++) await sleep(200);
		if (groupAlive(pid!)) {
			process.kill(-pid!, 'SIGTERM');
			for (let i = 0; i < 25 && groupAlive(pid!); i++) await sleep(200);
			if (groupAlive(pid!)) process.kill(-pid!, 'SIGKILL');
		}
		for (let i = 0; i < 25 && (await portInUse(dbPort)); i++) await sleep(200);
		if (await portInUse(dbPort)) throw new Error(`The database port ${dbPort} is still in use.`);
	}

	// Ready when /healthz (the database answers) says so; the first start of the scale data
	// may build indexes, so allow a few minutes.
	const deadline = Date.now() + 300_000;
	for (;;) {
		if (exited !== undefined) {
			throw new Error(`The portal exited (${exited}) before it answered:\n${output.join('\n')}`);
		}
		try {
			const response = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(2_000) });
			await response.body?.cancel();
			if (response.ok) break;
		} catch {
			// not listening yet
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`The portal did not answer /healthz in 5 minutes:\n${output.join('\n')}`);
		}
		await sleep(250);
	}
	return { baseURL, pid, databaseURI: `mongodb://127.0.0.1:${dbPort}/`, stop };
}
