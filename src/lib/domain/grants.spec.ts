import { describe, expect, it } from 'vitest';
import { startupTotals, type PlanContent } from './businessPlan';
import {
	DEFAULT_SCHEDULE,
	LEDGER_KINDS,
	MAX_TRANCHES,
	OVERDUE_DAYS,
	RECEIPT_EXTENSIONS,
	RECEIPT_TYPES,
	WORKING_CAPITAL_LINE,
	applyEntry,
	budgetLinesOf,
	canFollow,
	daysOverdue,
	grantStatus,
	isOpen,
	reconcile,
	requestRefusal,
	ruleProblems,
	sniffReceiptType,
	trancheProblems,
	tranchesFor,
	useOfFunds,
	type BudgetLine,
	type LedgerEntryLike,
	type LedgerKind,
	type PaymentState,
	type RequestContext,
	type RequestState,
	type Tranche,
	type TrancheGate,
	type TrancheRule
} from './grants';

const DAY = 24 * 60 * 60 * 1000;

const rule = (percent: number, gate: TrancheGate = 'signing'): TrancheRule => ({ percent, gate });
const tranche = (no: number, amountMnt: number, gate: TrancheGate = 'signing'): Tranche => ({
	no,
	amountMnt,
	gate
});
/** A rule or tranche with a gate the types do not allow, as a stored document might hold. */
const badGate = (gate: string) => gate as TrancheGate;

/** The 70/30 schedule of a ₮3,500,000 grant. */
const STANDARD: readonly Tranche[] = [
	tranche(1, 2_450_000, 'signing'),
	tranche(2, 1_050_000, 'verification')
];
const req = (trancheNo: number, amountMnt: number, state: PaymentState): RequestState => ({
	trancheNo,
	amountMnt,
	state
});

describe('ruleProblems', () => {
	it('accepts the default schedule and other whole schedules summing to 100', () => {
		expect(ruleProblems(DEFAULT_SCHEDULE)).toEqual([]);
		expect(ruleProblems([rule(100)])).toEqual([]);
		expect(ruleProblems([rule(1), rule(99, 'verification')])).toEqual([]);
		expect(
			ruleProblems([rule(25), rule(25), rule(25, 'verification'), rule(25, 'verification')])
		).toEqual([]);
	});

	it('needs at least one rule and at most MAX_TRANCHES', () => {
		expect(MAX_TRANCHES).toBe(4);
		expect(ruleProblems([])).toEqual(['count']);
		expect(ruleProblems([rule(20), rule(20), rule(20), rule(20), rule(20)])).toEqual(['count']);
	});

	it('needs whole percentages of at least 1', () => {
		for (const bad of [0, -10, 0.5, 69.5, NaN, Infinity, -Infinity]) {
			expect(ruleProblems([rule(bad), rule(30, 'verification')]), String(bad)).toEqual(['amount']);
			expect(ruleProblems([rule(70), rule(bad, 'verification')]), String(bad)).toEqual(['amount']);
		}
		// A sum of 100 does not excuse fractions.
		expect(ruleProblems([rule(70.5), rule(29.5, 'verification')])).toEqual(['amount']);
	});

	it('needs the percentages to add up to exactly 100', () => {
		expect(ruleProblems([rule(70), rule(29, 'verification')])).toEqual(['sum']);
		expect(ruleProblems([rule(70), rule(31, 'verification')])).toEqual(['sum']);
		expect(ruleProblems([rule(99)])).toEqual(['sum']);
		expect(ruleProblems([rule(101)])).toEqual(['sum']);
	});

	it('needs the first tranche to be paid on signing', () => {
		expect(ruleProblems([rule(70, 'verification'), rule(30, 'signing')])).toEqual(['firstGate']);
		expect(ruleProblems([rule(100, 'verification')])).toEqual(['firstGate']);
		// Later tranches may be on signing too.
		expect(ruleProblems([rule(70), rule(30)])).toEqual([]);
	});

	it('refuses an unknown gate, wherever it is, and does not also report the first gate', () => {
		expect(ruleProblems([rule(70), rule(30, badGate('mentor'))])).toEqual(['gate']);
		expect(ruleProblems([rule(70, badGate('')), rule(30, 'verification')])).toEqual(['gate']);
		expect(ruleProblems([rule(70, badGate('Signing')), rule(30)])).toEqual(['gate']);
	});

	it('reports every problem at once', () => {
		const rules = [rule(20.5), rule(20), rule(20), rule(20), rule(20, badGate('x'))];
		expect(ruleProblems(rules)).toEqual(['count', 'amount', 'gate']);
		const five = [rule(21, 'verification'), rule(20), rule(20), rule(20), rule(20)];
		expect(ruleProblems(five)).toEqual(['count', 'sum', 'firstGate']);
	});
});

describe('trancheProblems', () => {
	it('accepts tranches that sum to the grant', () => {
		expect(trancheProblems(3_500_000, STANDARD)).toEqual([]);
		expect(trancheProblems(1, [tranche(1, 1)])).toEqual([]);
		expect(
			trancheProblems(4, [tranche(1, 1), tranche(2, 1), tranche(3, 1), tranche(4, 1)])
		).toEqual([]);
	});

	it('needs one to MAX_TRANCHES tranches', () => {
		expect(trancheProblems(3_500_000, [])).toEqual(['count']);
		const five = [1, 2, 3, 4, 5].map((no) => tranche(no, 700_000));
		expect(trancheProblems(3_500_000, five)).toEqual(['count']);
	});

	it('needs whole amounts of at least ₮1', () => {
		for (const bad of [0, -1, 0.5, 2_449_999.5, NaN, Infinity, 2 ** 53]) {
			const tranches = [tranche(1, bad), tranche(2, 1_050_000, 'verification')];
			expect(trancheProblems(3_500_000, tranches), String(bad)).toEqual(['amount']);
		}
	});

	it('needs the amounts to add up to the grant, to the tögrög', () => {
		const off = (first: number) => [tranche(1, first), tranche(2, 1_050_000, 'verification')];
		expect(trancheProblems(3_500_000, off(2_449_999))).toEqual(['sum']);
		expect(trancheProblems(3_500_000, off(2_450_001))).toEqual(['sum']);
		expect(trancheProblems(3_500_001, STANDARD)).toEqual(['sum']);
		expect(trancheProblems(3_499_999, STANDARD)).toEqual(['sum']);
	});

	it('needs the first tranche on signing and only known gates', () => {
		expect(
			trancheProblems(3_500_000, [
				tranche(1, 2_450_000, 'verification'),
				tranche(2, 1_050_000, 'signing')
			])
		).toEqual(['firstGate']);
		expect(
			trancheProblems(3_500_000, [tranche(1, 2_450_000), tranche(2, 1_050_000, badGate('later'))])
		).toEqual(['gate']);
		expect(trancheProblems(3_500_000, [tranche(1, 3_500_000, badGate('verify'))])).toEqual([
			'gate'
		]);
	});
});

