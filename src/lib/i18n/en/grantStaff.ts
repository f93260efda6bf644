// English for mn/grantStaff.ts: every key, no more and no fewer (checked by the type).
import type { grantStaff as mn } from '../mn/grantStaff';

export const grantStaff: Record<keyof typeof mn, string> = {};
