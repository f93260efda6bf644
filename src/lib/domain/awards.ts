// The chair's decision on a plan, and the rule that awards never exceed the cohort's budget.

export const OUTCOMES = ['award', 'waitlist', 'decline'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const REASON_MAX = 1000;

export type DecisionProblem =
	'amountRequired' | 'amountAboveRequested' | 'amountAboveCap' | 'reasonRequired' | 'overBudget';

export interface DecisionInput {
	outcome: Outcome;
	/** Whole tögrög; only for an award. */
	amountMnt: number | null;
	reason: string;
}

/** What is wrong with a decision on its own (the budget is checked against the ledger). */
export function decisionProblems(
	decision: DecisionInput,
	{ requestedMnt, capMnt }: { requestedMnt: number; capMnt: number | null }
): DecisionProblem[] {
	const problems: DecisionProblem[] = [];
	if (!decision.reason.trim()) problems.push('reasonRequired');
	if (decision.outcome !== 'award') return problems;
	const amount = decision.amountMnt;
	if (amount === null || !Number.isSafeInteger(amount) || amount <= 0) {
		problems.push('amountRequired');
		return problems;
	}
	if (amount > requestedMnt) problems.push('amountAboveRequested');
	if (capMnt !== null && amount > capMnt) problems.push('amountAboveCap');
	return problems;
}

/** The amount a decision commits: its award, or nothing. */
export const committedBy = (decision: { outcome: Outcome; amountMnt?: number | null } | null) =>
	decision?.outcome === 'award' ? (decision.amountMnt ?? 0) : 0;

/**
 * The committed total after replacing a plan's previous decision with a new one, or null
 * when it would exceed the budget. Lowering or withdrawing an award is always allowed.
 */
export function committedAfter(
	committedBeforeMnt: number,
	previous: { outcome: Outcome; amountMnt?: number | null } | null,
	next: { outcome: Outcome; amountMnt?: number | null },
	budgetMnt: number
): number | null {
	const delta = committedBy(next) - committedBy(previous);
	const after = committedBeforeMnt + delta;
	return delta > 0 && after > budgetMnt ? null : after;
}
