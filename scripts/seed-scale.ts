// `npm run seed:scale [-- --fraction 0.05]`: the programme at scale, for the benchmarks. Ten
// cohorts (2017 to 2026, one a year) in all fifteen soums of Umnugobi: 20,000 participants,
// 200,000 attendance records, 8,000 plans, 16,000 reviews, 2,000 grants with 4,000 payment
// requests, 24,000 check-ins (a fraction scales every figure). The older cohorts completed
// their year; 2026 is under way: trained, its first round of plans decided and paid in part,
// a second round in review, early check-ins. Generated from one seed, so that every run gives
// the same data.
//
// It empties its database first: the embedded one in data-scale/ on port 27417
// (scripts/bench/scale.ts), or MONGODB_URI's. A full run (fraction 1) ends by writing
// data-scale/SEEDED.json (fraction, seconds, counts), which the benchmarks wait for.
import { parseArgs } from 'node:util';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import mongoose from 'mongoose';
import { hashPassword } from '$lib/server/auth/password';
import { redact } from '$lib/server/db/connection';
import { AwardDecision, Cohort, Soum } from '$lib/server/db/models';
import { readEnv } from '$lib/server/env';
import { ensureSoums } from '$lib/server/services/demoSeed';
import { reconcileLedger } from '$lib/server/services/payments';
import { startDatabase, startupFailureLine } from '$lib/server/startup';
import umnugobiSoums from '$lib/server/db/seed/umnugobi-soums.json';
import { SCALE_DATA_DIR, SCALE_DB_PORT, SCALE_PASSWORD } from './bench/scale';
import { seedCohort, type CohortSpec } from './scale/cohort';
import { Random } from './scale/random';
import { seedStaff } from './scale/staff';
import { Writer, anyModel } from './scale/writer';

const SEED = 20_260_917;
/** The last day of the story: the current cohort stands as it did then. */
const TODAY = new Date('2026-11-28T10:00:00Z');
const FIRST_YEAR = 2017;
const COHORTS = 10;
const TOTALS = {
	participants: 20_000,
	attendance: 200_000,
	plans: 8_000,
	reviews: 16_000,
	grants: 2_000,
	requests: 4_000,
	checkIns: 24_000
};
/** Where the migrants are: the aimag centre and the mining soums draw the most. */
const SOUM_WEIGHTS: Record<string, number> = {
	dalanzadgad: 3,
	khanbogd: 2,
	tsogttsetsii: 2,
	gurvantes: 1.5
};

/** `--fraction <0.01..1>`; anything else is refused before the database is touched. */
function fractionArgument(): number {
	const { values } = parseArgs({ options: { fraction: { type: 'string', default: '1' } } });
	const fraction = Number(values.fraction);
	if (!Number.isFinite(fraction) || fraction < 0.01 || fraction > 1) {
		throw new Error(`--fraction must be a number from 0.01 to 1, not ${values.fraction}`);
	}
	return fraction;
}

/** Cohort i's share of a total: equal parts, the remainder to the first cohorts. */
const share = (total: number, i: number, parts = COHORTS) =>
	Math.floor(total / parts) + (i < total % parts ? 1 : 0);

const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const n = (x: number) => x.toLocaleString('en-US');

/**
 * The invariants the portal keeps, checked on what was written: each cohort's payment ledger
 * replays to its stored totals (payments.ts reconcileLedger), and its award ledger's seq runs
 * 1, 2, 3, … with each entry's committed total that of the plans' latest decisions.
 */
