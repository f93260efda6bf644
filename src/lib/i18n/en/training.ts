// English for mn/training.ts: every key, no more and no fewer (checked by the type).
import type { training as mn } from '../mn/training';

export const training: Record<keyof typeof mn, string> = {};
