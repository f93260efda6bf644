// Bulk inserts through the portal's own models, in batches: every document is cast, given its
// defaults and validated (strict: 'throw') exactly as the portal's own inserts are; only the
// timestamps are ours (the story's dates, not the day of seeding).
import type { Model } from 'mongoose';

const BATCH = 1000;

export interface CollectionStats {
	count: number;
	ms: number;
}

export class Writer {
	readonly stats = new Map<string, CollectionStats>();

	async insert(model: Model<never>, docs: readonly object[]): Promise<void> {
		if (docs.length === 0) return;
		const started = performance.now();
		for (let from = 0; from < docs.length; from += BATCH) {
			await model.insertMany(docs.slice(from, from + BATCH) as never[], {
				ordered: true,
				timestamps: false
			});
		}
		const name = model.collection.collectionName;
		const stats = this.stats.get(name) ?? { count: 0, ms: 0 };
		stats.count += docs.length;
		stats.ms += performance.now() - started;
		this.stats.set(name, stats);
	}

	count(name: string): number {
		return this.stats.get(name)?.count ?? 0;
	}
}

/** Any of the portal's models, for the writer (their document types differ). */
export const anyModel = <T>(model: Model<T>) => model as unknown as Model<never>;
