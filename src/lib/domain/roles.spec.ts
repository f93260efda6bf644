import { describe, expect, it } from 'vitest';
import { assignableRoles, landingPath, isRole } from './roles';

describe('assignableRoles', () => {
	it('lets an admin give every role', () => {
		expect(assignableRoles(['admin'])).toEqual([
			'applicant',
			'mentor',
			'reviewer',
			'coordinator',
			'finance',
			'admin'
		]);
	});
	it('never lets a coordinator create finance or admin accounts', () => {
		const roles = assignableRoles(['coordinator']);
		expect(roles).not.toContain('finance');
		expect(roles).not.toContain('admin');
		expect(roles).toContain('applicant');
	});
	it('gives nothing to other roles', () => {
		expect(assignableRoles(['mentor', 'reviewer', 'finance', 'applicant'])).toEqual([]);
	});
});

describe('landingPath', () => {
	it('sends a single-role user to her home', () => {
		expect(landingPath(['reviewer'])).toBe('/review');
		expect(landingPath(['coordinator'])).toBe('/staff');
	});
	it('sends a several-role user to the chooser', () => {
		expect(landingPath(['mentor', 'reviewer'])).toBe('/');
	});
});

describe('isRole', () => {
	it('knows the six roles only', () => {
		expect(isRole('finance')).toBe(true);
		expect(isRole('superuser')).toBe(false);
		expect(isRole(undefined)).toBe(false);
	});
});
