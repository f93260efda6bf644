// The Mongolian catalogue: one file per area of the portal, so that areas grow apart cleanly.
import { core } from './core';
import { participants } from './participants';
import { plan } from './plan';
import { planReview } from './planReview';
import { training } from './training';

export const mn = { ...core, ...participants, ...plan, ...planReview, ...training };
export type MessageKey = keyof typeof mn;
