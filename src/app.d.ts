import type { Locale } from '$lib/i18n';
import type { SessionUser, ValidSession } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Error {
			message: string;
			code?: 'forbidden' | 'not_found' | 'unexpected' | 'bad_request' | 'unavailable';
			id?: string;
		}
		interface Locals {
			user: SessionUser | null;
			session: ValidSession | null;
			locale: Locale;
			/** Set when the database went away while this request was served (lib/server/outage.ts). */
			databaseUnavailable?: boolean;
		}
		interface PageData {
			locale: Locale;
		}
	}
}

export {};
