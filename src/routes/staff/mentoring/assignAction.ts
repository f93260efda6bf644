// The coordinators' "assign a mentor" form, the same on the mentoring board and on a grant's
// page: bad input is a 400 with the message beside the grant's form, a refusal (her soum, her
// consent, a cancelled grant) its status with the service's message; never a 500.
import { fail } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n';
import { assignMentorSchema } from '$lib/schemas/mentoring';
import type { SessionUser } from '$lib/server/auth/session';
import { mentoringRefusal } from '$lib/server/mentoringHttp';
import { assignMentor } from '$lib/server/services/mentoring';

export interface AssignAnswer {
	grantId: string;
	mentorId: string;
	/** The refusal's message key; none when saved. */
	message: MessageKey | null;
	saved: boolean;
}

/**
 * Assigns the posted mentor to the grant: the posted `grantId`, or `grantId` when the page is
 * the grant's own. Answers `{ assign: AssignAnswer }` for the form to show.
 */
export async function assignAction(
	user: SessionUser,
	request: Request,
	ip: string,
	grantId?: string
) {
	const form = await request.formData().catch(() => new FormData());
	const field = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' ? value : '';
	};
	const values = { grantId: grantId ?? field('grantId'), mentorId: field('mentorId') };
	const parsed = assignMentorSchema.safeParse(values);
	if (!parsed.success) {
		const message = (parsed.error.issues[0]?.message ?? 'error.required') as MessageKey;
		return fail(400, { assign: { ...values, message, saved: false } satisfies AssignAnswer });
	}
	try {
		await assignMentor(user, parsed.data.grantId, parsed.data.mentorId, ip);
	} catch (cause) {
		const refusal = mentoringRefusal(cause);
		const answer: AssignAnswer = { ...values, message: refusal.key, saved: false };
		return fail(refusal.status, { assign: answer });
	}
	return { assign: { ...values, message: null, saved: true } satisfies AssignAnswer };
}
