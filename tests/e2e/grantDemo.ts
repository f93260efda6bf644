// Which demo grant plays which part (participant codes), as src/lib/server/db/seed/demoGrants.ts
// makes them; tests/integration/grants.test.ts checks that each code still plays its part.
// Specs running in parallel share one demo: each mutates only the grants allotted to it.
export const GRANT_DEMO = {
	/** Khanbogd; tranche 1 paid in the batch, verified, 2 receipts; signs in as 80000010. Read-only. */
	P1: 'UMN-26-005',
	/** Khanbogd; tranche 1 paid, awaiting verification (the mentor's spec verifies it). */
	P2: 'UMN-26-009',
	/** Other soums; tranche 1 paid, awaiting verification. Read-only. */
	P3: 'UMN-26-002',
	P4: 'UMN-26-003',
	/** Tranche 1 request rejected with its reason; payment due again (the grant journey). */
	R: 'UMN-26-007',
	/** Signed, nothing requested yet (the staff spec requests tranche 1). */
	D: 'UMN-26-010',
	/** Tranche 1 approved, awaiting payment (the finance spec). */
	A1: 'UMN-26-014',
	A2: 'UMN-26-015',
	/** Tranche 1 requested, awaiting approval: Q1–Q6 the finance spec's, Q7–Q12 left alone. */
	Q1: 'UMN-26-018',
	Q2: 'UMN-26-020',
	Q3: 'UMN-26-021',
	Q4: 'UMN-26-023',
	Q5: 'UMN-26-026',
	Q6: 'UMN-26-029',
	Q7: 'UMN-26-031',
	Q8: 'UMN-26-032',
	Q9: 'UMN-26-034',
	Q10: 'UMN-26-037',
	Q11: 'UMN-26-041',
	Q12: 'UMN-26-043'
} as const;

export type GrantDemoPart = keyof typeof GRANT_DEMO;

/**
 * The demo's mentoring (src/lib/server/db/seed/demoMentoring.ts), on the batch paid about six
 * months before the demo was loaded: P1 growing (6 check-ins, verified at the 2nd, 2 months of
 * her own figures), P2 temporarily closed with visits 5–6 overdue, P3 by phone with an open
 * safeguarding concern, P4 closed with visits 5–6 overdue. Every grant is assigned to the
 * mentor of its soum, except UMN-26-023 (protected, no consent to sharing with the soum).
 */
export const MENTORING_DEMO = {
	growing: GRANT_DEMO.P1,
	temporarilyClosed: GRANT_DEMO.P2,
	concern: GRANT_DEMO.P3,
	closed: GRANT_DEMO.P4,
	unassigned: 'UMN-26-023'
} as const;
