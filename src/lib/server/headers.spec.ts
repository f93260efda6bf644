import { describe, expect, it } from 'vitest';
import { HSTS, LOCKED_DOWN_CSP, applySecurityHeaders } from './headers';

describe('applySecurityHeaders', () => {
	it('sends HSTS only over https', () => {
		const secure = new Headers();
		applySecurityHeaders(secure, { https: true, signedIn: false });
		expect(secure.get('strict-transport-security')).toBe(HSTS);
		const plain = new Headers();
		applySecurityHeaders(plain, { https: false, signedIn: false });
		expect(plain.get('strict-transport-security')).toBeNull();
	});

	it("keeps a page's own policy and locks down a response that has none", () => {
		const page = new Headers({ 'content-security-policy': "script-src 'self' 'nonce-abc'" });
		applySecurityHeaders(page, { https: false, signedIn: false });
		expect(page.get('content-security-policy')).toBe("script-src 'self' 'nonce-abc'");
		const json = new Headers();
		applySecurityHeaders(json, { https: false, signedIn: false });
		expect(json.get('content-security-policy')).toBe(LOCKED_DOWN_CSP);
		expect(LOCKED_DOWN_CSP).not.toContain('script-src');
	});

	it('never lets a signed-in response into a shared or back-button cache', () => {
		const headers = new Headers({ 'cache-control': 'public, max-age=60' });
		applySecurityHeaders(headers, { https: false, signedIn: true });
		expect(headers.get('cache-control')).toBe('private, no-store');
		for (const name of ['x-content-type-options', 'x-frame-options', 'permissions-policy']) {
			expect(headers.get(name)).toBeTruthy();
		}
	});
});
