// Hooks identify (language, session); routes authorise (lib/server/auth/guards.ts).
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { LANG_COOKIE, resolveLocale } from '$lib/i18n';
import '$lib/i18n/all.server'; // both languages' messages, for the server
import {
	SESSION_COOKIE,
	deleteSessionCookie,
	setSessionCookie,
	validateSessionToken
} from '$lib/server/auth/session';
import { handleCompression } from '$lib/server/compression';
import { handleHeaders } from '$lib/server/headers';
import { handleOutage, markUnavailable } from '$lib/server/outage';
import { scheduleHousekeeping } from '$lib/server/services/housekeeping';
import { warmReports } from '$lib/server/services/reporting';
import { shutDown, startDatabase, startupFailureLine, type Running } from '$lib/server/startup';

const state = globalThis as typeof globalThis & { __soumDatabase?: Promise<Running> };

export const init: ServerInit = async () => {
	if (state.__soumDatabase) return;
	state.__soumDatabase = startDatabase();
	let running: Running;
	try {
		running = await state.__soumDatabase;
	} catch (error) {
		console.error(`Soum Incubator cannot start: ${startupFailureLine(error)}`);
		process.exit(1);
	}
	const stopHousekeeping = scheduleHousekeeping();
	// The staff home's figures, counted before the first coordinator asks for them.
	void warmReports().catch((cause) =>
		console.error('Counting the reports at start-up failed', cause)
	);
	// adapter-node emits this on SIGTERM or SIGINT once the server has stopped taking requests
	// and the ones in flight have finished (or SHUTDOWN_TIMEOUT, 30 s, has passed).
	process.once(
		'sveltekit:shutdown',
		(reason: string) =>
			void shutDown(reason, async () => {
				stopHousekeeping();
				await running.stop();
			})
	);
};

const handleLocale: Handle = async ({ event, resolve }) => {
	event.locals.locale = resolveLocale(
		event.cookies.get(LANG_COOKIE),
		event.request.headers.get('accept-language')
	);
	return resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale)
	});
};

const handleSession: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const secure = event.url.protocol === 'https:';
		const { session, user } = await validateSessionToken(token);
		if (session) {
			setSessionCookie(event.cookies, token, session.expiresAt, secure);
		} else {
			deleteSessionCookie(event.cookies, secure);
		}
		event.locals.session = session;
		event.locals.user = user;
	}
	return resolve(event);
};

// handleOutage before the session: the session check is the first query of most requests.
export const handle = sequence(
	handleCompression,
	handleHeaders,
	handleLocale,
	handleOutage,
	handleSession
);

export const handleError: HandleServerError = ({ error, event, status, message }) => {
	if (status === 404) return { message, code: 'not_found' };
	// Kit's own refusals of a malformed request (413 over BODY_SIZE_LIMIT, 415 not a form, ...):
	// the sender's mistake, answered with its status, not an error of the portal to log.
	if (status < 500) return { message, code: 'bad_request' };
	// The database went away mid-request: handleOutage answers 503, and the log gets one line.
	const unavailable = markUnavailable(event, error);
	if (unavailable) return unavailable;
	const id = crypto.randomUUID().slice(0, 8);
	console.error(`[${id}] ${event.request.method} ${event.url.pathname}`, error);
	return { message: 'unexpected', code: 'unexpected', id };
};
