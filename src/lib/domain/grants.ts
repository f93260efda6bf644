// Settlement grants, pure: the tranche schedule, what a grant's state is, whether a tranche may
// be requested, the payment ledger's arithmetic and its reconciliation, and planned against
// spent per budget line. Money is whole tögrög throughout; nothing here touches the database.
import { lineTotal, type PlanContent } from './businessPlan';

export const TRANCHE_GATES = ['signing', 'verification'] as const;
/** What must have happened before a tranche may be requested. */
export type TrancheGate = (typeof TRANCHE_GATES)[number];

/** A cohort's default schedule: whole percentages of the grant, summing to 100. */
export interface TrancheRule {
	percent: number;
	gate: TrancheGate;
}

/** One grant's tranche: its number (from 1), amount and gate. */
export interface Tranche {
	no: number;
	amountMnt: number;
	gate: TrancheGate;
}

export const DEFAULT_SCHEDULE: readonly TrancheRule[] = [
	{ percent: 70, gate: 'signing' },
	{ percent: 30, gate: 'verification' }
];
export const MAX_TRANCHES = 4;

export type ScheduleProblem =
	| 'count' // no tranche, or more than MAX_TRANCHES
	| 'amount' // a tranche of less than 1 (₮1 or 1%) or not a whole number
	| 'sum' // the tranches do not add up to the grant (or to 100%)
	| 'firstGate' // the first tranche must be paid on signing
	| 'gate'; // an unknown gate

const isGate = (value: unknown): value is TrancheGate =>
	(TRANCHE_GATES as readonly unknown[]).includes(value);

function shapeProblems(parts: { value: number; gate: unknown }[], total: number) {
	const problems = new Set<ScheduleProblem>();
	if (parts.length === 0 || parts.length > MAX_TRANCHES) problems.add('count');
	if (parts.some((p) => !Number.isSafeInteger(p.value) || p.value < 1)) problems.add('amount');
	else if (parts.length && parts.reduce((sum, p) => sum + p.value, 0) !== total) {
		problems.add('sum');
	}
	if (parts.some((p) => !isGate(p.gate))) problems.add('gate');
	else if (parts.length && parts[0]?.gate !== 'signing') problems.add('firstGate');
	return [...problems];
}

/** What is wrong with a cohort's default schedule (empty when it may be saved). */
export function ruleProblems(rules: readonly TrancheRule[]): ScheduleProblem[] {
	return shapeProblems(
		rules.map((r) => ({ value: r.percent, gate: r.gate })),
		100
	);
}

/** What is wrong with one grant's tranches (empty when they may be saved). */
export function trancheProblems(
	amountMnt: number,
	tranches: readonly Tranche[]
): ScheduleProblem[] {
	return shapeProblems(
		tranches.map((t) => ({ value: t.amountMnt, gate: t.gate })),
		amountMnt
	);
}

/**
 * A grant's tranches from percentage rules: each tranche is its share rounded down to the
 * tögrög and the last takes what is left, so they always sum to the grant exactly.
 */
export function tranchesFor(amountMnt: number, rules: readonly TrancheRule[]): Tranche[] {
	const list = rules.length ? rules : DEFAULT_SCHEDULE;
	let given = 0;
	return list.map((rule, i) => {
		const share =
			i === list.length - 1 ? amountMnt - given : Math.floor((amountMnt * rule.percent) / 100);
		given += share;
		return { no: i + 1, amountMnt: share, gate: rule.gate };
	});
}

// ---------------------------------------------------------------------------------------
// Payments

