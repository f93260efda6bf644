import { z } from 'zod';
import { ROLES } from '$lib/domain/roles';
import { phoneField } from './fields';

export const newAccountSchema = z
	.object({
		name: z.string().trim().min(2, 'error.nameShort').max(120, 'error.tooLong'),
		phone: phoneField,
		email: z
			.union([z.literal(''), z.email('error.emailFormat').max(200, 'error.tooLong')])
			.default(''),
		roles: z.array(z.enum(ROLES)).min(1, 'error.roleRequired').max(ROLES.length),
		soums: z
			.array(z.string().regex(/^[a-z-]{2,40}$/))
			.max(20)
			.default([])
	})
	.refine(
		(data) =>
			!(data.roles.includes('mentor') || data.roles.includes('applicant')) || data.soums.length > 0,
		{ message: 'error.soumRequired', path: ['soums'] }
	);

export const accountSearchSchema = z.object({
	q: z.string().max(100).optional(),
	role: z.enum(ROLES).optional(),
	page: z.coerce.number().int().min(1).max(10_000).default(1)
});
