// Starts and stops the built portal for `npm run bench`: `node <build>` on the scale data, or
// the browser tests' server (tests/e2e/serve.js: a fresh embedded database with the demo). The
// portal runs in its own process group, so that stopping it can make sure its embedded
// database (FerretDB, the portal's child) has gone too.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { portInUse, refuseBusyPorts, sleep, spawnPortal } from '../portalProcess';

export { portInUse };

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

export async function startPortal(options: PortalOptions): Promise<Portal> {
	const { root, buildDir, mode, port, dbPort } = options;
	const entry = path.join(root, buildDir, 'index.js');
	if (!existsSync(entry)) throw new Error(`No build at ${entry}.`);
	await refuseBusyPorts({ portal: port, database: dbPort });
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

	const output: string[] = [];
	const portal = spawnPortal(args, {
		cwd: root,
		env,
		onLine: (_stream, text) => {
			output.push(text);
			output.splice(0, Math.max(0, output.length - 40));
		}
	});
	const { pid } = portal;

	async function stop() {
		await portal.stop(20_000);
		for (let i = 0; i < 25 && (await portInUse(dbPort)); i++) await sleep(200);
		if (await portInUse(dbPort)) throw new Error(`The database port ${dbPort} is still in use.`);
	}

	// Ready when /healthz (the database answers) says so; the first start of the scale data
	// may build indexes, so allow a few minutes.
	const deadline = Date.now() + 300_000;
	for (;;) {
		if (portal.exited() !== undefined) {
			throw new Error(
				`The portal exited (${portal.exited()}) before it answered:\n${output.join('\n')}`
			);
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