async function ledgerProblems(): Promise<string[]> {
	const problems: string[] = [];
	for (const cohort of await Cohort.find({}, { code: 1 }).sort({ code: 1 }).lean()) {
		const payments = await reconcileLedger(cohort._id);
		if (payments.problems.length) {
			problems.push(`${cohort.code}: payment ledger ${JSON.stringify(payments.problems[0])}`);
		}
		const decisions = await AwardDecision.find({ cohortId: cohort._id }).sort({ seq: 1 }).lean();
		const latest = new Map<string, number>();
		decisions.forEach((d, i) => {
			latest.set(String(d.planId), d.outcome === 'award' ? (d.amountMnt ?? 0) : 0);
			const committed = [...latest.values()].reduce((a, b) => a + b, 0);
			if (d.seq !== i + 1 || d.committedAfterMnt !== committed) {
				problems.push(`${cohort.code}: award ledger entry ${d.seq}`);
			}
		});
	}
	return problems;
}

const fraction = fractionArgument();
const started = performance.now();
const dataDir = path.resolve(SCALE_DATA_DIR);
const seededFile = path.join(dataDir, 'SEEDED.json');
await rm(seededFile, { force: true });
process.env.DATA_DIR = SCALE_DATA_DIR;
process.env.EMBEDDED_DB_PORT = String(SCALE_DB_PORT);

let running: Awaited<ReturnType<typeof startDatabase>>;
try {
	running = await startDatabase(readEnv(), () => {}, { demo: false });
} catch (error) {
	console.error(`seed:scale: ${startupFailureLine(error)}`);
	process.exit(1);
}

