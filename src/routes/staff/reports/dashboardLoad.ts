// The dashboard of a cohort as the staff pages show it: the figures, and the names of its soums
// in both languages. A cohort that does not exist is a 404 (never a 500), a viewer who is not
// programme staff a 403. Shared by /staff/reports and the summary on /staff.
import { error } from '@sveltejs/kit';
import type { SessionUser } from '$lib/server/auth/session';
import { ReportError, dashboard } from '$lib/server/services/reporting';
import { listSoums } from '$lib/server/services/soums';

export async function loadDashboard(viewer: SessionUser, cohortId: string | null) {
	try {
		const figures = await dashboard(viewer, cohortId);
		return { dashboard: figures, soums: await listSoums(figures.soums) };
	} catch (cause) {
		if (cause instanceof ReportError) {
			if (cause.code === 'noCohort') error(404, { message: 'not_found', code: 'not_found' });
			error(403, { message: 'forbidden', code: 'forbidden' });
		}
		throw cause;
	}
}