describe('tranchesFor', () => {
	it('splits ₮3,500,000 70/30 into ₮2,450,000 and ₮1,050,000', () => {
		expect(tranchesFor(3_500_000, [rule(70), rule(30, 'verification')])).toEqual([
			{ no: 1, amountMnt: 2_450_000, gate: 'signing' },
			{ no: 2, amountMnt: 1_050_000, gate: 'verification' }
		]);
	});

	it('uses the default schedule when the cohort has no rules', () => {
		expect(DEFAULT_SCHEDULE).toEqual([rule(70, 'signing'), rule(30, 'verification')]);
		expect(tranchesFor(3_500_000, [])).toEqual([
			{ no: 1, amountMnt: 2_450_000, gate: 'signing' },
			{ no: 2, amountMnt: 1_050_000, gate: 'verification' }
		]);
		expect(tranchesFor(1_000_001, [])).toEqual(tranchesFor(1_000_001, DEFAULT_SCHEDULE));
	});

	it('rounds each share down and gives the last tranche what is left', () => {
		const thirds = [rule(33), rule(33, 'verification'), rule(34, 'verification')];
		expect(tranchesFor(10, thirds).map((t) => t.amountMnt)).toEqual([3, 3, 4]);
		expect(tranchesFor(4_999_999, thirds).map((t) => t.amountMnt)).toEqual([
			1_649_999, 1_649_999, 1_700_001
		]);
		expect(
			tranchesFor(5_000_000, [rule(25), rule(25), rule(25), rule(25)]).map((t) => t.amountMnt)
		).toEqual([1_250_000, 1_250_000, 1_250_000, 1_250_000]);
		expect(
			tranchesFor(3, [rule(25), rule(25), rule(25), rule(25)]).map((t) => t.amountMnt)
		).toEqual([0, 0, 0, 3]);
		expect(tranchesFor(1, DEFAULT_SCHEDULE).map((t) => t.amountMnt)).toEqual([0, 1]);
		expect(tranchesFor(7, [rule(70), rule(30)]).map((t) => t.amountMnt)).toEqual([4, 3]);
	});

	it('always sums exactly to the grant, numbered from 1 with the rules’ gates', () => {
		const schedules: TrancheRule[][] = [
			[rule(100)],
			[rule(70), rule(30, 'verification')],
			[rule(33), rule(33, 'verification'), rule(34, 'verification')],
			[rule(34), rule(33, 'verification'), rule(33, 'verification')],
			[rule(1), rule(1), rule(98, 'verification')],
			[rule(25), rule(25), rule(25, 'verification'), rule(25, 'verification')],
			[rule(10), rule(20), rule(30, 'verification'), rule(40, 'verification')],
			[rule(97), rule(1), rule(1), rule(1, 'verification')]
		];
		const amounts = [1, 2, 3, 7, 99, 101, 999_999, 3_333_333, 4_999_999, 5_000_000, 1_000_000_000];
		for (const rules of schedules) {
			for (const amount of amounts) {
				const label = `${amount} by ${rules.map((r) => r.percent).join('/')}`;
				const result = tranchesFor(amount, rules);
				expect(
					result.reduce((sum, t) => sum + t.amountMnt, 0),
					label
				).toBe(amount);
				expect(
					result.map((t) => t.no),
					label
				).toEqual(rules.map((_, i) => i + 1));
				expect(
					result.map((t) => t.gate),
					label
				).toEqual(rules.map((r) => r.gate));
				result.slice(0, -1).forEach((t, i) => {
					expect(t.amountMnt, label).toBe(Math.floor((amount * rules[i]!.percent) / 100));
				});
				for (const t of result) expect(Number.isSafeInteger(t.amountMnt), label).toBe(true);
				for (const t of result) expect(t.amountMnt, label).toBeGreaterThanOrEqual(0);
			}
		}
	});

	it('gives tranches that pass trancheProblems for realistic grants', () => {
		for (const amount of [500_000, 2_500_000, 3_500_000, 4_999_999, 5_000_000]) {
			const rules = [rule(33), rule(33, 'verification'), rule(34, 'verification')];
			expect(trancheProblems(amount, tranchesFor(amount, rules)), String(amount)).toEqual([]);
			expect(trancheProblems(amount, tranchesFor(amount, [])), String(amount)).toEqual([]);
		}
	});
});

describe('canFollow', () => {
	const states: (PaymentState | null)[] = [null, 'requested', 'approved', 'rejected', 'paid'];
	const allowed = new Set([
		'null>requested',
		'requested>approved',
		'requested>rejected',
		'approved>paid'
	]);

	it('follows the request → approved|rejected, approved → paid table and nothing else', () => {
		for (const state of states) {
			for (const kind of LEDGER_KINDS) {
				const key = `${state}>${kind}`;
				expect(canFollow(state, kind), key).toBe(allowed.has(key));
			}
		}
	});

	it('never allows paid before approval, or anything after paid or rejected', () => {
		expect(canFollow('requested', 'paid')).toBe(false);
		expect(canFollow(null, 'paid')).toBe(false);
		expect(canFollow('approved', 'approved')).toBe(false);
		expect(canFollow('approved', 'rejected')).toBe(false);
		for (const kind of LEDGER_KINDS) {
			expect(canFollow('paid', kind), kind).toBe(false);
			expect(canFollow('rejected', kind), kind).toBe(false);
		}
	});
});

describe('isOpen', () => {
	it('holds requested and approved requests open, not rejected or paid ones', () => {
		expect(isOpen('requested')).toBe(true);
		expect(isOpen('approved')).toBe(true);
		expect(isOpen('rejected')).toBe(false);
		expect(isOpen('paid')).toBe(false);
	});
});

