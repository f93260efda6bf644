// The check-in form's progressive enhancement (docs/offline.md). Used as
//   <form method="POST" action="?/save" enctype="multipart/form-data"
//     use:offlineCheckIn={{ grantId, code }}>.
// Without JavaScript (or without IndexedDB) the form posts as usual. With them, a submitted
// check-in is first kept on the phone (the outbox, keyed by its idempotency key), then sent:
// stored → her record page; refused for its content → the form shows why, as the server-rendered
// page would; no connection, a server in trouble or an ended session → it waits on the phone
// (the mentor layout's panel lists it and sends it later) and the form is ready for the next one.
import { applyAction } from '$app/forms';
import { goto } from '$app/navigation';
import { page } from '$app/state';
import {
	keepFields,
	newKey,
	notify,
	outboxAvailable,
	putEntry,
	removeEntry,
	sendEntry,
	updateEntry,
	withSendLock,
	type OutboxEntry,
	type SendOutcome
} from './outbox';

export interface OfflineCheckInOptions {
	grantId: string;
	/** Her pseudonymous code, to name the queued check-in in the list of what waits. */
	code: string;
}

/** Refusals that mean the key itself is spent: the next try needs a new one. */
const KEY_REFUSALS = new Set(['mentoring.error.keyReused', 'mentoring.error.stale']);

