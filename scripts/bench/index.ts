// `npm run bench`: the portal's benchmarks on the scale data (`npm run seed:scale` first).
// Starts the built portal (`node build`) on the scale data, then measures:
//   server    requests/s and latency per route at 1, 10 and 50 connections (./server.ts)
//   database  the reporting services, and every query of the hot paths explained (./database.ts)
//   bytes     what a first visit of each page transfers (./bytes.ts)
// prints the tables and the machine, writes the raw figures to bench-results/<ISO date>.json,
// and stops the portal and its database.
//   npm run bench -- [--duration 10] [--only server|database|bytes] [--connections 1,10,50]
//                    [--build build] [--demo]
// --demo measures the demo instead (tests/e2e/serve.js: a fresh embedded database with the
// demo, port 4421), for when the scale data is not there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
	deleteSessionsSince,
	waitForReportSnapshot,
	measureDatabase,
	printDatabase,
	type DatabaseResults
} from './database';
import type { BytesRow } from './bytes';
import { startPortal, type Portal } from './portal';
import { SCALE_ACCOUNTS, SCALE_DATA_DIR, SCALE_DB_PORT, SCALE_PASSWORD, SCALE_PORT } from './scale';
import { measureServer, printServer, type Accounts, type ServerResults } from './server';

const SECTIONS = ['server', 'database', 'bytes'] as const;
type Section = (typeof SECTIONS)[number];

const DEMO = {
	port: 4421,
	dbPort: 27467,
	password: 'demo-pass-2026',
	accounts: {
		coordinator: '80000002',
		reviewer: '80000004',
		mentor: '80000005',
		applicant: '80000006',
		/** The demo applicant is still in training: the plan editor is the grantee's (P1). */
		planner: '80000010'
	}
} as const;

function fail(message: string): never {
	console.error(message);
	process.exit(1);
}

const { values } = parseArgs({
	options: {
		duration: { type: 'string', default: '10' },
		only: { type: 'string' },
		connections: { type: 'string', default: '1,10,50' },
		build: { type: 'string', default: 'build' },
		demo: { type: 'boolean', default: false }
	}
});
const seconds = Number(values.duration);
if (!Number.isFinite(seconds) || seconds <= 0)
	fail(`--duration: seconds, not "${values.duration}"`);
const connections = values.connections.split(',').map(Number);
if (connections.some((n) => !Number.isInteger(n) || n < 1)) {
	fail(`--connections: whole numbers separated by commas, not "${values.connections}"`);
}
if (values.only && !(SECTIONS as readonly string[]).includes(values.only)) {
	fail(`--only: one of ${SECTIONS.join(', ')}, not "${values.only}"`);
}
const sections: Section[] = values.only ? [values.only as Section] : [...SECTIONS];

const root = path.resolve(import.meta.dirname, '..', '..');
const demo = values.demo;
const seededFile = path.join(root, SCALE_DATA_DIR, 'SEEDED.json');
if (!demo && !existsSync(seededFile)) {
	fail(
		`No scale data (${path.relative(root, seededFile)} is missing): run npm run seed:scale first.`
	);
}
const buildDir = values.build;
if (!existsSync(path.join(root, buildDir, 'index.js'))) {
	console.log(`No portal build in ${buildDir}/: building it (npx vite build)…`);
	const built = spawnSync('npx', ['vite', 'build'], {
		cwd: root,
		stdio: 'inherit',
		env: { ...process.env, BUILD_DIR: buildDir }
	});
	if (built.status !== 0) fail('The build failed.');
}

const accounts: Accounts = demo ? { ...DEMO.accounts } : { ...SCALE_ACCOUNTS };
const password = demo ? DEMO.password : SCALE_PASSWORD;
const machine = {
	cpus: os.cpus().length,
	model: os.cpus()[0]?.model ?? 'unknown',
	memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
	node: process.version,
	platform: `${os.platform()} ${os.release()}`
};
const data = demo
	? { kind: 'demo' }
	: { kind: 'scale', seeded: JSON.parse(readFileSync(seededFile, 'utf8')) as unknown };

