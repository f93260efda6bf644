// What the committee routes share: ReviewError as an HTTP answer or as a form message.
import { error } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n';
import { ReviewError, type ReviewErrorCode } from '$lib/server/services/reviewSetup';

/** notFound / notInReview / noCohort → 404, forbidden → 403; anything else is rethrown. */
export function reviewErrorAsHttp(cause: unknown): never {
	if (cause instanceof ReviewError) {
		if (cause.code === 'notFound' || cause.code === 'notInReview' || cause.code === 'noCohort') {
			error(404, { message: 'not_found', code: 'not_found' });
		}
		if (cause.code === 'forbidden') error(403, { message: 'forbidden', code: 'forbidden' });
	}
	throw cause;
}

/** The message key for a refusal a form shows beside itself (review.error.<code>). */
export function reviewErrorMessage(code: ReviewErrorCode): MessageKey {
	return `review.error.${code}` as MessageKey;
}

/**
 * A refused action as a form message: the ReviewError's key and a 4xx status (409 when the
 * state changed under her, 400 otherwise); 404/403 and unexpected errors as reviewErrorAsHttp.
 */
export function reviewRefusal(cause: unknown): { key: MessageKey; status: 400 | 409 } {
	if (!(cause instanceof ReviewError)) throw cause;
	if (['notFound', 'notInReview', 'noCohort', 'forbidden'].includes(cause.code)) {
		reviewErrorAsHttp(cause);
	}
	const conflictLike: ReviewErrorCode[] = [
		'locked',
		'alreadyDeclared',
		'submitted',
		'overBudget',
		'grantStarted',
		'busy',
		'hasSubmitted',
		'notAssigned'
	];
	return {
		key: reviewErrorMessage(cause.code),
		status: conflictLike.includes(cause.code) ? 409 : 400
	};
}
