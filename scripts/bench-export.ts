// `npm run bench:export`: does a 50,000-row export stream, or sit in memory? Loads
// participants into a scratch embedded database, 10,000 then 50,000, and at each size exports
// them (pseudonymised) twice: streamed to a sink that only counts bytes, the way a download
// leaves the server, and, for comparison, the old way: the whole table read, then one string.
// Prints time, rows per second and the peak of the live heap (sampled after a forced garbage
// collection every 100 ms) above its level before the run: a streamed export's peak stays
// flat as the table grows; a whole-table one grows with it.
//   ROWS=10000,50000 EMBEDDED_DB_PORT=27390 npm run bench:export
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Types } from 'mongoose';
import type { SessionUser } from '$lib/server/auth/session';
import { csvDocument, csvStream } from '$lib/server/csv';
import { Cohort } from '$lib/server/db/models/cohort';
import { Participant } from '$lib/server/db/models/participant';
import { readEnv } from '$lib/server/env';
import { startExport } from '$lib/server/services/dataExports';
import { startDatabase } from '$lib/server/startup';

const SIZES = (process.env.ROWS ?? '10000,50000').split(',').map(Number);
const dataDir = await mkdtemp(path.join(tmpdir(), 'bench-export-'));
process.env.DATA_DIR = dataDir;
process.env.EMBEDDED_DB_PORT ??= '27390';
const running = await startDatabase(readEnv(), () => {}, { demo: false });

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const maybeGc = (globalThis as { gc?: () => void }).gc;
if (!maybeGc) throw new Error('Run with --expose-gc (npm run bench:export does).');
const gc: () => void = maybeGc;

try {
	const cohort = await Cohort.create({
		code: 'bench',
		name: 'Bench',
		aimag: 'umnugobi',
		soums: ['khanbogd'],
		startsOn: new Date(),
		budgetMnt: 0,
		current: true,
		codePrefix: 'B'
	});
	let loaded = 0;
	async function loadTo(rows: number) {
		const started = performance.now();
		for (let from = loaded; from < rows; from += 5000) {
			await Participant.insertMany(
				Array.from({ length: Math.min(5000, rows - from) }, (_, i) => ({
					userId: new Types.ObjectId(),
					cohortId: cohort._id,
					code: `B-${String(from + i + 1).padStart(6, '0')}`,
					soum: 'khanbogd',
					birthYear: 1980 + ((from + i) % 25),
					arrivalYear: 2015,
					householdSize: 4,
					children: 2,
					education: 'upper_secondary',
					referralSource: 'self',
					nameSkeleton: 'bench'
				})),
				{ lean: true }
			);
		}
		const seconds = (performance.now() - started) / 1000;
		console.log(
			`Loaded ${rows - loaded} more participants (${rows} in all) in ${seconds.toFixed(1)} s`
		);
		loaded = rows;
	}

	const viewer: SessionUser = {
		id: String(new Types.ObjectId()),
		phone: '99999999',
		name: 'Bench',
		roles: ['coordinator'],
		soums: [],
		permissions: []
	};

	async function measure(label: string, run: () => Promise<number>) {
		gc();
		const base = process.memoryUsage().heapUsed;
		let peak = base;
		const sampler = setInterval(() => {
			gc();
			peak = Math.max(peak, process.memoryUsage().heapUsed);
		}, 100);
		const started = performance.now();
		const bytes = await run();
		const seconds = (performance.now() - started) / 1000;
		clearInterval(sampler);
		console.log(
			`  ${label.padEnd(9)} ${loaded} rows, ${mb(bytes)} of CSV in ${seconds.toFixed(1)} s ` +
				`(${Math.round(loaded / seconds)} rows/s); live heap peak +${mb(peak - base)}`
		);
	}

	const exportRows = async () =>
		(await startExport(viewer, { kind: 'participants', identifying: false }, '127.0.0.1', String))
			.rows;

	for (const rows of SIZES) {
		await loadTo(rows);
		await measure('streamed', async () => {
			const reader = csvStream(await exportRows()).getReader();
			let bytes = 0;
			for (;;) {
				const { done, value } = await reader.read();
				if (done) return bytes;
				bytes += value.byteLength;
			}
		});
		// What an export did before it streamed: the whole table read, then one CSV string.
		await measure('whole', async () => {
			const docs = await Participant.find({ cohortId: cohort._id }).sort({ _id: 1 }).lean();
			return Buffer.byteLength(
				csvDocument(docs.map((d) => [d.code, d.soum, d.stage, d.birthYear, d.arrivalYear]))
			);
		});
	}
} finally {
	await running.stop();
	await rm(dataDir, { recursive: true, force: true });
}
