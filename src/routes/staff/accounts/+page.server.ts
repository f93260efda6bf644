import { fail, type RequestEvent } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { assignableRoles } from '$lib/domain/roles';
import { translator } from '$lib/i18n';
import { accountSearchSchema, newAccountSchema } from '$lib/schemas/accounts';
import { requireRole } from '$lib/server/auth/guards';
import { plainForm } from '$lib/server/formBody';
import { AccountError, createAccount, listAccounts } from '$lib/server/services/accounts';
import { listSoums } from '$lib/server/services/soums';
import type { Actions, PageServerLoad } from './$types';

const MANAGERS = ['coordinator', 'admin'] as const;

export const load: PageServerLoad = async ({ url }) => {
	const user = requireRole(...MANAGERS);
	const search = accountSearchSchema.safeParse(Object.fromEntries(url.searchParams));
	const query = search.success ? search.data : { page: 1 };
	const [accounts, soums] = await Promise.all([listAccounts(user, query), listSoums()]);
	return {
		accounts,
		query: { q: query.q ?? '', role: query.role ?? '' },
		soums,
		assignable: assignableRoles(user.roles),
		form: await superValidate(zod4(newAccountSchema))
	};
};

export const actions: Actions = { create: createAccountAction };

async function createAccountAction({ request, locals, getClientAddress }: RequestEvent) {
	const user = requireRole(...MANAGERS);
	const t = translator(locals.locale);
	const form = await superValidate(await plainForm(request), zod4(newAccountSchema));
	if (!form.valid) return fail(400, { form });
	try {
		const { account, code } = await createAccount(user, form.data, getClientAddress());
		return message(form, {
			kind: 'created' as const,
			id: account.id,
			name: account.name,
			phone: account.phone,
			code
		});
	} catch (error) {
		if (!(error instanceof AccountError)) throw error;
		if (error.code === 'phoneTaken') return setError(form, 'phone', t('accounts.phoneTaken'));
		if (error.code === 'soumUnknown')
			return setError(form, 'soums._errors', t('accounts.soumUnknown'));
		if (error.code === 'roleNotAllowed')
			return setError(form, 'roles._errors', t('accounts.roleNotAllowed'));
		throw error;
	}
}
