// `npm run restore -- <file>`: loads a backup written by `npm run backup` into an EMPTY database
// and empty file folders (receipts, check-in photos under DATA_DIR), then creates the models'
// indexes. The whole file is checked first (format, counts, checksums): a file that is not a
// backup, is truncated or altered writes nothing, and a restore that fails half-way is taken
// back out. The database: as for the backup (MONGODB_URI, else the embedded one of DATA_DIR).
// Nothing is seeded.
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
	failureLine,
	formatBytes,
	openPortalDatabase,
	plural,
	restoreBackup
} from '$lib/server/backup';
import { readEnv } from '$lib/server/env';

const USAGE = 'Usage: npm run restore -- <file>';

function parse() {
	try {
		const { values, positionals } = parseArgs({
			allowPositionals: true,
			strict: true,
			options: { help: { type: 'boolean', short: 'h' } }
		});
		if (values.help) {
			console.log(USAGE);
			process.exit(0);
		}
		if (positionals.length !== 1) throw new Error('give exactly one backup file');
		return positionals[0]!;
	} catch (error) {
		console.error(`restore: ${(error as Error).message}\n${USAGE}`);
		process.exit(2);
	}
}

const file = parse();
const started = performance.now();
let close = async () => {};
try {
	const env = readEnv();
	const opened = await openPortalDatabase(env, (line) => console.log(line));
	close = opened.close;
	console.log(
		`Restoring ${path.resolve(file)} into ${opened.where} and ${path.resolve(env.DATA_DIR)}`
	);
	const summary = await restoreBackup(opened.db, path.resolve(env.DATA_DIR), file, {
		onChecked: (header, trailer) => {
			const documents = Object.values(trailer.documents).reduce((a, b) => a + b, 0);
			console.log(
				`Checked: a backup of ${header.database} made ${header.createdAt} by portal ` +
					`${header.portalVersion} on ${header.server.engine} ${header.server.version}: ` +
					`${plural(documents, 'document')}, ${plural(trailer.files, 'file')}.`
			);
			if (trailer.writesSeen || trailer.changedDuring?.length) {
				const which = trailer.changedDuring?.join(', ') || 'the database';
				console.warn(
					`Warning: ${which} changed while this backup was made: it may not be consistent.`
				);
			}
			if (trailer.missingFiles?.length) {
				console.warn(
					`Warning: this backup lacks ${plural(trailer.missingFiles.length, 'file')} that documents point at.`
				);
			}
		},
		onProgress: (event) =>
			console.log(
				event.kind === 'collection'
					? `  ${event.name}: ${plural(event.documents, 'document')}`
					: `  ${event.name}/: ${plural(event.files, 'file')}, ${formatBytes(event.bytes)}`
			)
	});
	// Imported only now: registering the models creates their collections and indexes.
	const { initModels } = await import('$lib/server/db/models');
	await initModels();
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.log(
		`Restored ${plural(summary.documents, 'document')} in ` +
			`${plural(summary.header.collections.length, 'collection')} and ${plural(summary.files, 'file')} ` +
			`(${formatBytes(summary.fileBytes)}), indexes created, in ${seconds} s.`
	);
	await close();
} catch (error) {
	console.error(`restore: ${failureLine(error)}`);
	await close();
	process.exit(1);
}
