// The receipt upload, as every grant page (hers, her mentor's, the coordinator's) handles it:
// a multipart form checked field by field; a refusal keeps what she typed and says why.
import { fail, type ActionFailure } from '@sveltejs/kit';
import type { MessageKey } from '$lib/i18n';
import { receiptSchema } from '$lib/schemas/grants';
import type { SessionUser } from '$lib/server/auth/session';
import { grantRefusal } from '$lib/server/grantHttp';
import { uploadReceipt } from '$lib/server/services/receipts';

type Refused = ActionFailure<{ receiptMessage: MessageKey; receiptValues: Record<string, string> }>;

export async function receiptAction(
	user: SessionUser,
	grantId: string,
	request: Request,
	ip: string
): Promise<{ receiptSaved: true } | Refused> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return fail(400, { receiptMessage: 'grants.error.invalid' as MessageKey, receiptValues: {} });
	}
	const values = Object.fromEntries(
		['lineKey', 'amountMnt', 'spentOn', 'description'].map((k) => [k, String(form.get(k) ?? '')])
	);
	const refuse = (status: number, key: MessageKey) =>
		fail(status, { receiptMessage: key, receiptValues: values });
	const file = form.get('file');
	if (!(file instanceof File) || file.size === 0) return refuse(400, 'grants.error.file');
	const parsed = receiptSchema.safeParse(values);
	if (!parsed.success)
		return refuse(400, (parsed.error.issues[0]?.message ?? 'grants.error.invalid') as MessageKey);
	try {
		await uploadReceipt(user, grantId, { file, ...parsed.data }, ip);
	} catch (cause) {
		const refusal = grantRefusal(cause);
		return refuse(refusal.status, refusal.key);
	}
	return { receiptSaved: true };
}