try {
	const db = mongoose.connection;
	console.log(
		`seed:scale: fraction ${fraction}, database ${db.name} on ${redact(running.uri)}: emptying it`
	);
	await db.dropDatabase();
	for (const model of Object.values(mongoose.models)) await model.createIndexes();
	const rand = new Random(SEED);
	const writer = new Writer();
	// The soums as ensureSoums inserts them, with seeded ids; it then finds them all there.
	await writer.insert(
		anyModel(Soum),
		umnugobiSoums.map((s) => ({
			_id: rand.objectId(new Date('2016-12-01T00:00:00Z')),
			...s,
			aimag: 'umnugobi'
		}))
	);
	await ensureSoums();
	const receiptsDir = path.join(dataDir, 'receipts');
	await rm(receiptsDir, { recursive: true, force: true });
	await rm(path.join(dataDir, 'check-in-photos'), { recursive: true, force: true });
	await mkdir(receiptsDir, { recursive: true });
	const writeFiles = async (files: Map<string, Uint8Array>) => {
		const entries = [...files];
		for (let from = 0; from < entries.length; from += 64) {
			await Promise.all(
				entries
					.slice(from, from + 64)
					.map(([name, bytes]) => writeFile(path.join(receiptsDir, name), bytes))
			);
		}
	};

	const hashed = performance.now();
	const passwordHash = await hashPassword(SCALE_PASSWORD);
	console.log(`  password hashed once in ${Math.round(performance.now() - hashed)} ms`);
	const soums = (await Soum.find({}, { code: 1, nameMn: 1 }).sort({ code: 1 }).lean()).map((s) => ({
		code: s.code,
		nameMn: s.nameMn,
		weight: SOUM_WEIGHTS[s.code] ?? 1
	}));
	const staff = await seedStaff(
		rand,
		writer,
		soums.map((s) => s.code),
		passwordHash
	);

	const scaled = Object.fromEntries(
		Object.entries(TOTALS).map(([key, total]) => [key, Math.round(total * fraction)])
	) as typeof TOTALS;
	const spec = (index: number, extras: Partial<CohortSpec> = {}): CohortSpec => ({
		index,
		year: FIRST_YEAR + index,
		current: index === COHORTS - 1,
		participants: share(scaled.participants, index),
		attendance: share(scaled.attendance, index),
		plans: share(scaled.plans, index),
		grants: share(scaled.grants, index),
		extraReviews: 0,
		extraRequests: 0,
		extraCheckIns: 0,
		...extras
	});
	const options = { soums, today: TODAY, passwordHash, receiptsDir, writeFiles };
	const report = (
		s: CohortSpec,
		c: { reviews: number; requests: number; checkIns: number; seconds: number }
	) =>
		console.log(
			`  ${s.year}${s.current ? ' (current)' : ''}: ${n(s.participants)} participants, ` +
				`${n(s.attendance)} attendance, ${n(s.plans)} plans, ${n(c.reviews)} reviews, ` +
				`${n(s.grants)} grants, ${n(c.requests)} payment requests, ${n(c.checkIns)} check-ins ` +
				`in ${c.seconds.toFixed(1)} s`
		);

	// The current cohort first: the older ones make up the totals' remainder.
	const currentSpec = spec(COHORTS - 1);
	const current = await seedCohort(rand, writer, staff, currentSpec, options);
	report(currentSpec, current);
	const older = Array.from({ length: COHORTS - 1 }, (_, i) => spec(i));
	const remainder = (total: number, current: number, perCohort: (s: CohortSpec) => number) => {
		const left = total - current - older.reduce((sum, s) => sum + perCohort(s), 0);
		if (left < 0) console.warn(`  (a total is ${-left} over its figure at this fraction)`);
		return Math.max(0, left);
	};
	const extraReviews = remainder(scaled.reviews, current.reviews, (s) => 2 * s.plans);
	const extraRequests = remainder(scaled.requests, current.requests, (s) => 2 * s.grants);
	const extraCheckIns = remainder(scaled.checkIns, current.checkIns, (s) => 12 * s.grants);
	for (const [i, base] of older.entries()) {
		const s: CohortSpec = {
			...base,
			extraReviews: share(extraReviews, i, older.length),
			extraRequests: share(extraRequests, i, older.length),
			extraCheckIns: share(extraCheckIns, i, older.length)
		};
		report(s, await seedCohort(rand, writer, staff, s, options));
	}

	console.log('  inserted, by collection:');
	const rows = [...writer.stats].sort((a, b) => b[1].count - a[1].count);
	for (const [name, stat] of rows) {
		const rate = stat.ms ? Math.round(stat.count / (stat.ms / 1000)) : 0;
		console.log(
			`    ${name.padEnd(22)} ${n(stat.count).padStart(9)}  ${(stat.ms / 1000).toFixed(1).padStart(6)} s  ${n(rate).padStart(7)}/s`
		);
	}
	const counts: Record<string, number> = {};
	for (const model of Object.values(mongoose.models).sort((a, b) =>
		a.collection.collectionName.localeCompare(b.collection.collectionName)
	)) {
		// The collection's count from its metadata: countDocuments reads every document.
		counts[model.collection.collectionName] = await model.estimatedDocumentCount();
	}
	const figures = {
		participants: counts.participants,
		attendance: counts.attendances,
		plans: counts.businessplans,
		reviews: counts.reviews,
		grants: counts.grants,
		requests: counts.paymentrequests,
		checkIns: counts.checkins
	};
	for (const [key, value] of Object.entries(figures)) {
		const target = scaled[key as keyof typeof TOTALS];
		if (value !== target) console.warn(`  ${key}: ${value}, the figure is ${target}`);
	}
	const checked = performance.now();
	const problems = await ledgerProblems();
	for (const problem of problems) console.error(`  ${problem}`);
	if (problems.length) throw new Error('The ledgers do not reconcile');
	console.log(`  both ledgers of every cohort reconcile (checked in ${seconds(checked)} s)`);
	await running.stop();
	const total = (performance.now() - started) / 1000;
	console.log(
		`seed:scale: done in ${total.toFixed(1)} s (${n(Object.values(counts).reduce((a, b) => a + b, 0))} documents)`
	);
	if (fraction === 1) {
		await writeFile(
			seededFile,
			JSON.stringify(
				{ fraction, seconds: Math.round(total * 10) / 10, counts, finishedAt: new Date() },
				null,
				2
			) + '\n'
		);
	}
} catch (error) {
	await running.stop();
	console.error(error);
	process.exit(1);
}
