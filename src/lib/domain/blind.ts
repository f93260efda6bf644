// Blind review: the plan as the committee sees it, with her name, phone and ID number taken
// out of everything she wrote (in Cyrillic or Latin spelling), so a reviewer judges the plan
// and not the woman.
import { searchSkeleton } from './transliteration';

export const REDACTED = '▒▒▒';

export interface Identifiers {
	/** Her name as on her account; each part of 3 letters or more is hidden. */
	name: string;
	phone?: string | null;
	nationalId?: string | null;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with every word that spells a part of her name, her phone and her ID hidden. */
export function redactText(text: string, ids: Identifiers): string {
	let out = text;
	for (const literal of [ids.phone, ids.nationalId]) {
		const chars = [...(literal ?? '').replace(/[\s-]/g, '')];
		if (chars.length < 4) continue;
		const pattern = new RegExp(chars.map(escape).join('[\\s-]?'), 'giu');
		out = out.replace(pattern, REDACTED);
	}
	const nameParts = ids.name
		.split(/[\s.-]+/)
		.map(searchSkeleton)
		.filter((part) => part.length >= 3);
	if (nameParts.length === 0) return out;
	return out.replace(/[\p{L}\p{N}]+/gu, (word) => {
		const skeleton = searchSkeleton(word).replace(/\s/g, '');
		return nameParts.some((part) => skeleton.startsWith(part)) ? REDACTED : word;
	});
}

/** A deep copy of `value` with redactText applied to every string in it. */
export function redactDeep<T>(value: T, ids: Identifiers): T {
	if (typeof value === 'string') return redactText(value, ids) as T;
	if (Array.isArray(value)) return value.map((item) => redactDeep(item, ids)) as T;
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, redactDeep(item, ids)])
		) as T;
	}
	return value;
}
