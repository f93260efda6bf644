// CSV for spreadsheets: UTF-8 with a BOM so that Excel shows Cyrillic, CRLF lines, quoted
// cells, and any cell a spreadsheet would run as a formula written as text.

export function csvCell(value: unknown): string {
	let text = value === null || value === undefined ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document from rows of cells, the header row first. */
export function csvDocument(rows: readonly (readonly unknown[])[]): string {
	return '\uFEFF' + rows.map(csvLine).join('');
}

/** One CSV line (CRLF-terminated) from its cells. */
export const csvLine = (row: readonly unknown[]): string => row.map(csvCell).join(',') + '\r\n';

/** Rows encoded per chunk: large enough to keep overhead low, small enough to stream. */
const ROWS_PER_CHUNK = 500;

/**
 * A CSV download that streams: the BOM, then each row as the source yields it, a chunk at a
 * time and only when the reader asks for more (backpressure), so a 50,000-row table never sits
 * in memory. Closing the download early closes the source (and its database cursor).
 */
export function csvStream(rows: AsyncIterable<readonly unknown[]>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	const iterator = rows[Symbol.asyncIterator]();
	let started = false;
	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				let text = started ? '' : '\uFEFF';
				started = true;
				for (let i = 0; i < ROWS_PER_CHUNK; i++) {
					const next = await iterator.next();
					if (next.done) {
						if (text) controller.enqueue(encoder.encode(text));
						controller.close();
						return;
					}
					text += csvLine(next.value);
				}
				controller.enqueue(encoder.encode(text));
			},
			async cancel() {
				await iterator.return?.();
			}
		},
		{ highWaterMark: 1 }
	);
}

/** The response headers of a CSV download named `name-<day>.csv`. */
export function csvHeaders(name: string, day = new Date().toISOString().slice(0, 10)) {
	return {
		'content-type': 'text/csv; charset=utf-8',
		'content-disposition': `attachment; filename="${name}-${day}.csv"`,
		'cache-control': 'private, no-store',
		'x-content-type-options': 'nosniff'
	};
}
