// Faults (issue 10): the database dies under the portal while people use it, and the portal is
// stopped while it serves. Each test starts its OWN portal from the build (tests/e2e/serve.js,
// its own data folder and ports), because the shared e2e server serves the other specs.
//   1. The embedded FerretDB is killed (SIGKILL) three times while pages, /healthz and plan
//      autosaves are asked for: every answer is 200 or 503 (never a 500, never a hang), the
//      supervisor restarts it and the portal recovers by itself; an autosave is stored or told
//      "not saved". Then SIGTERM: the requests in flight finish, the database stops, the process
//      exits 0 and its FerretDB is gone.
//   2. MONGODB_URI points at a FerretDB of the test's own, which is killed and started again on
//      the same port and data: 503s (a page, form posts, JSON) while it is away, her plan step
//      says "not saved" and keeps her text, the retry stores it once the server is back, and
//      Ctrl-C (SIGINT) stops the portal.
// Numbers are printed as `FAULTS {...}` lines (docs/reliability.md). FAULTS_KILLS=20 runs the
// longer loop by hand.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ensureFerretdbBinary, waitUntilAnswers } from '../../src/lib/server/db/embedded.js';
import { signInThroughForm, setUpViaUi, DEMO_PASSWORD } from './fixtures';
import { stamp } from './steps';

const root = path.resolve(import.meta.dirname, '..', '..');
const BUILD_DIR = process.env.BUILD_DIR ?? 'build';
const EMBEDDED = { port: 4194, dbPort: 27294 };
const EXTERNAL = { port: 4195, dbPort: 27295 };
const KILLS = Number(process.env.FAULTS_KILLS ?? 3);
const PASSWORD = 'aldaa-tesht-2026';

const NOT_SAVED = 'Хадгалагдсангүй — дахин оролдоно';
const SAVED = /хадгалсан$/;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const report = (what: string, numbers: Record<string, unknown>) => {
	console.log(`FAULTS ${JSON.stringify({ what, ...numbers })}`);
	test.info().annotations.push({ type: what, description: JSON.stringify(numbers) });
};

// ---------------------------------------------------------------- a portal of the test's own

interface Portal {
	url: string;
	child: ChildProcess;
	log: string[];
	exit: Promise<{ code: number | null; signal: string | null; at: number }>;
}

async function startPortal(port: number, env: Record<string, string>): Promise<Portal> {
	const url = `http://localhost:${port}`;
	const inherited = { ...process.env };
	delete inherited.MONGODB_URI; // the embedded database unless the test says otherwise
	const child = spawn(process.execPath, ['tests/e2e/serve.js'], {
		cwd: root,
		env: { ...inherited, PORT: String(port), ORIGIN: url, BUILD_DIR, ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const log: string[] = [];
	for (const stream of [child.stdout, child.stderr]) {
		stream?.on('data', (chunk: Buffer) =>
			log.push(...chunk.toString().split('\n').filter(Boolean))
		);
	}
	const exit = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() }))
	);
	let exited = false;
	void exit.then(() => (exited = true));
	const deadline = Date.now() + 180_000;
	for (;;) {
		if (exited) throw new Error(`The portal exited before it answered:\n${log.join('\n')}`);
		if (Date.now() > deadline) throw new Error(`The portal did not answer:\n${log.join('\n')}`);
		const ok = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2_000) })
			.then((r) => r.status === 200)
			.catch(() => false);
		if (ok) return { url, child, log, exit };
		await sleep(250);
	}
}

async function stopPortal(portal: Portal) {
	if (portal.child.exitCode === null && portal.child.signalCode === null) {
		portal.child.kill('SIGKILL');
		await portal.exit;
	}
}

