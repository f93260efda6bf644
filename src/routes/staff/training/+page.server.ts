import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { newCourseSchema } from '$lib/schemas/training';
import { requireRole } from '$lib/server/auth/guards';
import { plainForm } from '$lib/server/formBody';
import { currentCohort } from '$lib/server/services/cohorts';
import { createCourse, listCourses, trainingCounts } from '$lib/server/services/training';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	requireRole('coordinator');
	const cohort = await currentCohort();
	const [courses, counts] = cohort
		? await Promise.all([listCourses(cohort.id), trainingCounts(cohort.id)])
		: [[], null];
	return {
		cohort: cohort ? { id: cohort.id, name: cohort.name } : null,
		courses,
		counts,
		form: await superValidate(zod4(newCourseSchema))
	};
};

export const actions: Actions = { createCourse: createCourseAction };

async function createCourseAction({ request, getClientAddress }: RequestEvent) {
	const user = requireRole('coordinator');
	const form = await superValidate(await plainForm(request), zod4(newCourseSchema));
	if (!form.valid) return fail(400, { form });
	const cohort = await currentCohort();
	if (!cohort) return message(form, 'training.noCohort', { status: 400 });
	const course = await createCourse(user, cohort.id, form.data, getClientAddress());
	redirect(303, `/staff/training/${course.id}`);
}
