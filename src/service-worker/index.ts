/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
// The portal's service worker (docs/offline.md). It keeps the app's own files on the phone, and
// the soum mentor's pages she has opened, so that the check-in form opens without a connection;
// the check-ins themselves wait in the page's outbox (lib/offline/outbox.ts), never here.
// Every other request passes through untouched: other roles' pages behave as without it.
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

/**
 * This build's name for its caches. `version` is the package's version (svelte.config.js),
 * the same for every build of a release, so the build's own file names (content hashes) are
 * folded in: a new build gets new caches and the old ones are deleted when it takes over.
 */
const ASSETS = [...build, ...files];
const BUILD_ID = `${version}-${fnv1a(ASSETS.join('\n'))}`;
const ASSETS_CACHE = `soum-assets-${BUILD_ID}`;
/** Her pages refer to this build's files: they go with it (opened again after an update). */
const PAGES_CACHE = `soum-mentor-pages-${BUILD_ID}`;
const ASSET_PATHS = new Set(ASSETS);

/** A slow rural connection gets this long before the copy on the phone is shown. */
const NETWORK_TIMEOUT_MS = 4000;
/** A page opened in the app (not through a full load) is fetched for the phone's copy again
 *  only when its copy is older than this. */
const REFRESH_AFTER_MS = 5 * 60 * 1000;

function fnv1a(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i += 1) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(36);
}

// Installing costs nothing: every page of the portal registers the worker, and only the mentor
// needs the app on her phone. Her pages ask for it (the 'soum:offline' message below).
sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(ASSETS_CACHE));
});

let precaching: Promise<void> | null = null;

/** This build's files, all of them, in its cache: once per build and phone (what lacks). */
function precacheAssets(): Promise<void> {
	precaching ??= (async () => {
		const cache = await caches.open(ASSETS_CACHE);
		const have = new Set((await cache.keys()).map((request) => new URL(request.url).pathname));
		const missing = ASSETS.filter((path) => !have.has(path));
		if (missing.length > 0) await cache.addAll(missing);
	})().finally(() => {
		precaching = null;
	});
	return precaching;
}

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== ASSETS_CACHE && key !== PAGES_CACHE) await caches.delete(key);
			}
			// The page that installed it is looked after at once (its next page is kept).
			await sw.clients.claim();
		})()
	);
});

/** The mentor's pages: /mentor and below, but never files (photos) nor receipts. */
function isMentorPage(url: URL): boolean {
	const path = url.pathname;
	if (path !== '/mentor' && !path.startsWith('/mentor/')) return false;
	if (path.endsWith('/__data.json')) return false;
	return !/\/photos(\/|$)/.test(path) && !/\/receipts?(\/|$)/.test(path);
}

/** Signing out, or in (a new session, maybe another person): her pages leave the phone. */
function endsSession(request: Request, url: URL): boolean {
	return request.method === 'POST' && (url.pathname === '/logout' || url.pathname === '/login');
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (endsSession(request, url)) {
		event.waitUntil(caches.delete(PAGES_CACHE));
		return;
	}
	if (request.method !== 'GET') return;
	if (ASSET_PATHS.has(url.pathname)) {
		event.respondWith(fromAssets(request));
		return;
	}
	if (request.mode === 'navigate' && isMentorPage(url)) {
		event.respondWith(mentorPage(event, request));
	}
});

/** The build's files never change under one name: the phone's copy, else the network. */
async function fromAssets(request: Request): Promise<Response> {
	const cached = await caches.match(request, { cacheName: ASSETS_CACHE });
	return cached ?? fetch(request);
}

/**
 * What the network said about one of her pages, kept (or not) on the phone: a full 200 page
 * is kept; a redirect (to /login: the session ended) takes all her pages off the phone; a
 * page she may no longer see is taken off.
 */
async function remember(request: Request | string, response: Response): Promise<void> {
	if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
		await caches.delete(PAGES_CACHE);
		return;
	}
	if (response.status === 401 || response.status === 403 || response.status === 404) {
		const cache = await caches.open(PAGES_CACHE);
		await cache.delete(request, { ignoreVary: true });
		return;
	}
	const html = response.headers.get('content-type')?.includes('text/html');
	if (response.status !== 200 || response.redirected || !html) return;
	try {
		const cache = await caches.open(PAGES_CACHE);
		await cache.put(request, response);
	} catch {
		// The phone's storage is full (or the answer cannot be kept): the page still shows.
	}
}

/** Network first, for a few seconds; then the copy on the phone; then a short offline page. */
async function mentorPage(event: FetchEvent, request: Request): Promise<Response> {
	const network = fetch(request).then(async (response) => {
		await remember(request.url, response.clone());
		return response;
	});
	// Keep the worker alive until the page is stored, even when the copy was shown first.
	event.waitUntil(network.then(noop, noop));

	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<'timeout'>((resolve) => {
		timer = setTimeout(() => resolve('timeout'), NETWORK_TIMEOUT_MS);
	});
	let outcome: Response | 'timeout' | 'failed';
	try {
		outcome = await Promise.race([network, timeout]);
	} catch {
		outcome = 'failed';
	} finally {
		clearTimeout(timer);
	}
	if (outcome instanceof Response) return outcome;

	const copy = await storedPage(request);
	if (copy) return copy;
	if (outcome === 'timeout') {
		// No copy: a slow answer is better than none.
		try {
			return await network;
		} catch {
			// fall through to the offline page
		}
	}
	return offlinePage(request.url);
}

