// Programme reporting on the real embedded database, against the demo: the indicators at the
// reference programme's figures, the donor report's consent exclusion and small-cell
// suppression, and the dashboards' funnel, money and mentoring figures.
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '$lib/server/auth/session';
import { AuditEntry } from '$lib/server/db/models/auditEntry';
import { Cohort } from '$lib/server/db/models/cohort';
import { Participant } from '$lib/server/db/models/participant';
import { ReportSnapshot } from '$lib/server/db/models/reportSnapshot';
import { User } from '$lib/server/db/models/user';
import { seedDemo } from '$lib/server/services/demoSeed';
import {
	ReportError,
	dashboard,
	donorIndicators,
	indicatorComparison,
	programmeIndicators,
	setIndirectBeneficiaries
} from '$lib/server/services/reporting';
import { actor, sessionOf } from './actors';
import { useTestDatabase } from './testDatabase';

useTestDatabase('reporting');

const IP = '127.0.0.1';
let coordinator: SessionUser;

beforeAll(async () => {
	await seedDemo();
	coordinator = await sessionOf('80000002');
}, 120_000);

describe('programme indicators', () => {
	it('shows the reference programme’s figures with the demo', async () => {
		const { indicators, cohort } = await programmeIndicators(coordinator, null);
		expect(cohort.code).toBe('umnugobi-2026');
		expect(indicators).toMatchObject({
			trainedLifeSkills: 100,
			trainedBusinessPlan: 50,
			officialsTrained: 50,
			officialsTrainers: 17,
			plansSubmitted: 40,
			grantsAwarded: 20,
			firstTranchePaid: 4,
			totalPaidMnt: 9_520_700,
			indirectBeneficiaries: 4000
		});
		const referrals = Object.values(indicators.referralSources).reduce((a, b) => a + b, 0);
		expect(referrals).toBe(100);
		expect(indicators.operatingLatest).toBeGreaterThanOrEqual(1);
		expect(indicators.operatingLatest).toBeLessThanOrEqual(4);
	});

	it('is refused to anyone but programme staff', async () => {
		for (const phone of ['80000001', '80000003', '80000004', '80000005', '80000006']) {
			const viewer = await sessionOf(phone);
			await expect(programmeIndicators(viewer, null)).rejects.toBeInstanceOf(ReportError);
		}
	});

	it('answers an unknown cohort with noCohort', async () => {
		await expect(programmeIndicators(coordinator, 'nope')).rejects.toMatchObject({
			code: 'noCohort'
		});
		await expect(
			programmeIndicators(coordinator, '0123456789abcdef01234567')
		).rejects.toMatchObject({ code: 'noCohort' });
	});
});

describe('donor report', () => {
	it('leaves out women without donor-reporting consent and suppresses small cells', async () => {
		const { report } = await donorIndicators(coordinator, null, IP, 'csv');
		// 2 withdrew, 6 never gave it.
		expect(report.excluded).toBe(8);
		expect(report.included).toBe(92);
		expect(report.values.trainedLifeSkills).toBe(92);
		expect(report.values.officialsTrained).toBe(50);
		expect(report.values.indirectBeneficiaries).toBe(4000);
		// Four first tranches: fewer than five women, so neither they nor their money show.
		expect(report.values.firstTranchePaid).toBe('<5');
		expect(report.values.totalPaidMnt).toBe('<5');
		for (const value of Object.values(report.referralSources)) {
			if (typeof value === 'number') expect(value).toBeGreaterThanOrEqual(5);
		}
		const suppressed = Object.values(report.referralSources).filter((v) => v === '<5');
		expect(suppressed.length === 0 || suppressed.length >= 2).toBe(true);
		for (const row of report.bySoum) {
			for (const value of Object.values(row.counts)) {
				if (typeof value === 'number') expect(value).toBeGreaterThanOrEqual(5);
			}
		}
		const entry = await AuditEntry.findOne({ action: 'report.exported' }).sort({ at: -1 }).lean();
		expect(entry?.details).toMatchObject({ report: 'donor', format: 'csv', excluded: 8 });
	});
});

