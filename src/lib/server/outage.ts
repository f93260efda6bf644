// While the database cannot be reached (the embedded FerretDB restarting, a MongoDB server
// gone), every request that needs it gets a 503 at once, in the shape its client reads: a page
// says so in both languages, a form post made by the page's script gets an action result, a
// __data.json or JSON request gets JSON. Nothing waits on a dead server, nothing is half-stored
// without her being told, and the portal recovers by itself when the database is back.
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { LOCALES, translate, type Locale } from '$lib/i18n';
import { databaseConnected, isDatabaseUnavailable, onConnectionLost } from './db/connection';

/** Long enough for the embedded database's restart; short enough to be worth waiting for. */
export const RETRY_AFTER_SECONDS = 10;

/**
 * How long a request that was in flight when the connection was lost may still take. Every
 * query it had sent to the dead server fails within about a second; but the driver (mongodb
 * 7.8) can leave a query waiting forever when its connection closes just as the query is
 * written (the close is handled before the read starts, and the read then waits on a destroyed
 * socket). Such a request is answered 503 instead of never.
 */
export const STUCK_AFTER_LOSS_MS = 5_000;

const UNAVAILABLE: App.Error = { message: 'unavailable', code: 'unavailable' };

/** Paths that answer without the database: the health checks say themselves whether it is up. */
function answersWithoutDatabase(pathname: string): boolean {
	return pathname === '/healthz' || pathname.startsWith('/healthz/');
}

function headers(contentType: string): Headers {
	return new Headers({
		'content-type': contentType,
		'retry-after': String(RETRY_AFTER_SECONDS),
		'cache-control': 'no-store'
	});
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A plain page (no layout, no script): her language first, then the other. */
export function unavailablePage(locale: Locale): string {
	const order = [locale, ...LOCALES.filter((l) => l !== locale)];
	const sections = order
		.map(
			(l) =>
				`<section lang="${l}"><h1>${escapeHtml(translate(l, 'error.unavailable.title'))}</h1>` +
				`<p>${escapeHtml(translate(l, 'error.unavailable.body'))}</p>` +
				`<p><a href="">${escapeHtml(translate(l, 'error.tryAgain'))}</a></p></section>`
		)
		.join('\n');
	return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>503 · ${escapeHtml(translate(locale, 'app.name'))}</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;color:#1f2933}section+section{border-top:1px solid #d9dee3;margin-top:1.5rem}h1{font-size:1.4rem}</style>
</head>
<body>
${sections}
</body>
</html>
`;
}

function wantsHtml(request: Request): boolean {
	const accept = request.headers.get('accept');
	return !accept || accept.includes('text/html');
}

/** The 503 for a request the database cannot serve, in the form its client reads. */
export function unavailableResponse(event: RequestEvent): Response {
	const status = 503;
	if (event.request.headers.get('x-sveltekit-action') === 'true') {
		// What `use:enhance` and superforms deserialize: an error result (the page keeps her input).
		const body = JSON.stringify({ type: 'error', error: UNAVAILABLE });
		return new Response(body, { status, headers: headers('application/json') });
	}
	if (event.isDataRequest || !wantsHtml(event.request)) {
		// A client-side navigation shows the error page with this body as `page.error`.
		return new Response(JSON.stringify(UNAVAILABLE), {
			status,
			headers: headers('application/json')
		});
	}
	return new Response(unavailablePage(event.locals.locale), {
		status,
		headers: headers('text/html; charset=utf-8')
	});
}

/** Called by handleError: the request failed because the database went away. */
export function markUnavailable(event: RequestEvent, error: unknown): App.Error | null {
	if (!isDatabaseUnavailable(error)) return null;
	event.locals.databaseUnavailable = true;
	const reason = error instanceof Error ? `${error.name}: ${error.message.split('\n')[0]}` : '';
	console.warn(
		`Database unavailable: ${event.request.method} ${event.url.pathname} answered 503 (${reason})`
	);
	return UNAVAILABLE;
}

/** Settles to 'stuck' STUCK_AFTER_LOSS_MS after the connection is lost, unless cancelled first. */
function stuckAfterLoss(): { stuck: Promise<'stuck'>; cancel: () => void } {
	let timer: NodeJS.Timeout | undefined;
	let settle: (value: 'stuck') => void = () => {};
	const stuck = new Promise<'stuck'>((resolve) => (settle = resolve));
	const stopListening = onConnectionLost(() => {
		timer ??= setTimeout(() => settle('stuck'), STUCK_AFTER_LOSS_MS);
	});
	return {
		stuck,
		cancel: () => {
			stopListening();
			clearTimeout(timer);
		}
	};
}

/**
 * Before the session is read: (a) no connection, a 503 at once; (b) the database went away
 * while the request was served, so a load, action or endpoint failed with a connection error
 * (marked by handleError) or the session check threw one: that 500 becomes the 503; (c) the
 * connection was lost while the request was served and it is still waiting 5 s later: a 503.
 */
export const handleOutage: Handle = async ({ event, resolve }) => {
	if (answersWithoutDatabase(event.url.pathname)) return resolve(event);
	if (!databaseConnected()) return unavailableResponse(event);
	let response: Response;
	const watch = stuckAfterLoss();
	const resolving = Promise.resolve(resolve(event));
	try {
		const outcome = await Promise.race([resolving, watch.stuck]);
		if (outcome === 'stuck') {
			resolving.catch(() => {}); // it may never settle; if it does, nobody is waiting
			console.warn(
				`Database unavailable: ${event.request.method} ${event.url.pathname} still waiting ${STUCK_AFTER_LOSS_MS} ms after the connection was lost; answered 503`
			);
			return unavailableResponse(event);
		}
		response = outcome;
	} catch (error) {
		if (!isDatabaseUnavailable(error)) throw error;
		return unavailableResponse(event);
	} finally {
		watch.cancel();
	}
	if (!event.locals.databaseUnavailable || response.status < 500) return response;
	// Kit's error page (with the layout, or src/error.html) or its JSON, now with the right status.
	const rewritten = new Headers(response.headers);
	rewritten.set('retry-after', String(RETRY_AFTER_SECONDS));
	rewritten.set('cache-control', 'no-store');
	return new Response(response.body, { status: 503, headers: rewritten });
};
