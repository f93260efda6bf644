// Provisions what the tests need on a fresh machine: the embedded database's Go build and,
// when it is missing, Debian's chromium for Playwright (installed with apt-get when root).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { ensureFerretdbBinary, StartupError } from '../src/lib/server/db/embedded.js';

function fail(message) {
	console.error(`provision: ${message}`);
	process.exit(1);
}

try {
	if (!process.env.MONGODB_URI) {
		const binary = ensureFerretdbBinary({ log: (line) => console.log(`provision: ${line}`) });
		console.log(`provision: embedded database ready (${binary})`);
	}
} catch (error) {
	fail(error instanceof StartupError ? error.message : String(error));
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(chromium)) {
	console.log(`provision: chromium ready (${chromium})`);
} else if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
	console.log("provision: installing Debian's chromium for the browser tests (apt-get)...");
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [
		['update', '-qq'],
		['install', '-y', '-qq', '--no-install-recommends', 'chromium']
	]) {
		const result = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
		if (result.status !== 0) fail(`apt-get ${args.join(' ')} failed`);
	}
	if (!existsSync(chromium)) fail(`chromium was installed but ${chromium} is missing`);
	console.log(`provision: chromium installed (${chromium})`);
} else {
	fail(
		`no browser at ${chromium}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`
	);
}
