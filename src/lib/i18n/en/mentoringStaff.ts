// English for mn/mentoringStaff.ts: every key, no more and no fewer (checked by the type).
import type { mentoringStaff as mn } from '../mn/mentoringStaff';

export const mentoringStaff: Record<keyof typeof mn, string> = {};
