// The fuzzer's operator watch (src/lib/server/db/queryWatch.ts) against the real database: a
// query operator carrying the sentinel is reported, with its collection and method; the same
// text stored as a value, searched for as escaped text or compared for equality is not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mongoose from 'mongoose';
import { watchOperators } from '$lib/server/db/queryWatch';
import { User } from '$lib/server/db/models/user';
import { useTestDatabase } from './testDatabase';

useTestDatabase('queryWatch');

const sentinel = 'fuzz.sentinel.test';
const lines: string[] = [];
const escaped = sentinel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the operator watch', () => {
	beforeAll(() => watchOperators(sentinel, (line) => lines.push(line)));
	afterAll(() => mongoose.set('debug', false));

	async function reported(query: () => Promise<unknown>): Promise<string[]> {
		lines.length = 0;
		await query();
		return [...lines];
	}

	it('reports an operator that carries the sentinel, in a filter or a pipeline', async () => {
		const ne = await reported(() => User.find({ phone: { $ne: sentinel } }).lean());
		expect(ne).toHaveLength(1);
		expect(ne[0]).toMatch(/^OPERATOR-LEAK users find /);
		expect(ne[0]).toContain(sentinel);
		const inList = await reported(() => User.countDocuments({ phone: { $in: ['1', sentinel] } }));
		expect(inList).toHaveLength(1);
		const regex = await reported(() => User.findOne({ name: { $regex: sentinel } }).lean());
		expect(regex).toHaveLength(1);
		const pipeline = await reported(() =>
			User.aggregate([{ $match: { phone: { $gt: sentinel } } }, { $limit: 1 }])
		);
		expect(pipeline).toHaveLength(1);
		expect(pipeline[0]).toMatch(/^OPERATOR-LEAK users aggregate /);
	});

	it('stays quiet for the sentinel as a plain value, stored text or escaped search', async () => {
		expect(await reported(() => User.find({ phone: sentinel }).lean())).toEqual([]);
		expect(
			await reported(() =>
				User.updateOne({ phone: '0' }, { $set: { name: `{"$ne":"${sentinel}"}` } })
			)
		).toEqual([]);
		expect(
			await reported(() => User.find({ name: { $regex: escaped, $options: 'i' } }).lean())
		).toEqual([]);
		expect(await reported(() => User.find({ phone: { $ne: 'other' } }).lean())).toEqual([]);
	});
});
