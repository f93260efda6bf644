import { json } from '@sveltejs/kit';
import { version } from '$app/environment';
import { databaseAnswers } from '$lib/server/db/connection';
import type { RequestHandler } from './$types';

// Public: for load balancers and supervisors. Reveals no data.
export const GET: RequestHandler = async () => {
	const up = await databaseAnswers(1_000);
	return json(
		{ status: up ? 'ok' : 'unavailable', db: up ? 'up' : 'down', version },
		{ status: up ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
