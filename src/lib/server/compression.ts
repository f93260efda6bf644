// Compressed answers for slow rural connections: the portal's own responses (pages, __data.json,
// form-action replies, JSON, CSV, text, SVG) are sent brotli- or gzip-encoded, whichever the
// browser prefers (Accept-Encoding, q-values respected). The build's files are not handled here:
// adapter-node serves them precompressed (svelte.config.js, `precompress: true`).
// A streamed body (a CSV export, a page or __data.json with promises) stays streamed: each chunk
// is compressed and flushed as it comes, so nothing waits in the compressor.
import type { Handle } from '@sveltejs/kit';
import { promisify } from 'node:util';
import {
	brotliCompress,
	constants,
	createBrotliCompress,
	createGzip,
	gzip,
	type BrotliOptions,
	type ZlibOptions
} from 'node:zlib';

export type Encoding = 'br' | 'gzip';

/** Below this a known body is sent as it is: compression would save next to nothing. */
export const MIN_COMPRESS_BYTES = 1024;

/** Fast settings: a response is compressed on every request, not once at build time. */
const BROTLI: BrotliOptions = {
	params: {
		[constants.BROTLI_PARAM_QUALITY]: 4,
		[constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT
	}
};
const GZIP: ZlibOptions = { level: 6 };

const brotliAsync = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text-like answers; images, fonts, PDFs and archives are compressed already (or not worth it). */
const COMPRESSIBLE =
	/^(text\/|application\/(json|javascript|xml|manifest\+json)\b|application\/[\w.-]+\+(json|xml)\b|image\/svg\+xml\b)/i;

export function isCompressible(contentType: string | null): boolean {
	return contentType !== null && COMPRESSIBLE.test(contentType.trim());
}

/**
 * The encoding to use for an Accept-Encoding header: the best-weighted of br and gzip (`*`
 * stands for any coding not named; `x-gzip` is gzip), brotli on a tie; null when neither is
 * acceptable, or the header is absent or asks for identity only.
 */
export function negotiateEncoding(acceptEncoding: string | null): Encoding | null {
	if (!acceptEncoding) return null;
	const weights = new Map<string, number>();
	for (const part of acceptEncoding.split(',')) {
		const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
		if (!name) continue;
		let q = 1;
		for (const param of params) {
			const match = /^q\s*=\s*([0-9.]+)$/.exec(param);
			if (match) q = Number(match[1]);
		}
		if (Number.isNaN(q)) continue;
		const coding = name === 'x-gzip' ? 'gzip' : name;
		weights.set(coding, Math.max(q, weights.get(coding) ?? 0));
	}
	const weightOf = (coding: Encoding) => weights.get(coding) ?? weights.get('*') ?? 0;
	const br = weightOf('br');
	const gz = weightOf('gzip');
	if (br <= 0 && gz <= 0) return null;
	return br >= gz ? 'br' : 'gzip';
}

/**
 * Whether this answer is one to compress: a body of a text-like type, not encoded already,
 * not tiny (when its length is known), not a HEAD, a 204, a 304 or a range.
 */
function compressibleResponse(request: Request, response: Response): boolean {
	if (request.method === 'HEAD' || !response.body) return false;
	if (response.status < 200 || response.status === 204 || response.status === 206) return false;
	if (response.status === 304) return false;
	const headers = response.headers;
	if (headers.has('content-encoding')) return false;
	if (/\bno-transform\b/i.test(headers.get('cache-control') ?? '')) return false;
	if (!isCompressible(headers.get('content-type'))) return false;
	const length = headers.get('content-length');
	return length === null || Number(length) >= MIN_COMPRESS_BYTES;
}

function withVary(headers: Headers): Headers {
	const vary = headers.get('vary');
	const names = (vary ?? '').split(',').map((s) => s.trim().toLowerCase());
	if (!names.includes('accept-encoding') && !names.includes('*')) {
		headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
	}
	return headers;
}

/**
 * The compressed answer. A body of known length is compressed whole (off the main thread); a
 * streamed one chunk by chunk, each flushed at once.
 */
export async function compressResponse(response: Response, encoding: Encoding): Promise<Response> {
	if (!response.body) return response;
	const known = response.headers.has('content-length');
	const headers = withVary(new Headers(response.headers));
	headers.delete('content-length');
	headers.set('content-encoding', encoding);
	const init = { status: response.status, statusText: response.statusText, headers };
	if (!known) return new Response(compressStream(response.body, encoding), init);
	const raw = new Uint8Array(await response.arrayBuffer());
	const compressed =
		encoding === 'br'
			? await brotliAsync(raw, {
					...BROTLI,
					params: { ...BROTLI.params, [constants.BROTLI_PARAM_SIZE_HINT]: raw.byteLength }
				})
			: await gzipAsync(raw, GZIP);
	return new Response(new Uint8Array(compressed), init);
}

/**
 * A stream's chunks compressed as they come: each source chunk is written and flushed before the
 * next is read, so the reader gets it at once, and only when the reader asks (backpressure).
 * Cancelling the compressed stream cancels the source (a CSV export's database cursor).
 */
export function compressStream(
	source: ReadableStream<Uint8Array>,
	encoding: Encoding
): ReadableStream<Uint8Array> {
	const reader = source.getReader();
	const compressor = encoding === 'br' ? createBrotliCompress(BROTLI) : createGzip(GZIP);
	const flushKind = encoding === 'br' ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH;
	let out: ReadableStreamDefaultController<Uint8Array>;
	let closed = false;
	let failure: Error | null = null;
	/** The write (or the end) under way, told when the compressor fails. */
	let waiting: ((error: Error) => void) | null = null;
	compressor.on('error', (error) => {
		failure = error;
		waiting?.(error);
	});
	compressor.on('data', (chunk: Buffer) => {
		if (!closed) out.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
	});
	/** Resolves when `start` has called back, rejects when the compressor fails first. */
	const step = (start: (done: () => void) => void) =>
		new Promise<void>((resolve, reject) => {
			if (failure) return reject(failure);
			waiting = reject;
			start(resolve);
		}).finally(() => {
			waiting = null;
		});

	return new ReadableStream<Uint8Array>(
		{
			start(controller) {
				out = controller;
			},
			async pull(controller) {
				const { done, value } = await reader.read();
				if (closed) return;
				if (done) {
					await step((resolve) => {
						compressor.once('end', resolve);
						compressor.end();
					});
					closed = true;
					controller.close();
					return;
				}
				if (value.byteLength === 0) return;
				await step((resolve) => {
					compressor.write(value);
					compressor.flush(flushKind, resolve);
				});
			},
			async cancel(reason) {
				closed = true;
				compressor.destroy();
				await reader.cancel(reason);
			}
		},
		{ highWaterMark: 0 }
	);
}

/**
 * The hook: outermost in `sequence`, so it sees the final headers. Answers that may be
 * compressed say `vary: accept-encoding` whether or not this browser got them compressed.
 */
export const handleCompression: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!compressibleResponse(event.request, response)) return response;
	const encoding = negotiateEncoding(event.request.headers.get('accept-encoding'));
	if (encoding) return compressResponse(response, encoding);
	// Sent as it is, but a cache must not give it to a browser that asked for br (nor the
	// reverse). Headers are copied: a response's own may be immutable.
	const { status, statusText, body } = response;
	return new Response(body, {
		status,
		statusText,
		headers: withVary(new Headers(response.headers))
	});
};
