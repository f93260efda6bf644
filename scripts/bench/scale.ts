// The scale programme's fixed facts, shared by `npm run seed:scale` (scripts/seed-scale.ts) and
// `npm run bench` (scripts/bench/): where it is stored and who signs in to measure it.
export const SCALE_DATA_DIR = 'data-scale';
/** The embedded database of the scale data (apart from the portal's 27117 and the tests'). */
export const SCALE_DB_PORT = 27417;
/** The portal the benchmarks start (`node build`) on the scale data. */
export const SCALE_PORT = 4400;
export const SCALE_PASSWORD = 'scale-pass-2026';
/**
 * One account per role the benchmarks sign in as, in the current (newest) cohort: the reviewer
 * has a queue of plans to score, the mentor grantees in her soum, the applicant a draft plan.
 */
export const SCALE_ACCOUNTS = {
	coordinator: '95000001',
	reviewer: '95000002',
	mentor: '95000003',
	applicant: '95000004',
	finance: '95000005'
} as const;
