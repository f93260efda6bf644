// What the mentoring routes share: MentoringError as an HTTP answer or as a form refusal, and
// the check-in form's action (the same for a form posted without JavaScript, with it, and
// replayed from the phone's queue after being saved offline).
import { error, fail, redirect } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n';
import {
	checkInSchema,
	checkInValues,
	fieldErrors,
	type CheckInField
} from '$lib/schemas/mentoring';
import type { SessionUser } from '$lib/server/auth/session';
import {
	MentoringError,
	assignedGrant,
	recordCheckIn,
	type MentoringErrorCode
} from '$lib/server/services/mentoring';

/** notFound / noCohort → 404, forbidden → 403; anything else is rethrown. */
export function mentoringErrorAsHttp(cause: unknown): never {
	if (cause instanceof MentoringError) {
		if (cause.code === 'notFound' || cause.code === 'noCohort') {
			error(404, { message: 'not_found', code: 'not_found' });
		}
		if (cause.code === 'forbidden') error(403, { message: 'forbidden', code: 'forbidden' });
	}
	throw cause;
}

const CONFLICT_LIKE: readonly MentoringErrorCode[] = [
	'cancelled',
	'notSigned',
	'alreadyClosed',
	'keyReused',
	'verifyTooEarly'
];

/**
 * A refused action as a form message: its key, the field it is about (if any) and a 4xx status
 * (403 not her mentor, 409 the state forbids it, 400 bad input); 404/403 as mentoringErrorAsHttp.
 */
export function mentoringRefusal(cause: unknown): {
	key: MessageKey;
	status: 400 | 403 | 409;
	field: string | null;
} {
	if (!(cause instanceof MentoringError)) throw cause;
	if (['notFound', 'noCohort', 'forbidden'].includes(cause.code)) mentoringErrorAsHttp(cause);
	return {
		key: `mentoring.error.${cause.code}` as MessageKey,
		status: cause.code === 'notAssigned' ? 403 : CONFLICT_LIKE.includes(cause.code) ? 409 : 400,
		field: cause.field
	};
}

/**
 * The check-in form's action. Bad input: 400 with `errors` (field → message key) and the
 * `values` as typed (never the photos: a browser cannot refill a file input). A refusal: its
 * status with `message`. Stored (or already stored under the same key): 303 to her record,
 * `?saved=<id>`.
 */
export async function checkInAction(
	user: SessionUser,
	grantId: string,
	request: Request,
	ip: string
) {
	// Who may record comes before what was typed: nobody else learns anything from the form.
	try {
		await assignedGrant(user, grantId);
	} catch (cause) {
		const refusal = mentoringRefusal(cause);
		return fail(refusal.status, { errors: {}, message: refusal.key, values: null });
	}
	const form = await request.formData().catch(() => new FormData());
	const values = checkInValues(form);
	const photos = form.getAll('photos').filter((v): v is File => v instanceof File);
	const parsed = checkInSchema.safeParse(values);
	if (!parsed.success) {
		return fail(400, {
			errors: fieldErrors<CheckInField | 'photos' | 'form'>(parsed.error.issues),
			values
		});
	}
	let checkInId: string;
	try {
		({ checkInId } = await recordCheckIn(user, grantId, parsed.data, photos, ip));
	} catch (cause) {
		const refusal = mentoringRefusal(cause);
		const errors: Partial<Record<string, string>> = refusal.field
			? { [refusal.field]: refusal.key }
			: {};
		return fail(refusal.status, { errors, message: refusal.key, values });
	}
	redirect(303, `/mentor/grants/${grantId}?saved=${checkInId}`);
}
