import type { RequestEvent } from '@sveltejs/kit';
import { json } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { MIN_COMPRESS_BYTES, handleCompression, negotiateEncoding } from './compression';

const CHROME = 'gzip, deflate, br, zstd';
/** Some kilobytes of a page in Cyrillic: text that compresses well. */
const PAGE = `<!doctype html><html lang="mn"><body>${'<p>Ханбогд сумын эмэгтэйчүүд</p>'.repeat(200)}</body></html>`;

/** The hook's answer when the app answered `response` to a request with these headers. */
async function handled(response: Response, headers: Record<string, string> = {}, method = 'GET') {
	const request = new Request('http://localhost/page', { method, headers });
	const event = { request } as unknown as RequestEvent;
	return handleCompression({ event, resolve: async () => response });
}

function html(body: string | null = PAGE, init: ResponseInit = {}) {
	const headers = new Headers(init.headers);
	headers.set('content-type', 'text/html; charset=utf-8');
	if (body !== null) headers.set('content-length', String(Buffer.byteLength(body)));
	return new Response(body, { ...init, headers });
}

function decode(bytes: Uint8Array, encoding: string | null, partial = false): string {
	const buffer = Buffer.from(bytes);
	if (encoding === 'br') {
		return brotliDecompressSync(
			buffer,
			partial ? { finishFlush: constants.BROTLI_OPERATION_FLUSH } : {}
		).toString('utf8');
	}
	if (encoding === 'gzip') {
		return gunzipSync(buffer, partial ? { finishFlush: constants.Z_SYNC_FLUSH } : {}).toString(
			'utf8'
		);
	}
	return buffer.toString('utf8');
}

const bodyOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe('negotiateEncoding', () => {
	it('prefers brotli when the browser takes both, gzip when it takes only gzip', () => {
		expect(negotiateEncoding(CHROME)).toBe('br');
		expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
		expect(negotiateEncoding('GZIP')).toBe('gzip');
		expect(negotiateEncoding('x-gzip')).toBe('gzip');
		expect(negotiateEncoding('gzip;q=1.0, br;q=1.0')).toBe('br');
	});

	it('follows the q-values, and `*` for any coding not named', () => {
		expect(negotiateEncoding('br;q=0.5, gzip')).toBe('gzip');
		expect(negotiateEncoding('br;q=0.9, gzip;q=0.8')).toBe('br');
		expect(negotiateEncoding('br;q=0, gzip;q=0.1')).toBe('gzip');
		expect(negotiateEncoding('*')).toBe('br');
		expect(negotiateEncoding('br;q=0, *;q=0.5')).toBe('gzip');
		expect(negotiateEncoding('deflate, *;q=0')).toBeNull();
	});

	it('leaves the body as it is for identity, a refusal, an unknown coding or no header', () => {
		expect(negotiateEncoding(null)).toBeNull();
		expect(negotiateEncoding('')).toBeNull();
		expect(negotiateEncoding('identity')).toBeNull();
		expect(negotiateEncoding('br;q=0, gzip;q=0')).toBeNull();
		expect(negotiateEncoding('deflate, zstd')).toBeNull();
	});
});

