import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect';

describe('safeRedirectTarget', () => {
	it.each(['/staff', '/staff/accounts?q=80000006', '/admin/audit?page=2'])('keeps %s', (path) => {
		expect(safeRedirectTarget(path)).toBe(path);
	});

	it.each([
		null,
		undefined,
		'',
		'staff',
		'//evil.example',
		'/\\evil.example',
		'https://evil.example/',
		'javascript:alert(1)',
		'/\t/evil.example',
		'/\n/evil.example'
	])('refuses %s', (target) => {
		expect(safeRedirectTarget(target)).toBe('/');
	});
});
