// English for mn/selfReport.ts: every key, no more and no fewer (checked by the type).
import type { selfReport as mn } from '../mn/selfReport';

export const selfReport: Record<keyof typeof mn, string> = {};
