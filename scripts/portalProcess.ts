// The built portal as a child process of a script (the benchmark, the fuzzer): started in a
// process group of its own with its FerretDB, its output handed over line by line, and stopped
// the way a service manager would (SIGTERM, then the group, then SIGKILL).
import { spawn } from 'node:child_process';
import { connect } from 'node:net';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

/** Refuses to start when the portal's or its database's port is taken. */
export async function refuseBusyPorts(ports: Record<string, number>): Promise<void> {
	for (const [what, port] of Object.entries(ports)) {
		if (await portInUse(port)) {
			throw new Error(`Port ${port} (the ${what}) is in use: stop what uses it and run again.`);
		}
	}
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

export interface PortalProcess {
	pid: number;
	/** The exit code once it exited (null when killed by a signal), else undefined. */
	exited: () => number | null | undefined;
	/** SIGTERM; after `graceMs` SIGKILL; then waits for its FerretDB, and ends the group. */
	stop: (graceMs: number) => Promise<void>;
}

export function spawnPortal(
	args: string[],
	{
		cwd,
		env,
		onLine
	}: {
		cwd: string;
		env: NodeJS.ProcessEnv;
		onLine: (stream: 'stdout' | 'stderr', text: string) => void;
	}
): PortalProcess {
	const child = spawn(process.execPath, args, {
		cwd,
		env,
		detached: true, // its own process group: the portal and its FerretDB child
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const pid = child.pid;
	if (pid === undefined) throw new Error('The portal did not start.');
	for (const stream of ['stdout', 'stderr'] as const) {
		let rest = '';
		child[stream]?.on('data', (chunk: Buffer) => {
			const lines = (rest + chunk.toString()).split('\n');
			rest = lines.pop() ?? '';
			for (const text of lines) if (text) onLine(stream, text);
		});
	}
	let exited: number | null | undefined;
	const exit = new Promise<void>((resolve) =>
		child.once('exit', (code) => {
			exited = code;
			resolve();
		})
	);
	return {
		pid,
		exited: () => exited,
		async stop(graceMs) {
			if (exited === undefined) {
				child.kill('SIGTERM');
				const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
				await exit;
				clearTimeout(force);
			}
			// The portal stops its FerretDB on shutdown; wait for it, then make sure.
			for (let i = 0; i < 50 && groupAlive(pid); i++) await sleep(200);
			if (groupAlive(pid)) {
				process.kill(-pid, 'SIGTERM');
				for (let i = 0; i < 25 && groupAlive(pid); i++) await sleep(200);
				if (groupAlive(pid)) process.kill(-pid, 'SIGKILL');
			}
		}
	};
}
