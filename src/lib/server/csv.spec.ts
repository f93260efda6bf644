import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument, csvLine, csvStream } from './csv';

describe('csv', () => {
	it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
		expect(csvCell('Ханбогд')).toBe('Ханбогд');
		expect(csvCell('a,b')).toBe('"a,b"');
		expect(csvCell('say "hi"')).toBe('"say ""hi"""');
		expect(csvCell('two\nlines')).toBe('"two\nlines"');
		expect(csvCell(null)).toBe('');
		expect(csvCell(0)).toBe('0');
	});

	it('writes what a spreadsheet would run as a formula as text', () => {
		for (const formula of ['=1+1', '+7', '-3', '@SUM(A1)', '\tx']) {
			expect(csvCell(formula).replace(/^"/, '')).toMatch(/^'/);
		}
	});

	it('starts with a BOM and ends every line with CRLF', () => {
		expect(
			csvDocument([
				['a', 'b'],
				[1, 2]
			])
		).toBe('\uFEFFa,b\r\n1,2\r\n');
	});
});

/** Everything the stream gives, as chunks of bytes. */
async function chunksOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
	const chunks: Uint8Array[] = [];
	const reader = stream.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) return chunks;
		chunks.push(value);
	}
}

/** The text of the chunks, the BOM kept (a plain TextDecoder drops it). */
function textOf(chunks: readonly Uint8Array[]): string {
	const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
	return chunks.map((c) => decoder.decode(c, { stream: true })).join('') + decoder.decode();
}

async function* yielding<T>(items: Iterable<T>): AsyncGenerator<T> {
	for (const item of items) yield item;
}

describe('csvLine', () => {
	it('ends the line with CRLF and writes each cell safely', () => {
		expect(csvLine(['Ханбогд', 2_380_175, null])).toBe('Ханбогд,2380175,\r\n');
		expect(csvLine(['=HYPERLINK("x")', 'a,b', '-3'])).toBe(`"'=HYPERLINK(""x"")","a,b",'-3\r\n`);
		expect(csvLine([])).toBe('\r\n');
	});
});

describe('csvStream', () => {
	it('streams the BOM, then CRLF lines of formula-safe cells', async () => {
		const rows = [
			['name', 'soum'],
			['=1+1', 'Ханбогд'],
			['@SUM(A1)', 'say "hi"']
		];
		const text = textOf(await chunksOf(csvStream(yielding(rows))));
		expect(text).toBe(`\uFEFFname,soum\r\n'=1+1,Ханбогд\r\n'@SUM(A1),"say ""hi"""\r\n`);
		expect(text).toBe(csvDocument(rows));
	});

	it('starts the bytes with the UTF-8 BOM', async () => {
		const [first] = await chunksOf(csvStream(yielding([['a']])));
		expect([...first!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
	});

	it('gives just the BOM for an empty source', async () => {
		const chunks = await chunksOf(csvStream(yielding([])));
		expect(chunks.flatMap((c) => [...c])).toEqual([0xef, 0xbb, 0xbf]);
	});

	it('sends a large source in several chunks, with the BOM once, every row in order', async () => {
		const rows = Array.from({ length: 10_000 }, (_, i) => [i, `Хүн ${i}`]);
		const chunks = await chunksOf(csvStream(yielding(rows)));
		expect(chunks.length).toBeGreaterThan(1);
		const text = textOf(chunks);
		expect(text).toBe(csvDocument(rows));
		expect(text.split('\uFEFF')).toHaveLength(2);
		expect(text.split('\r\n')).toHaveLength(10_001);
	});

	it('reads the source only as fast as the download is read', async () => {
		// Finite, so that a stream that drains its source regardless fails here instead of hanging.
		let produced = 0;
		async function* many() {
			while (produced < 100_000) {
				produced++;
				yield [produced];
			}
		}
		const reader = csvStream(many()).getReader();
		await reader.read();
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(produced).toBeGreaterThan(0);
		expect(produced).toBeLessThan(5_000);
		await reader.cancel();
	});

	it('closes the source when the download is cancelled', async () => {
		let closed = false;
		let produced = 0;
		async function* source() {
			try {
				while (produced < 100_000) {
					produced++;
					yield ['row', produced];
				}
			} finally {
				closed = true;
			}
		}
		const reader = csvStream(source()).getReader();
		const first = await reader.read();
		expect(first.done).toBe(false);
		expect(closed).toBe(false);
		await reader.cancel();
		expect(closed).toBe(true);
		const after = produced;
		await new Promise((resolve) => setTimeout(resolve, 20));
		expect(produced).toBe(after);
	});
});
