// The check-ins waiting on this phone (docs/offline.md): kept in IndexedDB before anything is
// sent, so that a dead tab, a lost connection or an expired session loses nothing; sent with
// their idempotency key, so that a replay after a lost answer is stored once (the server keeps
// one check-in per key: services/mentoring.ts recordCheckIn).
import { deserialize } from '$app/forms';
import type { ActionResult } from '@sveltejs/kit';

const DB_NAME = 'soum-offline';
const DB_VERSION = 1;
const STORE = 'checkIns';
/** An upload of up to three phone photos on a weak connection: generous, but not forever. */
const SEND_TIMEOUT_MS = 90_000;

/** A form field as kept: text, or a photo's bytes (stored as bytes: every browser can). */
export type KeptValue = string | { name: string; type: string; bytes: ArrayBuffer };

export interface OutboxEntry {
	/** The form's idempotency key: one entry, and one stored check-in, per key. */
	key: string;
	/** Who saved it (her account's id): on a shared phone each sends and sees her own only. */
	owner: string;
	grantId: string;
	/** Her pseudonymous participant code, to name the check-in in the list. */
	code: string;
	/** The check-in's day (YYYY-MM-DD) as typed. */
	on: string;
	/** The form's action, path and query (`/mentor/grants/…/check-in?/save`). */
	action: string;
	fields: [string, KeptValue][];
	/** When it was saved on this phone (ms since 1970). */
	savedAt: number;
	/** waiting: to be sent; refused: the server said no, and she decides (discard). */
	state: 'waiting' | 'refused';
	/** It failed to go at once and is sent later, from the queue (the server records this). */
	queuedOffline: boolean;
	/** The last try that did not get through. */
	lastProblem?: 'offline' | 'server' | 'signedOut';
	lastTriedAt?: number;
	/** A refusal: its message key (or text) and the fields it is about. */
	reason?: string;
	errors?: Record<string, string>;
}

/** What one try to send gave. */
export type SendOutcome =
	| { kind: 'stored'; location: string }
	| { kind: 'refused'; result: ActionResult; reason: string; errors: Record<string, string> }
	| { kind: 'signedOut'; location: string }
	| { kind: 'unreachable'; problem: 'offline' | 'server' };

// ---------------------------------------------------------------------------------------------
// Keys

