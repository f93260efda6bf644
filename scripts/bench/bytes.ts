// What a first visit costs her phone: the bytes that cross the network (compressed, headers
// included, as the browser's "transferred") when a page is opened in a fresh browser, per kind
// of file, against the targets. Each page gets a new browser context: a cold cache and
// no service worker yet. Also: what the service worker fetches to keep the app on the mentor's
// phone, in the seconds after her page has loaded (that is data on her phone too).
//   npx tsx scripts/bench/bytes.ts --base http://localhost:4431    (the demo accounts)
// `measureBytes` and `printBytes` are for the benchmark runner (scripts/bench/).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type Request } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../playwright.config';

/** The targets for the applicant's and the mentor's pages, in bytes (1 KB = 1024). */
export const BYTES_TARGETS = { js: 60 * 1024, total: 150 * 1024 } as const;

/** chart.js's own error text, kept by minification: the chunk that carries the library. */
const CHART_JS_MARKER = 'Canvas is already in use. Chart with ID';

/** How long the service worker is watched after the mentor's page has loaded. */
const SERVICE_WORKER_WATCH_MS = 8000;

type Kind = 'js' | 'css' | 'html' | 'media' | 'other';

export interface TransferredFile {
	url: string;
	kind: Kind;
	/** Body as sent (compressed when it was) plus response headers. */
	bytes: number;
	/** Body as sent, without headers. */
	body: number;
	/** Body after decoding. */
	decoded: number;
	encoding: string;
	/** The file carries chart.js. */
	chartJs: boolean;
}

export interface BytesRow {
	/** 'page': a first load; 'serviceWorker': what the worker fetched after the mentor's page. */
	kind: 'page' | 'serviceWorker';
	label: string;
	path: string;
	requests: number;
	/** Transferred bytes per kind: html is the document and any __data.json. */
	bytes: Record<Kind, number>;
	total: number;
	/** JavaScript bodies as sent, without their headers. */
	jsBodies: number;
	/** JavaScript after decoding, to show what compression saved. */
	decodedJs: number;
	chartJsLoaded: boolean;
	/** The page draws a chart: chart.js is expected there and nowhere else. */
	chartExpected: boolean;
	/** The applicant's and the mentor's pages are held to BYTES_TARGETS. */
	targeted: boolean;
	files: TransferredFile[];
}

interface PageSpec {
	label: string;
	path: string;
	account: 'applicant' | 'planner' | 'mentor' | 'coordinator' | null;
	targeted: boolean;
	chartExpected: boolean;
	/** Opened first, uncounted: the plan overview creates her plan when she has none yet. */
	prepare?: string;
}

/** The plan editor opens at its first section (src/params/planSection.ts, PLAN_SECTIONS). */
const PAGES: PageSpec[] = [
	{ label: 'login', path: '/login', account: null, targeted: false, chartExpected: false },
	{
		label: 'applicant',
		path: '/applicant',
		account: 'applicant',
		targeted: true,
		chartExpected: false
	},
	{
		label: 'plan editor',
		path: '/applicant/plan/idea',
		prepare: '/applicant/plan',
		account: 'planner',
		targeted: true,
		chartExpected: false
	},
	{ label: 'mentor', path: '/mentor', account: 'mentor', targeted: true, chartExpected: false },
	{
		label: 'dashboard',
		path: '/staff/reports',
		account: 'coordinator',
		targeted: false,
		chartExpected: true
	}
];