/** The embedded FerretDB the portal supervises (its child process). */
function ferretdbPid(portal: Portal): number | undefined {
	try {
		const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(portal.child.pid)], {
			encoding: 'utf8'
		});
		const line = out.split('\n').find((l) => l.includes('ferretdb'));
		return line ? Number(line.trim().split(/\s+/)[0]) : undefined;
	} catch {
		return undefined;
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

// ---------------------------------------------------------------- watching the portal answer

interface Probe {
	name: string;
	sentAt: number;
	doneAt: number;
	status: number; // 0: no answer (refused, reset, or over 8 s)
	kind?: 'plain' | 'layout';
}

/** Asks for `path` every `everyMs` until stopped; records every answer. */
function poll(name: string, url: string, headers: Record<string, string>, everyMs: number) {
	const probes: Probe[] = [];
	let running = true;
	const done = (async () => {
		while (running) {
			const sentAt = Date.now();
			const probe: Probe = { name, sentAt, doneAt: 0, status: 0 };
			try {
				const response = await fetch(url, {
					headers,
					redirect: 'manual',
					signal: AbortSignal.timeout(8_000)
				});
				probe.status = response.status;
				const body = await response.text();
				if (response.status === 503 && headers.accept === 'text/html') {
					probe.kind = body.includes('<script') ? 'layout' : 'plain';
				}
			} catch {
				probe.status = 0;
			}
			probe.doneAt = Date.now();
			probes.push(probe);
			await sleep(everyMs);
		}
	})();
	return {
		probes,
		stop: async () => {
			running = false;
			await done;
			return probes;
		}
	};
}

/** The longest a 503 took to come: what a request in flight at the kill waited. */
const slowest503 = (probes: Probe[]) =>
	Math.max(0, ...probes.filter((p) => p.status === 503).map((p) => p.doneAt - p.sentAt));

/**
 * lib/server/outage.ts: a request the mongodb driver left waiting on the lost connection is
 * answered 503 this long after the loss.
 */
const STUCK_AFTER_LOSS_MS = 5_000;
/** A 503 within this is "at once" (the 1 s target is measured and reported; this leaves room). */
const QUICK_MS = 2_500;

/**
 * No request waited long on the absent database: every 503 came at once, but for at most one
 * request per loss (the one a poller had in flight), which may wait for the driver until the
 * portal gives up on it.
 */
function expectQuick503s(probes: Probe[], losses: number) {
	const waited = probes
		.filter((p) => p.status === 503 && p.doneAt - p.sentAt >= QUICK_MS)
		.map((p) => p.doneAt - p.sentAt);
	expect(waited.length, `503s that waited: ${waited.join(', ')} ms`).toBeLessThanOrEqual(losses);
	expect(Math.max(0, ...waited)).toBeLessThan(STUCK_AFTER_LOSS_MS + QUICK_MS);
}

const statusCounts = (probes: Probe[]) =>
	probes.reduce<Record<string, number>>((counts, p) => {
		counts[p.status] = (counts[p.status] ?? 0) + 1;
		return counts;
	}, {});

/** First 503 after `from`, and the first 200 after the outage (ms from `from`). */
function outage(probes: Probe[], from: number) {
	const after = probes.filter((p) => p.sentAt >= from);
	const unavailable = after.filter((p) => p.status === 503);
	const lastDown = unavailable.at(-1)?.doneAt ?? from;
	const back = after.find((p) => p.status === 200 && p.sentAt >= lastDown);
	return {
		// The first answers after the kill: [sent, took, status] in ms from the kill.
		first: after.slice(0, 3).map((p) => [p.sentAt - from, p.doneAt - p.sentAt, p.status]),
		first503Ms: unavailable.length ? unavailable[0]!.doneAt - from : null,
		count503: unavailable.length,
		first200AfterMs: back ? back.doneAt - from : null,
		slowestMs: Math.max(0, ...after.map((p) => p.doneAt - p.sentAt))
	};
}

// ---------------------------------------------------------------- the people

const cookieHeader = async (page: Page) =>
	(await page.context().cookies())
		.filter((c) => c.name === 'session')
		.map((c) => `${c.name}=${c.value}`)
		.join('; ');

/**
 * The demo's participant UMN-26-045 (src/lib/server/db/seed): eligible, her plan a draft, her
 * account without a password yet. The coordinator gives her a set-up code, as she would.
 */
const DRAFTING_WOMAN = { phone: '88100045', shown: /8810\s?0045/ };

/** A coordinator page and a woman drafting her plan, signed in, on her plan's first step. */
async function people(browser: Browser, baseURL: string) {
	const staffContext = await browser.newContext({ baseURL });
	const staff = await staffContext.newPage();
	await signInThroughForm(staff, '80000002', DEMO_PASSWORD);
	await expect(staff).toHaveURL(/\/staff$/);
	await staff.goto(`/staff/accounts?q=${DRAFTING_WOMAN.phone}`);
	await staff.getByRole('row').filter({ hasText: DRAFTING_WOMAN.shown }).getByRole('link').click();
	await staff.getByRole('button', { name: 'Шинэ код гаргах' }).click();
	const code = ((await staff.locator('.code').textContent()) ?? '').replace(/\s/g, '');
	expect(code, 'a set-up code for the demo woman drafting her plan').toMatch(/^\d{8}$/);
	const setup = await browser.newContext({ baseURL });
	await setUpViaUi(await setup.newPage(), DRAFTING_WOMAN.phone, code, PASSWORD);
	await setup.close();
	const context = await browser.newContext({ baseURL });
	const woman = await context.newPage();
	await signInThroughForm(woman, DRAFTING_WOMAN.phone, PASSWORD);
	await expect(woman).toHaveURL(/\/applicant$/);
	await woman.goto('/applicant/plan/idea');
	await expect(woman.getByLabel('Бизнесийн нэр', { exact: true })).toBeVisible();
	return {
		staff,
		woman,
		staffCookie: await cookieHeader(staff),
		womanCookie: await cookieHeader(woman),
		close: async () => {
			await staffContext.close();
			await context.close();
		}
	};
}

/** An autosave of her first step, as the page's script sends it. */
async function autosave(url: string, cookie: string, businessName: string) {
	const started = Date.now();
	let status = 0;
	let text = '';
	try {
		const response = await fetch(`${url}/applicant/plan/idea?/autosave`, {
			method: 'POST',
			headers: {
				cookie,
				origin: url,
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({ businessName }),
			// A hang is what this looks for; a busy machine may take a few seconds.
			signal: AbortSignal.timeout(10_000)
		});
		status = response.status;
		text = await response.text();
		const body = JSON.parse(text) as { type: string };
		return { status, type: body.type, ms: Date.now() - started };
	} catch (error) {
		const why = `${error instanceof Error ? error.message : error} ${text.slice(0, 200)}`;
		return { status, type: `no answer: ${why}`, ms: Date.now() - started };
	}
}

/** Her first step as the page's data (devalue-encoded text), or null when it is not there. */
async function stepData(url: string, cookie: string): Promise<string | null> {
	const response = await fetch(`${url}/applicant/plan/idea/__data.json`, { headers: { cookie } });
	return response.ok ? await response.text() : null;
}

// ---------------------------------------------------------------- the tests

// Two portals side by side: each test sets up its own (about 20 s to start, 20 s for her account).
test.describe.configure({ mode: 'parallel' });

test('the embedded database is killed while she works: 503 or 200, never 500; then SIGTERM', async ({
	browser
}) => {
	test.setTimeout(180_000 + KILLS * 15_000);
	const dataDir = path.join(root, 'tests', '.tmp', `e2e-data-${EMBEDDED.port}`);
	const began = Date.now();
	const portal = await startPortal(EMBEDDED.port, { EMBEDDED_DB_PORT: String(EMBEDDED.dbPort) });
	const portalMs = Date.now() - began;
	try {
		const { url } = portal;
		const them = await people(browser, url);
		const setup = { portalMs, peopleMs: Date.now() - began - portalMs };
		const health = poll('healthz', `${url}/healthz`, { accept: 'application/json' }, 50);
		const pages = poll(
			'page',
			`${url}/applicant`,
			{ accept: 'text/html', cookie: them.womanCookie },
			100
		);
		const cycles = [];
		for (let cycle = 1; cycle <= KILLS; cycle++) {
			const pid = ferretdbPid(portal);
			expect(pid, 'the portal runs its FerretDB').toBeDefined();
			const killedAt = Date.now();
			process.kill(pid!, 'SIGKILL');
			// An autosave sent as the database dies: stored (200, then on her page) or told.
			const value = `Оёдол ${cycle}-${stamp()}`;
			const saved = await autosave(url, them.womanCookie, value);
			expect([200, 503], JSON.stringify(saved)).toContain(saved.status);
			// Back: a new FerretDB, and /healthz and her page answer 200 again, asked after the
			// kill; the portal itself never restarted.
			let recoveredAt = 0;
			await expect
				.poll(
					() => {
						const again = ferretdbPid(portal);
						const last = [health.probes.at(-1), pages.probes.at(-1)];
						if (!again || again === pid) return false;
						if (!last.every((p) => p && p.sentAt > killedAt && p.status === 200)) return false;
						recoveredAt = Math.max(...last.map((p) => p!.doneAt));
						return true;
					},
					{ timeout: 20_000, intervals: [100] }
				)
				.toBe(true);
			const stored = (await stepData(url, them.womanCookie))?.includes(value) ?? false;
			if (saved.status === 200) expect(stored, 'a 200 autosave is stored').toBe(true);
			cycles.push({
				cycle,
				healthz: outage(health.probes, killedAt),
				page: outage(pages.probes, killedAt),
				recoveredMs: recoveredAt - killedAt,
				autosave: { status: saved.status, ms: saved.ms, stored }
			});
			await sleep(1_000);
		}
		const healthProbes = await health.stop();
		const pageProbes = await pages.stop();
		expect(portal.child.exitCode, 'the portal itself never restarted').toBeNull();
		const all = [...healthProbes, ...pageProbes];
		// Every answer was a 200 or a 503: no 500, no hang, no refused connection.
		const others = Object.keys(statusCounts(all)).filter((s) => s !== '200' && s !== '503');
		expect(others, JSON.stringify(statusCounts(all))).toEqual([]);
		// /healthz never hangs (its ping is given a second), and no request waited long on the
		// dead database. (The 1 s targets are measured and reported; the limits here leave room
		// for a busy CI machine.)
		expect(Math.max(...healthProbes.map((p) => p.doneAt - p.sentAt))).toBeLessThan(1_500);
		expectQuick503s(all, KILLS);
		report('embedded kills', {
			setup,
			kills: KILLS,
			requests: all.length,
			statuses: statusCounts(all),
			plainPages: pageProbes.filter((p) => p.kind === 'plain').length,
			layoutPages: pageProbes.filter((p) => p.kind === 'layout').length,
			slowest503Ms: slowest503(all),
			cycles,
			// Requests the driver left waiting on a closed connection, answered 503 (outage.ts).
			answeredStuck: portal.log.filter((l) => /still waiting/.test(l)).length,
			restartLines: portal.log.filter((l) => /restarting in/.test(l))
		});

		// ---- SIGTERM while requests are in flight.
		const ferretdb = ferretdbPid(portal)!;
		const slowBody = (businessName: string) =>
			new ReadableStream<Uint8Array>({
				async start(controller) {
					const bytes = new TextEncoder().encode(new URLSearchParams({ businessName }).toString());
					const half = Math.floor(bytes.length / 2);
					controller.enqueue(bytes.slice(0, half));
					await sleep(1_500); // still sending when SIGTERM comes
					controller.enqueue(bytes.slice(half));
					controller.close();
				}
			});
		const lastValue = `Сүүлчийн ${stamp()}`;
		const inFlight = [
			fetch(`${url}/applicant/plan/idea?/autosave`, {
				method: 'POST',
				headers: {
					cookie: them.womanCookie,
					origin: url,
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					'content-type': 'application/x-www-form-urlencoded'
				},
				body: slowBody(lastValue),
				duplex: 'half'
			} as RequestInit),
			...['/staff', '/staff/participants', '/staff/reports', '/staff/training'].map((p) =>
				fetch(`${url}${p}`, { headers: { cookie: them.staffCookie } })
			)
		].map((request) =>
			request.then(
				async (r) => ({ status: r.status, body: await r.text(), at: Date.now() }),
				() => ({ status: 0, body: '', at: Date.now() })
			)
		);
		await sleep(300);
		const termAt = Date.now();
		portal.child.kill('SIGTERM');
		const answers = await Promise.all(inFlight);
		const exited = await portal.exit;
		const completed = answers.filter((a) => a.status === 200).length;
		const stillInFlight = answers.filter((a) => a.at > termAt).length;
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
		expect(JSON.parse(answers[0]!.body).type, 'the autosave in flight was stored').toBe('success');
		expect(exited.code).toBe(0);
		expect(alive(ferretdb), 'its FerretDB has stopped').toBe(false);
		expect(portal.log.some((l) => /^Shut down \(SIGTERM\)/.test(l))).toBe(true);
		report('SIGTERM', {
			sent: answers.length,
			inFlightAtSigterm: stillInFlight,
			completed,
			lastAnswerAfterSigtermMs: Math.max(...answers.map((a) => a.at)) - termAt,
			exitCode: exited.code,
			exitAfterSigtermMs: exited.at - termAt,
			ferretdbGone: !alive(ferretdb),
			logTail: portal.log.slice(-3)
		});
		await them.close();
	} catch (error) {
		console.log(`The portal's log:\n${portal.log.slice(-40).join('\n')}`);
		throw error;
	} finally {
		await stopPortal(portal);
		rmSync(dataDir, { recursive: true, force: true });
	}
});

test('MONGODB_URI: the server goes away and comes back; her unsaved step is kept and stored', async ({
	browser
}) => {
	test.setTimeout(240_000);
	const dbDir = path.join(root, 'tests', '.tmp', `faults-mongodb-${EXTERNAL.dbPort}`);
	rmSync(dbDir, { recursive: true, force: true });
	mkdirSync(dbDir, { recursive: true });
	const binary = ensureFerretdbBinary({ root, log: () => {} });
	const uri = `mongodb://127.0.0.1:${EXTERNAL.dbPort}/`;
	let server: ChildProcess | undefined;
	const startServer = async () => {
		server = spawn(
			binary,
			[
				`--listen-addr=127.0.0.1:${EXTERNAL.dbPort}`,
				`--sqlite-url=file:${dbDir}/`,
				'--log-level=error'
			],
			{ stdio: 'ignore' }
		);
		await waitUntilAnswers(uri, 30_000);
	};
	await startServer();
	const began = Date.now();
	const portal = await startPortal(EXTERNAL.port, { MONGODB_URI: `${uri}soum_faults` });
	const portalMs = Date.now() - began;
	try {
		const { url } = portal;
		const them = await people(browser, url);
		const setup = { portalMs, peopleMs: Date.now() - began - portalMs };
		const { woman } = them;
		const name = woman.getByLabel('Бизнесийн нэр', { exact: true });
		const status = woman.locator('.save-status');
		await name.fill('Говийн оёдол');
		await woman.evaluate(() => window.dispatchEvent(new Event('pagehide')));
		await expect(status).toHaveText(SAVED);

		const health = poll('healthz', `${url}/healthz`, { accept: 'application/json' }, 50);
		const pages = poll(
			'page',
			`${url}/applicant`,
			{ accept: 'text/html', cookie: them.womanCookie },
			100
		);
		const killedAt = Date.now();
		server!.kill('SIGKILL');
		await expect.poll(() => health.probes.at(-1)?.status, { timeout: 5_000 }).toBe(503);
		const healthDownMs = Date.now() - killedAt;
		// (The page asked for as the server died may wait for the driver: STUCK_AFTER_LOSS_MS.)
		await expect
			.poll(() => pages.probes.at(-1)?.status, { timeout: STUCK_AFTER_LOSS_MS + 5_000 })
			.toBe(503);

		// She keeps typing and presses "Save": no error page, her text stays, "not saved".
		await name.fill('Говийн оёдол ба засвар');
		await woman.getByRole('button', { name: 'Хадгалах', exact: true }).click();
		await expect(status).toHaveText(NOT_SAVED);
		await expect(name).toHaveValue('Говийн оёдол ба засвар');
		await expect(woman).toHaveURL(/\/applicant\/plan\/idea$/);

		// Each kind of client gets its 503.
		const html = await fetch(`${url}/applicant`, {
			headers: { cookie: them.womanCookie, accept: 'text/html' }
		});
		expect(html.status).toBe(503);
		expect(html.headers.get('retry-after')).toMatch(/^\d+$/);
		const page = await html.text();
		expect(page).toContain('Портал түр ажиллахгүй байна');
		expect(page).toContain('The portal is briefly unavailable');
		const data = await fetch(`${url}/applicant/__data.json`, {
			headers: { cookie: them.womanCookie }
		});
		expect(data.status).toBe(503);
		expect(await data.json()).toMatchObject({ code: 'unavailable' });
		const action = await autosave(url, them.womanCookie, 'while away');
		expect(action).toMatchObject({ status: 503, type: 'error' });
		expect(action.ms).toBeLessThan(1_000);

		await sleep(2_000); // a few seconds away
		const backAt = Date.now();
		await startServer();
		const serverUpMs = Date.now() - backAt;
		await expect.poll(() => health.probes.at(-1)?.status, { timeout: 10_000 }).toBe(200);
		await expect.poll(() => pages.probes.at(-1)?.status, { timeout: 10_000 }).toBe(200);
		// The page tries again by itself (5 s after the failure, then 10 s) and says "saved".
		await expect(status).toHaveText(SAVED, { timeout: 20_000 });
		const savedAfterBackMs = Date.now() - backAt;
		const healthProbes = await health.stop();
		const pageProbes = await pages.stop();
		await woman.reload();
		await expect(name).toHaveValue('Говийн оёдол ба засвар');

		const all = [...healthProbes, ...pageProbes];
		expect(Object.keys(statusCounts(all)).sort()).toEqual(['200', '503']);
		expectQuick503s(all, 1);
		report('MONGODB_URI away and back', {
			setup,
			awayMs: backAt - killedAt,
			healthz503AfterKillMs: outage(healthProbes, killedAt).first503Ms,
			page503AfterKillMs: outage(pageProbes, killedAt).first503Ms,
			healthDownSeenMs: healthDownMs,
			serverUpMs,
			healthz200AfterBackMs:
				(outage(healthProbes, killedAt).first200AfterMs ?? 0) - (backAt - killedAt),
			page200AfterBackMs: (outage(pageProbes, killedAt).first200AfterMs ?? 0) - (backAt - killedAt),
			autosaveStoredAfterBackMs: savedAfterBackMs,
			requests: all.length,
			statuses: statusCounts(all),
			plainPages: pageProbes.filter((p) => p.kind === 'plain').length,
			layoutPages: pageProbes.filter((p) => p.kind === 'layout').length,
			slowest503Ms: slowest503(all),
			slowestMs: Math.max(...all.map((p) => p.doneAt - p.sentAt))
		});
		await them.close();

		// Ctrl-C: SIGINT stops it as SIGTERM does.
		const intAt = Date.now();
		portal.child.kill('SIGINT');
		const exited = await portal.exit;
		expect(exited.code).toBe(0);
		report('SIGINT', { exitCode: exited.code, exitAfterSigintMs: exited.at - intAt });
	} catch (error) {
		console.log(`The portal's log:\n${portal.log.slice(-40).join('\n')}`);
		throw error;
	} finally {
		await stopPortal(portal);
		server?.kill('SIGKILL');
		rmSync(dbDir, { recursive: true, force: true });
		rmSync(path.join(root, 'tests', '.tmp', `e2e-data-${EXTERNAL.port}`), {
			recursive: true,
			force: true
		});
	}
});
