import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

// Public liveness: the process answers. Touches neither the session nor the database (a
// supervisor restarts the process on no answer; /healthz tells whether the database is up), and
// it is the benchmarks' baseline: the fastest request the portal can serve.
export const GET: RequestHandler = () =>
	json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
