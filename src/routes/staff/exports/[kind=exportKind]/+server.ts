import { isMessageKey, translator, type Locale } from '$lib/i18n';
import { exportQuerySchema, filledFields, identifyingExportSchema } from '$lib/schemas/dataExports';
import { requireRole } from '$lib/server/auth/guards';
import type { SessionUser } from '$lib/server/auth/session';
import { csvHeaders, csvStream } from '$lib/server/csv';
import { startExport, type ExportRequest } from '$lib/server/services/dataExports';
import { exportErrorAsText, refusal } from '$lib/server/reportHttp';
import type { RequestHandler } from './$types';

// One table of a cohort as a streamed CSV (UTF-8 with BOM), a database batch at a time; the
// x-expected-rows header lets the page show progress. Coordinators only.
//   GET  ?cohort=&soum=&stage=   pseudonymised (soum and stage filter the participants)
//   POST reason=&cohort=         identifying: needs viewProtected and a reason of 10–500 characters
// Both are audited (export.downloaded) before the first byte leaves. A refusal is a short text.

export const GET: RequestHandler = async ({ params, url, locals, getClientAddress }) => {
	const user = requireRole('coordinator');
	const parsed = exportQuerySchema.safeParse(filledFields(url.searchParams));
	if (!parsed.success) return invalid(parsed.error.issues, locals.locale);
	const { cohort, soum, stage } = parsed.data;
	const participants = params.kind === 'participants';
	return stream(
		user,
		{
			kind: params.kind,
			cohortId: cohort ?? null,
			identifying: false,
			...(participants ? { soum, stage } : {})
		},
		getClientAddress(),
		locals.locale
	);
};

export const POST: RequestHandler = async ({ params, request, locals, getClientAddress }) => {
	const user = requireRole('coordinator');
	const t = translator(locals.locale);
	if (!user.permissions.includes('viewProtected')) {
		return refusal(t('dataExports.error.notAllowedIdentifying'), 403);
	}
	const form = await request.formData().catch(() => null);
	if (!form) return refusal(t('dataExports.error.reason'), 400);
	const parsed = identifyingExportSchema.safeParse(filledFields(form.entries()));
	if (!parsed.success) return invalid(parsed.error.issues, locals.locale);
	return stream(
		user,
		{
			kind: params.kind,
			cohortId: parsed.data.cohort ?? null,
			identifying: true,
			reason: parsed.data.reason
		},
		getClientAddress(),
		locals.locale
	);
};

/** A 400 naming the first problem. */
function invalid(issues: readonly { message: string }[], locale: Locale): Response {
	const key = issues[0]?.message ?? '';
	return refusal(translator(locale)(isMessageKey(key) ? key : 'error.badRequest.body'), 400);
}

async function stream(
	user: SessionUser,
	request: ExportRequest,
	ip: string,
	locale: Locale
): Promise<Response> {
	const t = translator(locale);
	try {
		const { rows, expected, name } = await startExport(user, request, ip, (column) =>
			t(`dataExports.column.${column}`)
		);
		return new Response(csvStream(rows), {
			headers: { ...csvHeaders(name), 'x-expected-rows': String(expected) }
		});
	} catch (cause) {
		return exportErrorAsText(cause, locale);
	}
}
