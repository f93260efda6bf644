import { translator } from '$lib/i18n';
import { participantFiltersSchema } from '$lib/schemas/participants';
import { requireRole } from '$lib/server/auth/guards';
import { exportParticipantsCsv } from '$lib/server/services/participants';
import type { RequestHandler } from './$types';

// Coordinators: the filtered participant list as CSV (UTF-8 with BOM for Excel). Protected
// participants are masked in every export.
export const GET: RequestHandler = async ({ url, locals, getClientAddress }) => {
	const user = requireRole('coordinator');
	const t = translator(locals.locale);
	const parsed = participantFiltersSchema.safeParse(Object.fromEntries(url.searchParams));
	const filters = parsed.success ? parsed.data : { page: 1 };
	const { csv } = await exportParticipantsCsv(user, filters, getClientAddress(), {
		code: t('participants.code'),
		name: t('field.name'),
		phone: t('field.phone'),
		soum: t('participants.field.soum'),
		bag: t('participants.field.bag'),
		stage: t('participants.stage'),
		birthYear: t('participants.field.birthYear'),
		arrivalYear: t('participants.field.arrivalYear'),
		originPlace: t('participants.field.originPlace'),
		education: t('participants.field.education'),
		referralSource: t('participants.field.referralSource'),
		nationalId: t('participants.field.nationalId'),
		consentParticipation: t('participants.purpose.participation'),
		consentSoumSharing: t('participants.purpose.soum_sharing'),
		consentDonorReporting: t('participants.purpose.donor_reporting')
	});
	const day = new Date().toISOString().slice(0, 10);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="participants-${day}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
