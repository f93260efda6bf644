// Who sends the requests: a cookie jar per identity (signed out, or a demo role signed in through
// the sign-in form, as a browser without JavaScript does).
import { send, type Answer } from './http';
import { urlencoded } from './payloads';
import { DEMO_PASSWORD, IDENTITIES, type Identity } from './targets';

export class Client {
	cookies = new Map<string, string>();
	constructor(readonly identity: Identity) {}

	get cookieHeader() {
		return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
	}

	get signedIn() {
		return this.cookies.has('session');
	}

	/** Keeps the cookies an answer sets, and forgets those it deletes. */
	absorb(answer: Answer) {
		for (const line of answer.headers['set-cookie'] ?? []) {
			const [pair = '', ...attributes] = line.split(';');
			const eq = pair.indexOf('=');
			const name = pair.slice(0, eq).trim();
			const value = pair.slice(eq + 1).trim();
			const expired = attributes.some(
				(a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a)
			);
			if (!value || expired) this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
	}

	/** Signs in with the demo password; throws unless the portal answers with a session. */
	async signIn(origin: string) {
		const phone = IDENTITIES[this.identity];
		const form = urlencoded([
			['phone', phone],
			['password', DEMO_PASSWORD]
		]);
		const answer = await send(origin, {
			method: 'POST',
			path: '/login',
			headers: { origin, accept: 'text/html', 'content-type': form.contentType! },
			body: form.body
		});
		this.cookies.clear();
		this.absorb(answer);
		if (answer.status !== 303 || !this.signedIn) {
			throw new Error(`Signing in as ${this.identity} (${phone}) answered ${answer.status}.`);
		}
	}

	/** Signs in again if a fuzzed request ended the session (sign-out, everywhere). */
	async ready(origin: string) {
		if (this.identity !== 'anonymous' && !this.signedIn) await this.signIn(origin);
	}
}
