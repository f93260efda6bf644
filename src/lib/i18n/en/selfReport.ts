// English for mn/selfReport.ts: every key, no more and no fewer (checked by the type).
import type { selfReport as mn } from '../mn/selfReport';

export const selfReport: Record<keyof typeof mn, string> = {
	'selfReport.section.title': 'My business check-ins',
	'selfReport.section.intro':
		'Your mentor visits or phones your business every month and notes how it is going. You can also add your own figures each month.',
	'selfReport.section.mentor': 'Your mentor',
	'selfReport.section.noMentor': 'No mentor has been assigned to you yet.',
	'selfReport.section.nextVisit': 'Next visit',
	'selfReport.section.nextBy': 'by {date}',
	'selfReport.section.allDone': 'All visits are done.',
	'selfReport.section.noSchedule':
		'Your visit schedule starts once the first part of your grant is paid.',
	'selfReport.section.visitsDone': 'Visits done',
	'selfReport.section.visitsCount': '{done} of {total}',
	'selfReport.section.schedule': 'See the visit schedule',
	'selfReport.section.add': 'Add this month’s figures',
	'selfReport.section.addHint':
		'If you add your sales and costs each month, your mentor can help you better.',
	'selfReport.section.notYet': 'You can add your monthly figures once your agreement is signed.',
	'selfReport.section.history': 'Check-ins and the figures you added',
	'selfReport.saved': 'Thank you! Your figures are saved.',
	'selfReport.title': 'Add my monthly figures',
	'selfReport.intro':
		'Write your business figures for one month. They are marked “self-reported”, and your mentor will see them.',
	'selfReport.month.hint': 'Which month are the figures for? For example: 2026-03',
	'selfReport.money.legend': 'Money last month',
	'selfReport.money.hint': 'Whole tögrög, for example 850000. Write 0 if there was none.',
	'selfReport.customers.hint': 'About how many people buy from you in a week?',
	'selfReport.workers.hint':
		'How many people work in the business? If you work in it yourself, owner = 1.',
	'selfReport.problems.hint': 'Optional. What is difficult?',
	'selfReport.submit': 'Save my figures',
	'selfReport.cancel': 'Cancel and go back',
	'selfReport.fixBelow': 'Please correct what is marked in red, then save again.'
};
