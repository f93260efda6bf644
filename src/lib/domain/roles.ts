// Roles, their homes, and who may give which role to a new account.

export const ROLES = [
	'applicant',
	'mentor',
	'reviewer',
	'coordinator',
	'finance',
	'admin'
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_HOME: Record<Role, string> = {
	applicant: '/applicant',
	mentor: '/mentor',
	reviewer: '/review',
	coordinator: '/staff',
	finance: '/finance',
	admin: '/admin'
};

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Which roles an account manager may give. Admin gives any role. A coordinator registers
 * participants, mentors and reviewers, but not finance or admin: a coordinator who could
 * make herself an approver would defeat maker-checker on payments.
 */
export function assignableRoles(actorRoles: readonly Role[]): Role[] {
	if (actorRoles.includes('admin')) return [...ROLES];
	if (actorRoles.includes('coordinator')) return ['applicant', 'mentor', 'reviewer'];
	return [];
}

/** Where a user goes after sign-in: her home, or the chooser when she has several roles. */
export function landingPath(roles: readonly Role[]): string {
	const first = roles[0];
	return roles.length === 1 && first ? ROLE_HOME[first] : '/';
}

/** Permissions granted to a user beyond her roles, by an admin. */
export const PERMISSIONS = ['viewProtected'] as const;
export type Permission = (typeof PERMISSIONS)[number];
