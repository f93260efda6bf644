// The committee's meeting pack as CSV: one row per plan in rank order, pseudonymised (codes,
// reviewers by letter), with each criterion's scores and comments joined per plan. Written by
// lib/server/csv.ts, like the participant export.
import { isMessageKey, type Locale, type MessageKey, type MessageParams } from '$lib/i18n';
import { soumLabel } from '$lib/i18n/format';
import { csvDocument } from '$lib/server/csv';
import type { meetingPack } from '$lib/server/services/committee';

export type MeetingPack = Awaited<ReturnType<typeof meetingPack>>;
type Translate = (key: MessageKey, params?: MessageParams) => string;

/** Points to one decimal, or empty. */
const points = (value: number | null | undefined) =>
	value === null || value === undefined ? '' : value.toFixed(1);

export function committeePackCsv(
	pack: MeetingPack,
	{
		t,
		locale,
		soums
	}: {
		t: Translate;
		locale: Locale;
		soums: { code: string; nameMn: string; nameEn: string }[];
	}
): string {
	const yesNo = (value: boolean) => t(value ? 'committee.yes' : 'committee.no');
	const businessType = (type: string) => {
		const key = `plan.businessType.${type}`;
		return type && isMessageKey(key) ? t(key) : type;
	};
	const criterionLabel = (c: MeetingPack['criteria'][number]) => c.label[locale] || c.key;
	// Only criteria the committee scores have per-reviewer scores; the need score has its column.
	const scored = pack.criteria.filter((c) =>
		pack.rows.some((row) => row.reviews.some((r) => r.items.some((i) => i.criterion === c.key)))
	);

	const header = [
		t('committee.csv.rank'),
		t('committee.csv.tied'),
		t('committee.csv.code'),
		t('committee.csv.soum'),
		t('committee.csv.businessType'),
		t('committee.csv.requested'),
		t('committee.csv.reviewerTotals'),
		t('committee.csv.reviews'),
		t('committee.csv.reviewsNeeded'),
		t('committee.csv.mean'),
		t('committee.csv.min'),
		t('committee.csv.max'),
		t('committee.csv.spread'),
		t('committee.csv.divergent'),
		t('committee.csv.normalised'),
		t('committee.csv.need'),
		t('committee.csv.score'),
		t('committee.csv.running'),
		t('committee.csv.withinBudget'),
		t('committee.csv.outcome'),
		t('committee.csv.amount'),
		t('committee.csv.reason'),
		...scored.flatMap((c) => [
			t('committee.csv.criterionScores', { criterion: criterionLabel(c) }),
			t('committee.csv.criterionComments', { criterion: criterionLabel(c) })
		])
	];

	const lines: unknown[][] = [header];
	for (const row of pack.rows) {
		const perCriterion = scored.flatMap((c) => {
			const items = row.reviews.map((r) => ({
				letter: r.letter,
				item: r.items.find((i) => i.criterion === c.key)
			}));
			const scores = items
				.filter(({ item }) => item && item.score !== null)
				.map(({ letter, item }) => `${letter}: ${item!.score}`)
				.join('; ');
			const comments = items
				.filter(({ item }) => item?.comment.trim())
				.map(({ letter, item }) => `${letter}: ${item!.comment.trim()}`)
				.join('\n');
			return [scores, comments];
		});
		const values: unknown[] = [
			row.rank,
			row.tied ? yesNo(true) : '',
			row.code,
			soumLabel(soums, row.soum, locale),
			businessType(row.businessType),
			row.requestedMnt,
			row.reviews.map((r) => `${r.letter}: ${points(r.total)}`).join('; '),
			row.statistics.count,
			row.statistics.reviewsNeeded,
			points(row.statistics.mean),
			points(row.statistics.min),
			points(row.statistics.max),
			points(row.statistics.spread),
			yesNo(row.statistics.divergent),
			points(row.normalisedMean),
			row.needScore,
			points(row.score),
			row.runningTotalMnt,
			yesNo(row.withinBudget),
			t(`review.outcome.${row.decision?.outcome ?? 'undecided'}`),
			row.decision?.outcome === 'award' ? row.decision.amountMnt : '',
			row.decision?.reason ?? '',
			...perCriterion
		];
		lines.push(values);
	}
	return csvDocument(lines);
}
