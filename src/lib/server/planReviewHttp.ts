// What the plan review routes (coordinator and mentor) share: PlanError as an HTTP answer,
// and the comment action on one section.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { planCommentSchema } from '$lib/schemas/planReview';
import type { SessionUser } from '$lib/server/auth/session';
import { plainForm } from '$lib/server/formBody';
import { PlanError, addComment } from '$lib/server/services/plans';

/** notFound → 404, forbidden → 403; anything else is not ours to turn into a page. */
export function planErrorAsHttp(cause: unknown): never {
	if (cause instanceof PlanError && cause.code === 'notFound') {
		error(404, { message: 'not_found', code: 'not_found' });
	}
	if (cause instanceof PlanError && cause.code === 'forbidden') {
		error(403, { message: 'forbidden', code: 'forbidden' });
	}
	throw cause;
}

/** A comment on one section; refused input comes back with its section, text and messages. */
export async function commentOnPlan(user: SessionUser, event: RequestEvent) {
	const form = await superValidate(await plainForm(event.request), zod4(planCommentSchema), {
		id: 'comment'
	});
	if (!form.valid) return fail(400, { commentForm: form });
	const { section, text } = form.data;
	await addComment(user, event.params.planId ?? '', section, text, event.getClientAddress()).catch(
		planErrorAsHttp
	);
	return { commented: section };
}
