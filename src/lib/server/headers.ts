// Security headers on every response the portal makes. Pages get their Content-Security-Policy
// from SvelteKit (kit.csp in svelte.config.js: a nonce per response for Kit's own inline
// script, no 'unsafe-inline' script anywhere); everything else (JSON, CSV, files, redirects,
// the static error page) gets a policy that allows nothing to run.
import type { Handle } from '@sveltejs/kit';

/** Powerful browser features the portal never uses, turned off for it and anything it embeds. */
export const PERMISSIONS_POLICY = [
	'accelerometer',
	'autoplay',
	'bluetooth',
	'browsing-topics',
	'camera',
	'display-capture',
	'geolocation',
	'gyroscope',
	'hid',
	'magnetometer',
	'microphone',
	'midi',
	'payment',
	'serial',
	'usb'
]
	.map((feature) => `${feature}=()`)
	.join(', ');

/** For responses Kit did not give a policy: nothing runs, nothing is framed. */
export const LOCKED_DOWN_CSP =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** One year, the usual HSTS preload minimum; sent only when the portal is reached over https. */
export const HSTS = 'max-age=31536000; includeSubDomains';

export function applySecurityHeaders(
	headers: Headers,
	{ https, signedIn }: { https: boolean; signedIn: boolean }
): void {
	headers.set('x-content-type-options', 'nosniff');
	headers.set('x-frame-options', 'DENY');
	headers.set('referrer-policy', 'same-origin');
	headers.set('permissions-policy', PERMISSIONS_POLICY);
	headers.set('cross-origin-opener-policy', 'same-origin');
	headers.set('cross-origin-resource-policy', 'same-origin');
	if (!headers.has('content-security-policy'))
		headers.set('content-security-policy', LOCKED_DOWN_CSP);
	if (https) headers.set('strict-transport-security', HSTS);
	// Her data never sits in a shared or back-button cache.
	if (signedIn) headers.set('cache-control', 'private, no-store');
}

export const handleHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	applySecurityHeaders(response.headers, {
		https: event.url.protocol === 'https:',
		signedIn: Boolean(event.locals.user)
	});
	return response;
};