async function storedPage(request: Request): Promise<Response | undefined> {
	const cache = await caches.open(PAGES_CACHE);
	const copy =
		(await cache.match(request, { ignoreVary: true })) ??
		(await cache.match(request, { ignoreVary: true, ignoreSearch: true }));
	return copy ? markedAsCopy(copy) : undefined;
}

function noop() {}

/** "Saved on the phone at …" above the page (outside the app's root, so hydration is as usual). */
async function markedAsCopy(copy: Response): Promise<Response> {
	const html = await copy.text();
	const savedAt = ulaanbaatarTime(copy.headers.get('date'));
	const note =
		`<p role="status" data-offline-copy style="margin:0;padding:.5rem 1rem;background:#fff4d6;` +
		`color:#4a3b00;font:14px/1.4 system-ui,sans-serif;border-bottom:1px solid #e0c060">` +
		`Холболтгүй: энэ утсанд хадгалсан хуулбар${savedAt ? ` (${savedAt})` : ''}. · ` +
		`Offline: the copy saved on this phone${savedAt ? ` (${savedAt})` : ''}.</p>`;
	const body = html.replace(/<body([^>]*)>/i, (tag) => `${tag}${note}`);
	const headers = new Headers(copy.headers);
	headers.delete('content-length');
	headers.delete('content-encoding');
	headers.set('cache-control', 'no-store');
	return new Response(body, { status: 200, headers });
}

/** YYYY-MM-DD HH:MM in Ulaanbaatar (UTC+8 all year), from an HTTP date. */
function ulaanbaatarTime(httpDate: string | null): string {
	const time = httpDate ? Date.parse(httpDate) : NaN;
	if (Number.isNaN(time)) return '';
	return new Date(time + 8 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The worker cannot reach the portal's messages: both languages, briefly, on one page. */
function offlinePage(url: string): Response {
	const escaped = url.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
	const body = `<!doctype html>
<html lang="mn"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Холболт алга · Offline</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;padding:1.5rem;max-width:36rem;color:#222}
h1{font-size:1.3rem;margin:0 0 .5rem}p{margin:.5rem 0}section+section{border-top:1px solid #ccc;margin-top:1rem;padding-top:.5rem}</style>
</head><body>
<section><h1>Холболт алга</h1>
<p>Энэ хуудас энэ утсанд хадгалагдаагүй байна. Холболттой үедээ нэг удаа нээвэл дараа нь холболтгүй ч нээгдэнэ.</p>
<p>Холболтгүй үед хадгалсан тэмдэглэлүүд утсанд тань хадгалагдсан хэвээр байгаа бөгөөд холболт сэргэхэд илгээгдэнэ.</p>
<p><a href="/mentor">Зөвлөгчийн нүүр хуудас</a> · <a href="${escaped}">Дахин оролдох</a></p></section>
<section lang="en"><h1>You are offline</h1>
<p>This page has not been saved on this phone. Open it once while connected and it will open without a connection later.</p>
<p>Check-ins saved while offline stay on your phone and are sent when the connection returns.</p>
<p><a href="/mentor">Mentor home</a> · <a href="${escaped}">Try again</a></p></section>
</body></html>`;
	return new Response(body, {
		status: 503,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}

/**
 * A mentor page was shown: the app's files are made ready on the phone, and the page itself is
 * kept (a page opened by a link inside the app never passed through here as a page). The
 * answer, on the message's port, says the phone is ready to open it offline.
 */
sw.addEventListener('message', (event) => {
	const message = event.data as { type?: unknown; url?: unknown } | null;
	if (message?.type !== 'soum:offline' || typeof message.url !== 'string') return;
	let url: URL;
	try {
		url = new URL(message.url, sw.location.origin);
	} catch {
		return;
	}
	if (url.origin !== sw.location.origin || !isMentorPage(url)) return;
	url.hash = '';
	const port = event.ports[0];
	event.waitUntil(
		Promise.all([precacheAssets(), keepPage(url.href)]).then(
			([, kept]) => port?.postMessage({ ready: kept }),
			() => port?.postMessage({ ready: false })
		)
	);
});

/** Her page's copy, fetched when missing or old; true when the phone has a copy. */
async function keepPage(href: string): Promise<boolean> {
	const cache = await caches.open(PAGES_CACHE);
	const copy = await cache.match(href, { ignoreVary: true });
	const date = copy ? Date.parse(copy.headers.get('date') ?? '') : NaN;
	if (copy && !Number.isNaN(date) && Date.now() - date < REFRESH_AFTER_MS) return true;
	try {
		const response = await fetch(href, {
			credentials: 'same-origin',
			redirect: 'manual',
			headers: { accept: 'text/html' }
		});
		await remember(href, response);
	} catch {
		// offline: the copy (if any) stays
	}
	return Boolean(await (await caches.open(PAGES_CACHE)).match(href, { ignoreVary: true }));
}
