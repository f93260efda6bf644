// The scoring rubric: criteria scored 1 to 5, weighted to a total out of 100 (DOMAIN.md).
// A cohort keeps its own copy, editable until the first score is saved.

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;
export const MAX_CRITERIA = 10;
export const LABEL_MAX = 120;
export const LEVEL_MAX = 300;
export const COMMENT_MAX = 1000;

/** Who scores a criterion: the blind committee, or a social worker / coordinator who knows her. */
export const SCORERS = ['committee', 'staff'] as const;
export type Scorer = (typeof SCORERS)[number];

export interface Text {
	mn: string;
	en: string;
}

export interface Criterion {
	/** Stable key, [a-z][a-zA-Z0-9]*: scores refer to it. */
	key: string;
	label: Text;
	/** Whole points out of 100. */
	weight: number;
	/** What a 1, 2, 3, 4 and 5 mean, in that order. */
	levels: Text[];
	scoredBy: Scorer;
}

const levels = (mn: string[], en: string[]): Text[] => mn.map((m, i) => ({ mn: m, en: en[i]! }));

/** The default rubric of DOMAIN.md. */
export const DEFAULT_RUBRIC: Criterion[] = [
	{
		key: 'viability',
		label: { mn: 'Бизнесийн амьдрах чадвар', en: 'Viability of the business' },
		weight: 25,
		scoredBy: 'committee',
		levels: levels(
			[
				'Санаа тодорхойгүй, ашиг олох арга харагдахгүй',
				'Санаа бий, гэхдээ гол асуудлууд хариултгүй',
				'Боломжтой, зарим эрсдэл тодорхойгүй',
				'Тодорхой, бодитой, эрсдэлээ мэддэг',
				'Маш тодорхой, ашигтай ажиллах нь итгэлтэй'
			],
			[
				'The idea is unclear; no way to make a profit is shown',
				'There is an idea, but the main questions are unanswered',
				'Workable, with some risks not thought through',
				'Clear and realistic; she knows her risks',
				'Very clear; confident it will run at a profit'
			]
		)
	},
	{
		key: 'market',
		label: { mn: 'Хэрэглэгч, зах зээлийн ойлголт', en: 'Understanding of customers and market' },
		weight: 15,
		scoredBy: 'committee',
		levels: levels(
			[
				'Хэрэглэгчээ тодорхойлоогүй',
				'Хэрэглэгчийг ерөнхийд нь дурдсан',
				'Хэрэглэгч, өрсөлдөгчөө мэддэг',
				'Хэрэглэгчийн хэрэгцээ, үнийг судалсан',
				'Зах зээлээ нарийн мэддэг, баримттай'
			],
			[
				'No customers are named',
				'Customers are named only in general',
				'She knows her customers and competitors',
				'She has looked into customers’ needs and prices',
				'She knows her market in detail, with evidence'
			]
		)
	},
	{
		key: 'budget',
		label: { mn: 'Төсөв, таамаглалын бодитой байдал', en: 'Realism of the budget and forecast' },
		weight: 20,
		scoredBy: 'committee',
		levels: levels(
			[
				'Тоо дутуу эсвэл бодит бус',
				'Ихэнх тоо үндэслэлгүй',
				'Ерөнхийдөө боломжийн, зарим зөрүүтэй',
				'Бодитой, үнэ нь үндэслэлтэй',
				'Бүрэн, бодитой, мөнгөн урсгал эерэг'
			],
			[
				'Figures missing or unrealistic',
				'Most figures have no basis',
				'Broadly reasonable, with some gaps',
				'Realistic, with prices that have a basis',
				'Complete and realistic; cash flow stays positive'
			]
		)
	},
	{
		key: 'skills',
		label: { mn: 'Ур чадвар, тууштай байдал', en: 'Skills and commitment' },
		weight: 15,
		scoredBy: 'committee',
		levels: levels(
			[
				'Холбогдох туршлага, ур чадвар алга',
				'Бага зэргийн туршлагатай',
				'Туршлагатай, суралцах хүсэлтэй',
				'Сайн ур чадвартай, тууштай',
				'Өндөр ур чадвартай, амжилт нь нотлогдсон'
			],
			[
				'No relevant experience or skills',
				'A little experience',
				'Experienced and willing to learn',
				'Good skills and committed',
				'Highly skilled, with a proven record'
			]
		)
	},
	{
		key: 'impact',
		label: { mn: 'Ажлын байр, нийгмийн нөлөө', en: 'Jobs and social impact' },
		weight: 10,
		scoredBy: 'committee',
		levels: levels(
			[
				'Нөлөө алга',
				'Зөвхөн өөртөө ажлын байр',
				'Өрх гэрийн орлого нэмэгдэнэ',
				'Өөр хүнд ажлын байр бий болно',
				'Хэд хэдэн ажлын байр, орон нутагт нөлөөтэй'
			],
			[
				'No impact',
				'A job for herself only',
				'Raises her household’s income',
				'Creates a job for someone else',
				'Several jobs and a benefit to the community'
			]
		)
	},
	{
		key: 'need',
		label: { mn: 'Хэрэгцээ, эмзэг байдал', en: 'Need and vulnerability' },
		weight: 15,
		scoredBy: 'staff',
		levels: levels(
			[
				'Хэрэгцээ бага',
				'Хэрэгцээ дунджаас бага',
				'Дундаж хэрэгцээтэй',
				'Хэрэгцээ өндөр',
				'Хэрэгцээ маш өндөр, эмзэг байдалтай'
			],
			[
				'Low need',
				'Below-average need',
				'Average need',
				'High need',
				'Very high need and vulnerability'
			]
		)
	}
];

