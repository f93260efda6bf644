// English for mn/planReview.ts: every key, no more and no fewer (checked by the type).
import type { planReview as mn } from '../mn/planReview';

export const planReview: Record<keyof typeof mn, string> = {
	'planReview.title': 'Business plans',
	'planReview.counts': 'By state',
	'planReview.allStates': 'All',
	'planReview.state': 'State',
	'planReview.filter': 'Filter',
	'planReview.none': 'No participant matches this filter.',
	'planReview.version': 'Version',
	'planReview.versionN': 'Version {version}',
	'planReview.submittedAt': 'Submitted',
	'planReview.submittedOn': 'Submitted {date}',
	'planReview.returnedAt': 'Returned',
	'planReview.grantRequested': 'Grant requested',
	'planReview.deadline.none': 'No plan deadline is set for this cohort.',
	'planReview.deadline.days': '{days} days left until the plan deadline.',
	'planReview.deadline.today': 'The plan deadline is today.',
	'planReview.deadline.passed': 'The plan deadline has passed.',
	'planReview.deadline.on': 'deadline {date}',
	'planReview.planOf': 'Business plan: {name}',
	'planReview.returnReason': 'Returned for revision because',
	'planReview.versions': 'Version history',
	'planReview.versions.none': 'No version submitted yet.',
	'planReview.return.title': 'Return for revision',
	'planReview.return.hint':
		'Returning opens a new draft for her to revise. The submitted version is kept unchanged.',
	'planReview.return.reason': 'What to revise (reason)',
	'planReview.return.submit': 'Return for revision',
	'planReview.returned': 'The plan was returned for revision. A new draft is open for her.',
	'planReview.comment.label': 'Comment: {section}',
	'planReview.comment.submit': 'Add comment',
	'planReview.comment.added': 'Comment added.',
	'planReview.print': 'Print',
	'planReview.print.hint': 'A submitted version never changes. It prints on A4.',
	'planReview.mentor.title': "Participant's business plan",
	'planReview.mentor.hint':
		'You can read the plan and leave a comment on each section. Only she can change it.',
	'planReview.mentor.plan': 'Business plan',
	'planReview.mentor.openPlan': 'Open plan ({code})',
	'planReview.error.reasonShort': 'Write the reason in at least 5 characters.',
	'planReview.error.commentEmpty': 'Write your comment.',
	'planReview.error.tooLong': 'Too long: write at most 2000 characters.',
	'planReview.error.section': 'Unknown plan section.',
	'planReview.error.inReview':
		'The committee is already reviewing this plan, so it cannot be returned. Remove its reviewers first.',
	'planReview.error.notSubmitted':
		'This plan is not in the submitted state, so it cannot be returned. Reload the page.'
};
