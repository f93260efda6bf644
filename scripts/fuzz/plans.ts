// Which requests each identity sends to a target: every payload both ways in a full run; in
// --short a fixed, seeded subset that still reaches every target.
import { CLASSES, PAYLOADS, Random, type Built, type Payload } from './payloads';
import { IDENTITIES, identitiesWith, type Identity, type Target, type TargetUrl } from './targets';

/** As `use:enhance` posts (JSON answer, x-sveltekit-action), or as a plain HTML form. */
export type Variant = 'enhanced' | 'plain';

export interface Request {
	target: Target;
	identity: Identity;
	payload: Payload;
	variant: Variant;
	path: string;
	/** Builds the body when it is sent (big bodies are not kept for a whole group). */
	build: () => Built;
}

export type Build = (payload: Payload, variant: Variant, path?: string) => Request;

/** The first request of every identity to every target: an empty form. */
export const PROBE = PAYLOADS.find((p) => p.name === 'empty-form')!;
export const payloadNamed = (name: string) => PAYLOADS.find((p) => p.name === name)!;
/** Sent in --short once each, to a target the seed picks (they take a second or more each). */
export const HEAVY = new Set(['field-10mb', 'multipart-file-10mb', 'body-20mb-over-limit']);

export function hashString(text: string): number {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return h >>> 0;
}

export function actionPath(target: Target, path: string) {
	return target.kind === 'action' && target.name !== 'default' ? `${path}?/${target.name}` : path;
}

/** Who is probed: everyone in a full run; in --short, those the guards name and one other. */
export function toProbe(target: Target, short: boolean, rng: Random): Identity[] {
	const everyone = Object.keys(IDENTITIES) as Identity[];
	if (!short || target.guardRoles === 'any') return everyone;
	const named = new Set(target.guardRoles.flatMap(identitiesWith));
	const others = everyone.filter((who) => who !== 'anonymous' && !named.has(who));
	const one = others.length ? [rng.pick(others)] : [];
	return everyone.filter((who) => who === 'anonymous' || named.has(who) || one.includes(who));
}

/** A full run: every payload, posted both ways, and the invalid ids, for one identity. */
export function fullPlan(url: TargetUrl, build: Build, rng: Random): Request[] {
	const requests: Request[] = [];
	for (const payload of PAYLOADS) {
		if (payload === PROBE) continue;
		const variants: Variant[] = payload.once
			? [rng.pick(['enhanced', 'plain'] as const)]
			: ['enhanced', 'plain'];
		for (const variant of variants) requests.push(build(payload, variant));
	}
	for (const path of url.invalid) {
		for (const name of ['empty-form', 'bracket $ne', 'superform-json $ne', 'json $ne']) {
			requests.push(build(payloadNamed(name), rng.pick(['enhanced', 'plain'] as const), path));
		}
	}
	return requests;
}

/**
 * --short, for one target: an operator payload and two of the other classes (in turn from
 * target to target, so that each class comes about equally often), shared out among the
 * identities that get past its door, posted as enhance posts them; one of them again as a plain
 * form for a third of the targets; one invalid id; the `heavy` bodies (10 and 20 MB) given it;
 * and an operator payload signed out.
 */
export function shortPlans(
	index: number,
	url: TargetUrl,
	relevant: Identity[],
	builders: Map<Identity, Build>,
	rng: Random,
	heavy: string[]
): Map<Identity, Request[]> {
	const plans = new Map<Identity, Request[]>([...builders.keys()].map((who) => [who, []]));
	const pick = (cls: string) =>
		rng.pick(PAYLOADS.filter((p) => p.cls === cls && p !== PROBE && !HEAVY.has(p.name)));
	plans.get('anonymous')!.push(builders.get('anonymous')!(pick('operators'), 'enhanced'));
	if (!relevant.length) return plans;
	const others = CLASSES.filter((cls) => cls !== 'operators');
	const classes = [
		'operators',
		others[(2 * index) % others.length]!,
		others[(2 * index + 1) % others.length]!
	];
	const offset = rng.int(0, relevant.length - 1);
	classes.forEach((cls, i) => {
		const who = relevant[(i + offset) % relevant.length]!;
		plans.get(who)!.push(builders.get(who)!(pick(cls), 'enhanced'));
	});
	const first = relevant[offset]!;
	const build = builders.get(first)!;
	const mine = plans.get(first)!;
	if (index % 3 === 0) mine.push(build(mine[0]!.payload, 'plain'));
	if (url.invalid.length) {
		mine.push(build(payloadNamed('bracket $ne'), 'enhanced', rng.pick(url.invalid)));
	}
	for (const name of heavy) mine.push(build(payloadNamed(name), 'enhanced'));
	return plans;
}