export type RubricProblem =
	| 'empty'
	| 'tooMany'
	| 'weightSum'
	| 'weightRange'
	| 'duplicateKey'
	| 'badKey'
	| 'label'
	| 'levels'
	| 'noCommittee'
	| 'tooManyStaff';

/** Why a rubric cannot be used, or [] when it can. */
export function rubricProblems(criteria: readonly Criterion[]): RubricProblem[] {
	const problems = new Set<RubricProblem>();
	if (criteria.length === 0) return ['empty'];
	if (criteria.length > MAX_CRITERIA) problems.add('tooMany');
	const keys = new Set<string>();
	let sum = 0;
	for (const c of criteria) {
		if (!/^[a-z][a-zA-Z0-9]{0,30}$/.test(c.key)) problems.add('badKey');
		if (keys.has(c.key)) problems.add('duplicateKey');
		keys.add(c.key);
		if (!Number.isInteger(c.weight) || c.weight < 1 || c.weight > 100) problems.add('weightRange');
		sum += c.weight;
		const label = (t: Text) => t.mn.trim() && t.en.trim() && t.mn.length <= LABEL_MAX;
		if (!label(c.label) || c.label.en.length > LABEL_MAX) problems.add('label');
		if (
			c.levels.length !== SCORE_MAX ||
			c.levels.some((l) => l.mn.length > LEVEL_MAX || l.en.length > LEVEL_MAX)
		)
			problems.add('levels');
	}
	if (sum !== 100) problems.add('weightSum');
	if (!criteria.some((c) => c.scoredBy === 'committee')) problems.add('noCommittee');
	if (criteria.filter((c) => c.scoredBy === 'staff').length > 1) problems.add('tooManyStaff');
	return [...problems];
}

export const committeeCriteria = (criteria: readonly Criterion[]) =>
	criteria.filter((c) => c.scoredBy === 'committee');

export const staffCriterion = (criteria: readonly Criterion[]) =>
	criteria.find((c) => c.scoredBy === 'staff') ?? null;

export function isScore(value: unknown): value is number {
	return (
		Number.isInteger(value) && (value as number) >= SCORE_MIN && (value as number) <= SCORE_MAX
	);
}

/** Scores keyed by criterion key; a missing or null score is not yet given. */
export type Scores = Record<string, number | null | undefined>;

/** Committee criteria still without a score. */
export function missingScores(criteria: readonly Criterion[], scores: Scores): string[] {
	return committeeCriteria(criteria)
		.filter((c) => !isScore(scores[c.key]))
		.map((c) => c.key);
}

/**
 * One reviewer's weighted total on the committee criteria, 0–100: each score counts as
 * score/5 of its criterion's weight, rescaled so the committee's weights add up to 100.
 * Null until every committee criterion has a score.
 */
export function reviewerTotal(criteria: readonly Criterion[], scores: Scores): number | null {
	const committee = committeeCriteria(criteria);
	if (committee.length === 0 || missingScores(criteria, scores).length) return null;
	const weights = committee.reduce((sum, c) => sum + c.weight, 0);
	const points = committee.reduce(
		(sum, c) => sum + (c.weight * (scores[c.key] as number)) / SCORE_MAX,
		0
	);
	return (100 * points) / weights;
}

/**
 * The plan's score out of 100: the committee's mean total counts for the committee's share of
 * the weights, the need score for its own. Null while either part is missing (a rubric
 * without a staff criterion needs only the committee part).
 */
export function combinedScore(
	criteria: readonly Criterion[],
	committeeMean: number | null,
	needScore: number | null
): number | null {
	if (committeeMean === null) return null;
	const staff = staffCriterion(criteria);
	if (!staff) return committeeMean;
	if (!isScore(needScore)) return null;
	const committeeWeight = committeeCriteria(criteria).reduce((sum, c) => sum + c.weight, 0);
	return (committeeMean * committeeWeight) / 100 + (staff.weight * needScore) / SCORE_MAX;
}
