// Sharing the submitted plans among the committee: each plan gets the reviews it needs, the
// load stays balanced, and no plan ever goes to a reviewer who declared a conflict on it.

export interface PlanToAssign {
	planId: string;
	/** Reviews the plan needs in all (2, or 3 when the first two diverge). */
	reviewsNeeded: number;
	/** Reviewers assigned now (and not in conflict). */
	reviewers: readonly string[];
	/** Reviewers who declared a conflict on this plan. */
	conflicted: readonly string[];
}

export interface NewAssignment {
	planId: string;
	reviewerId: string;
}

export interface AssignmentPlan {
	assignments: NewAssignment[];
	/** Plans that still lack reviewers because too few are free of conflict. */
	shortOf: { planId: string; missing: number }[];
}

/**
 * New assignments that bring every plan up to the reviews it needs. The reviewer with the
 * fewest plans goes first; among equals the order rotates with the plan, so that the same
 * pair does not review every plan together. Plans with the biggest gap are served first.
 */
export function autoAssign(
	plans: readonly PlanToAssign[],
	committee: readonly string[],
	currentLoad: ReadonlyMap<string, number>
): AssignmentPlan {
	const load = new Map(committee.map((id) => [id, currentLoad.get(id) ?? 0]));
	const order = [...plans].sort(
		(a, b) =>
			b.reviewsNeeded - b.reviewers.length - (a.reviewsNeeded - a.reviewers.length) ||
			a.planId.localeCompare(b.planId)
	);
	const assignments: NewAssignment[] = [];
	const shortOf: AssignmentPlan['shortOf'] = [];
	order.forEach((plan, index) => {
		const taken = new Set([...plan.reviewers, ...plan.conflicted]);
		let missing = plan.reviewsNeeded - plan.reviewers.length;
		while (missing > 0) {
			const candidates = committee.filter((id) => !taken.has(id));
			if (candidates.length === 0) break;
			const rotation = index % candidates.length;
			const rotated = [...candidates.slice(rotation), ...candidates.slice(0, rotation)];
			const best = rotated.reduce((a, b) => (load.get(b)! < load.get(a)! ? b : a));
			assignments.push({ planId: plan.planId, reviewerId: best });
			load.set(best, load.get(best)! + 1);
			taken.add(best);
			missing--;
		}
		if (missing > 0) shortOf.push({ planId: plan.planId, missing });
	});
	return { assignments, shortOf };
}

export const CONFLICT_KINDS = [
	'relative',
	'neighbour',
	'employment',
	'competitor',
	'other'
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
