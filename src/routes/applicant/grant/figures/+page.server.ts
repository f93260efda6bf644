import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { ulaanbaatarDay } from '$lib/domain/mentoring';
import {
	fieldErrors,
	selfReportSchema,
	selfReportValues,
	type SelfReportField
} from '$lib/schemas/mentoring';
import { requireRole } from '$lib/server/auth/guards';
import { mentoringErrorAsHttp, mentoringRefusal } from '$lib/server/mentoringHttp';
import { ownGrantId } from '$lib/server/services/grantViews';
import { recordSelfReport } from '$lib/server/services/mentoring';
import { mentoringRecord, newCheckInKey } from '$lib/server/services/mentoringViews';
import type { Actions, PageServerLoad } from './$types';

// She adds her own figures for a month, shown to her and her mentor as self-reported. A fresh
// idempotency key per form: sent twice (a double tap, a resend on a slow line), stored once.
// 404 while she has no grant.
export const load: PageServerLoad = async ({ getClientAddress }) => {
	const user = requireRole('applicant');
	const id = await ownGrantId(user);
	if (!id) error(404, { message: 'not_found', code: 'not_found' });
	const record = await mentoringRecord(user, id, getClientAddress()).catch(mentoringErrorAsHttp);
	return {
		canSelfReport: record.can.selfReport,
		idempotencyKey: newCheckInKey(),
		/** This month in Ulaanbaatar, YYYY-MM: the default and the latest she may pick. */
		thisMonth: ulaanbaatarDay(new Date()).slice(0, 7)
	};
};

export const actions: Actions = {
	save: save
};

/** 2026-3, 2026.03 or 2026/03 as typed where the phone has no month picker: 2026-03. */
function monthOf(value: string): string {
	const match = /^(\d{4})\s*[-./]\s*(\d{1,2})$/.exec(value.trim());
	return match ? `${match[1]}-${match[2]!.padStart(2, '0')}` : value.trim();
}

/**
 * An amount typed with thousands grouped (1 250 000, 1,250,000 ₮): its digits. Anything else
 * (1,5 or -300) is left as typed for the schema to refuse.
 */
function amountOf(value: string): string {
	const bare = value.replace(/₮/g, '').trim();
	return /^\d{1,3}([ ,\u00a0\u202f]\d{3})+$/.test(bare) ? bare.replace(/\D/g, '') : bare;
}

async function save({ request, getClientAddress }: RequestEvent) {
	const user = requireRole('applicant');
	if (!(await ownGrantId(user))) error(404, { message: 'not_found', code: 'not_found' });
	const form = await request.formData().catch(() => new FormData());
	const values = selfReportValues(form);
	const input = {
		...values,
		month: monthOf(values.month),
		salesMnt: amountOf(values.salesMnt),
		costsMnt: amountOf(values.costsMnt)
	};
	const parsed = selfReportSchema.safeParse(input);
	if (!parsed.success) {
		return fail(400, {
			errors: fieldErrors<SelfReportField | 'form'>(parsed.error.issues),
			message: undefined,
			values
		});
	}
	try {
		await recordSelfReport(user, parsed.data, getClientAddress());
	} catch (cause) {
		const refusal = mentoringRefusal(cause);
		const errors: Partial<Record<string, string>> = refusal.field
			? { [refusal.field]: refusal.key }
			: {};
		return fail(refusal.status, { errors, message: refusal.key, values });
	}
	redirect(303, '/applicant/grant?figures=saved');
}
