// The fuzz script's operator watch (scripts/fuzz): with FUZZ_OPERATOR_SENTINEL set, every
// command mongoose sends is searched for a query operator carrying the sentinel, the value the
// fuzzer puts in each operator payload it posts (`phone[$ne]=<sentinel>`, `{"$gt":"<sentinel>"}`).
// Finding one means request input reached a filter, update or pipeline as an operator: it is
// printed as `OPERATOR-LEAK <collection> <method> <json>` on stderr for the script to fail on.
// Off unless the variable is set: production never sets it.
import mongoose from 'mongoose';

const sentinel = process.env.FUZZ_OPERATOR_SENTINEL;

/** Nesting deeper than this is not searched (deeper than any payload the fuzzer posts). */
const MAX_DEPTH = 512;

function carriesSentinel(value: unknown, sentinel: string): boolean {
	if (typeof value === 'string') return value.includes(sentinel);
	if (value instanceof RegExp) return value.source.includes(sentinel);
	if (Array.isArray(value)) return value.some((item) => carriesSentinel(item, sentinel));
	return false;
}

/**
 * True when some object in `value` has a `$`-key whose value is a string holding the sentinel
 * (or a list of them, or a RegExp of it). A `$set` of text that merely mentions the sentinel is
 * not a leak: its value is an object, searched further down.
 */
export function operatorCarries(value: unknown, sentinel: string, depth = 0): boolean {
	if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return false;
	if (Array.isArray(value)) return value.some((item) => operatorCarries(item, sentinel, depth + 1));
	const prototype = Object.getPrototypeOf(value);
	if (prototype !== Object.prototype && prototype !== null) return false; // ObjectId, Date, Buffer
	for (const [key, inner] of Object.entries(value)) {
		if (key.startsWith('$') && carriesSentinel(inner, sentinel)) return true;
		if (operatorCarries(inner, sentinel, depth + 1)) return true;
	}
	return false;
}

/** Reports every command that carries the sentinel in an operator (the fuzzer, the tests). */
export function watchOperators(
	sentinel: string,
	report: (line: string) => void = (line) => console.error(line)
): void {
	mongoose.set('debug', (collection: string, method: string, ...args: unknown[]) => {
		if (!args.some((arg) => operatorCarries(arg, sentinel))) return;
		let json: string;
		try {
			json = JSON.stringify(args);
		} catch {
			json = '(not serialisable)';
		}
		report(`OPERATOR-LEAK ${collection} ${method} ${json}`);
	});
}

if (sentinel) watchOperators(sentinel);