describe('applyEntry', () => {
	const totals = { openMnt: 1_000_000, paidMnt: 5_000_000 };

	it('opens a requested amount', () => {
		expect(applyEntry(totals, 'requested', 2_450_000)).toEqual({
			openMnt: 3_450_000,
			paidMnt: 5_000_000
		});
	});

	it('leaves the totals alone on approval', () => {
		expect(applyEntry(totals, 'approved', 1_000_000)).toEqual(totals);
	});

	it('releases a rejected amount', () => {
		expect(applyEntry(totals, 'rejected', 1_000_000)).toEqual({ openMnt: 0, paidMnt: 5_000_000 });
	});

	it('moves a paid amount from open to paid', () => {
		expect(applyEntry(totals, 'paid', 1_000_000)).toEqual({ openMnt: 0, paidMnt: 6_000_000 });
	});

	it('does not change the totals it is given', () => {
		for (const kind of LEDGER_KINDS) applyEntry(totals, kind, 123);
		expect(totals).toEqual({ openMnt: 1_000_000, paidMnt: 5_000_000 });
	});

	it('replays a request from nothing', () => {
		const after = (kinds: LedgerKind[]) =>
			kinds.reduce((t, kind) => applyEntry(t, kind, 700_000), { openMnt: 0, paidMnt: 0 });
		expect(after(['requested'])).toEqual({ openMnt: 700_000, paidMnt: 0 });
		expect(after(['requested', 'approved'])).toEqual({ openMnt: 700_000, paidMnt: 0 });
		expect(after(['requested', 'approved', 'paid'])).toEqual({ openMnt: 0, paidMnt: 700_000 });
		expect(after(['requested', 'rejected'])).toEqual({ openMnt: 0, paidMnt: 0 });
	});
});

