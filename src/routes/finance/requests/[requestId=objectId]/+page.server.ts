import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n';
import { TIME_ZONE } from '$lib/i18n/format';
import { paidSchema, rejectSchema } from '$lib/schemas/grants';
import { requireRole } from '$lib/server/auth/guards';
import { grantErrorAsHttp, grantRefusal } from '$lib/server/grantHttp';
import {
	approvePayment,
	markPaid,
	paymentDetail,
	rejectPayment
} from '$lib/server/services/payments';
import { listSoums } from '$lib/server/services/soums';
import type { Actions, PageServerLoad } from './$types';

// One payment request before finance (maker-checker): how and to whom it is paid, her grant,
// the cohort's budget, its history, and the forms its state allows: approve or reject it, or
// record it paid. Never on a request she made herself; the service refuses that too.
export const load: PageServerLoad = async ({ params, getClientAddress }) => {
	const user = requireRole('finance');
	const [detail, soums] = await Promise.all([
		paymentDetail(user, params.requestId, getClientAddress()).catch(grantErrorAsHttp),
		listSoums()
	]);
	return { detail, soums, today: todayInUlaanbaatar() };
};

export const actions: Actions = {
	approve,
	reject,
	paid
};

type Step = 'approve' | 'reject' | 'paid';

/** What a refused form gets back: which form, the message and what she typed. */
interface Refused {
	step: Step;
	message?: MessageKey;
	errors?: Record<string, MessageKey>;
	values?: Record<string, string>;
}

async function approve({ params, getClientAddress }: RequestEvent) {
	const user = requireRole('finance');
	const id = params.requestId ?? '';
	let repeated: boolean;
	try {
		({ repeated } = await approvePayment(user, id, getClientAddress()));
	} catch (cause) {
		return refused(cause, { step: 'approve' });
	}
	done(id, 'approved', repeated);
}

async function reject({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('finance');
	const id = params.requestId ?? '';
	const values = await fields(request, ['reason']);
	const parsed = rejectSchema.safeParse(values);
	if (!parsed.success) return invalid('reject', parsed.error.issues, values);
	let repeated: boolean;
	try {
		({ repeated } = await rejectPayment(user, id, parsed.data.reason, getClientAddress()));
	} catch (cause) {
		return refused(cause, { step: 'reject', values });
	}
	done(id, 'rejected', repeated);
}

async function paid({ request, params, getClientAddress }: RequestEvent) {
	const user = requireRole('finance');
	const id = params.requestId ?? '';
	const values = await fields(request, ['paidOn', 'paymentReference']);
	const parsed = paidSchema.safeParse(values);
	if (!parsed.success) return invalid('paid', parsed.error.issues, values);
	let repeated: boolean;
	try {
		({ repeated } = await markPaid(user, id, parsed.data, getClientAddress()));
	} catch (cause) {
		return refused(cause, { step: 'paid', values });
	}
	done(id, 'paid', repeated);
}

/** Back to the request (a refresh does not post again), saying what happened. */
function done(id: string, kind: 'approved' | 'rejected' | 'paid', repeated: boolean): never {
	redirect(303, `/finance/requests/${id}?${repeated ? 'repeated' : 'done'}=${kind}`);
}

async function fields(request: Request, names: string[]): Promise<Record<string, string>> {
	const form = await request.formData().catch(() => new FormData());
	return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? '')]));
}

function invalid(
	step: Step,
	issues: { path: PropertyKey[]; message: string }[],
	values: Record<string, string>
) {
	const errors: Record<string, MessageKey> = {};
	for (const issue of issues) {
		const field = String(issue.path[0] ?? '');
		errors[field] ??= issue.message as MessageKey;
	}
	return answer(400, { step, message: 'grants.error.invalid', errors, values });
}

function refused(cause: unknown, form: Refused) {
	const { key, status } = grantRefusal(cause);
	return answer(status, { ...form, message: key });
}

const answer = (status: number, refusal: Refused) => fail(status, refusal);

/** Today in Ulaanbaatar as YYYY-MM-DD: the latest day a payment can have been made. */
function todayInUlaanbaatar(): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date());
}
