// How the programme is doing: the facts of one cohort gathered once (training, plans, scores,
// awards, payments, check-ins, consent), then counted by lib/domain/reporting into the
// dashboards, the programme's indicators and the donor report. Aggregates only: nothing here
// returns a person.
import { Types } from 'mongoose';
import { MIN_REVIEWS } from '$lib/domain/scoreAggregation';
import { dayOf, ulaanbaatarDay, type BusinessStatus } from '$lib/domain/mentoring';
import { BUSINESS_TYPES } from '$lib/domain/businessPlan';
import { currentConsent, REFERRAL_SOURCES, type ConsentEvent } from '$lib/domain/participant';
import {
	FUNNEL_STEPS,
	categoryOf,
	donorReport,
	funnel,
	funnelBySoum,
	indicatorsOf,
	mediansBy,
	operatingOverTime,
	paidOverTime,
	SPENDING_CATEGORIES,
	statusAtMonth,
	type FunnelStep,
	type ParticipantFacts,
	type SpendingCategory,
	type StatusOn
} from '$lib/domain/reporting';
import { audit } from '$lib/server/audit';
import type { SessionUser } from '$lib/server/auth/session';
import { AwardDecision } from '$lib/server/db/models/awardDecision';
import { BusinessPlan } from '$lib/server/db/models/businessPlan';
import { CheckIn } from '$lib/server/db/models/checkIn';
import { Cohort } from '$lib/server/db/models/cohort';
import { ConsentRecord } from '$lib/server/db/models/consentRecord';
import { Grant } from '$lib/server/db/models/grant';
import { GrantLedger } from '$lib/server/db/models/grantLedger';
import { MentorAssignment } from '$lib/server/db/models/mentorAssignment';
import { Participant } from '$lib/server/db/models/participant';
import { PlanVersion } from '$lib/server/db/models/planVersion';
import { Receipt } from '$lib/server/db/models/receipt';
import { Review } from '$lib/server/db/models/review';
import { SafeguardingConcern } from '$lib/server/db/models/safeguardingConcern';
import { User } from '$lib/server/db/models/user';
import { ReportSnapshot } from '$lib/server/db/models/reportSnapshot';
import { changedSince } from '$lib/server/changes';
import { cohortDoc } from './cohorts';
import { scheduleSummaries } from './mentoringViews';
import { cohortTraining } from './training';

export class ReportError extends Error {
	constructor(public readonly code: 'forbidden' | 'noCohort') {
		super(code);
	}
}

/** Programme staff: coordinators. (Admins run the system, not the programme.) */
function requireStaff(viewer: SessionUser) {
	if (!viewer.roles.includes('coordinator')) throw new ReportError('forbidden');
}

/** The cohort asked for by id, or the current one when none is asked for. */
async function cohortOf(cohortId?: string | null) {
	const cohort = await cohortDoc(cohortId);
	if (!cohort) throw new ReportError('noCohort');
	return cohort;
}

type CohortRow = Awaited<ReturnType<typeof cohortOf>>;

interface GrantFacts {
	grantId: string;
	participantId: string;
	soum: string;
	businessType: string;
	/** Ulaanbaatar day her first tranche was paid; null before. */
	paidDay: string | null;
	paidMnt: number;
	checkIns: (StatusOn & { salesMnt: number; workers: number })[];
	budgetLines: { key: string; plannedMnt: number }[];
}

/** The latest decision on each plan of the cohort. */
async function latestOutcomes(cohortId: Types.ObjectId): Promise<Map<string, string>> {
	const decisions = await AwardDecision.find({ cohortId }, { planId: 1, outcome: 1, seq: 1 })
		.sort({ seq: 1 })
		.lean();
	return new Map(decisions.map((d) => [String(d.planId), d.outcome]));
}