export const PAYMENT_METHODS = ['bank', 'cash', 'supplier'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const LEDGER_KINDS = ['requested', 'approved', 'rejected', 'paid'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];
/** A request's state is the kind of its latest ledger entry. */
export type PaymentState = LedgerKind;

/** Which entry may follow a request's current state (null: none yet). */
export function canFollow(state: PaymentState | null, kind: LedgerKind): boolean {
	switch (kind) {
		case 'requested':
			return state === null;
		case 'approved':
		case 'rejected':
			return state === 'requested';
		case 'paid':
			return state === 'approved';
	}
}

/** An open request holds its amount until it is paid or rejected. */
export const isOpen = (state: PaymentState) => state === 'requested' || state === 'approved';

export interface LedgerTotals {
	/** Requested or approved, not yet paid or rejected. */
	openMnt: number;
	paidMnt: number;
}

/** The cohort's totals after an entry. */
export function applyEntry(
	totals: LedgerTotals,
	kind: LedgerKind,
	amountMnt: number
): LedgerTotals {
	switch (kind) {
		case 'requested':
			return { openMnt: totals.openMnt + amountMnt, paidMnt: totals.paidMnt };
		case 'approved':
			return totals;
		case 'rejected':
			return { openMnt: totals.openMnt - amountMnt, paidMnt: totals.paidMnt };
		case 'paid':
			return { openMnt: totals.openMnt - amountMnt, paidMnt: totals.paidMnt + amountMnt };
	}
}

export interface RequestState {
	trancheNo: number;
	amountMnt: number;
	state: PaymentState;
}

export type RequestRefusal =
	| 'cancelled' // the award behind the grant was withdrawn
	| 'notSigned' // no tranche before the agreement is signed
	| 'noSuchTranche'
	| 'tranchePaid'
	| 'trancheOpen' // a request for this tranche is waiting for approval or payment
	| 'earlierUnpaid' // tranches are paid in order
	| 'notVerified' // the mentor has not yet verified that the business is operating
	| 'overAward' // would pay her more than her grant
	| 'overBudget'; // would pay the cohort more than its budget

export interface RequestContext {
	grant: { amountMnt: number; tranches: readonly Tranche[]; signed: boolean; cancelled: boolean };
	verified: boolean;
	/** Every request made on this grant, with its current state. */
	requests: readonly RequestState[];
	trancheNo: number;
	/** The cohort's totals before this request, and its budget. */
	totals: LedgerTotals;
	budgetMnt: number;
}

/** Why this tranche may not be requested now, or null when it may. */
export function requestRefusal(ctx: RequestContext): RequestRefusal | null {
	const { grant, requests } = ctx;
	if (grant.cancelled) return 'cancelled';
	if (!grant.signed) return 'notSigned';
	const tranche = grant.tranches.find((t) => t.no === ctx.trancheNo);
	if (!tranche) return 'noSuchTranche';
	const mine = requests.filter((r) => r.trancheNo === tranche.no);
	if (mine.some((r) => r.state === 'paid')) return 'tranchePaid';
	if (mine.some((r) => isOpen(r.state))) return 'trancheOpen';
	const earlier = grant.tranches.filter((t) => t.no < tranche.no);
	const paidNos = new Set(requests.filter((r) => r.state === 'paid').map((r) => r.trancheNo));
	if (earlier.some((t) => !paidNos.has(t.no))) return 'earlierUnpaid';
	if (tranche.gate === 'verification' && !ctx.verified) return 'notVerified';
	const held = requests
		.filter((r) => r.state === 'paid' || isOpen(r.state))
		.reduce((sum, r) => sum + r.amountMnt, 0);
	if (held + tranche.amountMnt > grant.amountMnt) return 'overAward';
	if (ctx.totals.paidMnt + ctx.totals.openMnt + tranche.amountMnt > ctx.budgetMnt) {
		return 'overBudget';
	}
	return null;
}

// ---------------------------------------------------------------------------------------
// A grant's state

export type GrantState =
	| 'agreementPending'
	| 'paymentDue' // a tranche may be requested now
	| 'inPayment' // a request waits for approval or payment
	| 'awaitingVerification' // the next tranche waits for the mentor's verification
	| 'completed'
	| 'cancelled';

export const GRANT_STATES: readonly GrantState[] = [
	'agreementPending',
	'paymentDue',
	'inPayment',
	'awaitingVerification',
	'completed',
	'cancelled'
];

export interface GrantStatus {
	state: GrantState;
	/** The first tranche not yet paid (null once all are paid). */
	next: Tranche | null;
	/** The open request on `next`, if any. */
	openState: PaymentState | null;
	paidMnt: number;
}

export function grantStatus(input: {
	signed: boolean;
	cancelled: boolean;
	tranches: readonly Tranche[];
	requests: readonly RequestState[];
	verified: boolean;
}): GrantStatus {
	const paid = input.requests.filter((r) => r.state === 'paid');
	const paidMnt = paid.reduce((sum, r) => sum + r.amountMnt, 0);
	const paidNos = new Set(paid.map((r) => r.trancheNo));
	const next = input.tranches.find((t) => !paidNos.has(t.no)) ?? null;
	const open = next
		? input.requests.find((r) => r.trancheNo === next.no && isOpen(r.state))
		: undefined;
	const status = (state: GrantState): GrantStatus => ({
		state,
		next,
		openState: open?.state ?? null,
		paidMnt
	});
	if (input.cancelled) return status('cancelled');
	if (!input.signed) return status('agreementPending');
	if (!next) return status('completed');
	if (open) return status('inPayment');
	if (next.gate === 'verification' && !input.verified) return status('awaitingVerification');
	return status('paymentDue');
}

/** Days after which a waiting item is shown as overdue. */
export const OVERDUE_DAYS = {
	agreementPending: 30,
	requested: 5,
	approved: 5,
	awaitingVerification: 90
} as const;

const DAY = 24 * 60 * 60 * 1000;

/** Whole days an item has waited past its allowance, or 0 when it is not overdue. */
export function daysOverdue(
	kind: keyof typeof OVERDUE_DAYS,
	since: Date,
	now: Date = new Date()
): number {
	const waited = Math.floor((now.getTime() - since.getTime()) / DAY);
	return Math.max(0, waited - OVERDUE_DAYS[kind]);
}

// ---------------------------------------------------------------------------------------
// The ledger, checked

export interface LedgerEntryLike {
	seq: number;
	kind: LedgerKind;
	requestId: string;
	grantId: string;
	trancheNo: number;
	amountMnt: number;
	openAfterMnt: number;
	paidAfterMnt: number;
}

export type ReconcileProblem =
	| { code: 'gap'; seq: number } // seq numbers are not 1, 2, 3, …
	| { code: 'transition'; seq: number } // e.g. paid before approved, approved twice
	| { code: 'amount'; seq: number } // an entry's amount differs from its request's
	| { code: 'totals'; seq: number } // the totals after an entry do not follow from the entries
	| { code: 'overAward'; grantId: string }
	| { code: 'unknownGrant'; grantId: string }
	| { code: 'overBudget' }
	| { code: 'requestMissing'; requestId: string }; // an entry names no stored request

/**
 * Replays the ledger from nothing and compares it with what is stored: every entry's totals,
 * every request's transitions, every grant's payments against its amount, and the cohort's
 * against its budget. `requests` are the stored payment requests (id → amount).
 */
export function reconcile(
	entries: readonly LedgerEntryLike[],
	grants: ReadonlyMap<string, number>,
	requests: ReadonlyMap<string, number>,
	budgetMnt: number
): ReconcileProblem[] {
	const problems: ReconcileProblem[] = [];
	const sorted = [...entries].sort((a, b) => a.seq - b.seq);
	let totals: LedgerTotals = { openMnt: 0, paidMnt: 0 };
	const states = new Map<string, PaymentState>();
	const heldByGrant = new Map<string, number>();
	let overBudget = false;
	sorted.forEach((entry, i) => {
		if (entry.seq !== i + 1) problems.push({ code: 'gap', seq: entry.seq });
		const requested = requests.get(entry.requestId);
		if (requested === undefined) {
			problems.push({ code: 'requestMissing', requestId: entry.requestId });
		} else if (requested !== entry.amountMnt) {
			problems.push({ code: 'amount', seq: entry.seq });
		}
		const before = states.get(entry.requestId) ?? null;
		if (!canFollow(before, entry.kind)) problems.push({ code: 'transition', seq: entry.seq });
		states.set(entry.requestId, entry.kind);
		totals = applyEntry(totals, entry.kind, entry.amountMnt);
		if (totals.openMnt !== entry.openAfterMnt || totals.paidMnt !== entry.paidAfterMnt) {
			problems.push({ code: 'totals', seq: entry.seq });
		}
		// Over the budget at any point, even if a later rejection brought it back under.
		if (totals.openMnt + totals.paidMnt > budgetMnt && !overBudget) {
			overBudget = true;
			problems.push({ code: 'overBudget' });
		}
		if (entry.kind === 'requested' || entry.kind === 'rejected') {
			const sign = entry.kind === 'requested' ? 1 : -1;
			heldByGrant.set(
				entry.grantId,
				(heldByGrant.get(entry.grantId) ?? 0) + sign * entry.amountMnt
			);
		}
	});
	for (const [grantId, held] of heldByGrant) {
		const amount = grants.get(grantId);
		if (amount === undefined) problems.push({ code: 'unknownGrant', grantId });
		else if (held > amount) problems.push({ code: 'overAward', grantId });
	}
	return problems;
}

// ---------------------------------------------------------------------------------------
// Use of funds

export interface BudgetLine {
	/** `item-<n>` for the plan's n-th start-up line (from 1), `working-capital` for the rest. */
	key: string;
	label: string;
	plannedMnt: number;
}

export const WORKING_CAPITAL_LINE = 'working-capital';

/** Her plan's start-up lines as the grant's budget lines (labels of empty items dropped). */
export function budgetLinesOf(startup: PlanContent['startup']): BudgetLine[] {
	const lines: BudgetLine[] = startup.items.map((item, i) => ({
		key: `item-${i + 1}`,
		label: String(item.item ?? '').trim(),
		plannedMnt: lineTotal(item)
	}));
	const working = Number.isSafeInteger(startup.workingCapital) ? startup.workingCapital : 0;
	if (working > 0) lines.push({ key: WORKING_CAPITAL_LINE, label: '', plannedMnt: working });
	return lines;
}

export interface LineUse extends BudgetLine {
	spentMnt: number;
	receipts: number;
}

/** Planned against spent per line, from the receipts linked to each line. */
export function useOfFunds(
	lines: readonly BudgetLine[],
	receipts: readonly { lineKey: string; amountMnt: number }[]
): { lines: LineUse[]; plannedMnt: number; spentMnt: number } {
	const uses = lines.map((line) => {
		const mine = receipts.filter((r) => r.lineKey === line.key);
		return {
			...line,
			spentMnt: mine.reduce((sum, r) => sum + r.amountMnt, 0),
			receipts: mine.length
		};
	});
	return {
		lines: uses,
		plannedMnt: uses.reduce((sum, l) => sum + l.plannedMnt, 0),
		spentMnt: uses.reduce((sum, l) => sum + l.spentMnt, 0)
	};
}

// ---------------------------------------------------------------------------------------
// Receipt files

/** Largest receipt file: a phone photo, or a scanned PDF of a few pages. */
export const MAX_RECEIPT_BYTES = 5 * 1024 * 1024;

export const RECEIPT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type ReceiptType = (typeof RECEIPT_TYPES)[number];

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
	bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);

/**
 * The file's real type from its first bytes, whatever its name or declared type says; null
 * for anything that is not a JPEG, PNG, WebP image or a PDF.
 */
export function sniffReceiptType(bytes: Uint8Array): ReceiptType | null {
	if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8))
		return 'image/webp';
	if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
	return null;
}

export const RECEIPT_EXTENSIONS: Record<ReceiptType, string> = {
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/webp': 'webp',
	'application/pdf': 'pdf'
};
