// What counts as "the database is out of reach", and the 503 each kind of client gets. The
// errors the driver really throws when the server dies are checked in
// tests/integration/embedded.test.ts and tests/e2e/faults.spec.ts.
import type { RequestEvent } from '@sveltejs/kit';
import mongoose from 'mongoose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import '$lib/i18n/all.server';
import { isDatabaseUnavailable } from './db/connection';
import {
	RETRY_AFTER_SECONDS,
	STUCK_AFTER_LOSS_MS,
	handleOutage,
	markUnavailable,
	unavailablePage,
	unavailableResponse
} from './outage';

const { MongoNetworkError, MongoNetworkTimeoutError, MongoNotConnectedError, MongoServerError } =
	mongoose.mongo;

describe('isDatabaseUnavailable', () => {
	it('knows the errors of a server out of reach', () => {
		expect(isDatabaseUnavailable(new MongoNetworkError('connect ECONNREFUSED'))).toBe(true);
		expect(isDatabaseUnavailable(new MongoNetworkTimeoutError('timed out'))).toBe(true);
		expect(isDatabaseUnavailable(new MongoNotConnectedError('not connected'))).toBe(true);
		expect(
			isDatabaseUnavailable(new mongoose.Error.MongooseServerSelectionError('no server'))
		).toBe(true);
		expect(
			isDatabaseUnavailable(
				new mongoose.Error('Operation `users.findOne()` buffering timed out after 10000ms')
			)
		).toBe(true);
		// A server shutting down, or a primary stepping down.
		for (const code of [91, 11600, 10107]) {
			expect(isDatabaseUnavailable(new MongoServerError({ code, errmsg: 'x' }))).toBe(true);
		}
	});

	it('looks through a cause', () => {
		const wrapped = new Error('saving failed', { cause: new MongoNetworkError('reset') });
		expect(isDatabaseUnavailable(wrapped)).toBe(true);
	});

	it('leaves every other error to the error page and the log', () => {
		expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
		expect(isDatabaseUnavailable('a string')).toBe(false);
		expect(isDatabaseUnavailable(null)).toBe(false);
		// A duplicate key or a bad query is the database answering, not the database away.
		expect(isDatabaseUnavailable(new MongoServerError({ code: 11000, errmsg: 'dup' }))).toBe(false);
		expect(isDatabaseUnavailable(new MongoServerError({ code: 2, errmsg: 'bad' }))).toBe(false);
		expect(isDatabaseUnavailable(new mongoose.Error.ValidationError())).toBe(false);
	});
});

function eventFor(headers: Record<string, string>, isDataRequest = false): RequestEvent {
	return {
		request: new Request('http://localhost/applicant', { headers }),
		url: new URL('http://localhost/applicant'),
		isDataRequest,
		locals: { locale: 'en', user: null, session: null }
	} as unknown as RequestEvent;
}

describe('unavailableResponse', () => {
	it('gives a page both languages, her own first, with Retry-After', async () => {
		const response = unavailableResponse(eventFor({ accept: 'text/html' }));
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
		expect(response.headers.get('content-type')).toMatch(/^text\/html/);
		const html = await response.text();
		expect(html.indexOf('The portal is briefly unavailable')).toBeLessThan(
			html.indexOf('Портал түр ажиллахгүй байна')
		);
		expect(html).not.toContain('<script');
		expect(unavailablePage('mn').indexOf('Портал')).toBeLessThan(
			unavailablePage('mn').indexOf('The portal')
		);
	});

	it("gives the page's script an action result it can read", async () => {
		const response = unavailableResponse(
			eventFor({ accept: 'application/json', 'x-sveltekit-action': 'true' })
		);
		expect(response.status).toBe(503);
		expect(await response.json()).toEqual({
			type: 'error',
			error: { message: 'unavailable', code: 'unavailable' }
		});
	});

	it('gives JSON to a data request and to a JSON client', async () => {
		for (const event of [
			eventFor({ accept: '*/*' }, true),
			eventFor({ accept: 'application/json' })
		]) {
			const response = unavailableResponse(event);
			expect(response.status).toBe(503);
			expect(await response.json()).toEqual({ message: 'unavailable', code: 'unavailable' });
		}
	});
});

describe('handleOutage', () => {
	// The driver's view of the server, as mongoose reports it (the setter emits the events).
	const connection = (state: 'connected' | 'disconnected') =>
		((mongoose.connection as { readyState: number }).readyState = mongoose.ConnectionStates[state]);
	afterEach(() => {
		vi.useRealTimers();
		connection('disconnected');
	});
	const html = { accept: 'text/html' };

	it('answers 503 at once without a connection, and lets /healthz answer for itself', async () => {
		connection('disconnected');
		const resolve = vi.fn(async () => new Response('page'));
		const response = await handleOutage({ event: eventFor(html), resolve });
		expect(response.status).toBe(503);
		expect(resolve).not.toHaveBeenCalled();
		const health = { ...eventFor(html), url: new URL('http://localhost/healthz') };
		expect(await (await handleOutage({ event: health, resolve })).text()).toBe('page');
	});

	it('turns the 500 of a request the database failed into a 503, and leaves others', async () => {
		connection('connected');
		const failed = eventFor(html);
		const marked = markUnavailable(failed, new MongoNetworkError('connection closed'));
		expect(marked).toEqual({ message: 'unavailable', code: 'unavailable' });
		const error = async () => new Response('error page', { status: 500 });
		const response = await handleOutage({ event: failed, resolve: error });
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
		expect(await response.text()).toBe('error page');
		expect(markUnavailable(eventFor(html), new Error('a bug'))).toBeNull();
		expect((await handleOutage({ event: eventFor(html), resolve: error })).status).toBe(500);
	});

	it('answers 503 for a request still waiting 5 s after the connection was lost', async () => {
		vi.useFakeTimers();
		connection('connected');
		const never = () => new Promise<Response>(() => {});
		const answer = Promise.resolve(handleOutage({ event: eventFor(html), resolve: never }));
		connection('disconnected'); // the driver finds the server gone
		await vi.advanceTimersByTimeAsync(STUCK_AFTER_LOSS_MS - 1);
		let settled = false;
		void answer.then(() => (settled = true));
		await vi.advanceTimersByTimeAsync(0);
		expect(settled).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		expect((await answer).status).toBe(503);
	});
});