/** By what the browser fetched it as; a service worker's fetches, by the answer's type. */
function kindOf(request: Request, contentType: string): Kind {
	const type = request.resourceType();
	if (type === 'script') return 'js';
	if (type === 'stylesheet') return 'css';
	if (type === 'document') return 'html';
	if (type === 'font' || type === 'image' || type === 'media') return 'media';
	if (new URL(request.url()).pathname.endsWith('/__data.json')) return 'html';
	if (/javascript/.test(contentType)) return 'js';
	if (/^text\/css/.test(contentType)) return 'css';
	if (/^text\/html/.test(contentType)) return 'html';
	if (/^(image|font)\//.test(contentType) && !/svg/.test(contentType)) return 'media';
	return 'other';
}

/** One finished request as it crossed the network; null when it did not (from a cache). */
function transferred(request: Request): Promise<TransferredFile | null> {
	// A request that finishes as the context closes is not counted (and is no error).
	return describe(request).catch(() => null);
}

async function describe(request: Request): Promise<TransferredFile | null> {
	const response = await request.response();
	if (!response || response.fromServiceWorker()) return null;
	const sizes = await request.sizes();
	const body = await response.body().catch(() => Buffer.alloc(0));
	const kind = kindOf(request, (await response.headerValue('content-type')) ?? '');
	return {
		url: request.url(),
		kind,
		bytes: sizes.responseBodySize + sizes.responseHeadersSize,
		body: sizes.responseBodySize,
		decoded: body.length,
		encoding: (await response.headerValue('content-encoding')) ?? 'identity',
		chartJs: kind === 'js' && body.includes(CHART_JS_MARKER)
	};
}

function rowOf(
	spec: Pick<PageSpec, 'label' | 'path' | 'targeted' | 'chartExpected'>,
	kind: BytesRow['kind'],
	files: TransferredFile[]
): BytesRow {
	const bytes: Record<Kind, number> = { js: 0, css: 0, html: 0, media: 0, other: 0 };
	let decodedJs = 0;
	let jsBodies = 0;
	for (const file of files) {
		bytes[file.kind] += file.bytes;
		if (file.kind !== 'js') continue;
		decodedJs += file.decoded;
		jsBodies += file.body;
	}
	return {
		kind,
		label: spec.label,
		path: spec.path,
		requests: files.length,
		bytes,
		total: Object.values(bytes).reduce((a, b) => a + b, 0),
		jsBodies,
		decodedJs,
		chartJsLoaded: files.some((file) => file.chartJs),
		chartExpected: spec.chartExpected,
		targeted: spec.targeted,
		files
	};
}

async function measurePage(
	browser: Browser,
	baseURL: string,
	spec: PageSpec,
	phone: string | null,
	password: string
): Promise<BytesRow[]> {
	const context = await browser.newContext({ baseURL, locale: 'mn-MN' });
	try {
		if (phone) {
			const signIn = await context.request.post('/login', {
				form: { phone, password },
				headers: { origin: new URL(baseURL).origin, accept: 'text/html' },
				maxRedirects: 0
			});
			const location = signIn.headers()['location'] ?? '';
			if (signIn.status() !== 303 || location.startsWith('/login')) {
				throw new Error(`Signing in as ${phone} failed: ${signIn.status()} ${location}`);
			}
		}
		if (spec.prepare) {
			const prepared = await context.request.get(spec.prepare, {
				headers: { accept: 'text/html' }
			});
			if (!prepared.ok()) throw new Error(`${spec.prepare} answered ${prepared.status()}`);
		}
		const page = await context.newPage();
		const pageFiles: Promise<TransferredFile | null>[] = [];
		const workerFiles: Promise<TransferredFile | null>[] = [];
		let watching = true;
		page.on('requestfinished', (request) => {
			if (watching) pageFiles.push(transferred(request));
		});
		context.on('requestfinished', (request) => {
			if (watching && request.serviceWorker()) workerFiles.push(transferred(request));
		});

		// On the scale data a page takes tens of seconds on the embedded database.
		const response = await page.goto(spec.path, { waitUntil: 'load', timeout: 300_000 });
		if (!response?.ok() || new URL(page.url()).pathname !== spec.path) {
			// e.g. the plan editor sends someone still in training to the plan overview.
			throw new Error(`${spec.path} answered ${response?.status()} at ${page.url()}`);
		}
		// Chunks imported after hydration (a chart drawn once on screen) belong to the first load.
		await page.waitForLoadState('networkidle');
		const pageRow = rowOf(spec, 'page', await settled(pageFiles));
		if (spec.account !== 'mentor') {
			watching = false;
			return [pageRow];
		}

		// Her page asks the worker to keep the app on the phone (src/routes/mentor/+layout.svelte).
		await page
			.waitForFunction(() => document.documentElement.dataset.offlineReady === 'true', null, {
				timeout: SERVICE_WORKER_WATCH_MS
			})
			.catch(() => {});
		await page.waitForTimeout(1000);
		watching = false;
		const worker = {
			label: 'SW after mentor',
			path: spec.path,
			targeted: false,
			chartExpected: false
		};
		const workerRow = rowOf(worker, 'serviceWorker', await settled(workerFiles));
		return [pageRow, workerRow];
	} finally {
		await context.close();
	}
}

async function settled(files: Promise<TransferredFile | null>[]): Promise<TransferredFile[]> {
	return (await Promise.all(files)).filter((file): file is TransferredFile => file !== null);
}

/**
 * Opens each page of the issue in a fresh browser context, signed in as its role through the
 * /login form's action, and counts what crossed the network until the page was loaded and idle.
 * The plan editor is opened by `planner`, else by `applicant`: someone past training (who may
 * draft a plan).
 */
export async function measureBytes(
	baseURL: string,
	accounts: { applicant: string; mentor: string; coordinator: string; planner?: string },
	password: string
): Promise<BytesRow[]> {
	const phones = { ...accounts, planner: accounts.planner ?? accounts.applicant };
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: CHROMIUM_ARGS
	});
	try {
		const rows: BytesRow[] = [];
		for (const spec of PAGES) {
			const phone = spec.account ? phones[spec.account] : null;
			rows.push(...(await measurePage(browser, baseURL, spec, phone, password)));
		}
		// A worker's answers cannot be read here: its files are known by the pages' (the dashboard's).
		const chartFiles = new Set(
			rows.flatMap((row) => row.files.filter((f) => f.chartJs).map((f) => f.url))
		);
		for (const row of rows.filter((r) => r.kind === 'serviceWorker')) {
			for (const file of row.files) file.chartJs ||= chartFiles.has(file.url);
			row.chartJsLoaded = row.files.some((file) => file.chartJs);
		}
		return rows;
	} finally {
		await browser.close();
	}
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** Pass, fail, or '-' for a row held to no target. */
function verdict(row: BytesRow): string {
	const problems: string[] = [];
	if (row.kind === 'page' && row.chartJsLoaded !== row.chartExpected) {
		problems.push(row.chartJsLoaded ? 'chart.js loaded' : 'no chart.js');
	}
	if (row.targeted) {
		if (row.bytes.js >= BYTES_TARGETS.js) problems.push(`JS ≥ ${kb(BYTES_TARGETS.js)}`);
		if (row.total >= BYTES_TARGETS.total) problems.push(`total ≥ ${kb(BYTES_TARGETS.total)}`);
	}
	if (problems.length > 0) return `FAIL (${problems.join(', ')})`;
	return row.targeted || row.chartExpected ? 'pass' : '-';
}

