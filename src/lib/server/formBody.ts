// A posted form's fields, for actions that read the form themselves rather than through
// superValidate. `request.formData()` throws a TypeError on a body that is not a readable form
// (a truncated multipart, a multipart without its boundary, `text/plain`, which SvelteKit lets
// through to actions as an HTML form may send it): without this the action answered 500.
// Such a body is a 400; an error that already has a status (413 over BODY_SIZE_LIMIT) keeps it.
import { error, isHttpError } from '@sveltejs/kit';

function hasStatus(cause: unknown): boolean {
	return (
		isHttpError(cause) ||
		(typeof cause === 'object' &&
			cause !== null &&
			typeof (cause as { status?: unknown }).status === 'number')
	);
}

export async function formBody(request: Request): Promise<FormData> {
	try {
		return await request.formData();
	} catch (cause) {
		if (hasStatus(cause)) throw cause;
		error(400, { message: 'bad_request', code: 'bad_request' });
	}
}

/**
 * The form as the portal's pages post it, for superValidate: text fields only. Every form here
 * posts plain fields (dataType 'form', and none takes a file through superforms), so superforms'
 * side channels are dropped: `__superform_json` (which would put objects where the page shows a
 * text field, and the page then fails to render) and `__superform_file(s)_*`, and so are files
 * posted where text is expected (a file in a list field cannot be sent back with the form).
 */
export async function plainForm(request: Request): Promise<FormData> {
	const posted = await formBody(request);
	const plain = new FormData();
	for (const [name, value] of posted) {
		if (typeof value !== 'string') continue;
		if (name.startsWith('__superform_') && name !== '__superform_id') continue;
		plain.append(name, value);
	}
	return plain;
}
