// The portal as the browser tests see it: the production build, on a fresh embedded database
// with the demo (or on MONGODB_URI, seeded with the demo when empty).
import { rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..', '..');
process.chdir(root);
// Keyed by the portal's port, so that two runs on one machine keep out of each other's way.
const port = Number(process.env.PORT ?? 4173);
const dataDir = path.join(root, 'tests', '.tmp', `e2e-data-${port}`);
rmSync(dataDir, { recursive: true, force: true });
process.env.DATA_DIR = dataDir;
process.env.EMBEDDED_DB_PORT ??= String(27219 + (port - 4173));
process.env.SEED_DEMO = '1';
// A receipt is a phone photo of up to 5 MB, a check-in up to three (lib/domain/mentoring.ts):
// 16 MB; adapter-node's default is 512 KB.
process.env.BODY_SIZE_LIMIT ??= '16M';
await import(path.join(root, process.env.BUILD_DIR ?? 'build', 'index.js'));
