// English for mn/reviewer.ts: every key, no more and no fewer (checked by the type).
import type { reviewer as mn } from '../mn/reviewer';

export const reviewer: Record<keyof typeof mn, string> = {
	'reviewer.intro':
		'Each plan is shown under a code, without her name. Opening one first asks you to declare any conflict of interest.',
	'reviewer.progress': '{submitted} of {total} submitted',
	'reviewer.progressLabel': 'Review progress',
	'reviewer.col.state': 'State',
	'reviewer.col.yourTotal': 'Your total',
	'reviewer.committeeLink': 'Committee ranking and decisions',
	'reviewer.conflictRemoved':
		'Thank you; the plan has been removed from your queue and the coordinator will reassign it.',
	'reviewer.back': 'My plans to review',
	'reviewer.planTitle': 'Plan {code}',
	'reviewer.version': 'version {version}',
	'reviewer.blindNote':
		'Name, phone, ID number and address are hidden. The soum is shown, the bag is not.',
	'reviewer.declare.title': 'Conflict of interest',
	'reviewer.declare.why':
		'Please answer before you read the plan. If the applicant may be your relative, neighbour, employer, employee or competitor, say you have a conflict: the plan leaves your queue and the coordinator gives it to another member. This keeps the scoring fair.',
	'reviewer.declare.question': 'Do you have a conflict of interest with this plan?',
	'reviewer.declare.no': 'I have no conflict of interest',
	'reviewer.declare.yes': 'I have a conflict',
	'reviewer.declare.kind': 'Kind of conflict',
	'reviewer.declare.kindHint': 'Choose one if you have a conflict.',
	'reviewer.declare.note': 'Note (optional)',
	'reviewer.declare.submit': 'Declare',
	'reviewer.toSheet': 'Go to the score sheet',
	'reviewer.sheet.title': 'Score sheet',
	'reviewer.sheet.hint':
		'Give each criterion a score from 1 to 5 and a short comment. Save a draft to continue later. Once you submit, your scores cannot change, and you will see the other members’ scores.',
	'reviewer.weight': 'Weight: {weight}',
	'reviewer.comment': 'Comment',
	'reviewer.save': 'Save draft',
	'reviewer.submit': 'Submit scores',
	'reviewer.saved': 'Draft saved.',
	'reviewer.savedAt': 'Draft saved at {time}',
	'reviewer.submittedAt': 'You submitted your scores at {time}.',
	'reviewer.yourScores': 'Your scores',
	'reviewer.yourTotal': 'Your total',
	'reviewer.others.title': 'The other members’ scores',
	'reviewer.others.none': 'No other member has submitted scores yet.',
	'reviewer.statistics': 'The plan’s scores',
	'reviewer.reviewCount': 'Reviews submitted',
	'reviewer.noComment': 'No comment',
	'reviewer.plan': 'Business plan'
};
