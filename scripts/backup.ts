// `npm run backup -- <file> [--force]`: writes every collection and every stored file (receipts,
// check-in photos) to one compressed file that `npm run restore` loads into an empty database.
// The database: MONGODB_URI when set; else the embedded one of DATA_DIR (the running portal's
// when it answers on EMBEDDED_DB_PORT, else started for the backup and stopped after).
// Nothing is seeded or changed. The file holds personal data: it is created readable by its
// owner only; keep it encrypted and away from the server (docs/reliability.md).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
	failureLine,
	formatBytes,
	openPortalDatabase,
	plural,
	writeBackup
} from '$lib/server/backup';
import { readEnv } from '$lib/server/env';

const USAGE = 'Usage: npm run backup -- <file> [--force]   (--force overwrites the file)';

function parse() {
	try {
		const { values, positionals } = parseArgs({
			allowPositionals: true,
			strict: true,
			options: { force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } }
		});
		if (values.help) {
			console.log(USAGE);
			process.exit(0);
		}
		if (positionals.length !== 1) throw new Error('give exactly one file to write');
		return { file: positionals[0]!, force: values.force ?? false };
	} catch (error) {
		console.error(`backup: ${(error as Error).message}\n${USAGE}`);
		process.exit(2);
	}
}

const { file, force } = parse();
const started = performance.now();
let close = async () => {};
try {
	const env = readEnv();
	if (!force && existsSync(file)) {
		throw new Error(`${path.resolve(file)} already exists: choose another name, or add --force.`);
	}
	const portalVersion = (
		JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
			version: string;
		}
	).version;
	const opened = await openPortalDatabase(env, (line) => console.log(line));
	close = opened.close;
	console.log(`Backing up ${opened.where} and the files in ${path.resolve(env.DATA_DIR)}`);
	const summary = await writeBackup(opened.db, path.resolve(env.DATA_DIR), file, {
		portalVersion,
		force,
		onProgress: (event) =>
			console.log(
				event.kind === 'collection'
					? `  ${event.name}: ${plural(event.documents, 'document')}`
					: `  ${event.name}/: ${plural(event.files, 'file')}, ${formatBytes(event.bytes)}`
			)
	});
	const { header, trailer } = summary;
	for (const skipped of header.skipped) {
		console.log(`  not backed up: ${skipped.name} (${skipped.reason})`);
	}
	for (const skipped of trailer.skippedFiles) {
		console.warn(`  not backed up: ${skipped.path} (${skipped.reason})`);
	}
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(
		`Backup written to ${path.resolve(file)}: ${plural(summary.documents, 'document')} in ` +
			`${plural(header.collections.length, 'collection')}, ${plural(trailer.files, 'file')} ` +
			`(${formatBytes(trailer.fileBytes)}); ${formatBytes(summary.bytes)} compressed ` +
			`(${formatBytes(summary.rawBytes)} uncompressed), ${seconds} s.`
	);
	let warned = false;
	if (trailer.missingFiles.length > 0) {
		warned = true;
		console.warn(
			`Warning: ${plural(trailer.missingFiles.length, 'file')} that documents point at ` +
				`${trailer.missingFiles.length === 1 ? 'was' : 'were'} not found under ${path.resolve(env.DATA_DIR)} ` +
				`(${trailer.missingFiles.slice(0, 3).join(', ')}${trailer.missingFiles.length > 3 ? ', ...' : ''}): ` +
				"is DATA_DIR the portal's?"
		);
	}
	if (header.consistency === 'snapshot') {
		console.log('Consistency: every collection was read in one snapshot.');
	} else if (trailer.writesSeen) {
		warned = true;
		const which =
			trailer.changedDuring.length > 0 ? trailer.changedDuring.join(', ') : 'the database';
		console.warn(
			`Warning: ${which} changed while the backup ran, so it may not be consistent: ` +
				'run it again while the portal is stopped or idle.'
		);
	} else {
		console.log('Consistency: nothing was written to the database while the backup ran.');
	}
	await close();
	// 3: the file is written, but read the warning above.
	if (warned) process.exit(3);
} catch (error) {
	console.error(`backup: ${failureLine(error)}`);
	await close();
	process.exit(1);
}
