// The pages people open most (her home, the reviewer's queue, the mentor's list, the plan
// editor and its autosave, the staff reports, and the session check of every request) ask only
// questions an index answers on MongoDB: every query they make filters on the first field of
// one of its collection's indexes (or on _id), so production never scans a collection for
// them. (FerretDB v1 on SQLite scans whatever is asked: docs/performance.md.) Also counts the
// queries per page, so that a page that starts asking once per row shows up here.
import mongoose from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_SECTIONS } from '$lib/domain/businessPlan';
import {
	createSession,
	forgetValidatedSessions,
	generateSessionToken,
	validateSessionToken,
	type SessionUser
} from '$lib/server/auth/session';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { Participant } from '$lib/server/db/models/participant';
import { User } from '$lib/server/db/models/user';
import { seedDemo } from '$lib/server/services/demoSeed';
import { ownPlanId } from '$lib/server/services/ownPlan';
import { planDetail, saveSection } from '$lib/server/services/plans';
import { dashboard, programmeIndicators } from '$lib/server/services/reporting';
import { HOT_LOADS } from '../fixtures/hotLoads';
import { sessionOf } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('hot-paths');

const IP = '127.0.0.1';
interface Asked {
	collection: string;
	fields: string[];
}
let asked: Asked[] | null = null;
const originalExec = mongoose.Query.prototype.exec;

beforeAll(async () => {
	await seedDemo();
	mongoose.Query.prototype.exec = function (this: mongoose.Query<unknown, unknown>, ...args) {
		asked?.push({ collection: this.model.collection.name, fields: Object.keys(this.getFilter()) });
		return (originalExec as (...a: unknown[]) => Promise<unknown>).apply(this, args);
	} as typeof originalExec;
}, 120_000);

afterAll(() => {
	mongoose.Query.prototype.exec = originalExec;
});

/** The queries `run` makes. */
async function queriesOf(run: () => Promise<unknown>): Promise<Asked[]> {
	asked = [];
	try {
		await run();
		return asked;
	} finally {
		asked = null;
	}
}

/** The leading field of each index of each collection (on MongoDB, what a query can seek by). */
function leadingFields(): Map<string, Set<string>> {
	const byCollection = new Map<string, Set<string>>();
	for (const model of Object.values(mongoose.models)) {
		const leading = new Set(['_id']);
		for (const [keys] of model.schema.indexes()) leading.add(Object.keys(keys)[0] ?? '_id');
		byCollection.set(model.collection.name, leading);
	}
	return byCollection;
}

function unindexed(queries: Asked[]): string[] {
	const leading = leadingFields();
	return queries
		.filter(
			(q) => q.fields.length === 0 || !q.fields.some((f) => leading.get(q.collection)?.has(f))
		)
		.map((q) => `${q.collection} {${q.fields.join(', ')}}`);
}

const PAGES: Record<string, { phone: string; run: (user: SessionUser) => Promise<unknown> }> = {
	'/applicant': { phone: '80000010', run: (user) => HOT_LOADS['/applicant'](user, IP) },
	'/review': { phone: '80000004', run: (user) => HOT_LOADS['/review'](user) },
	'/mentor': { phone: '80000005', run: (user) => HOT_LOADS['/mentor'](user, IP) },
	'the plan editor and its autosave': {
		phone: 'a woman drafting her plan',
		run: async (user) => {
			const planId = (await ownPlanId(user))!;
			await planDetail(user, planId, IP);
			const form = new FormData();
			form.set('summary', 'Гурилан бүтээгдэхүүний жижиг цех');
			await saveSection(user, planId, PLAN_SECTIONS[0], form, IP);
		}
	},
	'/staff/reports': {
		phone: '80000002',
		run: (user) => Promise.all([dashboard(user, null), programmeIndicators(user, null)])
	}
};

/** The phone of a demo woman whose plan is a draft. */
async function draftingPhone(): Promise<string> {
	const plan = await BusinessPlan.findOne({ state: 'draft' }, { participantId: 1 }).lean();
	const participant = await Participant.findById(plan!.participantId, { userId: 1 }).lean();
	return (await User.findById(participant!.userId, { phone: 1 }).lean())!.phone;
}

describe('the hot paths', () => {
	it('check a session by _id only, and once per half minute', async () => {
		const user = await User.findOne({ phone: '80000006' }).lean();
		const token = generateSessionToken();
		await createSession(token, user!._id);
		forgetValidatedSessions();
		const first = await queriesOf(() => validateSessionToken(token));
		expect(first.map((q) => q.fields)).toEqual([['_id'], ['_id']]);
		expect(await queriesOf(() => validateSessionToken(token))).toEqual([]);
	});

	for (const [page, { phone, run }] of Object.entries(PAGES)) {
		it(`${page}: every query can use an index`, async () => {
			const user = await sessionOf(/^\d+$/.test(phone) ? phone : await draftingPhone());
			await run(user); // first: the report snapshot is counted, her plan opened
			const queries = await queriesOf(() => run(user));
			expect(queries.length).toBeGreaterThan(0);
			expect(unindexed(queries), page).toEqual([]);
			console.log(`${page}: ${queries.length} queries`);
		});
	}

	it('the reports read one snapshot while nothing changes', async () => {
		const coordinator = await sessionOf('80000002');
		await dashboard(coordinator, null);
		const queries = await queriesOf(() => dashboard(coordinator, null));
		expect(queries.map((q) => q.collection)).toEqual(['cohorts', 'reportsnapshots']);
	});
});
