// English for mn/indicators.ts: every key, no more and no fewer (checked by the type).
import type { indicators as mn } from '../mn/indicators';

export const indicators: Record<keyof typeof mn, string> = {
	'indicators.title': 'Donor indicators',
	'indicators.intro':
		"The programme's indicators in two columns: the programme's own figures (every participant, exact) and the donor report (only participants who consented, small cells hidden).",
	'indicators.asOf': 'As of {time}',
	'indicators.back': 'Programme dashboard',
	'indicators.chooser.label': 'Cohort',
	'indicators.chooser.submit': 'Show',

	'indicators.figures': 'Indicators',
	'indicators.table.caption': 'Indicators, cohort: {cohort}',
	'indicators.col.indicator': 'Indicator',
	'indicators.col.programme': 'Programme figure',
	'indicators.col.donor': 'Donor report',
	'indicators.col.value': 'Value',
	'indicators.col.soum': 'Soum',

	'indicators.key.trainedLifeSkills': 'Women trained in life skills and income generation',
	'indicators.key.trainedBusinessPlan': 'Women trained in business-plan development',
	'indicators.key.officialsTrained': 'Government officials trained',
	'indicators.key.officialsTrainers': 'Officials who became trainers',
	'indicators.key.plansSubmitted': 'Business plans submitted',
	'indicators.key.grantsAwarded': 'Grants awarded',
	'indicators.key.firstTranchePaid': 'Grants with the first tranche paid',
	'indicators.key.totalPaidMnt': 'Total paid (₮)',
	'indicators.key.operatingLatest': 'Businesses operating at the latest check-in',
	'indicators.key.indirectBeneficiaries': 'Indirect beneficiaries (estimate)',

	'indicators.referral.title': 'Participants by referral source',
	'indicators.referral.row': 'Referred by: {source}',
	'indicators.share': '{count} ({share}%)',

	'indicators.explain':
		'{excluded} women without consent to donor reporting are left out of the donor column ({included} are counted). Cells of fewer than 5 people show "<5", so that no one can be singled out.',
	'indicators.bySoum.title': 'Donor report by soum',
	'indicators.bySoum.hint':
		'When a column would hide only one cell, a second one is hidden too, so the hidden one cannot be worked out from the total.',
	'indicators.step.lifeSkills': 'Life-skills training',
	'indicators.step.businessPlan': 'Business-plan training',
	'indicators.step.planSubmitted': 'Plan submitted',
	'indicators.step.awarded': 'Grant awarded',
	'indicators.step.firstPaid': 'First tranche paid',

	'indicators.downloads': 'Download the report',
	'indicators.link.csv': 'Download CSV',
	'indicators.link.print': 'Printable report',
	'indicators.link.json': 'JSON',
	'indicators.downloadsHint':
		'The CSV file and the printable report carry only the donor report. Each download and print is recorded in the audit log.',

	'indicators.indirect.title': 'Indirect beneficiaries',
	'indicators.indirect.label': 'Number of indirect beneficiaries',
	'indicators.indirect.hint':
		'An estimate of the migrants who benefit without taking part. A whole number from 0 to 10,000,000.',
	'indicators.indirect.submit': 'Save',
	'indicators.indirect.saved': 'The number of indirect beneficiaries is saved.',

	'indicators.error.indirect': 'Enter a whole number from 0 to 10,000,000.',
	'indicators.error.noCohort': 'There is no such cohort.',
	'indicators.error.forbidden': 'Only programme coordinators may see this report.',

	'indicators.report.title': 'Report to the donor',
	'indicators.report.programme': 'Programme',
	'indicators.report.cohort': 'Cohort',
	'indicators.report.date': 'Date',
	'indicators.report.included': 'Participants counted',
	'indicators.report.excluded': 'Left out for lack of consent',
	'indicators.report.suppression':
		'Cells of fewer than 5 people show "<5"; money paid to fewer than 5 people is hidden too. The number of indirect beneficiaries is an estimate.',
	'indicators.report.consent':
		'{excluded} participants who did not give, or withdrew, consent to donor reporting are not in this report.',
	'indicators.print.button': 'Print',
	'indicators.print.back': 'Back to the indicators'
};