describe('requestRefusal', () => {
	/** A signed ₮3,500,000 grant, 70/30, verified, nothing requested, in a roomy cohort. */
	function context(
		overrides: Partial<Omit<RequestContext, 'grant'>> & {
			grant?: Partial<RequestContext['grant']>;
		} = {}
	): RequestContext {
		const { grant, ...rest } = overrides;
		return {
			grant: { amountMnt: 3_500_000, tranches: STANDARD, signed: true, cancelled: false, ...grant },
			verified: true,
			requests: [],
			trancheNo: 1,
			totals: { openMnt: 0, paidMnt: 0 },
			budgetMnt: 100_000_000,
			...rest
		};
	}
	const firstPaid = req(1, 2_450_000, 'paid');

	it('allows the first tranche of a signed grant, and the second once the first is paid', () => {
		expect(requestRefusal(context())).toBeNull();
		expect(requestRefusal(context({ trancheNo: 2, requests: [firstPaid] }))).toBeNull();
	});

	it('does not need verification for a signing tranche', () => {
		expect(requestRefusal(context({ verified: false }))).toBeNull();
	});

	it('refuses a cancelled grant before anything else', () => {
		expect(requestRefusal(context({ grant: { cancelled: true } }))).toBe('cancelled');
		expect(
			requestRefusal(
				context({
					grant: { cancelled: true, signed: false },
					trancheNo: 9,
					verified: false,
					budgetMnt: 0
				})
			)
		).toBe('cancelled');
	});

	it('refuses an unsigned grant, before looking for the tranche', () => {
		expect(requestRefusal(context({ grant: { signed: false } }))).toBe('notSigned');
		expect(requestRefusal(context({ grant: { signed: false }, trancheNo: 9 }))).toBe('notSigned');
	});

	it('refuses a tranche the grant does not have', () => {
		for (const trancheNo of [0, 3, 9, -1, 1.5]) {
			expect(requestRefusal(context({ trancheNo })), String(trancheNo)).toBe('noSuchTranche');
		}
		expect(requestRefusal(context({ grant: { tranches: [] } }))).toBe('noSuchTranche');
	});

	it('refuses a tranche already paid, before one already open', () => {
		expect(requestRefusal(context({ requests: [firstPaid] }))).toBe('tranchePaid');
		expect(requestRefusal(context({ requests: [req(1, 2_450_000, 'requested'), firstPaid] }))).toBe(
			'tranchePaid'
		);
		// …and before complaining that an earlier one is unpaid.
		expect(requestRefusal(context({ trancheNo: 2, requests: [req(2, 1_050_000, 'paid')] }))).toBe(
			'tranchePaid'
		);
	});

	it('refuses a tranche with a request waiting for approval or payment', () => {
		for (const state of ['requested', 'approved'] as const) {
			expect(requestRefusal(context({ requests: [req(1, 2_450_000, state)] })), state).toBe(
				'trancheOpen'
			);
			// Before the earlier tranche's payment is looked at.
			expect(
				requestRefusal(context({ trancheNo: 2, requests: [req(2, 1_050_000, state)] })),
				state
			).toBe('trancheOpen');
		}
	});

	it('lets a tranche be asked for again after a rejection', () => {
		expect(requestRefusal(context({ requests: [req(1, 2_450_000, 'rejected')] }))).toBeNull();
		expect(
			requestRefusal(
				context({
					trancheNo: 2,
					requests: [req(1, 2_450_000, 'rejected'), firstPaid, req(2, 1_050_000, 'rejected')]
				})
			)
		).toBeNull();
	});

	it('pays tranches in order: an earlier one must be paid, not just asked for', () => {
		expect(requestRefusal(context({ trancheNo: 2 }))).toBe('earlierUnpaid');
		for (const state of ['requested', 'approved', 'rejected'] as const) {
			expect(
				requestRefusal(context({ trancheNo: 2, requests: [req(1, 2_450_000, state)] })),
				state
			).toBe('earlierUnpaid');
		}
		// Before the verification is looked at.
		expect(requestRefusal(context({ trancheNo: 2, verified: false }))).toBe('earlierUnpaid');
	});

	it('needs every earlier tranche paid, not just the one before', () => {
		const three = [tranche(1, 1_000_000), tranche(2, 1_000_000), tranche(3, 1_500_000)];
		const grant = { tranches: three };
		expect(
			requestRefusal(context({ grant, trancheNo: 3, requests: [req(2, 1_000_000, 'paid')] }))
		).toBe('earlierUnpaid');
		expect(
			requestRefusal(
				context({
					grant,
					trancheNo: 3,
					requests: [req(1, 1_000_000, 'paid'), req(2, 1_000_000, 'paid')]
				})
			)
		).toBeNull();
	});

	it('needs the mentor’s verification for a verification tranche', () => {
		expect(requestRefusal(context({ trancheNo: 2, requests: [firstPaid], verified: false }))).toBe(
			'notVerified'
		);
		// Before the award is checked.
		expect(
			requestRefusal(
				context({
					trancheNo: 2,
					requests: [firstPaid],
					verified: false,
					grant: { amountMnt: 3_000_000 },
					budgetMnt: 0
				})
			)
		).toBe('notVerified');
	});

	it('refuses to pay her more than her grant, counting paid and open requests only', () => {
		// The grant was lowered after its tranches were set.
		expect(
			requestRefusal(
				context({ trancheNo: 2, requests: [firstPaid], grant: { amountMnt: 3_499_999 } })
			)
		).toBe('overAward');
		// An open request on a tranche that no longer exists still holds its amount.
		expect(
			requestRefusal(context({ trancheNo: 2, requests: [firstPaid, req(3, 1, 'approved')] }))
		).toBe('overAward');
		expect(
			requestRefusal(context({ trancheNo: 2, requests: [firstPaid, req(3, 1, 'requested')] }))
		).toBe('overAward');
		// A rejected one does not.
		expect(
			requestRefusal(
				context({ trancheNo: 2, requests: [firstPaid, req(3, 1_000_000, 'rejected')] })
			)
		).toBeNull();
		// Before the budget is checked.
		expect(
			requestRefusal(
				context({
					trancheNo: 2,
					requests: [firstPaid],
					grant: { amountMnt: 3_000_000 },
					budgetMnt: 0
				})
			)
		).toBe('overAward');
	});

	it('allows a tranche that brings her exactly to her grant', () => {
		const single = { amountMnt: 3_500_000, tranches: [tranche(1, 3_500_000)] };
		expect(requestRefusal(context({ grant: single }))).toBeNull();
		expect(requestRefusal(context({ grant: { ...single, amountMnt: 3_499_999 } }))).toBe(
			'overAward'
		);
	});

	it('refuses to take the cohort over its budget, but allows reaching it exactly', () => {
		const totals = { openMnt: 2_550_000, paidMnt: 5_000_000 };
		expect(requestRefusal(context({ totals, budgetMnt: 10_000_000 }))).toBeNull();
		expect(requestRefusal(context({ totals, budgetMnt: 9_999_999 }))).toBe('overBudget');
	});

	it('counts both paid and open money against the budget', () => {
		expect(
			requestRefusal(context({ totals: { openMnt: 0, paidMnt: 1 }, budgetMnt: 2_450_000 }))
		).toBe('overBudget');
		expect(
			requestRefusal(context({ totals: { openMnt: 1, paidMnt: 0 }, budgetMnt: 2_450_000 }))
		).toBe('overBudget');
		expect(
			requestRefusal(context({ totals: { openMnt: 0, paidMnt: 0 }, budgetMnt: 2_450_000 }))
		).toBeNull();
	});

	it('gives the refusals in their order as each reason is put right', () => {
		const fixes: [RequestContext, string | null][] = [];
		let ctx = context({
			grant: { cancelled: true, signed: false, tranches: [], amountMnt: 3_000_000 },
			trancheNo: 2,
			verified: false,
			requests: [req(2, 1_050_000, 'paid')],
			totals: { openMnt: 0, paidMnt: 9_000_000 },
			budgetMnt: 10_000_000
		});
		fixes.push([ctx, 'cancelled']);
		ctx = { ...ctx, grant: { ...ctx.grant, cancelled: false } };
		fixes.push([ctx, 'notSigned']);
		ctx = { ...ctx, grant: { ...ctx.grant, signed: true } };
		fixes.push([ctx, 'noSuchTranche']);
		ctx = { ...ctx, grant: { ...ctx.grant, tranches: STANDARD } };
		fixes.push([ctx, 'tranchePaid']);
		ctx = { ...ctx, requests: [req(2, 1_050_000, 'approved')] };
		fixes.push([ctx, 'trancheOpen']);
		ctx = { ...ctx, requests: [req(2, 1_050_000, 'rejected')] };
		fixes.push([ctx, 'earlierUnpaid']);
		ctx = { ...ctx, requests: [...ctx.requests, firstPaid] };
		fixes.push([ctx, 'notVerified']);
		ctx = { ...ctx, verified: true };
		fixes.push([ctx, 'overAward']);
		ctx = { ...ctx, grant: { ...ctx.grant, amountMnt: 3_500_000 } };
		fixes.push([ctx, 'overBudget']);
		ctx = { ...ctx, budgetMnt: 10_050_000 };
		fixes.push([ctx, null]);
		expect(fixes.map(([c]) => requestRefusal(c))).toEqual(fixes.map(([, expected]) => expected));
	});
});

