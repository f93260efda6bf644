// Cohorts: the intake a programme runs at a time.
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

export async function currentCohort(): Promise<CohortSummary | null> {
	const cohort =
		(await Cohort.findOne({ current: true }).lean()) ??
		(await Cohort.findOne().sort({ startsOn: -1 }).lean());
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
