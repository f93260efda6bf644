// A CSV download read as it streams, for the exports page: rows received against the
// x-expected-rows header, bytes, a way to cancel, then the file saved under the server's name.
// Used only with JavaScript; without it the same links and forms download directly.

export interface DownloadProgress {
	/** Data rows received so far (the header row not counted). */
	rows: number;
	/** Rows the server expects to send, when it said. */
	expected: number | null;
	bytes: number;
}

/** A refused download: the server's message (text, or JSON `{ message }`) and status. */
export class DownloadRefused extends Error {
	constructor(
		message: string,
		public readonly status: number
	) {
		super(message);
	}
}

const QUOTE = 0x22;
const LINE_FEED = 0x0a;

/**
 * Counts CSV lines in UTF-8 bytes as they arrive: a line feed inside a quoted cell (a mentor's
 * note written on two lines) is not a new row. Quotes and line feeds are single bytes in UTF-8,
 * never part of a Cyrillic letter, so the bytes can be scanned directly; a doubled quote toggles
 * twice and changes nothing.
 */
export class LineCounter {
	lines = 0;
	private quoted = false;

	add(chunk: Uint8Array): number {
		for (const byte of chunk) {
			if (byte === QUOTE) this.quoted = !this.quoted;
			else if (byte === LINE_FEED && !this.quoted) this.lines++;
		}
		return this.lines;
	}
}

/** The file name of a content-disposition header (attachment; filename="x.csv"). */
export function fileNameOf(disposition: string | null, fallback: string): string {
	return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;
}

async function refusalOf(response: Response): Promise<DownloadRefused> {
	const body = (await response.text().catch(() => '')).trim();
	let message = body;
	if (body.startsWith('{')) {
		try {
			message = String((JSON.parse(body) as { message?: unknown }).message ?? body);
		} catch {
			// Not JSON after all: the text is the message.
		}
	}
	return new DownloadRefused(message.slice(0, 300) || response.statusText, response.status);
}

/** Fetches a CSV download, reporting progress as it streams; returns the file. */
export async function streamDownload(
	url: string,
	init: RequestInit,
	onProgress: (progress: DownloadProgress) => void
): Promise<{ blob: Blob; name: string; progress: DownloadProgress }> {
	const response = await fetch(url, { ...init, credentials: 'same-origin' });
	if (!response.ok || !response.body) throw await refusalOf(response);
	const header = response.headers.get('x-expected-rows');
	const progress: DownloadProgress = {
		rows: 0,
		expected: header && /^\d+$/.test(header) ? Number(header) : null,
		bytes: 0
	};
	onProgress({ ...progress });
	const counter = new LineCounter();
	const chunks: Uint8Array<ArrayBuffer>[] = [];
	const reader = response.body.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		chunks.push(value);
		progress.bytes += value.byteLength;
		progress.rows = Math.max(0, counter.add(value) - 1);
		onProgress({ ...progress });
	}
	const blob = new Blob(chunks, { type: response.headers.get('content-type') ?? 'text/csv' });
	return {
		blob,
		name: fileNameOf(response.headers.get('content-disposition'), 'export.csv'),
		progress
	};
}

/** Saves a file the way a download link would. */
export function saveFile(blob: Blob, name: string): void {
	const href = URL.createObjectURL(blob);
	const link = document.createElement('a');
	link.href = href;
	link.download = name;
	link.style.display = 'none';
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
