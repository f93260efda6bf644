// English for mn/plan.ts: every key, no more and no fewer (checked by the type).
import type { plan as mn } from '../mn/plan';

export const plan: Record<keyof typeof mn, string> = {};
