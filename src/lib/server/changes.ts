// When this process last changed something the reports count: every audited change (a payment,
// a check-in, a consent, a plan submitted ...) marks it, reads (views, exports, sign-ins) do not.
// Report snapshots computed before the mark are stale (services/reporting.ts).

/** Audited actions that change nothing the reports count. */
const READS =
	/^(auth|audit|report|export)\.|\.(viewed|opened|listed|read)$|_(viewed|exported|printed|opened)$|\.pack_exported$/;

let lastChangeMs = 0;

export function noteAudited(action: string, at = Date.now()) {
	if (!READS.test(action)) lastChangeMs = Math.max(lastChangeMs, at);
}

/** Whether something changed at or after `at` (milliseconds). */
export const changedSince = (at: number) => lastChangeMs >= at;

/** Marks a change that is not audited (e.g. a script or a test writing directly). */
export function noteChange(at = Date.now()) {
	lastChangeMs = Math.max(lastChangeMs, at);
}