describe('grantStatus', () => {
	const input = (
		overrides: Partial<Parameters<typeof grantStatus>[0]> = {}
	): Parameters<typeof grantStatus>[0] => ({
		signed: true,
		cancelled: false,
		tranches: STANDARD,
		requests: [],
		verified: false,
		...overrides
	});
	const [first, second] = STANDARD;

	it('waits for the agreement until it is signed', () => {
		expect(grantStatus(input({ signed: false }))).toEqual({
			state: 'agreementPending',
			next: first,
			openState: null,
			paidMnt: 0
		});
	});

	it('is cancelled whatever else holds', () => {
		expect(grantStatus(input({ cancelled: true, signed: false })).state).toBe('cancelled');
		expect(
			grantStatus(
				input({
					cancelled: true,
					requests: [req(1, 2_450_000, 'paid'), req(2, 1_050_000, 'approved')],
					verified: true
				})
			)
		).toEqual({ state: 'cancelled', next: second, openState: 'approved', paidMnt: 2_450_000 });
		expect(
			grantStatus(
				input({
					cancelled: true,
					requests: [req(1, 2_450_000, 'paid'), req(2, 1_050_000, 'paid')]
				})
			).state
		).toBe('cancelled');
	});

	it('is due for payment once signed, the first tranche needing no verification', () => {
		expect(grantStatus(input())).toEqual({
			state: 'paymentDue',
			next: first,
			openState: null,
			paidMnt: 0
		});
	});

	it('is in payment while the next tranche’s request is requested or approved', () => {
		for (const state of ['requested', 'approved'] as const) {
			expect(grantStatus(input({ requests: [req(1, 2_450_000, state)] })), state).toEqual({
				state: 'inPayment',
				next: first,
				openState: state,
				paidMnt: 0
			});
		}
	});

	it('is due again after a rejection', () => {
		expect(grantStatus(input({ requests: [req(1, 2_450_000, 'rejected')] }))).toEqual({
			state: 'paymentDue',
			next: first,
			openState: null,
			paidMnt: 0
		});
		expect(
			grantStatus(
				input({ requests: [req(1, 2_450_000, 'rejected'), req(1, 2_450_000, 'requested')] })
			)
		).toEqual({ state: 'inPayment', next: first, openState: 'requested', paidMnt: 0 });
	});

	it('awaits verification before a verification tranche, then is due', () => {
		const requests = [req(1, 2_450_000, 'paid')];
		expect(grantStatus(input({ requests }))).toEqual({
			state: 'awaitingVerification',
			next: second,
			openState: null,
			paidMnt: 2_450_000
		});
		expect(grantStatus(input({ requests, verified: true }))).toEqual({
			state: 'paymentDue',
			next: second,
			openState: null,
			paidMnt: 2_450_000
		});
	});

	it('shows an open request ahead of a missing verification', () => {
		const requests = [req(1, 2_450_000, 'paid'), req(2, 1_050_000, 'requested')];
		expect(grantStatus(input({ requests }))).toEqual({
			state: 'inPayment',
			next: second,
			openState: 'requested',
			paidMnt: 2_450_000
		});
	});

	it('is completed once every tranche is paid', () => {
		const requests = [
			req(1, 2_450_000, 'rejected'),
			req(1, 2_450_000, 'paid'),
			req(2, 1_050_000, 'paid')
		];
		expect(grantStatus(input({ requests }))).toEqual({
			state: 'completed',
			next: null,
			openState: null,
			paidMnt: 3_500_000
		});
	});

	it('takes the first unpaid tranche as next, and only its open request', () => {
		// Tranche 2 paid (as an old record might hold) but tranche 1 not: tranche 1 is next.
		expect(grantStatus(input({ requests: [req(2, 1_050_000, 'paid')], verified: true }))).toEqual({
			state: 'paymentDue',
			next: first,
			openState: null,
			paidMnt: 1_050_000
		});
		// An open request on a later tranche does not make the grant in payment.
		expect(grantStatus(input({ requests: [req(2, 1_050_000, 'approved')] }))).toEqual({
			state: 'paymentDue',
			next: first,
			openState: null,
			paidMnt: 0
		});
	});

	it('counts only paid requests in paidMnt', () => {
		const requests = [
			req(1, 2_450_000, 'paid'),
			req(2, 1_050_000, 'approved'),
			req(2, 1_050_000, 'rejected')
		];
		expect(grantStatus(input({ requests, verified: true })).paidMnt).toBe(2_450_000);
	});
});

describe('daysOverdue', () => {
	const since = new Date('2026-03-01T08:00:00Z');
	const after = (ms: number) => new Date(since.getTime() + ms);

	it('is 0 up to and including the allowance, 1 a day later', () => {
		for (const kind of Object.keys(OVERDUE_DAYS) as (keyof typeof OVERDUE_DAYS)[]) {
			const allowance = OVERDUE_DAYS[kind];
			expect(daysOverdue(kind, since, since), kind).toBe(0);
			expect(daysOverdue(kind, since, after((allowance - 1) * DAY)), kind).toBe(0);
			expect(daysOverdue(kind, since, after(allowance * DAY)), kind).toBe(0);
			expect(daysOverdue(kind, since, after((allowance + 1) * DAY - 1)), kind).toBe(0);
			expect(daysOverdue(kind, since, after((allowance + 1) * DAY)), kind).toBe(1);
			expect(daysOverdue(kind, since, after((allowance + 10) * DAY + DAY / 2)), kind).toBe(10);
		}
	});

	it('has the allowances the coordinators work to', () => {
		expect(OVERDUE_DAYS).toEqual({
			agreementPending: 30,
			requested: 5,
			approved: 5,
			awaitingVerification: 90
		});
	});

	it('is never negative, even with a clock that runs backwards', () => {
		expect(daysOverdue('requested', since, after(-100 * DAY))).toBe(0);
	});

	it('counts to now by default', () => {
		expect(daysOverdue('agreementPending', new Date(Date.now() - 40 * DAY - 1000))).toBe(10);
		expect(daysOverdue('requested', new Date())).toBe(0);
	});
});