/** Everything the reports count, for one cohort, on `today` (an Ulaanbaatar day). */
async function cohortFacts(cohort: CohortRow, today: string) {
	const cohortId = cohort._id;
	const participants = await Participant.find({ cohortId }, { soum: 1, referralSource: 1 }).lean();
	const ids = participants.map((p) => p._id);
	const [training, consents, plans, reviewCounts, outcomes, grants, ledger, checkIns] =
		await Promise.all([
			cohortTraining(cohortId),
			ConsentRecord.find(
				{ participantId: { $in: ids }, purpose: 'donor_reporting' },
				{ participantId: 1, purpose: 1, action: 1, on: 1, method: 1, recordedAt: 1 }
			)
				.sort({ recordedAt: 1 })
				.lean(),
			BusinessPlan.find({ cohortId }, { participantId: 1, state: 1 }).lean(),
			Review.aggregate<{ _id: Types.ObjectId; count: number }>([
				{ $match: { cohortId } },
				{ $group: { _id: '$planId', count: { $sum: 1 } } }
			]),
			latestOutcomes(cohortId),
			Grant.find({ cohortId, cancelledAt: { $exists: false } }).lean(),
			GrantLedger.find(
				{ cohortId, kind: 'paid' },
				{ grantId: 1, trancheNo: 1, amountMnt: 1, paidOn: 1, at: 1 }
			)
				.sort({ seq: 1 })
				.lean(),
			CheckIn.find(
				{ cohortId, source: 'mentor' },
				{
					grantId: 1,
					on: 1,
					businessStatus: 1,
					salesMnt: 1,
					workersOwner: 1,
					workersPaid: 1,
					workersFamily: 1
				}
			)
				.sort({ on: 1, _id: 1 })
				.lean()
		]);
	// The plan versions decided on (an empty $or is an error on MongoDB: no grants, no query).
	const versions = grants.length
		? await PlanVersion.find(
				{ $or: grants.map((g) => ({ planId: g.planId, version: g.planVersion })) },
				{ planId: 1, content: 1 }
			).lean()
		: [];

	const consentEvents = new Map<string, ConsentEvent[]>();
	for (const c of consents) {
		const key = String(c.participantId);
		consentEvents.set(key, [...(consentEvents.get(key) ?? []), c as unknown as ConsentEvent]);
	}
	const scored = new Set(
		reviewCounts.filter((r) => r.count >= MIN_REVIEWS).map((r) => String(r._id))
	);
	const typeOf = new Map(
		versions.map((v) => [
			String(v.planId),
			String((v.content as { idea?: { businessType?: string } })?.idea?.businessType || 'other')
		])
	);

	const grantFacts: GrantFacts[] = grants.map((g) => {
		const paid = ledger.filter((e) => String(e.grantId) === String(g._id));
		const first = paid.find((e) => e.trancheNo === 1) ?? paid[0];
		return {
			grantId: String(g._id),
			participantId: String(g.participantId),
			soum: g.soum,
			businessType: typeOf.get(String(g.planId)) ?? 'other',
			paidDay: first ? dayOf(first.paidOn ?? first.at) : null,
			paidMnt: paid.reduce((sum, e) => sum + e.amountMnt, 0),
			checkIns: checkIns
				.filter((c) => String(c.grantId) === String(g._id))
				.map((c) => ({
					day: dayOf(c.on),
					status: c.businessStatus as BusinessStatus,
					salesMnt: c.salesMnt,
					workers: c.workersOwner + c.workersPaid + c.workersFamily
				})),
			budgetLines: g.budgetLines.map((l) => ({ key: l.key, plannedMnt: l.plannedMnt }))
		};
	});
	const grantOf = new Map(grantFacts.map((g) => [g.participantId, g]));
	const planOf = new Map(plans.map((p) => [String(p.participantId), p]));

	const facts: ParticipantFacts[] = participants.map((p) => {
		const pid = String(p._id);
		const kinds = training.completed.get(pid);
		const plan = planOf.get(pid);
		const planId = plan ? String(plan._id) : '';
		const grant = grantOf.get(pid);
		const at = (months: number) =>
			grant?.paidDay
				? statusAtMonth(grant.paidDay, grant.checkIns, months, today) === 'operating'
				: false;
		const steps: Record<FunnelStep, boolean> = {
			lifeSkills: Boolean(kinds?.has('life_skills')),
			businessPlan: Boolean(kinds?.has('business_plan')),
			planSubmitted: plan?.state === 'submitted',
			scored: scored.has(planId),
			awarded: outcomes.get(planId) === 'award',
			firstPaid: Boolean(grant?.paidDay),
			operating6: at(6),
			operating12: at(12)
		};
		return {
			soum: p.soum,
			referralSource: p.referralSource,
			donorConsent: currentConsent(consentEvents.get(pid) ?? []).donor_reporting.given,
			steps,
			latestStatus: grant?.checkIns.at(-1)?.status ?? null,
			paidMnt: grant?.paidMnt ?? 0
		};
	});
	return { facts, grants: grantFacts, training, ledger };
}

