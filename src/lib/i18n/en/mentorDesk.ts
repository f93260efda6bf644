// English for mn/mentorDesk.ts: every key, no more and no fewer (checked by the type).
import type { mentorDesk as mn } from '../mn/mentorDesk';

export const mentorDesk: Record<keyof typeof mn, string> = {};