describe('reconcile', () => {
	const entry = (
		seq: number,
		kind: LedgerKind,
		requestId: string,
		grantId: string,
		trancheNo: number,
		amountMnt: number,
		openAfterMnt: number,
		paidAfterMnt: number
	): LedgerEntryLike => ({
		seq,
		kind,
		requestId,
		grantId,
		trancheNo,
		amountMnt,
		openAfterMnt,
		paidAfterMnt
	});

	/** Two grants; g2's first request rejected and asked for again; g1 paid in full. */
	const clean: readonly LedgerEntryLike[] = [
		entry(1, 'requested', 'r1', 'g1', 1, 2_450_000, 2_450_000, 0),
		entry(2, 'requested', 'r2', 'g2', 1, 1_400_000, 3_850_000, 0),
		entry(3, 'approved', 'r1', 'g1', 1, 2_450_000, 3_850_000, 0),
		entry(4, 'rejected', 'r2', 'g2', 1, 1_400_000, 2_450_000, 0),
		entry(5, 'paid', 'r1', 'g1', 1, 2_450_000, 0, 2_450_000),
		entry(6, 'requested', 'r3', 'g2', 1, 1_400_000, 1_400_000, 2_450_000),
		entry(7, 'approved', 'r3', 'g2', 1, 1_400_000, 1_400_000, 2_450_000),
		entry(8, 'paid', 'r3', 'g2', 1, 1_400_000, 0, 3_850_000),
		entry(9, 'requested', 'r4', 'g1', 2, 1_050_000, 1_050_000, 3_850_000),
		entry(10, 'approved', 'r4', 'g1', 2, 1_050_000, 1_050_000, 3_850_000),
		entry(11, 'paid', 'r4', 'g1', 2, 1_050_000, 0, 4_900_000)
	];
	// g2's grant is exactly what was paid to her: a rejected request does not count against it.
	const grants = new Map([
		['g1', 3_500_000],
		['g2', 1_400_000]
	]);
	const requests = new Map([
		['r1', 2_450_000],
		['r2', 1_400_000],
		['r3', 1_400_000],
		['r4', 1_050_000]
	]);
	const BUDGET = 4_900_000;
	const check = (entries: readonly LedgerEntryLike[], budgetMnt = BUDGET) =>
		reconcile(entries, grants, requests, budgetMnt);
	const replace = (seq: number, change: Partial<LedgerEntryLike>) =>
		clean.map((e) => (e.seq === seq ? { ...e, ...change } : e));

	it('finds nothing wrong with a clean ledger, the budget exactly spent', () => {
		expect(check(clean)).toEqual([]);
	});

	it('finds nothing wrong with an empty ledger', () => {
		expect(reconcile([], new Map(), new Map(), 0)).toEqual([]);
	});

	it('replays the ledger in seq order, however it was loaded', () => {
		expect(check([...clean].reverse())).toEqual([]);
		expect(check([clean[4]!, ...clean.slice(0, 4), ...clean.slice(5)])).toEqual([]);
	});

	it('finds a gap in the seq numbers', () => {
		const shifted = clean.map((e) => (e.seq >= 5 ? { ...e, seq: e.seq + 1 } : e));
		expect(check(shifted)).toEqual([6, 7, 8, 9, 10, 11, 12].map((seq) => ({ code: 'gap', seq })));
	});

	it('needs the seq numbers to start at 1', () => {
		const from0 = clean.map((e) => ({ ...e, seq: e.seq - 1 }));
		expect(check(from0)).toEqual(from0.map((e) => ({ code: 'gap', seq: e.seq })));
	});

	it('finds a duplicated seq number', () => {
		const doubled = replace(4, { seq: 3 });
		expect(check(doubled)).toContainEqual({ code: 'gap', seq: 3 });
	});

	describe('transitions', () => {
		const grants1 = new Map([['g1', 10_000_000]]);
		const requests1 = new Map([['r1', 1_000_000]]);
		const run = (steps: [LedgerKind, number, number][]) =>
			reconcile(
				steps.map(([kind, open, paid], i) =>
					entry(i + 1, kind, 'r1', 'g1', 1, 1_000_000, open, paid)
				),
				grants1,
				requests1,
				10_000_000
			);

		it('accepts requested → approved → paid and requested → rejected', () => {
			expect(
				run([
					['requested', 1_000_000, 0],
					['approved', 1_000_000, 0],
					['paid', 0, 1_000_000]
				])
			).toEqual([]);
			expect(
				run([
					['requested', 1_000_000, 0],
					['rejected', 0, 0]
				])
			).toEqual([]);
		});

		it('finds paid before approved', () => {
			expect(
				run([
					['requested', 1_000_000, 0],
					['paid', 0, 1_000_000]
				])
			).toEqual([{ code: 'transition', seq: 2 }]);
		});

		it('finds approved twice', () => {
			expect(
				run([
					['requested', 1_000_000, 0],
					['approved', 1_000_000, 0],
					['approved', 1_000_000, 0]
				])
			).toEqual([{ code: 'transition', seq: 3 }]);
		});

		it('finds approved after rejected', () => {
			expect(
				run([
					['requested', 1_000_000, 0],
					['rejected', 0, 0],
					['approved', 0, 0]
				])
			).toEqual([{ code: 'transition', seq: 3 }]);
		});

		it('finds a request that does not start with requested, or is requested twice', () => {
			expect(run([['approved', 0, 0]])).toEqual([{ code: 'transition', seq: 1 }]);
			expect(
				run([
					['requested', 1_000_000, 0],
					['requested', 2_000_000, 0]
				])
			).toEqual([{ code: 'transition', seq: 2 }]);
		});

		it('finds a payment after payment', () => {
			expect(
				run([
					['requested', 1_000_000, 0],
					['approved', 1_000_000, 0],
					['paid', 0, 1_000_000],
					['paid', -1_000_000, 2_000_000]
				])
			).toEqual([{ code: 'transition', seq: 4 }]);
		});

		it('tracks each request separately', () => {
			expect(
				check(replace(7, { requestId: 'r1', grantId: 'g1', amountMnt: 2_450_000 }))
			).toContainEqual({ code: 'transition', seq: 7 });
		});
	});

	it('finds an entry whose amount differs from its request’s', () => {
		expect(check(replace(3, { amountMnt: 2_400_000 }))).toEqual([{ code: 'amount', seq: 3 }]);
		expect(check(replace(10, { amountMnt: 1_050_001 }))).toEqual([{ code: 'amount', seq: 10 }]);
	});

	it('finds stored totals that do not follow from the entries, by one tögrög either way', () => {
		expect(check(replace(3, { openAfterMnt: 3_850_001 }))).toEqual([{ code: 'totals', seq: 3 }]);
		expect(check(replace(11, { paidAfterMnt: 4_899_999 }))).toEqual([{ code: 'totals', seq: 11 }]);
		expect(check(replace(1, { openAfterMnt: 2_449_999 }))).toEqual([{ code: 'totals', seq: 1 }]);
		expect(check(replace(5, { paidAfterMnt: 2_450_001 }))).toEqual([{ code: 'totals', seq: 5 }]);
	});

	it('replays its own totals rather than trusting the stored ones', () => {
		// Every stored total from seq 6 on is ₮1 too high, consistently with each other.
		const drifted = clean.map((e) => (e.seq >= 6 ? { ...e, paidAfterMnt: e.paidAfterMnt + 1 } : e));
		expect(check(drifted)).toEqual([6, 7, 8, 9, 10, 11].map((seq) => ({ code: 'totals', seq })));
	});

	it('finds a grant paid more than its amount, but not one paid exactly its amount', () => {
		const lowered = new Map([...grants, ['g1', 3_499_999]]);
		expect(reconcile(clean, lowered, requests, BUDGET)).toEqual([
			{ code: 'overAward', grantId: 'g1' }
		]);
		const lowered2 = new Map([...grants, ['g2', 1_399_999]]);
		expect(reconcile(clean, lowered2, requests, BUDGET)).toEqual([
			{ code: 'overAward', grantId: 'g2' }
		]);
	});

	it('counts open requests against the grant', () => {
		const open = clean.slice(0, 9); // r4 asked for, not yet paid
		expect(reconcile(open, grants, requests, BUDGET)).toEqual([]);
		expect(reconcile(open, new Map([...grants, ['g1', 3_000_000]]), requests, BUDGET)).toEqual([
			{ code: 'overAward', grantId: 'g1' }
		]);
	});

	it('finds entries for a grant it does not know', () => {
		const known = new Map([['g1', 3_500_000]]);
		expect(reconcile(clean, known, requests, BUDGET)).toEqual([
			{ code: 'unknownGrant', grantId: 'g2' }
		]);
	});

	it('finds a cohort over its budget by a tögrög, counting open requests', () => {
		expect(check(clean, BUDGET - 1)).toEqual([{ code: 'overBudget' }]);
		const open = clean.slice(0, 9); // ₮3,850,000 paid, ₮1,050,000 open
		expect(check(open, 4_900_000)).toEqual([]);
		expect(check(open, 4_899_999)).toEqual([{ code: 'overBudget' }]);
	});

	it('finds entries that name no stored request', () => {
		const without = new Map([...requests].filter(([id]) => id !== 'r4'));
		expect(reconcile(clean, grants, without, BUDGET)).toEqual([
			{ code: 'requestMissing', requestId: 'r4' },
			{ code: 'requestMissing', requestId: 'r4' },
			{ code: 'requestMissing', requestId: 'r4' }
		]);
	});

	it('reports every kind of problem together', () => {
		const broken = clean.map((e) => {
			if (e.seq === 3) return { ...e, amountMnt: 1 };
			if (e.seq === 5) return { ...e, kind: 'approved' as const, openAfterMnt: 2_450_000 };
			return e;
		});
		const problems = reconcile(
			[...broken, entry(13, 'requested', 'r9', 'g9', 1, 5, 5, 4_900_000)],
			new Map([['g1', 1]]),
			requests,
			0
		);
		const codes = new Set(problems.map((p) => p.code));
		expect([...codes].sort()).toEqual(
			[
				'amount',
				'gap',
				'overAward',
				'overBudget',
				'requestMissing',
				'totals',
				'transition',
				'unknownGrant'
			].sort()
		);
		expect(problems).toContainEqual({ code: 'gap', seq: 13 });
		expect(problems).toContainEqual({ code: 'amount', seq: 3 });
		expect(problems).toContainEqual({ code: 'transition', seq: 5 });
		expect(problems).toContainEqual({ code: 'requestMissing', requestId: 'r9' });
		expect(problems).toContainEqual({ code: 'unknownGrant', grantId: 'g9' });
		expect(problems).toContainEqual({ code: 'unknownGrant', grantId: 'g2' });
		expect(problems).toContainEqual({ code: 'overAward', grantId: 'g1' });
	});
});