export function offlineCheckIn(form: HTMLFormElement, options: OfflineCheckInOptions) {
	let current = options;
	/** Known once IndexedDB answered; until then (and without it) the form posts as usual. */
	let usable = false;
	let busy = false;
	/** Set to let one submission through natively (the phone could not keep it). */
	let native = false;
	/** The form left the page (she went elsewhere while it was being sent). */
	let destroyed = false;

	const keyInput = () => {
		const input = form.elements.namedItem('idempotencyKey');
		return input instanceof HTMLInputElement ? input : null;
	};
	const setKey = (key: string) => {
		const input = keyInput();
		if (input) input.value = key;
	};

	/** The form as first shown (today's date, "no" concern…), to start the next check-in from. */
	let initial: FieldState[] = [];

	// A page opened from the phone's copy carries the key it was saved with, and so would every
	// check-in written on it: this form gets its own key, replaced after each check-in.
	// `data-offline="ready"` says the form now keeps its check-ins on the phone.
	void outboxAvailable().then((available) => {
		usable = available;
		if (!available) return;
		initial = fieldStates(form);
		setKey(newKey());
		form.dataset.offline = 'ready';
	});

	function setBusy(value: boolean) {
		busy = value;
		form.toggleAttribute('aria-busy', value);
		for (const button of form.querySelectorAll<HTMLButtonElement>('button[type="submit"]')) {
			button.disabled = value;
		}
	}

	/** Ready for the next check-in: as first shown, with a new key and no old errors. */
	async function resetForNext() {
		if (page.form) await applyAction({ type: 'success', status: 200, data: undefined });
		restoreFields(initial);
		setKey(newKey());
	}

	async function settle(entry: OutboxEntry, outcome: SendOutcome) {
		switch (outcome.kind) {
			case 'stored':
				await removeEntry(entry.key);
				notify({ kind: 'sent', code: entry.code, on: entry.on });
				// She may have gone to another page meanwhile: stay there.
				if (outcome.location && !destroyed) await goto(outcome.location, { invalidateAll: true });
				return;
			case 'refused':
				if (outcome.result.type === 'failure' && !destroyed) {
					// Her input, refused: nothing was stored and the form still holds what she typed.
					await removeEntry(entry.key);
					await applyAction(outcome.result);
					if (KEY_REFUSALS.has(outcome.reason)) setKey(newKey());
					return;
				}
				// The grant, not the input (no longer hers to see, too big), or the form is gone:
				// kept, for her to read.
				await updateEntry(entry.key, {
					state: 'refused',
					reason: outcome.reason,
					errors: outcome.errors
				});
				notify({ kind: 'refused', code: entry.code, reason: outcome.reason });
				if (!destroyed) await resetForNext();
				return;
			case 'signedOut':
			case 'unreachable': {
				const problem = outcome.kind === 'signedOut' ? 'signedOut' : outcome.problem;
				await updateEntry(entry.key, {
					queuedOffline: true,
					lastProblem: problem,
					lastTriedAt: Date.now()
				});
				notify({ kind: 'queued', code: entry.code, problem });
				if (!destroyed) await resetForNext();
				return;
			}
		}
	}

	/** Keeps the check-in on the phone, then sends it; false when the phone could not keep it. */
	async function keepAndSend(data: FormData): Promise<boolean> {
		let key = String(data.get('idempotencyKey') ?? '');
		if (!/^[A-Za-z0-9-]{16,64}$/.test(key)) {
			key = newKey();
			data.set('idempotencyKey', key);
			setKey(key);
		}
		const action = new URL(form.action, window.location.href);
		const entry: OutboxEntry = {
			key,
			owner: page.data.user?.id ?? '',
			grantId: current.grantId,
			code: current.code,
			on: String(data.get('on') ?? ''),
			action: action.pathname + action.search,
			fields: await keepFields(data),
			savedAt: Date.now(),
			state: 'waiting',
			queuedOffline: false
		};
		let kept = false;
		try {
			await withSendLock(key, true, async () => {
				// Kept first: whatever happens next (a dead tab, no answer), it is on the phone.
				await putEntry(entry);
				kept = true;
				notify({ kind: 'sending', code: entry.code });
				await settle(entry, await sendEntry(entry));
			});
		} catch (cause) {
			if (!kept) return false;
			// Kept, then something went wrong here: it waits on the phone, the panel sends it.
			console.error(cause);
		}
		return true;
	}

	async function onSubmit(event: SubmitEvent) {
		if (native) {
			native = false;
			return;
		}
		if (!usable || event.defaultPrevented) return;
		event.preventDefault();
		if (busy) return;
		const submitter = event.submitter instanceof HTMLElement ? event.submitter : null;
		const data = new FormData(form, submitter);
		setBusy(true);
		const kept = await keepAndSend(data).catch(() => false);
		setBusy(false);
		if (!kept) {
			// The phone would not keep it (storage full, private mode): post it the ordinary way.
			usable = false;
			native = true;
			form.requestSubmit(submitter);
		}
	}

	const listener = (event: SubmitEvent) => void onSubmit(event);
	form.addEventListener('submit', listener);

	return {
		update(next: OfflineCheckInOptions) {
			current = next;
		},
		destroy() {
			destroyed = true;
			form.removeEventListener('submit', listener);
		}
	};
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
interface FieldState {
	field: Field;
	value: string;
	checked: boolean;
}

/** The form's fields as they are now (not the key, which each check-in gets anew). */
function fieldStates(form: HTMLFormElement): FieldState[] {
	const states: FieldState[] = [];
	for (const field of Array.from(form.elements)) {
		if (
			!(field instanceof HTMLInputElement) &&
			!(field instanceof HTMLTextAreaElement) &&
			!(field instanceof HTMLSelectElement)
		) {
			continue;
		}
		if (field.name === 'idempotencyKey' || field.type === 'submit') continue;
		const checked = field instanceof HTMLInputElement ? field.checked : false;
		states.push({ field, value: field.value, checked });
	}
	return states;
}

/**
 * Puts the fields back as they were. Not `form.reset()`: the page's bound fields were hydrated
 * without their server-rendered defaults, so a reset would empty today's date. Each field says it
 * changed, so that the components bound to it follow.
 */
function restoreFields(states: FieldState[]) {
	for (const { field, value, checked } of states) {
		if (!field.isConnected) continue;
		if (field instanceof HTMLInputElement && field.type === 'file') field.value = '';
		else if (
			field instanceof HTMLInputElement &&
			(field.type === 'checkbox' || field.type === 'radio')
		)
			field.checked = checked;
		else field.value = value;
		field.dispatchEvent(new Event('input', { bubbles: true }));
		field.dispatchEvent(new Event('change', { bubbles: true }));
	}
}
