// What the run prints: a row per target, the failures, and a summary line.
import type { Target } from './targets';

export interface Finding {
	kind: '5xx' | 'no answer' | 'stored change' | 'operator leak' | 'unexpected error';
	where: string;
	detail: string;
}

export interface TargetResult {
	target: Target;
	requests: number;
	/** By the status the action or endpoint answered (an enhanced post's JSON status). */
	statuses: Map<number, number>;
	accepted: number;
	refused: number;
	/** Refused requests that changed what is stored (failures). */
	storedChanges: number;
	/** Collections changed by accepted requests, and how often (not failures). */
	acceptedChanges: Map<string, number>;
	ms: number;
}

export interface RunFacts {
	short: boolean;
	seed: number;
	seconds: number;
	volatile: string[];
	digests: { takes: number; sqlite: number; driverReads: number };
	cpu: { portalStarting: number; portalAnswering: number; fuzzer: number };
	/** handleError lines for requests answered 4xx: log noise, not failures. */
	loggedClientErrors: string[];
	otherLines: string[];
}

export function newResult(target: Target): TargetResult {
	return {
		target,
		requests: 0,
		statuses: new Map(),
		accepted: 0,
		refused: 0,
		storedChanges: 0,
		acceptedChanges: new Map(),
		ms: 0
	};
}

function statusSummary(statuses: Map<number, number>) {
	return [...statuses]
		.sort(([a], [b]) => a - b)
		.map(([status, count]) => `${status}×${count}`)
		.join(' ');
}

function listed(title: string, lines: string[], limit = 10) {
	if (!lines.length) return;
	console.log(`\n${title} (${lines.length}${lines.length > limit ? `, first ${limit}` : ''}):`);
	for (const line of lines.slice(0, limit)) console.log(`  ${line}`);
}

export function printReport(rows: TargetResult[], findings: Finding[], facts: RunFacts) {
	const width = Math.max(...rows.map((r) => r.target.label.length), 6);
	console.log(
		`\n${'target'.padEnd(width)}  requests  accepted  refused  stored  seconds  statuses | accepted changes`
	);
	for (const r of rows) {
		const changes = [...r.acceptedChanges].map(([name, n]) => `${name}×${n}`).join(' ');
		const cells = [
			r.target.label.padEnd(width),
			String(r.requests).padStart(8),
			String(r.accepted).padStart(8),
			String(r.refused).padStart(7),
			(r.storedChanges ? `YES ${r.storedChanges}` : 'no').padStart(6),
			(r.ms / 1000).toFixed(1).padStart(7),
			statusSummary(r.statuses) + (changes ? ` | accepted changed: ${changes}` : '')
		];
		console.log(cells.join('  '));
	}
	listed(
		'Requests answered 4xx that the portal logged as unexpected errors (not failures)',
		facts.loggedClientErrors
	);
	listed('Other lines the portal wrote on stderr', facts.otherLines);
	listed(
		'Failures',
		findings.map((f) => `${f.kind}: ${f.where}\n      ${f.detail}`),
		200
	);
	const count = (kind: Finding['kind']) => findings.filter((f) => f.kind === kind).length;
	const requests = rows.reduce((sum, r) => sum + r.requests, 0);
	const { digests, cpu } = facts;
	console.log(
		`\nIgnored as volatile: ${facts.volatile.join(', ')}. Digests: ${digests.takes} ` +
			`(${digests.sqlite} after a write, ${digests.driverReads} collections read through the driver).`
	);
	console.log(
		`CPU: the portal ${cpu.portalStarting.toFixed(0)} s starting, ${cpu.portalAnswering.toFixed(0)} s ` +
			`answering; the fuzzer ${cpu.fuzzer.toFixed(0)} s.`
	);
	console.log(
		`fuzz${facts.short ? ' --short' : ''} --seed ${facts.seed}: ${rows.length} targets, ` +
			`${requests} requests, ${count('5xx')} 5xx, ${count('no answer')} unanswered, ` +
			`${count('operator leak')} leaks, ${count('unexpected error')} unexpected errors, ` +
			`${count('stored change')} stored changes, ${facts.seconds.toFixed(0)} s`
	);
}
