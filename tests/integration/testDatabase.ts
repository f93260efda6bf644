// Each test file gets a database of its own on the shared server, with the reference data
// (soums) that start-up always loads, dropped at the end.
import { rmSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { afterAll, beforeAll, inject } from 'vitest';
import { connectDatabase } from '../../src/lib/server/db/connection';
import { initModels } from '../../src/lib/server/db/models';
import { ensureSoums } from '../../src/lib/server/services/demoSeed';

export function useTestDatabase(label: string) {
	const name = `test_${label.replace(/\W/g, '_')}_${process.pid}_${Date.now().toString(36)}`;
	beforeAll(async () => {
		// Files the portal keeps beside the database (receipts) go to a folder of this file's own.
		process.env.DATA_DIR = path.resolve('tests', '.tmp', 'vitest-data', name);
		await connectDatabase(inject('mongoUri'), name);
		await initModels();
		await ensureSoums(); // reference data, present in every real database
	});
	afterAll(async () => {
		await mongoose.connection.dropDatabase().catch(() => {});
		await mongoose.disconnect();
		rmSync(process.env.DATA_DIR ?? '', { recursive: true, force: true });
	});
	return { name, engine: inject('engine') };
}
