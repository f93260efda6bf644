// What the coordinators' grant actions share: the typed values of a form kept for the page that
// shows the refusal, the numbered schedule rows, and a zod error's messages by field.
import type { z } from 'zod';
import { MAX_TRANCHES } from '$lib/domain/grants';

/** The named fields as typed (strings), to put back into the form after a refusal. */
export function typedValues(form: FormData, names: readonly string[]): Record<string, string> {
	return Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? '')]));
}

/** The schedule rows' field names: `<value>-1`, `gate-1`, … up to MAX_TRANCHES. */
export function scheduleFields(value: 'percent' | 'amount'): string[] {
	return Array.from({ length: MAX_TRANCHES }, (_, i) => [
		`${value}-${i + 1}`,
		`gate-${i + 1}`
	]).flat();
}

/** Each field's messages (message keys) from a failed zod parse. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
	const errors: Record<string, string[]> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? '');
		(errors[field] ??= []).push(issue.message);
	}
	return errors;
}
