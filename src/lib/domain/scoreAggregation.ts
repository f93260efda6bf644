// Aggregating the committee's scores: per-plan statistics, the divergence flag that calls
// for a third review, per-reviewer normalisation, and the ranked list against the budget.

/** At least this many submitted reviews per plan. */
export const MIN_REVIEWS = 2;
/** Two reviewers' totals further apart than this (points out of 100) need a third review. */
export const DIVERGENCE_POINTS = 20;
/** A reviewer's scores are normalised only once she has submitted this many. */
export const MIN_REVIEWS_FOR_NORMALISATION = 5;

export interface PlanStatistics {
	count: number;
	mean: number | null;
	min: number | null;
	max: number | null;
	/** max − min. */
	spread: number | null;
	/** The totals differ by more than DIVERGENCE_POINTS. */
	divergent: boolean;
	/** How many reviews the plan needs in all: MIN_REVIEWS, or one more when divergent. */
	reviewsNeeded: number;
	/** Fewer submitted reviews than needed. */
	needsMoreReviews: boolean;
}

export function planStatistics(totals: readonly number[]): PlanStatistics {
	if (totals.length === 0) {
		return {
			count: 0,
			mean: null,
			min: null,
			max: null,
			spread: null,
			divergent: false,
			reviewsNeeded: MIN_REVIEWS,
			needsMoreReviews: true
		};
	}
	const min = Math.min(...totals);
	const max = Math.max(...totals);
	const spread = max - min;
	// Compared on tenths of a point, so that floating-point noise never flags 20.0000001.
	const divergent = Math.round(spread * 10) > DIVERGENCE_POINTS * 10;
	const reviewsNeeded = divergent ? MIN_REVIEWS + 1 : MIN_REVIEWS;
	return {
		count: totals.length,
		mean: totals.reduce((a, b) => a + b, 0) / totals.length,
		min,
		max,
		spread,
		divergent,
		reviewsNeeded,
		needsMoreReviews: totals.length < reviewsNeeded
	};
}

export interface SubmittedTotal {
	planId: string;
	reviewerId: string;
	total: number;
}

export interface ReviewerProfile {
	count: number;
	mean: number;
	/** Population standard deviation of her totals. */
	sd: number;
	/** Enough reviews, and not all the same total, to be normalised. */
	normalised: boolean;
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const sd = (xs: readonly number[]) => {
	const m = mean(xs);
	return Math.sqrt(mean(xs.map((x) => (x - m) ** 2)));
};

/** Each reviewer's mean and spread across the plans she has scored. */
export function reviewerProfiles(reviews: readonly SubmittedTotal[]): Map<string, ReviewerProfile> {
	const byReviewer = new Map<string, number[]>();
	for (const r of reviews) {
		const list = byReviewer.get(r.reviewerId) ?? [];
		list.push(r.total);
		byReviewer.set(r.reviewerId, list);
	}
	const profiles = new Map<string, ReviewerProfile>();
	for (const [reviewerId, totals] of byReviewer) {
		const deviation = sd(totals);
		profiles.set(reviewerId, {
			count: totals.length,
			mean: mean(totals),
			sd: deviation,
			normalised: totals.length >= MIN_REVIEWS_FOR_NORMALISATION && deviation > 1e-9
		});
	}
	return profiles;
}

/**
 * Per plan, the mean of its reviewers' z-scores, put back on the 0–100 scale of all reviews
 * (grand mean + z × grand deviation, kept within 0–100), so it reads beside the raw mean. A reviewer with fewer
 * than MIN_REVIEWS_FOR_NORMALISATION reviews (or all-equal totals) has no reliable scale: her
 * reviews are left out, and a plan none of whose reviewers qualifies gets null.
 */
export function normalisedMeans(reviews: readonly SubmittedTotal[]): Map<string, number | null> {
	const profiles = reviewerProfiles(reviews);
	const all = reviews.map((r) => r.total);
	const grandMean = all.length ? mean(all) : 0;
	const grandSd = all.length ? sd(all) : 0;
	const zs = new Map<string, number[]>();
	const result = new Map<string, number | null>();
	for (const r of reviews) {
		result.set(r.planId, null);
		const profile = profiles.get(r.reviewerId)!;
		if (!profile.normalised) continue;
		const list = zs.get(r.planId) ?? [];
		list.push((r.total - profile.mean) / profile.sd);
		zs.set(r.planId, list);
	}
	for (const [planId, list] of zs) {
		result.set(planId, Math.min(100, Math.max(0, grandMean + mean(list) * grandSd)));
	}
	return result;
}

export interface RankInput {
	planId: string;
	/** Combined score out of 100, or null while reviews or the need score are missing. */
	score: number | null;
	requestedMnt: number;
}

export interface RankedPlan extends RankInput {
	/** 1-based; plans with equal scores (to a tenth of a point) share a rank. */
	rank: number | null;
	tied: boolean;
	/** Requested amounts of this plan and every scored plan ranked above it (unscored: above only). */
	runningTotalMnt: number;
	/** Scored, and the running total stays within the budget. */
	withinBudget: boolean;
}

const tenths = (score: number) => Math.round(score * 10);

/**
 * Plans best first with a running total of requested amounts against the budget. Unscored
 * plans come last, unranked. Ties and the budget line are for the chair to decide.
 */
export function rankPlans(plans: readonly RankInput[], budgetMnt: number): RankedPlan[] {
	const sorted = [...plans].sort((a, b) => {
		if (a.score === null || b.score === null) {
			return a.score === null && b.score === null
				? a.planId.localeCompare(b.planId)
				: a.score === null
					? 1
					: -1;
		}
		return tenths(b.score) - tenths(a.score) || a.planId.localeCompare(b.planId);
	});
	let running = 0;
	let previous: RankedPlan | null = null;
	const ranked: RankedPlan[] = [];
	sorted.forEach((plan, index) => {
		if (plan.score !== null) running += plan.requestedMnt;
		const sameAsPrevious =
			previous !== null &&
			plan.score !== null &&
			previous.score !== null &&
			tenths(plan.score) === tenths(previous.score);
		const row: RankedPlan = {
			...plan,
			rank: plan.score === null ? null : sameAsPrevious ? previous!.rank : index + 1,
			tied: sameAsPrevious,
			runningTotalMnt: running,
			withinBudget: plan.score !== null && running <= budgetMnt
		};
		if (sameAsPrevious) previous!.tied = true;
		ranked.push(row);
		previous = row;
	});
	return ranked;
}
