// English for mn/grantOwn.ts: every key, no more and no fewer (checked by the type).
import type { grantOwn as mn } from '../mn/grantOwn';

export const grantOwn: Record<keyof typeof mn, string> = {
	'grantOwn.title': 'My grant',
	'grantOwn.business': 'Business',
	'grantOwn.amount': 'Your grant',
	'grantOwn.paidSoFar': 'Paid to you so far',
	'grantOwn.remaining': 'Still to come',
	'grantOwn.state': 'Where it stands',
	'grantOwn.state.agreementPending': 'Agreement to sign',
	'grantOwn.state.paymentDue': 'Payment being arranged',
	'grantOwn.state.inPayment': 'Payment being arranged',
	'grantOwn.state.awaitingVerification': 'Waiting for your mentor’s visit',
	'grantOwn.state.completed': 'Paid in full',
	'grantOwn.state.cancelled': 'Withdrawn',
	'grantOwn.next.title': 'What happens next, and what you need to do',
	'grantOwn.next.agreementPending':
		'Please come to the soum office with your ID card to sign your grant agreement.',
	'grantOwn.next.afterSigning':
		'Once you have signed, the first part ({amount}) will be paid to you.',
	'grantOwn.next.inPayment':
		'The programme is arranging payment of part {no} ({amount}). You do not need to do anything now.',
	'grantOwn.next.awaitingVerification':
		'Your mentor will visit your business to see that it is running. After that, part {no} ({amount}) will be paid.',
	'grantOwn.next.keepReceipts':
		'Keep the receipts for what you buy, and add a photo of each below.',
	'grantOwn.next.completed':
		'Your grant has been paid in full. Please keep adding your receipts and meeting your mentor.',
	'grantOwn.next.cancelled':
		'The decision on this grant was withdrawn. If you have questions, please contact the programme staff.',
	'grantOwn.noAction': 'You do not need to do anything now.',
	'grantOwn.history.title': 'Money paid to you',
	'grantOwn.history.empty': 'Nothing has been paid yet.',
	'grantOwn.history.paidOn': 'Paid on',
	'grantOwn.agreement.title': 'Agreement',
	'grantOwn.agreement.signed': 'You signed the agreement on {date}.',
	'grantOwn.agreement.notSigned': 'The agreement has not been signed yet.',
	'grantOwn.agreement.open': 'See or print my agreement',
	'grantOwn.verified':
		'Your mentor {name} visited on {date} and confirmed your business is running.',
	'grantOwn.receiptsHint':
		'To show how the money was spent, link each receipt to a cost line of your business plan.',
	'grantOwn.card.title': 'Grant',
	'grantOwn.card.summary': '{paid} of {amount} paid to you.',
	'grantOwn.card.open': 'See my grant',
	'grantOwn.mentor.title': 'Grant · {name}',
	'grantOwn.mentor.name': 'Participant',
	'grantOwn.mentor.soum': 'Soum',
	'grantOwn.mentor.history': 'Payments made',
	'grantOwn.mentor.needsYou': 'Needs your verification',
	'grantOwn.verify.done': '{name} visited on {date} and confirmed the business is operating.'
};
