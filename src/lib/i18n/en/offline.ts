// English for mn/offline.ts: every key, no more and no fewer (checked by the type).
import type { offline as mn } from '../mn/offline';

export const offline: Record<keyof typeof mn, string> = {};
