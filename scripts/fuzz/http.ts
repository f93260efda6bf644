// Requests with node:http rather than fetch: the body and headers go out exactly as built
// (a wrong content-type, a truncated multipart, a 20 MB body), nothing is decompressed or
// followed, and any port works (fetch refuses some, 4190 among them).
import http from 'node:http';

export interface Sent {
	method: string;
	path: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	timeoutMs?: number;
}

export interface Answer {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
	ms: number;
	/** The connection was closed or timed out before an answer: the request has status 0. */
	failure?: string;
}

// A connection per request: the portal closes a connection whose body it will not read (an
// unread 20 MB body), and a kept-alive socket would carry that reset into the next request.
const agent = new http.Agent({ keepAlive: false });

/** Bodies above this are not kept (only the status and headers matter then). */
const KEEP_BYTES = 256 * 1024;

export function send(origin: string, request: Sent): Promise<Answer> {
	const url = new URL(request.path, origin);
	const started = performance.now();
	return new Promise((resolve) => {
		const req = http.request(
			{
				host: url.hostname,
				port: url.port,
				method: request.method,
				path: url.pathname + url.search,
				headers: request.headers,
				agent
			},
			(res) => {
				const chunks: Buffer[] = [];
				let size = 0;
				res.on('data', (chunk: Buffer) => {
					if (size < KEEP_BYTES) chunks.push(chunk);
					size += chunk.length;
				});
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString('utf8'),
						ms: performance.now() - started
					})
				);
				res.on('error', (error) =>
					resolve({ status: 0, headers: {}, body: '', ms: 0, failure: error.message })
				);
			}
		);
		req.setTimeout(request.timeoutMs ?? 60_000, () => req.destroy(new Error('timed out')));
		req.on('error', (error) =>
			resolve({
				status: 0,
				headers: {},
				body: '',
				ms: performance.now() - started,
				failure: error.message
			})
		);
		req.end(request.body);
	});
}

export function closeConnections() {
	agent.destroy();
}
