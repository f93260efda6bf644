// The embedded database launcher: data survives a restart; problems are one clear line.
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '$lib/server/db/connection';
import { StartupError, startEmbeddedDatabase } from '$lib/server/db/embedded.js';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'soum-embedded-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(inject('engine') !== 'ferretdb')('embedded FerretDB', () => {
	it('keeps data across a restart of the server', async () => {
		const port = 27231;
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
		const db = await startEmbeddedDatabase({ dataDir, port: 27232, log: (l) => lines.push(l) });
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

	it('says in one line that the port is taken', async () => {
		const blocker = net.createServer();
		await new Promise<void>((resolve) => blocker.listen(27233, '127.0.0.1', resolve));
		const error = await startEmbeddedDatabase({ dataDir, port: 27233, log: () => {} }).catch(
			(e) => e
		);
		blocker.close();
		expect(error).toBeInstanceOf(StartupError);
		expect(error.message).toMatch(/^Port 27233 on 127\.0\.0\.1 is already in use/);
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
