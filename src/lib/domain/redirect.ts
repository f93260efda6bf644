/**
 * A local path to come back to after sign-in or a language switch, or '/' for anything that
 * could leave the site (`//host`, `/\host`, `https://…`, `javascript:`…).
 */
export function safeRedirectTarget(target: string | null | undefined): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
		return '/';
	}
	// Browsers drop tabs and newlines from URLs, which would turn `/\t/host` into `//host`.
	if ([...target].some((char) => char.charCodeAt(0) < 0x20)) return '/';
	return target;
}
