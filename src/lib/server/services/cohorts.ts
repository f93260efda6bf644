// Cohorts: the intake a programme runs at a time.
import { Types } from 'mongoose';
import { Cohort } from '$lib/server/db/models/cohort';
import { listSoums, type SoumOption } from './soums';

export interface CohortSummary {
	id: string;
	code: string;
	name: string;
	budgetMnt: number;
	startsOn: Date;
	soums: SoumOption[];
}

/**
 * A cohort's document: the one asked for by id (null when the id is malformed or unknown), else
 * the current one, else the newest.
 */
export async function cohortDoc(cohortId?: string | null) {
	if (cohortId) return Types.ObjectId.isValid(cohortId) ? Cohort.findById(cohortId).lean() : null;
	return (
		(await Cohort.findOne({ current: true }).lean()) ??
		(await Cohort.findOne().sort({ startsOn: -1 }).lean())
	);
}

export async function currentCohort(): Promise<CohortSummary | null> {
	const cohort = await cohortDoc();
	if (!cohort) return null;
	return {
		id: String(cohort._id),
		code: cohort.code,
		name: cohort.name,
		budgetMnt: cohort.budgetMnt,
		startsOn: cohort.startsOn,
		soums: await listSoums(cohort.soums)
	};
}

/** Every cohort, newest first, for choosing one to report on. */
export async function listCohorts(): Promise<{ id: string; code: string; name: string }[]> {
	const cohorts = await Cohort.find({}, { code: 1, name: 1 }).sort({ startsOn: -1 }).lean();
	return cohorts.map((c) => ({ id: String(c._id), code: c.code, name: c.name }));
}
