// English for mn/offline.ts: every key, no more and no fewer (checked by the type).
import type { offline as mn } from '../mn/offline';

export const offline: Record<keyof typeof mn, string> = {
	'offline.panel.title': 'Check-ins waiting on this phone ({count})',
	'offline.panel.hint':
		'They are sent by themselves when the connection returns. If you share this phone, do not sign out before they are all sent.',
	'offline.panel.offlineNow': 'You are offline now.',
	'offline.panel.others':
		'{count} check-in(s) of another mentor wait on this phone; they are sent when she signs in.',
	'offline.item.on': 'Day of the check-in: {day}',
	'offline.item.savedAt': 'Saved on this phone: {time}',
	'offline.state.waiting': 'Waiting to be sent',
	'offline.state.sending': 'Sending…',
	'offline.state.refused': 'Refused',
	'offline.problem.offline': 'The last try found no connection ({time}).',
	'offline.problem.server': 'The last try got no answer from the server ({time}).',
	'offline.problem.signedOut': 'The last try could not go: your session had ended ({time}).',
	'offline.sendNow': 'Send now',
	'offline.discard': 'Discard',
	'offline.discardConfirm':
		'Discard the check-in for {code} of {day} from this phone? It was not stored on the server, so it will be gone for good.',
	'offline.refusedHint':
		'Not stored on the server. You can fill in the form again with the values below, then discard this one.',
	'offline.values': 'What was saved',
	'offline.photos': 'Photos: {count}',
	'offline.openForm': 'Open the form',
	'offline.notice.sending': '{code}: sending…',
	'offline.notice.saved':
		'{code}: saved on this phone; it will be sent when the connection returns. You can fill in the next check-in.',
	'offline.notice.savedServer':
		'{code}: saved on this phone; the server did not answer, it will be sent again later.',
	'offline.notice.savedSignedOut':
		'{code}: saved on this phone. Your session has ended: sign in again and it will be sent.',
	'offline.notice.sent': 'Sent: {code}, {day}',
	'offline.notice.refused': 'The check-in for {code} was refused: {reason}',
	'offline.notice.signedOut':
		'Your session has ended. Sign in again; the check-ins stay on this phone.',
	'offline.signIn': 'Sign in again',
	'offline.refused.notFound': 'You can no longer see this grantee.',
	'offline.refused.forbidden': 'You may not record this check-in.',
	'offline.refused.tooLarge': 'The photos are too large to send.',
	'offline.refused.invalid': 'The form has errors.'
};
