// A stored upload (a receipt, a check-in photo) as the browser gets it: always a download
// (an <img> still shows a photo; opening one never renders it in the portal's origin), its
// type as read from its own bytes at upload and never sniffed, its name never the path it was
// uploaded with, never kept by a shared cache, and nothing in it allowed to run.
export function fileResponse(bytes: Uint8Array, contentType: string, fileName: string): Response {
	return new Response(new Uint8Array(bytes), {
		headers: {
			'content-type': contentType,
			'content-length': String(bytes.length),
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`,
			'cache-control': 'private, no-store',
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; frame-ancestors 'none'; sandbox"
		}
	});
}
