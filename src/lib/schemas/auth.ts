import { z } from 'zod';
import { newPasswordField, phoneField } from './fields';

export const signInSchema = z.object({
	phone: phoneField,
	password: z.string().min(1, 'error.required').max(200, 'error.passwordLong')
});

export const setupSchema = z
	.object({
		phone: phoneField,
		code: z
			.string()
			.transform((value) => value.replace(/\s|-/g, ''))
			.pipe(z.string().regex(/^\d{8}$/, 'error.codeFormat')),
		password: newPasswordField,
		confirm: z.string().max(200)
	})
	.refine((data) => data.password === data.confirm, {
		message: 'error.passwordMismatch',
		path: ['confirm']
	});

export const changePasswordSchema = z
	.object({
		current: z.string().min(1, 'error.required').max(200),
		password: newPasswordField,
		confirm: z.string().max(200)
	})
	.refine((data) => data.password === data.confirm, {
		message: 'error.passwordMismatch',
		path: ['confirm']
	});
