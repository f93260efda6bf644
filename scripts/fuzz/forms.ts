// The forms a page renders, read from its HTML: for each place a form posts to (its action, or a
// button's formaction), the fields with the values the page put in them, and the file inputs.
// The fuzzer starts from these so that one hostile value meets otherwise plausible input.
import type { FormBase } from './payloads';

const decode = (s: string) =>
	s
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
		.replace(/&amp;/g, '&');

function attributes(tag: string): Record<string, string> {
	const found: Record<string, string> = {};
	for (const [, name, value] of tag.matchAll(/([\w:-]+)(?:\s*=\s*"([^"]*)")?/g)) {
		found[name!.toLowerCase()] = decode(value ?? '');
	}
	return found;
}

/** Where a form or button posts, as `pathname` or `pathname?/action`. */
function actionKey(action: string | undefined, page: URL): string {
	const url = new URL(action || page.pathname + page.search, page);
	const named = [...url.searchParams.keys()].find((k) => k.startsWith('/'));
	return named ? `${url.pathname}?${named}` : url.pathname;
}

export function formsOf(html: string, pageUrl: URL): Map<string, FormBase> {
	const forms = new Map<string, FormBase>();
	for (const [, open, inner] of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
		const form = attributes(open!);
		if ((form.method ?? 'get').toLowerCase() !== 'post') continue;
		const fields: [string, string][] = [];
		const files: string[] = [];
		const keys = new Set([actionKey(form.action, pageUrl)]);
		for (const [tag] of inner!.matchAll(/<input\b[^>]*>/gi)) {
			const input = attributes(tag);
			const type = (input.type ?? 'text').toLowerCase();
			if (!input.name) continue;
			if (type === 'file') files.push(input.name);
			else if (type === 'submit' || type === 'image') continue;
			else if ((type === 'checkbox' || type === 'radio') && !('checked' in input)) {
				if (!fields.some(([n]) => n === input.name)) fields.push([input.name, input.value || 'on']);
			} else fields.push([input.name, input.value ?? '']);
		}
		for (const [, open, text] of inner!.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/gi)) {
			const name = attributes(open!).name;
			if (name) fields.push([name, decode(text!)]);
		}
		for (const [, open, options] of inner!.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
			const name = attributes(open!).name;
			if (!name) continue;
			const all = [...options!.matchAll(/<option\b([^>]*)>/gi)].map(([, o]) => attributes(o!));
			const chosen = all.find((o) => 'selected' in o) ?? all.find((o) => o.value) ?? all[0];
			fields.push([name, chosen?.value ?? '']);
		}
		for (const [, open] of inner!.matchAll(/<button\b([^>]*)>/gi)) {
			const button = attributes(open!);
			if (button.formaction !== undefined) keys.add(actionKey(button.formaction, pageUrl));
		}
		for (const key of keys) {
			const known = forms.get(key);
			if (known) {
				// Several forms post to one action (one per row): keep the first, add new names.
				for (const field of fields)
					if (!known.fields.some(([n]) => n === field[0])) known.fields.push(field);
				for (const file of files) if (!known.files.includes(file)) known.files.push(file);
			} else forms.set(key, { fields: [...fields], files: [...files] });
		}
	}
	return forms;
}