const totalsOf = (cohort: CohortRow, training: Awaited<ReturnType<typeof cohortTraining>>) => ({
	officialsTrained: training.officials.trained,
	officialsTrainers: training.officials.trainers,
	indirectBeneficiaries: cohort.indirectBeneficiaries ?? 0
});

const cohortRef = (cohort: CohortRow) => ({
	id: String(cohort._id),
	code: cohort.code,
	name: cohort.name
});

/** Every figure of a cohort's reports, counted at `now`: what a snapshot keeps. */
async function countCohort(cohort: CohortRow, now: Date) {
	const today = ulaanbaatarDay(now);
	const { facts, grants, ledger, training } = await cohortFacts(cohort, today);
	const totals = totalsOf(cohort, training);
	const [money, mentoring] = await Promise.all([
		moneyOf(cohort, today, grants, ledger),
		mentoringOf(cohort._id, today)
	]);
	const withFigures = grants.filter((g) => g.checkIns.length > 0);
	const latest = (g: GrantFacts) => g.checkIns.at(-1)!;
	const dashboard = {
		soums: cohort.soums,
		funnel: {
			steps: FUNNEL_STEPS,
			overall: funnel(facts),
			bySoum: funnelBySoum(facts, cohort.soums)
		},
		money,
		businesses: {
			operating: operatingOverTime(
				grants.flatMap((g) => (g.paidDay ? [{ paidDay: g.paidDay, checkIns: g.checkIns }] : [])),
				today
			),
			bySoum: mediansBy(
				withFigures.map((g) => ({
					group: g.soum,
					salesMnt: latest(g).salesMnt,
					workers: latest(g).workers
				}))
			),
			byType: mediansBy(
				withFigures.map((g) => ({
					group: (BUSINESS_TYPES as readonly string[]).includes(g.businessType)
						? g.businessType
						: 'other',
					salesMnt: latest(g).salesMnt,
					workers: latest(g).workers
				}))
			)
		},
		mentoring
	};
	return {
		asOf: now.toISOString(),
		dashboard,
		indicators: indicatorsOf(facts, totals, REFERRAL_SOURCES),
		donor: donorReport(facts, totals, cohort.soums, REFERRAL_SOURCES)
	};
}

type CohortFigures = Awaited<ReturnType<typeof countCohort>>;

/**
 * Counting a cohort reads all of it (on the embedded database, every collection end to end:
 * docs/performance.md), so the figures are kept as a snapshot and counted again only when
 * something has changed since (an audited change in this process, lib/server/changes.ts) or
 * when the snapshot is older than this, for changes made by another process.
 */
const MAX_AGE_MS = 10 * 60_000;
/** How long a page waits for a recount before it shows the last snapshot, marked as such. */
const RECOUNT_WAIT_MS = 2_000;

