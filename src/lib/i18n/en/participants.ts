// English for mn/participants.ts: every key, no more and no fewer (checked by the type).
import type { participants as mn } from '../mn/participants';

export const participants: Record<keyof typeof mn, string> = {};
