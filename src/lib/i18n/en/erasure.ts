// English for mn/erasure.ts: every key, no more and no fewer (checked by the type).
import type { erasure as mn } from '../mn/erasure';

export const erasure: Record<keyof typeof mn, string> = {
	'erasure.title': 'Erase her personal data',
	'erasure.label': 'Erased participant',
	'erasure.rule':
		'Her data is kept for {years} years after her last programme activity ({last}). She may ask for it to be erased at any time.',
	'erasure.eligibleNow': 'The retention period ended on {date}: her data may be erased.',
	'erasure.notYet': 'The retention period ends on {date}. Until then, erase only on her request.',
	'erasure.incomplete':
		'An erasure of her data began and did not finish. Run it again to complete it.',
	'erasure.removed':
		'What goes: her name, phone, national ID, address and the rest of her profile; everything written about her (plan texts, comments, check-in and safeguarding notes); bank details; receipt and photo files; her sign-in.',
	'erasure.kept':
		'What stays: her code, soum, stage, dates, scores, amounts, attendance, check-in figures and consent decisions: the reports do not change.',
	'erasure.field.basis': 'Basis',
	'erasure.basis.retention': 'The retention period has ended',
	'erasure.basis.request': 'She asked for it',
	'erasure.field.reason': 'Reason',
	'erasure.reason.retention_ended': 'Retention period ended',
	'erasure.reason.written_request': 'Written request',
	'erasure.reason.verbal_request': 'Verbal request (witnessed)',
	'erasure.reason.consent_withdrawn': 'She withdrew her consent',
	'erasure.reason.safety': 'Her safety',
	'erasure.field.confirmation': 'To confirm, type her code: {code}',
	'erasure.hint.confirmation': 'This cannot be undone.',
	'erasure.submit': 'Erase her personal data',
	'erasure.done': 'Her personal data was erased.',
	'erasure.erasedOn': 'Erased on {date} by {name}.',
	'erasure.byUnknown': 'an unknown staff member',
	'erasure.error.basis': 'Choose a basis.',
	'erasure.error.reason': 'Choose a reason.',
	'erasure.error.confirmation': 'Type her code.',
	'erasure.error.reasonNotForBasis': 'This reason does not fit the basis chosen.',
	'erasure.error.confirmationMismatch': 'What you typed is not her code.',
	'erasure.error.notYetEligible':
		'The retention period does not end until {date}: for now, erase only on her request.'
};
