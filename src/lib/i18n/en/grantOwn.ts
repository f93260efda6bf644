// English for mn/grantOwn.ts: every key, no more and no fewer (checked by the type).
import type { grantOwn as mn } from '../mn/grantOwn';

export const grantOwn: Record<keyof typeof mn, string> = {};
