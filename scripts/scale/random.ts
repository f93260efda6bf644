// One seeded generator for the whole scale programme (mulberry32), with the few draws the
// generator needs. Every random choice, ObjectIds and idempotency keys included, comes from
// it, so that the same seed and fraction give the same database, document for document.
import { Types } from 'mongoose';

export class Random {
	#state: number;

	constructor(seed: number) {
		this.#state = seed | 0;
	}

	/** A 32-bit unsigned integer. */
	u32(): number {
		this.#state = (this.#state + 0x6d2b79f5) | 0;
		let t = Math.imul(this.#state ^ (this.#state >>> 15), 1 | this.#state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return (t ^ (t >>> 14)) >>> 0;
	}

	/** A number in [0, 1). */
	next(): number {
		return this.u32() / 4294967296;
	}

	/** A whole number from min to max, both included. */
	int(min: number, max: number): number {
		return min + Math.floor(this.next() * (max - min + 1));
	}

	/** A number in [min, max). */
	between(min: number, max: number): number {
		return min + this.next() * (max - min);
	}

	chance(p: number): boolean {
		return this.next() < p;
	}

	pick<T>(list: readonly T[]): T {
		if (list.length === 0) throw new RangeError('pick from an empty list');
		return list[Math.floor(this.next() * list.length)] as T;
	}

	/** An index drawn with the given weights. */
	weighted(weights: readonly number[]): number {
		const total = weights.reduce((sum, w) => sum + w, 0);
		let x = this.next() * total;
		for (const [i, w] of weights.entries()) {
			x -= w;
			if (x < 0) return i;
		}
		return weights.length - 1;
	}

	/** A shuffled copy (Fisher–Yates). */
	shuffle<T>(list: readonly T[]): T[] {
		const copy = [...list];
		for (let i = copy.length - 1; i > 0; i--) {
			const j = Math.floor(this.next() * (i + 1));
			[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
		}
		return copy;
	}

	/** `count` distinct items, in a random order. */
	sample<T>(list: readonly T[], count: number): T[] {
		return this.shuffle(list).slice(0, count);
	}

	#hex32(): string {
		return this.u32().toString(16).padStart(8, '0');
	}

	/** An ObjectId made at `at` (its timestamp part), so that _id order follows the story. */
	objectId(at: Date): Types.ObjectId {
		const seconds = Math.floor(at.getTime() / 1000);
		return new Types.ObjectId(
			seconds.toString(16).padStart(8, '0') + this.#hex32() + this.#hex32()
		);
	}

	/** A version 4 UUID, as the forms' idempotency keys are (crypto.randomUUID). */
	uuid(): string {
		const h = this.#hex32() + this.#hex32() + this.#hex32() + this.#hex32();
		const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
		return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
	}
}

// ——— Days and instants (UTC) ———

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC midnight of a day: how the portal stores a day picked in a form. */
export const day = (year: number, month: number, date: number) =>
	new Date(Date.UTC(year, month - 1, date));

export const addDays = (at: Date, days: number) => new Date(at.getTime() + days * DAY_MS);

export const addHours = (at: Date, hours: number) => new Date(at.getTime() + hours * 3_600_000);

/** UTC midnight of the day an instant falls on. */
export const midnight = (at: Date) => new Date(Math.floor(at.getTime() / DAY_MS) * DAY_MS);

export const later = (a: Date, b: Date) => (a.getTime() >= b.getTime() ? a : b);

/** Whole tögrög rounded to a step. */
export const roundTo = (n: number, step: number) => Math.round(n / step) * step;