/** A plain text table: KB transferred per kind, requests, chart.js, and the targets. */
export function printBytes(rows: BytesRow[]): void {
	const header = [
		'page',
		'reqs',
		'JS',
		'JS body',
		'JS raw',
		'CSS',
		'HTML',
		'font/img',
		'other',
		'total',
		'chart.js',
		'verdict'
	];
	const lines = rows.map((row) => [
		row.kind === 'page' ? `${row.label} ${row.path}` : row.label,
		String(row.requests),
		kb(row.bytes.js),
		kb(row.jsBodies),
		kb(row.decodedJs),
		kb(row.bytes.css),
		kb(row.bytes.html),
		kb(row.bytes.media),
		kb(row.bytes.other),
		kb(row.total),
		row.chartJsLoaded ? 'yes' : 'no',
		row.kind === 'page' ? verdict(row) : 'not a page load'
	]);
	const widths = header.map((title, i) =>
		Math.max(title.length, ...lines.map((l) => l[i]!.length))
	);
	const format = (cells: string[]) =>
		cells
			.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
			.join('  ');
	console.log(
		`KB transferred on a first load: compressed bodies + response headers (JS body: without\n` +
			`headers; JS raw: decoded). Targets are on the transferred figures.\n` +
			`Targets for applicant, plan editor, mentor: JS < ${kb(BYTES_TARGETS.js)} KB, ` +
			`total < ${kb(BYTES_TARGETS.total)} KB; chart.js only on the dashboard.`
	);
	console.log(format(header));
	for (const line of lines) console.log(format(line));
}

/** The demo's accounts. The demo applicant is still in training: the grantee opens the editor. */
const DEMO = {
	accounts: {
		applicant: '80000006',
		planner: '80000010',
		mentor: '80000005',
		coordinator: '80000002'
	},
	password: 'demo-pass-2026'
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const { values } = parseArgs({
		options: {
			base: { type: 'string', default: 'http://localhost:4431' },
			files: { type: 'boolean', default: false }
		}
	});
	const rows = await measureBytes(values.base, DEMO.accounts, DEMO.password);
	printBytes(rows);
	if (values.files) {
		for (const row of rows) {
			console.log(`\n${row.label} ${row.path}`);
			for (const file of [...row.files].sort((a, b) => b.bytes - a.bytes)) {
				const name = new URL(file.url).pathname;
				console.log(
					`  ${file.kind.padEnd(5)} ${kb(file.bytes).padStart(7)} KB  ` +
						`${kb(file.decoded).padStart(7)} KB raw  ${file.encoding.padEnd(8)} ${name}`
				);
			}
		}
	}
}
