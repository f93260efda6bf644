import { error, type RequestEvent } from '@sveltejs/kit';
import { requireRole } from '$lib/server/auth/guards';
import {
	AccountError,
	getAccount,
	reissueSetupCode,
	setAccountDisabled,
	setAccountPermission
} from '$lib/server/services/accounts';
import { listSoums } from '$lib/server/services/soums';
import type { Actions, PageServerLoad } from './$types';

const MANAGERS = ['coordinator', 'admin'] as const;

/** Service refusals as HTTP errors: unknown id 404, out of her reach 403. */
function asHttpError(cause: unknown): never {
	if (cause instanceof AccountError && cause.code === 'notFound')
		error(404, { message: 'not_found' });
	if (cause instanceof AccountError && cause.code === 'forbidden') {
		error(403, { message: 'forbidden', code: 'forbidden' });
	}
	// Her data was erased: the account stays disabled, with no code to set it up again.
	if (cause instanceof AccountError && cause.code === 'erased') {
		error(409, { message: 'erased', code: 'bad_request' });
	}
	throw cause;
}

export const load: PageServerLoad = async ({ params }) => {
	const user = requireRole(...MANAGERS);
	const account = await getAccount(user, params.id).catch(asHttpError);
	return {
		account,
		soums: await listSoums(account.soums),
		canDisable: user.roles.includes('admin') && account.id !== user.id,
		canGrant: user.roles.includes('admin') && !account.roles.includes('applicant')
	};
};

export const actions: Actions = {
	reissue: reissueCode,
	disable: (event) => setDisabled(event, true),
	enable: (event) => setDisabled(event, false),
	grantViewProtected: (event) => setViewProtected(event, true),
	revokeViewProtected: (event) => setViewProtected(event, false)
};

async function reissueCode({ params, getClientAddress }: RequestEvent) {
	const user = requireRole(...MANAGERS);
	const { code } = await reissueSetupCode(user, params.id ?? '', getClientAddress()).catch(
		asHttpError
	);
	return { issued: { code } };
}

async function setDisabled({ params, getClientAddress }: RequestEvent, disabled: boolean) {
	const user = requireRole('admin');
	await setAccountDisabled(user, params.id ?? '', disabled, getClientAddress()).catch(asHttpError);
	return { changed: disabled ? ('disabled' as const) : ('enabled' as const) };
}

async function setViewProtected({ params, getClientAddress }: RequestEvent, granted: boolean) {
	const user = requireRole('admin');
	await setAccountPermission(
		user,
		params.id ?? '',
		'viewProtected',
		granted,
		getClientAddress()
	).catch(asHttpError);
	return { changed: granted ? ('granted' as const) : ('revoked' as const) };
}
