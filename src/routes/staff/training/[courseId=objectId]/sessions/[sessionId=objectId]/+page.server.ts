import { fail, type RequestEvent } from '@sveltejs/kit';
import { attendanceSchema } from '$lib/schemas/training';
import { requireRole } from '$lib/server/auth/guards';
import { formBody } from '$lib/server/formBody';
import { TrainingError, attendanceSheet, saveAttendance } from '$lib/server/services/training';
import { notFoundAs404 } from '../../../trainingHttp';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('coordinator');
	return attendanceSheet(user, params.courseId, params.sessionId, getClientAddress()).catch(
		notFoundAs404
	);
};

export const actions: Actions = { save: saveAction };

/**
 * Saves the sheet as a whole, or nothing of it. A refused sheet comes back with its ticks so
 * that the screen shows them again, with JavaScript or without.
 */
async function saveAction({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const body = await formBody(request);
	const strings = (name: string) =>
		body.getAll(name).filter((value): value is string => typeof value === 'string');
	const ticked = strings('present').slice(0, 1000);
	const sheet = attendanceSchema.safeParse({ shown: strings('shown'), present: ticked });
	if (!sheet.success) {
		return fail(400, {
			ticked,
			refusal: { key: 'training.error.unknownTrainee' as const, count: 0 }
		});
	}
	try {
		const saved = await saveAttendance(
			user,
			params.courseId ?? '',
			params.sessionId ?? '',
			sheet.data,
			getClientAddress()
		);
		return { saved: { present: saved.present, absent: saved.absent } };
	} catch (cause) {
		if (cause instanceof TrainingError && cause.code === 'notEnrolled') {
			return fail(400, {
				ticked,
				refusal: { key: 'training.error.notEnrolled' as const, count: cause.ids.length }
			});
		}
		notFoundAs404(cause);
	}
}
