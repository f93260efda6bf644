// What the grant and payment routes share: GrantError as an HTTP answer or as a form message.
import { error } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n';
import { GrantError, type GrantErrorCode } from '$lib/server/services/grantAccess';

/** notFound / noCohort → 404, forbidden → 403; anything else is rethrown. */
export function grantErrorAsHttp(cause: unknown): never {
	if (cause instanceof GrantError) {
		if (cause.code === 'notFound' || cause.code === 'noCohort') {
			error(404, { message: 'not_found', code: 'not_found' });
		}
		if (cause.code === 'forbidden') error(403, { message: 'forbidden', code: 'forbidden' });
	}
	throw cause;
}

/** The message key a form shows for a refusal: grants.error.<code>. */
export const grantErrorMessage = (code: GrantErrorCode): MessageKey =>
	`grants.error.${code}` as MessageKey;

const CONFLICT_LIKE: readonly GrantErrorCode[] = [
	'cancelled',
	'notSigned',
	'tranchePaid',
	'trancheOpen',
	'earlierUnpaid',
	'notVerified',
	'overAward',
	'overBudget',
	'signed',
	'alreadySigned',
	'alreadyDecided',
	'notApproved',
	'busy'
];

/**
 * A refused action as a form message: its key and a 4xx status (409 when the state of the
 * grant or the ledger forbids it, 403 for her own request, 400 for bad input); 404/403 and
 * unexpected errors as grantErrorAsHttp.
 */
export function grantRefusal(cause: unknown): {
	key: MessageKey;
	status: 400 | 403 | 409;
	details: string[];
} {
	if (!(cause instanceof GrantError)) throw cause;
	if (['notFound', 'noCohort', 'forbidden'].includes(cause.code)) grantErrorAsHttp(cause);
	return {
		key: grantErrorMessage(cause.code),
		status: cause.code === 'ownRequest' ? 403 : CONFLICT_LIKE.includes(cause.code) ? 409 : 400,
		details: cause.details
	};
}
