// English for mn/financeDesk.ts: every key, no more and no fewer (checked by the type).
import type { financeDesk as mn } from '../mn/financeDesk';

export const financeDesk: Record<keyof typeof mn, string> = {};