describe('budgetLinesOf', () => {
	const startup = (
		items: PlanContent['startup']['items'],
		workingCapital: number
	): PlanContent['startup'] => ({ items, workingCapital });

	it('makes a line of each start-up item, numbered from 1, and one of working capital', () => {
		expect(
			budgetLinesOf(
				startup(
					[
						{ item: '  Sewing machine ', quantity: 2, unitPrice: 450_000 },
						{ item: 'Fabric', quantity: 10, unitPrice: 12_000 },
						{ item: '', quantity: 0, unitPrice: 0 }
					],
					300_000
				)
			)
		).toEqual([
			{ key: 'item-1', label: 'Sewing machine', plannedMnt: 900_000 },
			{ key: 'item-2', label: 'Fabric', plannedMnt: 120_000 },
			{ key: 'item-3', label: '', plannedMnt: 0 },
			{ key: WORKING_CAPITAL_LINE, label: '', plannedMnt: 300_000 }
		]);
		expect(WORKING_CAPITAL_LINE).toBe('working-capital');
	});

	it('has a working-capital line only for a positive whole amount', () => {
		const items = [{ item: 'Felt', quantity: 1, unitPrice: 50_000 }];
		for (const workingCapital of [0, -1, 0.5, 1_000.5, NaN, Infinity]) {
			expect(budgetLinesOf(startup(items, workingCapital)), String(workingCapital)).toEqual([
				{ key: 'item-1', label: 'Felt', plannedMnt: 50_000 }
			]);
		}
		expect(budgetLinesOf(startup(items, 1)).at(-1)).toEqual({
			key: 'working-capital',
			label: '',
			plannedMnt: 1
		});
	});

	it('reads an invalid quantity or price as nothing planned', () => {
		expect(budgetLinesOf(startup([{ item: 'Yarn', quantity: -2, unitPrice: 10_000 }], 0))).toEqual([
			{ key: 'item-1', label: 'Yarn', plannedMnt: 0 }
		]);
	});

	it('plans as much in total as the plan’s start-up capital', () => {
		const section = startup(
			[
				{ item: 'Sewing machine', quantity: 2, unitPrice: 450_000 },
				{ item: 'Fabric', quantity: 10, unitPrice: 12_000 },
				{ item: 'Broken', quantity: 1.5, unitPrice: 10 }
			],
			300_000
		);
		const planned = budgetLinesOf(section).reduce((sum, l) => sum + l.plannedMnt, 0);
		expect(planned).toBe(startupTotals(section).total);
		expect(planned).toBe(1_320_000);
	});

	it('has no lines for an empty start-up section', () => {
		expect(budgetLinesOf(startup([], 0))).toEqual([]);
		expect(budgetLinesOf(startup([], 200_000))).toEqual([
			{ key: 'working-capital', label: '', plannedMnt: 200_000 }
		]);
	});
});