/** A new idempotency key (a UUID; getRandomValues where randomUUID is missing). */
export function newKey(): string {
	if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	bytes[6] = (bytes[6]! & 0x0f) | 0x40;
	bytes[8] = (bytes[8]! & 0x3f) | 0x80;
	const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------
// Storage

let opening: Promise<IDBDatabase> | null = null;

function openDb(): Promise<IDBDatabase> {
	if (typeof indexedDB === 'undefined') return Promise.reject(new Error('no IndexedDB'));
	opening ??= new Promise<IDBDatabase>((resolve, reject) => {
		const request = indexedDB.open(DB_NAME, DB_VERSION);
		request.onupgradeneeded = () => {
			if (!request.result.objectStoreNames.contains(STORE)) {
				request.result.createObjectStore(STORE, { keyPath: 'key' });
			}
		};
		request.onsuccess = () => {
			const db = request.result;
			// Another tab upgrading the database: step aside, open again next time.
			db.onversionchange = () => {
				db.close();
				opening = null;
			};
			resolve(db);
		};
		request.onerror = () => reject(request.error ?? new Error('IndexedDB did not open'));
		request.onblocked = () => reject(new Error('IndexedDB is blocked'));
	}).catch((cause: unknown) => {
		opening = null;
		throw cause;
	});
	return opening;
}

async function run<T>(
	mode: IDBTransactionMode,
	work: (store: IDBObjectStore) => IDBRequest<T> | void
): Promise<T | undefined> {
	const db = await openDb();
	return new Promise<T | undefined>((resolve, reject) => {
		const tx = db.transaction(STORE, mode);
		const request = work(tx.objectStore(STORE));
		// Resolved when the transaction is committed: written means on disk, not just queued.
		tx.oncomplete = () => resolve(request ? request.result : undefined);
		tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
		tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
	});
}

/** Whether this browser can keep check-ins (IndexedDB opens). */
export async function outboxAvailable(): Promise<boolean> {
	try {
		await openDb();
		return true;
	} catch {
		return false;
	}
}

export async function allEntries(): Promise<OutboxEntry[]> {
	const entries = (await run<OutboxEntry[]>('readonly', (store) => store.getAll())) ?? [];
	return entries.sort((a, b) => a.savedAt - b.savedAt);
}

export async function getEntry(key: string): Promise<OutboxEntry | undefined> {
	return run<OutboxEntry>('readonly', (store) => store.get(key));
}

export async function putEntry(entry: OutboxEntry): Promise<void> {
	await run('readwrite', (store) => store.put(entry));
	announce();
}

export async function updateEntry(key: string, change: Partial<OutboxEntry>): Promise<void> {
	const entry = await getEntry(key);
	if (!entry) return;
	await putEntry({ ...entry, ...change, key });
}

export async function removeEntry(key: string): Promise<void> {
	await run('readwrite', (store) => store.delete(key));
	announce();
}

// ---------------------------------------------------------------------------------------------
// Changes and notices, within the tab and to the phone's other tabs

export type OutboxNotice =
	| { kind: 'sending'; code: string }
	| { kind: 'queued'; code: string; problem: 'offline' | 'server' | 'signedOut' }
	| { kind: 'sent'; code: string; on: string }
	| { kind: 'refused'; code: string; reason: string }
	| { kind: 'signedOut' };

const events = typeof EventTarget === 'undefined' ? null : new EventTarget();
const channel =
	typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('soum-offline-outbox');
channel?.addEventListener('message', () => events?.dispatchEvent(new Event('change')));

function announce() {
	events?.dispatchEvent(new Event('change'));
	channel?.postMessage('change');
}

/** Calls `listener` whenever the outbox changed (here or in another tab); returns the unsubscribe. */
export function onOutboxChange(listener: () => void): () => void {
	events?.addEventListener('change', listener);
	return () => events?.removeEventListener('change', listener);
}

/** A notice for the panel to show (saved on the phone, sent, refused). */
export function notify(notice: OutboxNotice) {
	events?.dispatchEvent(new CustomEvent('notice', { detail: notice }));
}

export function onOutboxNotice(listener: (notice: OutboxNotice) => void): () => void {
	const handler = (event: Event) => listener((event as CustomEvent<OutboxNotice>).detail);
	events?.addEventListener('notice', handler);
	return () => events?.removeEventListener('notice', handler);
}

// ---------------------------------------------------------------------------------------------
// Form data in and out

/** The form's entries as kept: text as is, photos as bytes; an empty file input is left out. */
export async function keepFields(data: FormData): Promise<[string, KeptValue][]> {
	const fields: [string, KeptValue][] = [];
	for (const [name, value] of data.entries()) {
		if (typeof value === 'string') {
			fields.push([name, value]);
		} else if (value.size > 0 || value.name !== '') {
			fields.push([name, { name: value.name, type: value.type, bytes: await value.arrayBuffer() }]);
		}
	}
	return fields;
}

export function formDataOf(entry: OutboxEntry): FormData {
	const data = new FormData();
	for (const [name, value] of entry.fields) {
		if (name === 'queuedOffline') continue;
		if (typeof value === 'string') data.append(name, value);
		else data.append(name, new File([value.bytes], value.name, { type: value.type }), value.name);
	}
	if (entry.queuedOffline) data.set('queuedOffline', '1');
	return data;
}

// ---------------------------------------------------------------------------------------------
// Sending

/** One at a time per key, across the phone's tabs where the browser can (Web Locks). */
const sendingHere = new Set<string>();

export function isSending(key: string): boolean {
	return sendingHere.has(key);
}

/**
 * Runs `work` holding the key's lock. `wait`: queue behind another holder (the form, which just
 * saved it); otherwise give up at once when someone else is sending it (the panel's flush).
 * Returns null when the lock was not had.
 */
export async function withSendLock<T>(
	key: string,
	wait: boolean,
	work: () => Promise<T>
): Promise<T | null> {
	if (!wait && sendingHere.has(key)) return null;
	const guarded = async () => {
		sendingHere.add(key);
		announce();
		try {
			return await work();
		} finally {
			sendingHere.delete(key);
			announce();
		}
	};
	const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
	if (!locks) return guarded();
	return locks.request(`soum-checkin-${key}`, { ifAvailable: !wait }, async (lock) =>
		lock ? guarded() : null
	);
}

function isSignIn(location: string): boolean {
	return new URL(location, window.location.href).pathname === '/login';
}

/**
 * Posts a kept check-in as the form would with JavaScript (SvelteKit's action protocol, JSON
 * back) and says what came of it. Does not change the outbox: the caller decides.
 */
export async function sendEntry(entry: OutboxEntry): Promise<SendOutcome> {
	if (navigator.onLine === false) return { kind: 'unreachable', problem: 'offline' };
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(), SEND_TIMEOUT_MS);
	let response: Response;
	let text: string;
	try {
		response = await fetch(entry.action, {
			method: 'POST',
			body: formDataOf(entry),
			headers: { 'x-sveltekit-action': 'true', accept: 'application/json' },
			credentials: 'same-origin',
			cache: 'no-store',
			signal: controller.signal
		});
		text = await response.text();
	} catch {
		return { kind: 'unreachable', problem: 'offline' };
	} finally {
		clearTimeout(timer);
	}

	let result: ActionResult;
	try {
		result = deserialize(text);
	} catch {
		// Not the portal's answer (a proxy, a captive portal, an upload too big for the server).
		if (response.status === 413) {
			return refusal({ type: 'error', status: 413, error: {} }, 'offline.refused.tooLarge');
		}
		return { kind: 'unreachable', problem: response.status >= 500 ? 'server' : 'offline' };
	}

	switch (result.type) {
		case 'redirect':
			return isSignIn(result.location)
				? { kind: 'signedOut', location: result.location }
				: { kind: 'stored', location: result.location };
		case 'success':
			return { kind: 'stored', location: '' };
		case 'failure': {
			const data = (result.data ?? {}) as { message?: unknown; errors?: unknown };
			const errors = stringRecord(data.errors);
			const reason =
				typeof data.message === 'string'
					? data.message
					: (Object.values(errors)[0] ?? 'offline.refused.invalid');
			return { kind: 'refused', result, reason, errors };
		}
		case 'error': {
			const status = result.status ?? 500;
			if (status >= 500) return { kind: 'unreachable', problem: 'server' };
			return refusal(
				result,
				status === 404 ? 'offline.refused.notFound' : 'offline.refused.forbidden'
			);
		}
	}
}

function refusal(result: ActionResult, reason: string): SendOutcome {
	return { kind: 'refused', result, reason, errors: {} };
}

function stringRecord(value: unknown): Record<string, string> {
	const record: Record<string, string> = {};
	if (value && typeof value === 'object') {
		for (const [key, item] of Object.entries(value)) {
			if (typeof item === 'string') record[key] = item;
		}
	}
	return record;
}
