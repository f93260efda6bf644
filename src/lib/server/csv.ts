// CSV for spreadsheets: UTF-8 with a BOM so that Excel shows Cyrillic, CRLF lines, quoted
// cells, and any cell a spreadsheet would run as a formula written as text.

export function csvCell(value: unknown): string {
	let text = value === null || value === undefined ? '' : String(value);
	if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
	return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole document from rows of cells, the header row first. */
export function csvDocument(rows: readonly (readonly unknown[])[]): string {
	return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