/** The recount in progress per cohort, and when it started: one at a time unless stale. */
const recounts = new Map<string, { startedMs: number; figures: Promise<CohortFigures> }>();

function recount(cohort: CohortRow): Promise<CohortFigures> {
	const key = String(cohort._id);
	const running = recounts.get(key);
	if (running && !changedSince(running.startedMs)) return running.figures;
	const started = new Date();
	const figures = (async () => {
		const counted = await countCohort(cohort, started);
		try {
			// Never over a newer snapshot: that one's filter fails, the upsert's insert then
			// collides with its _id (11000), and the newer one stays.
			await ReportSnapshot.updateOne(
				{ _id: cohort._id, computedAt: { $lt: started } },
				{ $set: { computedAt: started, tookMs: Date.now() - started.getTime(), figures: counted } },
				{ upsert: true }
			);
		} catch (cause) {
			if ((cause as { code?: number }).code !== 11000) throw cause;
		}
		return counted;
	})().finally(() => {
		if (recounts.get(key)?.figures === figures) recounts.delete(key);
	});
	// A page that stopped waiting must not leave the failure unhandled.
	figures.catch((cause) => {
		// Shutting down (the database closed under a count) is not a failure worth a line.
		if ((cause as Error)?.name !== 'MongoClientClosedError')
			console.error(`Counting the reports of ${cohort.code} failed`, cause);
	});
	recounts.set(key, { startedMs: started.getTime(), figures });
	return figures;
}

/** A cohort's figures (countedFigures), with its typed settings as they are now. */
async function figuresOf(
	cohort: CohortRow,
	options: { fresh?: boolean } = {}
): Promise<CohortFigures & { recounting: boolean }> {
	return withSettings(await countedFigures(cohort, options), cohort);
}

/**
 * The indirect beneficiaries are a figure the coordinator types, not a count: always the
 * cohort's value as it is now, even over a snapshot that a recount has not yet replaced.
 */
function withSettings<F extends CohortFigures>(figures: F, cohort: CohortRow): F {
	const indirectBeneficiaries = cohort.indirectBeneficiaries ?? 0;
	return {
		...figures,
		indicators: { ...figures.indicators, indirectBeneficiaries },
		donor: { ...figures.donor, values: { ...figures.donor.values, indirectBeneficiaries } }
	};
}

/**
 * A cohort's figures: the snapshot when nothing has changed since it was counted; otherwise a
 * recount, waited for up to RECOUNT_WAIT_MS when the last count took less than that — else, or
 * past that, the last snapshot with `recounting` set (the page says newer figures are being
 * counted). Without a snapshot, or when `fresh` is asked for, the count itself.
 */
async function countedFigures(
	cohort: CohortRow,
	{ fresh = false } = {}
): Promise<CohortFigures & { recounting: boolean }> {
	const snapshot = await ReportSnapshot.findById(cohort._id).lean();
	if (snapshot) {
		const at = snapshot.computedAt.getTime();
		if (!changedSince(at) && Date.now() - at < MAX_AGE_MS)
			return { ...(snapshot.figures as CohortFigures), recounting: false };
	}
	const counting = recount(cohort);
	if (!snapshot || fresh) return { ...(await counting), recounting: false };
	// At scale a count takes minutes: the last snapshot, at once, until the new one is there.
	if (snapshot.tookMs > RECOUNT_WAIT_MS)
		return { ...(snapshot.figures as CohortFigures), recounting: true };
	const counted = await Promise.race([
		counting,
		new Promise<null>((resolve) => setTimeout(() => resolve(null), RECOUNT_WAIT_MS).unref())
	]);
	return counted
		? { ...counted, recounting: false }
		: { ...(snapshot.figures as CohortFigures), recounting: true };
}