describe('useOfFunds', () => {
	const lines: BudgetLine[] = [
		{ key: 'item-1', label: 'Sewing machine', plannedMnt: 900_000 },
		{ key: 'item-2', label: 'Fabric', plannedMnt: 120_000 },
		{ key: 'working-capital', label: '', plannedMnt: 300_000 }
	];

	it('sets what was spent on each line against what was planned', () => {
		const result = useOfFunds(lines, [
			{ lineKey: 'item-1', amountMnt: 450_000 },
			{ lineKey: 'working-capital', amountMnt: 80_000 },
			{ lineKey: 'item-1', amountMnt: 470_000 },
			{ lineKey: 'item-9', amountMnt: 1_000_000 }, // a line she no longer has
			{ lineKey: 'Item-2', amountMnt: 5 }
		]);
		expect(result).toEqual({
			lines: [
				{ ...lines[0], spentMnt: 920_000, receipts: 2 },
				{ ...lines[1], spentMnt: 0, receipts: 0 },
				{ ...lines[2], spentMnt: 80_000, receipts: 1 }
			],
			plannedMnt: 1_320_000,
			spentMnt: 1_000_000
		});
	});

	it('is all zero with no lines and no receipts', () => {
		expect(useOfFunds([], [])).toEqual({ lines: [], plannedMnt: 0, spentMnt: 0 });
		expect(useOfFunds([], [{ lineKey: 'item-1', amountMnt: 10 }])).toEqual({
			lines: [],
			plannedMnt: 0,
			spentMnt: 0
		});
	});

	it('keeps the lines in their order with nothing spent when there are no receipts', () => {
		const result = useOfFunds(lines, []);
		expect(result.lines.map((l) => [l.key, l.spentMnt, l.receipts])).toEqual([
			['item-1', 0, 0],
			['item-2', 0, 0],
			['working-capital', 0, 0]
		]);
		expect(result.plannedMnt).toBe(1_320_000);
		expect(result.spentMnt).toBe(0);
	});
});

describe('sniffReceiptType', () => {
	const bytes = (...values: number[]) => new Uint8Array(values);
	const ascii = (text: string) => new TextEncoder().encode(text);
	const concat = (...parts: Uint8Array[]) => {
		const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
		let at = 0;
		for (const p of parts) {
			out.set(p, at);
			at += p.length;
		}
		return out;
	};
	const PNG = bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

	it('knows a JPEG', () => {
		expect(sniffReceiptType(bytes(0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46))).toBe(
			'image/jpeg'
		);
		expect(sniffReceiptType(bytes(0xff, 0xd8, 0xff, 0xe1))).toBe('image/jpeg');
		expect(sniffReceiptType(bytes(0xff, 0xd8, 0xff))).toBe('image/jpeg');
	});

	it('knows a PNG', () => {
		expect(sniffReceiptType(PNG)).toBe('image/png');
		expect(sniffReceiptType(concat(PNG, bytes(0, 0, 0, 0x0d), ascii('IHDR')))).toBe('image/png');
	});

	it('knows a WebP by both its RIFF header and its WEBP form', () => {
		const webp = concat(ascii('RIFF'), bytes(0x24, 0x10, 0, 0), ascii('WEBPVP8 '));
		expect(sniffReceiptType(webp)).toBe('image/webp');
		expect(sniffReceiptType(concat(ascii('RIFF'), bytes(0, 0, 0, 0), ascii('WEBP')))).toBe(
			'image/webp'
		);
	});

	it('knows a PDF', () => {
		expect(sniffReceiptType(ascii('%PDF-1.7\n%âãÏÓ\n'))).toBe('application/pdf');
		expect(sniffReceiptType(ascii('%PDF-'))).toBe('application/pdf');
	});

	it('refuses anything else', () => {
		expect(sniffReceiptType(new Uint8Array())).toBeNull();
		expect(sniffReceiptType(ascii('Receipt: 45,000 MNT'))).toBeNull();
		expect(sniffReceiptType(ascii('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
		expect(sniffReceiptType(ascii('GIF89a'))).toBeNull();
		expect(sniffReceiptType(ascii('PK\x03\x04'))).toBeNull();
		// A RIFF that is not a WebP.
		expect(
			sniffReceiptType(concat(ascii('RIFF'), bytes(0, 0, 0, 0), ascii('WAVEfmt ')))
		).toBeNull();
		expect(sniffReceiptType(concat(ascii('RIFX'), bytes(0, 0, 0, 0), ascii('WEBP')))).toBeNull();
		expect(sniffReceiptType(ascii('%PDF1.7'))).toBeNull();
	});

	it('refuses a truncated signature', () => {
		expect(sniffReceiptType(bytes(0xff, 0xd8))).toBeNull();
		expect(sniffReceiptType(bytes(0xff))).toBeNull();
		expect(sniffReceiptType(PNG.slice(0, 7))).toBeNull();
		expect(sniffReceiptType(ascii('RIFF'))).toBeNull();
		expect(sniffReceiptType(concat(ascii('RIFF'), bytes(0, 0, 0, 0), ascii('WEB')))).toBeNull();
		expect(sniffReceiptType(ascii('%PDF'))).toBeNull();
	});

	it('refuses a signature that is not at the very start', () => {
		expect(sniffReceiptType(concat(bytes(0x00), PNG))).toBeNull();
		expect(sniffReceiptType(concat(bytes(0x20), ascii('%PDF-1.4')))).toBeNull();
		expect(sniffReceiptType(bytes(0x00, 0xff, 0xd8, 0xff))).toBeNull();
		expect(sniffReceiptType(concat(ascii(' RIFF'), bytes(0, 0, 0, 0), ascii('WEBP')))).toBeNull();
	});

	it('refuses a signature with one byte wrong', () => {
		for (let i = 0; i < PNG.length; i++) {
			const broken = PNG.slice();
			broken[i] = broken[i]! ^ 0x01;
			expect(sniffReceiptType(broken), `byte ${i}`).toBeNull();
		}
		expect(sniffReceiptType(bytes(0xff, 0xd8, 0xfe))).toBeNull();
		expect(sniffReceiptType(bytes(0xfe, 0xd8, 0xff))).toBeNull();
	});

	it('only answers with types it has an extension for', () => {
		expect(Object.keys(RECEIPT_EXTENSIONS).sort()).toEqual([...RECEIPT_TYPES].sort());
		expect(RECEIPT_EXTENSIONS).toEqual({
			'image/jpeg': 'jpg',
			'image/png': 'png',
			'image/webp': 'webp',
			'application/pdf': 'pdf'
		});
	});
});