const git = (...args: string[]) =>
	spawnSync('git', args, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
const code = { commit: git('rev-parse', 'HEAD'), changed: git('status', '--short', '--', 'src') };
const started = new Date();
console.log(
	`Starting the portal (${buildDir}/) on the ${demo ? 'demo' : 'scale'} data` +
		`${demo ? '' : ` (${SCALE_DATA_DIR}/)`}…`
);
const portal: Portal = await startPortal({
	root,
	buildDir,
	mode: demo ? 'demo' : 'scale',
	port: demo ? DEMO.port : SCALE_PORT,
	dbPort: demo ? DEMO.dbPort : SCALE_DB_PORT,
	dataDir: demo ? undefined : SCALE_DATA_DIR
});
let stopping: Promise<void> | null = null;
const stop = () => (stopping ??= portal.stop());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		void stop().finally(() => process.exit(130));
	});
}

const results: {
	server?: ServerResults;
	database?: DatabaseResults;
	bytes?: BytesRow[];
	sessionsDeleted?: number;
	/** The portal's own count of the current cohort's reports at start-up (its snapshot). */
	startupReportCountMs?: number | null;
} = {};
let bytesRows: BytesRow[] | undefined;
/** A failed section is reported, and the others still run. */
const failures: { section: Section; error: string }[] = [];
async function section(name: Section, run: () => Promise<void>) {
	if (!sections.includes(name)) return;
	try {
		await run();
	} catch (cause) {
		const error = cause instanceof Error ? (cause.stack ?? cause.message) : String(cause);
		failures.push({ section: name, error });
		console.error(`The ${name} section failed: ${error}`);
	}
}
try {
	console.log(`Portal up on ${portal.baseURL} (process ${portal.pid}).`);
	const waitStarted = performance.now();
	results.startupReportCountMs = await waitForReportSnapshot(portal.databaseURI, 600_000);
	console.log(
		results.startupReportCountMs === null
			? 'The portal had not counted the reports after 10 minutes: measuring anyway.'
			: `The portal counted the reports at start-up in ${results.startupReportCountMs} ms ` +
					`(waited ${((performance.now() - waitStarted) / 1000).toFixed(0)} s for it).`
	);
	await section('server', async () => {
		console.log(`Server: ${seconds} s per measurement at ${connections.join(', ')} connections`);
		results.server = await measureServer(portal.baseURL, accounts, password, {
			connections,
			seconds
		});
		if (results.server.signInFrom) {
			results.sessionsDeleted = await deleteSessionsSince(
				portal.databaseURI,
				accounts.applicant,
				new Date(results.server.signInFrom)
			);
			console.log(`  deleted the ${results.sessionsDeleted} sessions the sign-in benchmark made`);
		}
	});
	await section('database', async () => {
		console.log('Database:');
		results.database = await measureDatabase(portal.databaseURI, accounts);
	});
	await section('bytes', async () => {
		console.log('Bytes: each page opened in a fresh browser…');
		// Loaded only here: it starts Playwright's Chromium.
		const { measureBytes } = await import('./bytes');
		bytesRows = await measureBytes(portal.baseURL, accounts, password);
		results.bytes = bytesRows;
	});
} finally {
	await stop();
}

console.log('');
console.log(
	`Machine: ${machine.cpus} CPUs (${machine.model}), ${machine.memoryGB} GB, Node ${machine.node}, ` +
		`${machine.platform}. Data: ${demo ? 'the demo' : `the scale data (${SCALE_DATA_DIR}/)`}. ` +
		`The load generator runs on the same CPUs as the portal and its database.`
);
if (results.server) {
	console.log(
		'\n== Server (autocannon; latency in ms; %base = req/s as a share of the baseline’s at the same connections) =='
	);
	printServer(results.server);
}
if (results.database) {
	console.log('\n== Database ==');
	printDatabase(results.database);
}
if (bytesRows) {
	console.log('\n== Bytes ==');
	const { printBytes } = await import('./bytes');
	printBytes(bytesRows);
}

const outDir = path.join(root, 'bench-results');
mkdirSync(outDir, { recursive: true });
const outFile = path.join(outDir, `${started.toISOString().replace(/:/g, '-')}.json`);
writeFileSync(
	outFile,
	JSON.stringify(
		{
			started: started.toISOString(),
			finished: new Date().toISOString(),
			machine,
			code,
			data,
			options: { seconds, connections, sections, build: buildDir },
			...results,
			failures
		},
		null,
		'\t'
	)
);
console.log(`\nRaw figures: ${path.relative(root, outFile)}`);
for (const f of failures) console.error(`The ${f.section} section failed (see above).`);
if (failures.length) process.exitCode = 1;
