// Field schemas shared by the forms. Error messages are message keys (lib/i18n).
import { z } from 'zod';
import { normalizePhone } from '$lib/domain/phone';

export const phoneField = z
	.string()
	.max(40, 'error.phoneFormat')
	.refine((value) => normalizePhone(value) !== null, 'error.phoneFormat')
	.transform((value) => normalizePhone(value) ?? value);

export const newPasswordField = z
	.string()
	.min(8, 'error.passwordShort')
	.max(200, 'error.passwordLong');
