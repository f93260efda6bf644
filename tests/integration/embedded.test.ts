// The embedded database launcher: data survives a restart; problems are one clear line.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
	connectDatabase,
	databaseConnected,
	disconnectDatabase,
	isDatabaseUnavailable
} from '$lib/server/db/connection';
import { StartupError, restartDelay, startEmbeddedDatabase } from '$lib/server/db/embedded.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'soum-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Four ports of this file's own (EMBEDDED_TEST_PORT moves them when two runs share a machine). */
const PORT = Number(process.env.EMBEDDED_TEST_PORT ?? 27231);

describe.skipIf(inject('engine') !== 'ferretdb')('embedded FerretDB', () => {
	it('keeps data across a restart of the server', async () => {
		const port = PORT;
		const first = await startEmbeddedDatabase({ dataDir, port, log: () => {} });
		const client = new mongoose.mongo.MongoClient(first.uri);
		await client.db('restart').collection('notes').insertOne({ text: 'Ханбогд', n: 1 });
		await client.close();
		await first.stop();

		const second = await startEmbeddedDatabase({ dataDir, port, log: () => {} });
		const again = new mongoose.mongo.MongoClient(second.uri);
		const found = await again.db('restart').collection('notes').findOne({ n: 1 });
		await again.close();
		await second.stop();
		expect(found?.text).toBe('Ханбогд');
	});

	it('restarts the server when it dies', async () => {
		const lines: string[] = [];
		const db = await startEmbeddedDatabase({ dataDir, port: PORT + 1, log: (l) => lines.push(l) });
		const firstPid = db.pid();
		process.kill(firstPid!, 'SIGKILL');
		const deadline = Date.now() + 10_000;
		while (Date.now() < deadline && (db.pid() === firstPid || !(await answers(db.uri)))) {
			await new Promise((r) => setTimeout(r, 100));
		}
		expect(db.pid()).not.toBe(firstPid);
		expect(await answers(db.uri)).toBe(true);
		expect(lines.join('\n')).toMatch(/restarting/);
		await db.stop();
	});

	it('waits longer after each death in a row, and counts again from one after a healthy run', async () => {
		expect([1, 2, 3, 4, 6, 7, 20].map(restartDelay)).toEqual([
			250, 500, 1_000, 2_000, 8_000, 10_000, 10_000
		]);
		const lines: string[] = [];
		const db = await startEmbeddedDatabase({
			dataDir,
			port: PORT + 3,
			log: (l) => lines.push(l),
			healthyAfterMs: 2_000
		});
		const killAndWait = async () => {
			const pid = db.pid();
			process.kill(pid!, 'SIGKILL');
			const deadline = Date.now() + 10_000;
			while (Date.now() < deadline && (db.pid() === pid || !(await answers(db.uri)))) {
				await new Promise((r) => setTimeout(r, 50));
			}
			expect(await answers(db.uri)).toBe(true);
		};
		await killAndWait(); // up for less than 2 s: deaths in a row
		await killAndWait();
		expect(db.restarts()).toBe(2);
		await new Promise((r) => setTimeout(r, 2_200)); // a healthy run
		await killAndWait();
		expect(db.restarts()).toBe(1);
		await db.stop();
		expect(
			lines.filter((l) => /restarting/.test(l)).map((l) => /in (\d+) ms/.exec(l)?.[1])
		).toEqual(['250', '500', '250']);
	});

	it('a query fails within about a second while the server is away, and works once it is back', async () => {
		const port = PORT; // the first test's, free again
		let db = await startEmbeddedDatabase({ dataDir, port, log: () => {} });
		await connectDatabase(db.uri, 'outage');
		try {
			const notes = mongoose.connection.db!.collection('notes');
			await notes.insertOne({ n: 1 });
			await db.stop(); // gone, and no supervisor to bring it back: a server that went away
			const started = Date.now();
			const error = await notes.findOne({ n: 1 }).catch((e: unknown) => e);
			const took = Date.now() - started;
			expect(isDatabaseUnavailable(error)).toBe(true);
			expect(took).toBeLessThan(2_500);
			// The driver's next heartbeat (every second) marks the server gone.
			expect(await within(2_000, () => !databaseConnected())).toBe(true);

			db = await startEmbeddedDatabase({ dataDir, port, log: () => {} });
			// The same connection, not a new one: the driver notices the server within a second.
			expect(await within(2_000, databaseConnected)).toBe(true);
			expect((await notes.findOne({ n: 1 }))?.n).toBe(1);
		} finally {
			await disconnectDatabase();
			await db.stop();
		}
	});

	it('says in one line that the port is taken', async () => {
		const blocker = net.createServer();
		await new Promise<void>((resolve) => blocker.listen(PORT + 2, '127.0.0.1', resolve));
		const error = await startEmbeddedDatabase({ dataDir, port: PORT + 2, log: () => {} }).catch(
			(e) => e
		);
		blocker.close();
		expect(error).toBeInstanceOf(StartupError);
		expect(error.message).toMatch(
			new RegExp(`^Port ${PORT + 2} on 127\\.0\\.0\\.1 is already in use`)
		);
		expect(error.message).not.toContain('\n');
	});
});

describe('connecting', () => {
	it('says in one line when the server cannot be reached, without the password', async () => {
		const error = await connectDatabase('mongodb://user:secret@127.0.0.1:1/x', undefined, {
			timeoutMs: 500
		}).catch((e) => e);
		expect(error).toBeInstanceOf(StartupError);
		expect(error.message).toMatch(
			/^Cannot connect to the database \(mongodb:\/\/user:\*\*\*@127\.0\.0\.1:1\/x\)/
		);
		expect(error.message).not.toContain('secret');
		expect(error.message).not.toContain('\n');
	});
});

/** True once `condition` holds, checked every 50 ms for up to `ms`. */
async function within(ms: number, condition: () => boolean): Promise<boolean> {
	const deadline = Date.now() + ms;
	while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
	return condition();
}

async function answers(uri: string): Promise<boolean> {
	const client = new mongoose.mongo.MongoClient(uri, { serverSelectionTimeoutMS: 300 });
	try {
		await client.connect();
		await client.db('admin').command({ ping: 1 });
		return true;
	} catch {
		return false;
	} finally {
		await client.close().catch(() => {});
	}
}
