// English for mn/grantStaff.ts: every key, no more and no fewer (checked by the type).
import type { grantStaff as mn } from '../mn/grantStaff';

export const grantStaff: Record<keyof typeof mn, string> = {
	'grantStaff.title': 'Grants',
	'grantStaff.back': 'All grants',
	'grantStaff.byState': 'By state',
	'grantStaff.all': 'All: {count}',
	'grantStaff.stateCount': '{state}: {count}',
	'grantStaff.overdueCount': 'Overdue: {count}',
	'grantStaff.money': 'Money',
	'grantStaff.filter': 'Filter',
	'grantStaff.list': 'Grants',
	'grantStaff.none': 'No grant is in this state.',
	'grantStaff.next': 'Next tranche',
	'grantStaff.nextTranche': 'Tranche {no}, {amount}',
	'grantStaff.overdue': 'Overdue',
	'grantStaff.daysOverdue': '{days} days overdue',
	'grantStaff.business': 'Business',

	'grantStaff.rules.title': 'Default tranche schedule',
	'grantStaff.rules.hint':
		'Applies at once to every unsigned grant whose schedule was not changed on its own. The percentages add up to 100. Leave a percentage empty to remove that tranche.',
	'grantStaff.rules.percent': 'Percent (%)',
	'grantStaff.rules.save': 'Save the default schedule',
	'grantStaff.rules.saved': 'Default schedule saved. Applied to {count} unsigned grants.',

	'grantStaff.schedule.title': 'This grant’s schedule',
	'grantStaff.schedule.hint':
		'May be changed until the agreement is signed. The amounts add up to {amount}. Leave an amount empty to remove that tranche.',
	'grantStaff.schedule.amount': 'Amount (₮)',
	'grantStaff.schedule.save': 'Save the schedule',
	'grantStaff.schedule.saved': 'This grant’s schedule was saved.',
	'grantStaff.problem.count': 'A schedule has 1 to 4 tranches.',
	'grantStaff.problem.amount': 'Every tranche is a whole number of at least 1.',
	'grantStaff.problem.sum': 'The tranches do not add up to the grant (or to 100%).',
	'grantStaff.problem.firstGate': 'The first tranche is paid on signing.',
	'grantStaff.problem.gate': 'Choose the condition of every tranche.',

	'grantStaff.sign.title': 'Agreement',
	'grantStaff.sign.record': 'Record the signing',
	'grantStaff.sign.signedOn': 'Day signed',
	'grantStaff.sign.witnessedBy': 'Witness’s full name',
	'grantStaff.sign.save': 'Record the signing',
	'grantStaff.sign.saved': 'The signing of the agreement was recorded.',
	'grantStaff.sign.done': 'Signed on {date}, witnessed by {witness}. Recorded by {by}.',
	'grantStaff.sign.print': 'Print the agreement',

	'grantStaff.request.title': 'Payment request for tranche {no} ({amount})',
	'grantStaff.request.open': 'Request payment',
	'grantStaff.request.hint':
		'The money moves once another staff member in finance approves the request.',
	'grantStaff.request.method': 'Payment method',
	'grantStaff.request.bankName': 'Bank',
	'grantStaff.request.accountName': 'Account holder',
	'grantStaff.request.accountNumber': 'Account number',
	'grantStaff.request.supplierName': 'Supplier',
	'grantStaff.request.reference': 'Payment reference',
	'grantStaff.request.referenceDefault': '{code}, tranche {no}',
	'grantStaff.request.note': 'Note (optional)',
	'grantStaff.request.submit': 'Send the payment request',
	'grantStaff.request.sent':
		'Payment requested. It will be paid once a finance officer approves it.',

	'grantStaff.history.title': 'Payment history',
	'grantStaff.history.empty': 'No payment has been requested yet.',
	'grantStaff.history.kind': 'Step',
	'grantStaff.history.event.requested': 'Requested',
	'grantStaff.history.event.approved': 'Approved',
	'grantStaff.history.event.rejected': 'Rejected',
	'grantStaff.history.event.paid': 'Paid',
	'grantStaff.history.tranche': 'Tranche',
	'grantStaff.history.by': 'By',
	'grantStaff.history.at': 'When',
	'grantStaff.history.reason': 'Reason',
	'grantStaff.history.paidOn': 'Paid on',
	'grantStaff.history.references': 'Method, references',

	'grantStaff.verification.title': 'Business verified as operating',
	'grantStaff.verification.none': 'The mentor has not yet verified that the business is operating.',
	'grantStaff.verification.by': 'Mentor',
	'grantStaff.verification.visitedOn': 'Visited on',
	'grantStaff.verification.note': 'Note',

	'grantStaff.agreement.back': 'Back',
	'grantStaff.agreement.title': 'Grant agreement',
	'grantStaff.agreement.meta': 'Participant code {code} · {cohort}',
	'grantStaff.agreement.programme':
		'Business Incubation Programme for Migrant Women of Umnugobi Province',
	'grantStaff.agreement.parties': '1. Parties',
	'grantStaff.agreement.partiesText':
		'The {programme} (the “Programme”), of the one part, and {name}, resident of {soum} soum (participant code {code}; the “Grantee”), of the other part, make this agreement on the following terms.',
	'grantStaff.agreement.subject': '2. Subject',
	'grantStaff.agreement.subjectText':
		'The Programme gives the Grantee a grant of {amount} to carry out her business plan “{business}”.',
	'grantStaff.agreement.subjectTextPlain':
		'The Programme gives the Grantee a grant of {amount} to carry out her business plan.',
	'grantStaff.agreement.lines': '3. What the grant is for',
	'grantStaff.agreement.linesText':
		'The grant is spent on these budget lines of her business plan:',
	'grantStaff.agreement.line': 'Budget line',
	'grantStaff.agreement.planned': 'Planned amount',
	'grantStaff.agreement.total': 'Total',
	'grantStaff.agreement.noLines': 'The plan has no budget lines.',
	'grantStaff.agreement.schedule': '4. Tranche schedule',
	'grantStaff.agreement.scheduleText':
		'The grant is paid in these tranches, each once its condition is met. Together they make {amount}.',
	'grantStaff.agreement.tranche': 'Tranche',
	'grantStaff.agreement.amount': 'Amount',
	'grantStaff.agreement.condition': 'Paid',
	'grantStaff.agreement.obligations': '5. The Grantee’s obligations',
	'grantStaff.agreement.useForPlan':
		'To use the grant only for the budget lines of her business plan listed above.',
	'grantStaff.agreement.keepReceipts':
		'To keep the receipt of every purchase and hand it to the Programme.',
	'grantStaff.agreement.mentorVisits':
		'To receive the soum mentor’s visits and calls for 12 months after signing.',
	'grantStaff.agreement.reportChanges':
		'To tell the Programme promptly of any change to her business, address, phone number or plan.',
	'grantStaff.agreement.signatures': 'Signatures',
	'grantStaff.agreement.grantee': 'Grantee',
	'grantStaff.agreement.forProgramme': 'For the Programme',
	'grantStaff.agreement.witness': 'Witness',
	'grantStaff.agreement.name': 'Full name',
	'grantStaff.agreement.signature': 'Signature',
	'grantStaff.agreement.signedOn': 'Date signed'
};