describe('dashboard', () => {
	it('counts the funnel, the money and the mentoring of the demo', async () => {
		const data = await dashboard(coordinator, null);
		expect(data.funnel.overall).toMatchObject({
			lifeSkills: 100,
			businessPlan: 50,
			planSubmitted: 40,
			awarded: 20,
			firstPaid: 4
		});
		expect(data.funnel.overall.scored).toBeGreaterThanOrEqual(20);
		expect(data.funnel.bySoum).toHaveLength(4);
		expect(data.funnel.bySoum.reduce((s, r) => s + r.counts.lifeSkills, 0)).toBe(100);
		expect(data.money).toMatchObject({
			budgetMnt: 100_000_000,
			committedMnt: 66_785_000,
			paidMnt: 9_520_700,
			openMnt: 32_632_600,
			remainingMnt: 57_846_700,
			uncommittedMnt: 33_215_000,
			grantsReached: 4
		});
		expect(data.money.paidOverTime.at(-1)?.paidMnt).toBe(9_520_700);
		expect(data.money.paidOverTime[0]).toMatchObject({ day: '2026-03-01', paidMnt: 0 });
		const planned = data.money.categories.reduce((s, c) => s + c.plannedMnt, 0);
		expect(planned).toBeGreaterThan(0);
		// Six months in: all four grants are counted at month 6, none yet at month 7.
		expect(data.businesses.operating[5]).toMatchObject({ month: 6, grants: 4 });
		expect(data.businesses.operating[6]).toMatchObject({ month: 7, grants: 0 });
		expect(data.businesses.bySoum.reduce((s, r) => s + r.businesses, 0)).toBe(4);
		expect(data.mentoring.openConcerns).toBe(1);
		expect(data.mentoring.overdue).toBeGreaterThanOrEqual(4);
		const done = data.mentoring.mentors.reduce((s, m) => s + m.done, 0);
		expect(done).toBeGreaterThanOrEqual(6 + 4 + 6 + 4);
	});

	it('is refused to finance, reviewers, mentors and applicants', async () => {
		for (const phone of ['80000003', '80000004', '80000005', '80000010']) {
			const viewer = await sessionOf(phone);
			await expect(dashboard(viewer, null)).rejects.toMatchObject({ code: 'forbidden' });
		}
	});
});

describe('indirect beneficiaries', () => {
	it('is a cohort setting only coordinators change, audited', async () => {
		const admin = await actor(['admin']);
		await expect(setIndirectBeneficiaries(admin, null, 10, IP)).rejects.toBeInstanceOf(ReportError);
		await setIndirectBeneficiaries(coordinator, null, 4100, IP);
		expect((await programmeIndicators(coordinator, null)).indicators.indirectBeneficiaries).toBe(
			4100
		);
		const entry = await AuditEntry.findOne({ action: 'cohort.setting_changed' }).lean();
		expect(entry?.details).toMatchObject({ indirectBeneficiaries: { from: 4000, to: 4100 } });
		await setIndirectBeneficiaries(coordinator, null, 4000, IP);
	});
});

describe('the indicators page', () => {
	it('gets both columns from one pass, audited as viewed', async () => {
		const both = await indicatorComparison(coordinator, null, IP);
		const alone = await programmeIndicators(coordinator, null);
		expect(both.indicators).toEqual(alone.indicators);
		expect(both.report.values.trainedLifeSkills).toBe(92);
		const entry = await AuditEntry.findOne({ action: 'report.viewed' }).sort({ at: -1 }).lean();
		expect(entry?.details).toMatchObject({ report: 'donor', format: 'page' });
	});
});

describe('a cohort just opened', () => {
	it('reports zeros, not an error', async () => {
		const cohort = await Cohort.create({
			code: `empty-${Date.now()}`,
			name: 'Empty',
			aimag: 'umnugobi',
			soums: ['khanbogd', 'manlai'],
			startsOn: new Date(),
			budgetMnt: 1_000_000,
			codePrefix: 'E'
		});
		const data = await dashboard(coordinator, String(cohort._id));
		expect(data.funnel.overall.lifeSkills).toBe(0);
		expect(data.money).toMatchObject({ paidMnt: 0, remainingMnt: 1_000_000 });
		expect(data.businesses.bySoum).toEqual([]);
		const { indicators } = await programmeIndicators(coordinator, String(cohort._id));
		expect(indicators.grantsAwarded).toBe(0);
		const { report } = await donorIndicators(coordinator, String(cohort._id), IP, 'page');
		expect(report.values.trainedLifeSkills).toBe('<5');
		expect(report.bySoum.map((r) => r.soum)).toEqual(['khanbogd', 'manlai']);
	});
});

