// The training routes' shared handling of service refusals.
import { error } from '@sveltejs/kit';
import type { MessageKey, MessageParams } from '$lib/i18n';
import { TrainingError } from '$lib/server/services/training';

/** An unknown course, session or enrolment is a 404, never a 500. */
export function notFoundAs404(cause: unknown): never {
	if (cause instanceof TrainingError && cause.code === 'notFound') {
		error(404, { message: 'not_found', code: 'not_found' });
	}
	throw cause;
}

/** The message key of a refusal the coordinator can act on; anything else is rethrown. */
export function refusalKey(cause: unknown): MessageKey {
	if (cause instanceof TrainingError) return `training.error.${cause.code}`;
	throw cause;
}

export type Translate = (key: MessageKey, params?: MessageParams) => string;
