// `npm start`: builds the portal when the build is missing or older than the sources, then
// serves it at http://localhost:3000 (PORT) on the embedded database, or on MONGODB_URI.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
process.chdir(root);

function newestChange(entry) {
	if (!existsSync(entry)) return 0;
	const stat = statSync(entry);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const name of readdirSync(entry))
		newest = Math.max(newest, newestChange(path.join(entry, name)));
	return newest;
}

// BUILD_DIR (svelte.config.js) builds and serves another folder, as the tests do.
const buildDir = path.join(root, process.env.BUILD_DIR ?? 'build');
const built = path.join(buildDir, 'handler.js');
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];
const builtAt = existsSync(built) ? statSync(built).mtimeMs : 0;
if (builtAt < Math.max(...sources.map(newestChange))) {
	console.log('Building the portal...');
	const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
	if (result.status !== 0) {
		console.error('The build failed: see the messages above.');
		process.exit(1);
	}
}

process.env.PORT ??= '3000';
// A receipt is a phone photo of up to 5 MB, a check-in up to three (lib/domain/mentoring.ts):
// 16 MB; adapter-node's default is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '16M';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
console.log(`Soum Incubator is starting at ${process.env.ORIGIN} ...`);
// Runs in this process (no child): SIGTERM or Ctrl-C reaches the server itself, which finishes
// the requests in flight, stops the database and exits (src/lib/server/startup.ts, shutDown).
await import(path.join(buildDir, 'index.js'));