describe('the snapshot of a cohort’s figures', () => {
	it('is counted once and kept until an audited change, then counted again', async () => {
		const first = await dashboard(coordinator, null);
		const again = await dashboard(coordinator, null);
		expect(again.asOf).toBe(first.asOf);
		expect(again.recounting).toBe(false);
		const cohort = await Cohort.findOne({ current: true }).lean();
		const snapshot = await ReportSnapshot.findById(cohort!._id).lean();
		expect(snapshot?.computedAt.toISOString()).toBe(first.asOf);
		expect(snapshot?.tookMs).toBeGreaterThan(0);
		// Viewing (audited) changes nothing: the same snapshot.
		await indicatorComparison(coordinator, null, IP);
		expect((await dashboard(coordinator, null)).asOf).toBe(first.asOf);
		// A change (audited) makes it stale: the next view counts again and sees the change.
		await setIndirectBeneficiaries(coordinator, null, 4321, IP);
		const after = await programmeIndicators(coordinator, null);
		expect(after.indicators.indirectBeneficiaries).toBe(4321);
		expect(after.asOf > first.asOf).toBe(true);
		await setIndirectBeneficiaries(coordinator, null, 4000, IP);
	});

	it('keeps aggregates only: no name, phone or participant code of the demo', async () => {
		await dashboard(coordinator, null);
		const stored = JSON.stringify(await ReportSnapshot.find().lean());
		const codes = (await Participant.find({}, { code: 1 }).lean()).map((p) => p.code);
		const accounts = await User.find({ roles: 'applicant' }, { name: 1, phone: 1 }).lean();
		expect(codes.length).toBeGreaterThan(50);
		for (const value of [...codes, ...accounts.flatMap((a) => [a.name, a.phone])])
			expect(stored.includes(value), value).toBe(false);
	});
});

describe('a snapshot that took long to count', () => {
	it('is shown at once, marked as being recounted, while the recount runs', async () => {
		const cohort = await Cohort.findOne({ current: true }).lean();
		const before = await dashboard(coordinator, null);
		// As if counting this cohort took five minutes (national scale on the embedded database).
		await ReportSnapshot.updateOne({ _id: cohort!._id }, { $set: { tookMs: 300_000 } });
		await setIndirectBeneficiaries(coordinator, null, 4001, IP);
		const started = Date.now();
		const shown = await programmeIndicators(coordinator, null);
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(shown.recounting).toBe(true);
		expect(shown.asOf).toBe(before.asOf);
		// What the coordinator typed is not a count: it shows at once, over the old snapshot.
		expect(shown.indicators.indirectBeneficiaries).toBe(4001);
		// The recount finishes in the background; the next view has the new count.
		await expect
			.poll(async () => (await programmeIndicators(coordinator, null)).asOf > before.asOf, {
				timeout: 30_000
			})
			.toBe(true);
		await setIndirectBeneficiaries(coordinator, null, 4000, IP);
	});
});

describe('the donor report that leaves the office', () => {
	it('is counted after the last change even when the page would show the last snapshot', async () => {
		const cohort = await Cohort.findOne({ current: true }).lean();
		const before = await dashboard(coordinator, null);
		await ReportSnapshot.updateOne({ _id: cohort!._id }, { $set: { tookMs: 300_000 } });
		await setIndirectBeneficiaries(coordinator, null, 4002, IP);
		const { asOf, report } = await donorIndicators(coordinator, null, IP, 'csv');
		expect(asOf > before.asOf).toBe(true);
		expect(report.values.indirectBeneficiaries).toBe(4002);
		await setIndirectBeneficiaries(coordinator, null, 4000, IP);
	});
});