/** Counts the current cohort's reports in the background (at start-up), if they need it. */
export async function warmReports(): Promise<void> {
	const cohort = await cohortDoc(null);
	if (!cohort) return;
	const snapshot = await ReportSnapshot.findById(cohort._id, { computedAt: 1 }).lean();
	if (!snapshot || Date.now() - snapshot.computedAt.getTime() >= MAX_AGE_MS)
		await recount(cohort).catch(() => undefined);
}

/** A cohort's figures, for a coordinator; `fresh`: never an outdated snapshot. */
async function staffFigures(viewer: SessionUser, cohortId: string | null, fresh = false) {
	requireStaff(viewer);
	const cohort = await cohortOf(cohortId);
	return { cohort, figures: await figuresOf(cohort, { fresh }) };
}

async function auditReport(
	viewer: SessionUser,
	cohort: CohortRow,
	ip: string,
	format: 'page' | 'csv' | 'print',
	excluded: number
) {
	await audit({
		action: format === 'page' ? 'report.viewed' : 'report.exported',
		actorId: viewer.id,
		actorRole: 'coordinator',
		entity: 'cohort',
		entityId: String(cohort._id),
		ip,
		details: { report: 'donor', format, excluded }
	});
}

/**
 * The programme's own indicators for a cohort (the current one by default): every participant,
 * exact figures. Staff only; the donor report is `donorIndicators`.
 */
export async function programmeIndicators(viewer: SessionUser, cohortId: string | null) {
	const { cohort, figures } = await staffFigures(viewer, cohortId);
	return {
		cohort: cohortRef(cohort),
		asOf: figures.asOf,
		recounting: figures.recounting,
		indicators: figures.indicators
	};
}

/**
 * The donor report: only women whose donor-reporting consent stands, every cell of fewer than
 * five people suppressed. Producing it is audited (it is meant to leave the office).
 */
export async function donorIndicators(
	viewer: SessionUser,
	cohortId: string | null,
	ip: string,
	format: 'page' | 'csv' | 'print'
) {
	// What leaves the office is counted after the last change (a consent withdrawn included),
	// however long that takes; the page may show the last snapshot, marked as such.
	const { cohort, figures } = await staffFigures(viewer, cohortId, format !== 'page');
	await auditReport(viewer, cohort, ip, format, figures.donor.excluded);
	return { cohort: cohortRef(cohort), asOf: figures.asOf, report: figures.donor };
}

/** Both, side by side (the indicators page; audited as viewed). */
export async function indicatorComparison(
	viewer: SessionUser,
	cohortId: string | null,
	ip: string
) {
	const { cohort, figures } = await staffFigures(viewer, cohortId);
	await auditReport(viewer, cohort, ip, 'page', figures.donor.excluded);
	return {
		cohort: cohortRef(cohort),
		asOf: figures.asOf,
		recounting: figures.recounting,
		indicators: figures.indicators,
		report: figures.donor
	};
}

