// The rule of docs/database.md, proven against the real server: exactly-once is carried by
// unique-key inserts, which are atomic on FerretDB v1 as on MongoDB; read-then-write and
// conditional updates are not used for it.
import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { SetupCodeRedemption } from '$lib/server/db/models/setupCode';
import { createAccount, redeemSetupCode } from '$lib/server/services/accounts';
import { signIn } from '$lib/server/services/signIn';
import { actor } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('concurrency');

const CONCURRENT = 40;
const ROUNDS = 10;

const isDuplicateKey = (error: unknown) => (error as { code?: number }).code === 11000;

const claimSchema = new Schema({ key: { type: String, required: true, unique: true }, by: Number });
const Claim: Model<InferSchemaType<typeof claimSchema>> =
	mongoose.models.ConcurrencyClaim ?? mongoose.model('ConcurrencyClaim', claimSchema);

// An append-only ledger: each entry carries its stream's sequence number (unique with the
// stream) and the balance after it. A writer reads the last entry, checks the rule, inserts
// seq + 1, and on a duplicate key re-reads and tries again.
const ledgerEntrySchema = new Schema({
	stream: { type: String, required: true },
	seq: { type: Number, required: true },
	amount: { type: Number, required: true },
	balanceAfter: { type: Number, required: true }
}).index({ stream: 1, seq: 1 }, { unique: true });
const LedgerEntry: Model<InferSchemaType<typeof ledgerEntrySchema>> =
	mongoose.models.ConcurrencyLedgerEntry ??
	mongoose.model('ConcurrencyLedgerEntry', ledgerEntrySchema);

async function withdraw(stream: string, amount: number): Promise<'paid' | 'refused'> {
	for (let attempt = 0; attempt < 500; attempt++) {
		const last = await LedgerEntry.findOne({ stream }).sort({ seq: -1 }).lean();
		if (!last) throw new Error('ledger not opened');
		if (last.balanceAfter < amount) return 'refused';
		try {
			await LedgerEntry.create({
				stream,
				seq: last.seq + 1,
				amount: -amount,
				balanceAfter: last.balanceAfter - amount
			});
			return 'paid';
		} catch (error) {
			if (!isDuplicateKey(error)) throw error;
		}
	}
	throw new Error('too much contention');
}

describe('unique-key inserts under concurrency', () => {
	it(`exactly one of ${CONCURRENT} concurrent inserts of one _id wins, in each of ${ROUNDS} rounds`, async () => {
		await Claim.init();
		for (let round = 0; round < ROUNDS; round++) {
			const id = new mongoose.Types.ObjectId();
			const results = await Promise.allSettled(
				Array.from({ length: CONCURRENT }, (_, i) =>
					SetupCodeRedemption.create({ _id: id, userId: id, at: new Date(i) })
				)
			);
			const won = results.filter((r) => r.status === 'fulfilled').length;
			const duplicates = results.filter(
				(r) => r.status === 'rejected' && isDuplicateKey(r.reason)
			).length;
			expect({ round, won, duplicates }).toEqual({ round, won: 1, duplicates: CONCURRENT - 1 });
		}
	});

	it(`exactly one of ${CONCURRENT} concurrent inserts under a unique index wins`, async () => {
		for (let round = 0; round < ROUNDS; round++) {
			const key = `claim-${round}-${Date.now()}`;
			const results = await Promise.allSettled(
				Array.from({ length: CONCURRENT }, (_, by) => Claim.create({ key, by }))
			);
			expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
			expect(await Claim.countDocuments({ key })).toBe(1);
		}
	});

	it('a ledger guarded by unique (stream, seq) never overdraws under concurrent writers', async () => {
		await LedgerEntry.init();
		const stream = `budget-${Date.now()}`;
		await LedgerEntry.create({ stream, seq: 0, amount: 100, balanceAfter: 100 });
		// 30 writers each want 10 from a budget of 100: exactly 10 may be paid.
		const outcomes = await Promise.all(Array.from({ length: 30 }, () => withdraw(stream, 10)));
		expect(outcomes.filter((o) => o === 'paid')).toHaveLength(10);
		expect(outcomes.filter((o) => o === 'refused')).toHaveLength(20);

		const entries = await LedgerEntry.find({ stream }).sort({ seq: 1 }).lean();
		expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 11 }, (_, i) => i));
		// Reconciliation: the balance recomputed from the entries matches the last entry's.
		const recomputed = entries.reduce((sum, e) => sum + e.amount, 0);
		expect(recomputed).toBe(0);
		expect(entries.at(-1)?.balanceAfter).toBe(0);
	});

	it(`a set-up code redeemed by ${CONCURRENT / 4} concurrent submissions sets one password`, async () => {
		const admin = await actor(['admin']);
		const { account, code } = await createAccount(
			admin,
			{ name: 'Race', phone: '90400002', roles: ['applicant'], soums: ['manlai'] },
			'127.0.0.1'
		);
		const passwords = Array.from({ length: CONCURRENT / 4 }, (_, i) => `password-number-${i}`);
		const results = await Promise.allSettled(
			passwords.map((password, i) => redeemSetupCode(account.phone, code, password, `10.4.0.${i}`))
		);
		const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [passwords[i]!] : []));
		expect(winners).toHaveLength(1);
		for (const r of results)
			if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'codeUsed' });
		expect((await signIn(account.phone, winners[0]!, '10.4.1.1')).ok).toBe(true);
	});
});
