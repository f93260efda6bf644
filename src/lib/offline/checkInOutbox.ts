// STUB (the offline helper replaces this file): the check-in form's progressive enhancement.
// Used as <form method="POST" action="?/save" enctype="multipart/form-data"
//   use:offlineCheckIn={{ grantId, code }}>.
// Without JavaScript the form posts as usual; with it, the check-in is kept on the phone first
// and sent when the connection allows.
export interface OfflineCheckInOptions {
	grantId: string;
	/** Her pseudonymous code, to name the queued check-in in the list of what waits. */
	code: string;
}

export function offlineCheckIn(_form: HTMLFormElement, _options: OfflineCheckInOptions) {
	return {};
}
