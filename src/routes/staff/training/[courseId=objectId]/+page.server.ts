import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { translator, type MessageKey } from '$lib/i18n';
import {
	candidateSearchSchema,
	enrolParticipantSchema,
	enrolmentActionSchema,
	newOfficialSchema,
	newSessionSchema,
	trainerSchema
} from '$lib/schemas/training';
import { requireRole } from '$lib/server/auth/guards';
import { formBody, plainForm } from '$lib/server/formBody';
import {
	TrainingError,
	addSession,
	enrolCandidates,
	enrolOfficial,
	enrolParticipant,
	getCourse,
	listSessions,
	listTrainees,
	removeEnrolment,
	setBecameTrainer
} from '$lib/server/services/training';
import { notFoundAs404, refusalKey } from '../trainingHttp';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, getClientAddress }) => {
	const user = requireRole('coordinator');
	const ip = getClientAddress();
	const course = await getCourse(params.courseId).catch(notFoundAs404);
	const search = candidateSearchSchema.safeParse(Object.fromEntries(url.searchParams));
	const q = search.success ? search.data.q : '';
	const [sessions, trainees, candidates] = await Promise.all([
		listSessions(course.id),
		listTrainees(user, course.id, ip),
		enrolCandidates(user, course.id, q, { ip })
	]);
	return {
		course,
		sessions,
		trainees,
		candidates,
		q,
		sessionForm: await superValidate(zod4(newSessionSchema), { id: 'session' }),
		officialForm: await superValidate(zod4(newOfficialSchema), { id: 'official' })
	};
};

export const actions: Actions = {
	addSession: addSessionAction,
	enrolParticipant: enrolParticipantAction,
	enrolOfficial: enrolOfficialAction,
	setTrainer: setTrainerAction,
	unenrol: unenrolAction
};

/** A refusal shown above the page's forms, in the viewer's language. */
function refuse(key: MessageKey, params: Record<string, number> = {}) {
	return fail(400, { refusal: { key, params } });
}

async function addSessionAction({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await superValidate(await plainForm(request), zod4(newSessionSchema), {
		id: 'session'
	});
	if (!form.valid) return fail(400, { form });
	try {
		await addSession(user, params.courseId ?? '', form.data, getClientAddress());
	} catch (cause) {
		if (cause instanceof TrainingError && cause.code === 'soumNotInCohort') {
			return setError(form, 'soum', 'training.error.soumNotInCohort');
		}
		notFoundAs404(cause);
	}
	return message(form, 'training.sessionAdded');
}

async function enrolOfficialAction({ request, params, locals, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await superValidate(await plainForm(request), zod4(newOfficialSchema), {
		id: 'official'
	});
	if (!form.valid) return fail(400, { form });
	const course = await getCourse(params.courseId ?? '').catch(notFoundAs404);
	try {
		await enrolOfficial(user, course.id, form.data, getClientAddress());
	} catch (cause) {
		const t = translator(locals.locale);
		return message(form, t(refusalKey(cause), { capacity: course.capacity }), { status: 400 });
	}
	return message(form, 'training.officialEnrolled');
}

async function enrolParticipantAction({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const parsed = enrolParticipantSchema.safeParse(Object.fromEntries(await formBody(request)));
	if (!parsed.success) return refuse('training.error.unknownTrainee');
	const course = await getCourse(params.courseId ?? '').catch(notFoundAs404);
	try {
		await enrolParticipant(user, course.id, parsed.data.participantId, getClientAddress());
	} catch (cause) {
		return refuse(refusalKey(cause), { capacity: course.capacity });
	}
	return { done: 'training.enrolled' as const };
}

async function setTrainerAction({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const parsed = trainerSchema.safeParse(Object.fromEntries(await formBody(request)));
	if (!parsed.success) return refuse('training.error.unknownTrainee');
	const { enrolmentId, becameTrainer } = parsed.data;
	const courseId = params.courseId ?? '';
	await getCourse(courseId).catch(notFoundAs404);
	try {
		await setBecameTrainer(user, courseId, enrolmentId, becameTrainer, getClientAddress());
	} catch (cause) {
		return refuse(refusalKey(cause));
	}
	return { done: 'training.trainerSaved' as const };
}

async function unenrolAction({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const parsed = enrolmentActionSchema.safeParse(Object.fromEntries(await formBody(request)));
	if (!parsed.success) return refuse('training.error.unknownTrainee');
	const courseId = params.courseId ?? '';
	await getCourse(courseId).catch(notFoundAs404);
	try {
		await removeEnrolment(user, courseId, parsed.data.enrolmentId, getClientAddress());
	} catch (cause) {
		return refuse(refusalKey(cause));
	}
	return { done: 'training.removed' as const };
}
