// One database server for the whole vitest run: MONGODB_URI when set (a real MongoDB), else the
// embedded FerretDB on its own port and a fresh data folder. Each test file uses its own
// database on it (tests/integration/testDatabase.ts).
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../../src/lib/server/db/embedded.js';

declare module 'vitest' {
	export interface ProvidedContext {
		mongoUri: string;
		engine: 'mongodb' | 'ferretdb';
	}
}

export default async function setup(project: TestProject) {
	if (process.env.MONGODB_URI) {
		project.provide('mongoUri', process.env.MONGODB_URI);
		project.provide('engine', 'mongodb');
		return;
	}
	const port = Number(process.env.TEST_DB_PORT ?? 27218);
	// A folder of this run's own: a second run started meanwhile (on the same port it fails to
	// start) can never delete the files under a server that is running.
	const dataDir = path.resolve('tests/.tmp', `vitest-db-${port}-${process.pid}`);
	rmSync(dataDir, { recursive: true, force: true });
	const db = await startEmbeddedDatabase({ dataDir, port });
	project.provide('mongoUri', db.uri);
	project.provide('engine', 'ferretdb');
	return async () => {
		await db.stop();
		rmSync(dataDir, { recursive: true, force: true });
	};
}
