// What the reporting routes share (dashboards, indicators, exports): the cohort asked for, and
// a refusal of the reporting or export services as an HTTP answer — the error page for pages,
// `{ message }` for the JSON client, a short text for a download (the exports page's script
// shows it; without JavaScript the browser does).
import { error, json, text } from '@sveltejs/kit';
import { translator, type Locale } from '$lib/i18n';
import { ExportError } from '$lib/server/services/dataExports';
import type { SessionUser } from '$lib/server/auth/session';
import { ReportError, dashboard } from '$lib/server/services/reporting';
import { listSoums } from '$lib/server/services/soums';

/** `?cohort=<id>`; blank or missing is the current cohort (null). */
export const cohortParam = (url: URL): string | null =>
	url.searchParams.get('cohort')?.trim() || null;

export const NO_STORE = { 'cache-control': 'private, no-store' };

const STATUS = { forbidden: 403, notAllowedIdentifying: 403, noCohort: 404 } as const;

/** noCohort → 404, a refusal → 403 (the error page); anything else is rethrown. */
export function reportErrorAsHttp(cause: unknown): never {
	if (cause instanceof ReportError || cause instanceof ExportError) {
		if (cause.code === 'noCohort') error(404, { message: 'not_found', code: 'not_found' });
		error(403, { message: 'forbidden', code: 'forbidden' });
	}
	throw cause;
}

/** The same for a JSON client: `{ message }` in her language, with the status. */
export function reportErrorAsJson(cause: unknown, locale: Locale): Response {
	if (!(cause instanceof ReportError)) throw cause;
	const t = translator(locale);
	return cause.code === 'noCohort'
		? json({ message: t('indicators.error.noCohort') }, { status: 404, headers: NO_STORE })
		: json({ message: t('indicators.error.forbidden') }, { status: 403, headers: NO_STORE });
}

/** A refused download: its message in her language, as plain text, with its status. */
export function refusal(message: string, status: number): Response {
	return text(message, {
		status,
		headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }
	});
}

/** An ExportError as a refused download; anything else is rethrown. */
export function exportErrorAsText(cause: unknown, locale: Locale): Response {
	if (!(cause instanceof ExportError)) throw cause;
	return refusal(translator(locale)(`dataExports.error.${cause.code}`), STATUS[cause.code]);
}

/**
 * A cohort's dashboard as the staff pages show it (/staff/reports and the summary on /staff):
 * the figures and its soums' names in both languages; refusals as above.
 */
export async function loadDashboard(viewer: SessionUser, cohortId: string | null) {
	try {
		const figures = await dashboard(viewer, cohortId);
		return { dashboard: figures, soums: await listSoums(figures.soums) };
	} catch (cause) {
		reportErrorAsHttp(cause);
	}
}