/** The dashboards of a cohort: funnel, money, businesses, mentoring. Aggregates only. */
export async function dashboard(viewer: SessionUser, cohortId: string | null) {
	const { cohort, figures } = await staffFigures(viewer, cohortId);
	return {
		cohort: cohortRef(cohort),
		asOf: figures.asOf,
		recounting: figures.recounting,
		...figures.dashboard
	};
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;

async function moneyOf(
	cohort: CohortRow,
	today: string,
	grants: GrantFacts[],
	paid: { amountMnt: number; paidOn?: Date | null; at: Date }[]
) {
	const [lastDecision, lastEntry, receipts] = await Promise.all([
		AwardDecision.findOne({ cohortId: cohort._id }).sort({ seq: -1 }).lean(),
		GrantLedger.findOne({ cohortId: cohort._id }).sort({ seq: -1 }).lean(),
		Receipt.find(
			{ grantId: { $in: grants.map((g) => new Types.ObjectId(g.grantId)) } },
			{ grantId: 1, lineKey: 1, amountMnt: 1 }
		).lean()
	]);
	const paidMnt = lastEntry?.paidAfterMnt ?? 0;
	const openMnt = lastEntry?.openAfterMnt ?? 0;
	const committedMnt = lastDecision?.committedAfterMnt ?? 0;
	// Planned against spent, for the grants money has reached.
	const reached = grants.filter((g) => g.paidMnt > 0);
	const reachedIds = new Set(reached.map((g) => g.grantId));
	const categories = Object.fromEntries(
		SPENDING_CATEGORIES.map((c) => [c, { plannedMnt: 0, spentMnt: 0 }])
	) as Record<SpendingCategory, { plannedMnt: number; spentMnt: number }>;
	for (const g of reached) {
		for (const line of g.budgetLines)
			categories[categoryOf(line.key)].plannedMnt += line.plannedMnt;
	}
	for (const r of receipts) {
		if (reachedIds.has(String(r.grantId)))
			categories[categoryOf(r.lineKey)].spentMnt += r.amountMnt;
	}
	return {
		budgetMnt: cohort.budgetMnt,
		committedMnt,
		paidMnt,
		openMnt,
		/** What is neither paid nor asked for: as on the grants and finance pages. */
		remainingMnt: cohort.budgetMnt - paidMnt - openMnt,
		/** What the committee may still award. */
		uncommittedMnt: cohort.budgetMnt - committedMnt,
		paidOverTime: paidOverTime(
			paid.map((e) => ({ day: dayOf(e.paidOn ?? e.at), amountMnt: e.amountMnt })),
			dayOf(cohort.startsOn),
			today
		),
		grantsReached: reached.length,
		categories: SPENDING_CATEGORIES.map((category) => ({ category, ...categories[category] }))
	};
}

/** Check-ins done against due per mentor, overdue visits, and open concerns (a count). */
async function mentoringOf(cohortId: Types.ObjectId, today: string) {
	const [assignments, openConcerns] = await Promise.all([
		MentorAssignment.find({ cohortId }, { grantId: 1, mentorId: 1 }).lean(),
		SafeguardingConcern.countDocuments({ cohortId, state: 'open' })
	]);
	const [mentors, { byGrant }] = await Promise.all([
		User.find({ _id: { $in: assignments.map((a) => a.mentorId) } }, { name: 1 }).lean(),
		scheduleSummaries(
			assignments.map((a) => a.grantId),
			today
		)
	]);
	const rows = mentors
		.map((mentor) => {
			const row = {
				mentorId: String(mentor._id),
				name: mentor.name,
				grantees: 0,
				done: 0,
				due: 0,
				overdue: 0
			};
			for (const a of assignments.filter((a) => String(a.mentorId) === String(mentor._id))) {
				row.grantees++;
				for (const visit of byGrant.get(String(a.grantId))?.visits ?? []) {
					if (visit.state === 'done') row.done++;
					if (visit.state === 'done' || visit.state === 'overdue') row.due++;
					if (visit.state === 'overdue') row.overdue++;
				}
			}
			return row;
		})
		.sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name));
	return {
		mentors: rows,
		overdue: rows.reduce((sum, r) => sum + r.overdue, 0),
		openConcerns
	};
}

/** Coordinators set the cohort's estimate of indirect beneficiaries. */
export async function setIndirectBeneficiaries(
	actor: SessionUser,
	cohortId: string | null,
	value: number,
	ip: string
) {
	requireStaff(actor);
	const cohort = await cohortOf(cohortId);
	await Cohort.updateOne({ _id: cohort._id }, { $set: { indirectBeneficiaries: value } });
	await audit({
		action: 'cohort.setting_changed',
		actorId: actor.id,
		actorRole: 'coordinator',
		entity: 'cohort',
		entityId: String(cohort._id),
		ip,
		details: { indirectBeneficiaries: { from: cohort.indirectBeneficiaries ?? 0, to: value } }
	});
}
