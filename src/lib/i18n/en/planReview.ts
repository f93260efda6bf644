// English for mn/planReview.ts: every key, no more and no fewer (checked by the type).
import type { planReview as mn } from '../mn/planReview';

export const planReview: Record<keyof typeof mn, string> = {};
