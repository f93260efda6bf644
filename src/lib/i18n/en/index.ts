import type { MessageKey } from '../mn';
import { core } from './core';
import { participants } from './participants';
import { training } from './training';

export const en: Record<MessageKey, string> = { ...core, ...participants, ...training };