describe('handleCompression', () => {
	it('sends a page brotli-encoded that decodes to the page, without a length, varying', async () => {
		const response = await handled(html(PAGE, { headers: { vary: 'Accept' } }), {
			'accept-encoding': CHROME
		});
		expect(response.headers.get('content-encoding')).toBe('br');
		expect(response.headers.get('content-length')).toBeNull();
		expect(response.headers.get('vary')).toBe('Accept, Accept-Encoding');
		const bytes = await bodyOf(response);
		expect(bytes.byteLength).toBeLessThan(Buffer.byteLength(PAGE) / 10);
		expect(decode(bytes, 'br')).toBe(PAGE);
	});

	it('sends gzip to a browser that takes only gzip', async () => {
		const response = await handled(html(), { 'accept-encoding': 'gzip' });
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(decode(await bodyOf(response), 'gzip')).toBe(PAGE);
	});

	it('keeps the status, every cookie and the other headers of a JSON answer', async () => {
		const data = { rows: Array.from({ length: 200 }, (_, i) => ({ i, soum: 'Ханбогд' })) };
		const original = json(data, { status: 201, headers: { 'cache-control': 'private, no-store' } });
		original.headers.append('set-cookie', 'a=1; Path=/');
		original.headers.append('set-cookie', 'b=2; Path=/');
		const response = await handled(original, { 'accept-encoding': CHROME });
		expect(response.status).toBe(201);
		expect(response.headers.get('content-type')).toBe('application/json');
		expect(response.headers.get('cache-control')).toBe('private, no-store');
		expect(response.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
		expect(JSON.parse(decode(await bodyOf(response), 'br'))).toEqual(data);
	});

	it('passes each chunk of a stream on at once, before the stream has ended', async () => {
		const first = '\uFEFFКод,Сум\r\n' + 'P-0001,Ханбогд\r\n'.repeat(100);
		const second = 'P-0002,Манлай\r\n'.repeat(100);
		for (const encoding of ['br', 'gzip'] as const) {
			let source!: ReadableStreamDefaultController<Uint8Array>;
			const body = new ReadableStream<Uint8Array>({ start: (c) => void (source = c) });
			const csv = new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8' } });
			const response = await handled(csv, { 'accept-encoding': encoding });
			expect(response.headers.get('content-encoding')).toBe(encoding);
			const reader = response.body!.getReader();
			source.enqueue(new TextEncoder().encode(first));
			// The source is still open: what has arrived already decodes to the whole first chunk.
			const received: Uint8Array[] = [];
			while (decode(Buffer.concat(received), encoding, true) !== first) {
				const { done, value } = await reader.read();
				expect(done).toBe(false);
				received.push(value!);
			}
			source.enqueue(new TextEncoder().encode(second));
			source.close();
			for (let next = await reader.read(); !next.done; next = await reader.read()) {
				received.push(next.value);
			}
			expect(decode(Buffer.concat(received), encoding)).toBe(first + second);
		}
	});

	it('cancels the source (a CSV export closes its cursor) when the download is cancelled', async () => {
		let cancelled = false;
		const body = new ReadableStream<Uint8Array>({
			pull(controller) {
				controller.enqueue(new TextEncoder().encode('a,b\r\n'.repeat(100)));
			},
			cancel() {
				cancelled = true;
			}
		});
		const csv = new Response(body, { headers: { 'content-type': 'text/csv' } });
		const response = await handled(csv, { 'accept-encoding': 'br' });
		const reader = response.body!.getReader();
		expect((await reader.read()).done).toBe(false);
		await reader.cancel();
		expect(cancelled).toBe(true);
	});

	it('leaves alone what it must not or need not compress', async () => {
		const accept = { 'accept-encoding': CHROME };
		const untouched = async (response: Response, headers = accept, method = 'GET') => {
			const result = await handled(response, headers, method);
			expect(result.headers.get('content-encoding')).toBe(response.headers.get('content-encoding'));
			return result;
		};
		// Images (SVG excepted), fonts and PDFs.
		const png = new Response(new Uint8Array(4096), { headers: { 'content-type': 'image/png' } });
		expect(await untouched(png)).toBe(png);
		const pdf = new Response(new Uint8Array(4096), {
			headers: { 'content-type': 'application/pdf' }
		});
		expect(await untouched(pdf)).toBe(pdf);
		// Already encoded, or no-transform.
		const encoded = html(PAGE, { headers: { 'content-encoding': 'gzip' } });
		expect(await untouched(encoded)).toBe(encoded);
		const noTransform = html(PAGE, { headers: { 'cache-control': 'no-transform' } });
		expect(await untouched(noTransform)).toBe(noTransform);
		// 204, 304, HEAD, no body, and a body of known length under the threshold.
		const empty = new Response(null, { status: 204 });
		expect(await untouched(empty)).toBe(empty);
		const notModified = new Response(null, { status: 304, headers: { etag: '"x"' } });
		expect(await untouched(notModified)).toBe(notModified);
		const head = html();
		expect(await untouched(head, accept, 'HEAD')).toBe(head);
		const redirect = new Response(null, { status: 303, headers: { location: '/applicant' } });
		expect(await untouched(redirect)).toBe(redirect);
		const tiny = html('x'.repeat(MIN_COMPRESS_BYTES - 1));
		expect(await untouched(tiny)).toBe(tiny);
	});

	it('sends the page as it is to a browser that takes no compression, still varying', async () => {
		for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
			const response = await handled(html(), headers);
			expect(response.headers.get('content-encoding')).toBeNull();
			expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(PAGE)));
			expect(response.headers.get('vary')).toBe('Accept-Encoding');
			expect(await response.text()).toBe(PAGE);
		}
	});

	it('compresses SVG and SvelteKit data, and a stream of unknown length whatever its size', async () => {
		const svg = new Response(
			`<svg xmlns="http://www.w3.org/2000/svg">${'<g/>'.repeat(400)}</svg>`,
			{
				headers: { 'content-type': 'image/svg+xml' }
			}
		);
		expect((await handled(svg, { 'accept-encoding': 'br' })).headers.get('content-encoding')).toBe(
			'br'
		);
		const data = new Response('{"type":"data"}\n', {
			headers: { 'content-type': 'text/sveltekit-data' }
		});
		const response = await handled(data, { 'accept-encoding': 'gzip' });
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(decode(await bodyOf(response), 'gzip')).toBe('{"type":"data"}\n');
	});
});
