import { describe, expect, it } from 'vitest';
import { emptyPlanContent } from './businessPlan';
import {
	ERASED_TEXT,
	RETENTION_YEARS,
	addYearsUtc,
	basisAllows,
	confirmationMatches,
	erasedPhone,
	isErasedPhone,
	lastActivity,
	reasonFitsBasis,
	retentionEligibility,
	scrubAuditDetails,
	scrubPlanContent
} from './retention';
import { normalizePhone } from './phone';

const at = (iso: string) => new Date(iso);

describe('the retention period', () => {
	it('is five years after her last programme activity, to the instant', () => {
		expect(RETENTION_YEARS).toBe(5);
		const last = at('2026-06-15T10:00:00Z');
		const { retentionEndsAt } = retentionEligibility(last, last);
		expect(retentionEndsAt.toISOString()).toBe('2031-06-15T10:00:00.000Z');
		expect(retentionEligibility(last, at('2031-06-15T09:59:59.999Z')).retentionEnded).toBe(false);
		expect(retentionEligibility(last, at('2031-06-15T10:00:00Z')).retentionEnded).toBe(true);
		expect(retentionEligibility(last, at('2040-01-01T00:00:00Z')).retentionEnded).toBe(true);
	});

	it('never ends early for 29 February: it ends on 1 March of a year without one', () => {
		expect(addYearsUtc(at('2028-02-29T00:00:00Z'), 5).toISOString()).toBe(
			'2033-03-01T00:00:00.000Z'
		);
		expect(addYearsUtc(at('2028-02-29T00:00:00Z'), 4).toISOString()).toBe(
			'2032-02-29T00:00:00.000Z'
		);
	});

	it('counts from the latest activity, ignoring missing and invalid dates', () => {
		expect(lastActivity([])).toBeNull();
		expect(lastActivity([null, undefined, new Date(Number.NaN)])).toBeNull();
		expect(
			lastActivity([at('2026-01-01T00:00:00Z'), null, at('2027-03-05T00:00:00Z'), undefined])
		).toEqual(at('2027-03-05T00:00:00Z'));
	});

	it('allows erasure on her request at any time, for retention only once it has ended', () => {
		const last = at('2026-06-15T00:00:00Z');
		const during = retentionEligibility(last, at('2027-01-01T00:00:00Z'));
		const after = retentionEligibility(last, at('2032-01-01T00:00:00Z'));
		expect(basisAllows('request', during)).toBe(true);
		expect(basisAllows('retention', during)).toBe(false);
		expect(basisAllows('retention', after)).toBe(true);
	});
});

describe('the erasure form rules', () => {
	it('takes only reasons that fit the basis', () => {
		expect(reasonFitsBasis('retention', 'retention_ended')).toBe(true);
		expect(reasonFitsBasis('retention', 'written_request')).toBe(false);
		expect(reasonFitsBasis('request', 'safety')).toBe(true);
		expect(reasonFitsBasis('request', 'retention_ended')).toBe(false);
		expect(reasonFitsBasis('request', 'anything')).toBe(false);
	});

	it('confirms with her code, ignoring case and spaces, never with nothing', () => {
		expect(confirmationMatches('umn-26-017', 'UMN-26-017')).toBe(true);
		expect(confirmationMatches(' UMN-26- 017 ', 'UMN-26-017')).toBe(true);
		expect(confirmationMatches('UMN-26-018', 'UMN-26-017')).toBe(false);
		expect(confirmationMatches('', '')).toBe(false);
		expect(confirmationMatches('   ', 'UMN-26-017')).toBe(false);
	});
});

describe('what erasure leaves', () => {
	it('gives her account a unique phone that is no phone number', () => {
		const phone = erasedPhone('65f0c0ffee0000000000abcd');
		expect(isErasedPhone(phone)).toBe(true);
		expect(normalizePhone(phone)).toBeNull();
		expect(isErasedPhone('80000010')).toBe(false);
		expect(isErasedPhone(null)).toBe(false);
		expect(erasedPhone('a')).not.toBe(erasedPhone('b'));
	});

	it('empties every text of a plan and keeps its figures and fixed choices', () => {
		const plan = emptyPlanContent();
		plan.idea = {
			businessName: 'Цэцэгийн оёдол',
			businessType: 'tailoring',
			description: 'Би гэртээ оёдол хийдэг',
			experience: '10 жил'
		};
		plan.legal = { legalForm: 'individual', licences: 'Сумын зөвшөөрөл' };
		plan.startup = {
			items: [{ item: 'Оёдлын машин', quantity: 2, unitPrice: 850_000 }],
			workingCapital: 300_000
		};
		plan.forecast.months[0] = { sales: 500_000, costs: 200_000 };
		plan.funding = {
			ownContribution: 100_000,
			grantRequested: 2_000_000,
			otherSources: 0,
			otherSourcesNote: 'Ах эгчээс'
		};
		plan.risks = { risks: 'Нөхөр маань', mitigation: 'Хадгаламж' };
		const scrubbed = scrubPlanContent(plan) as typeof plan;
		expect(scrubbed.idea).toEqual({
			businessName: '',
			businessType: 'tailoring',
			description: '',
			experience: ''
		});
		expect(scrubbed.legal).toEqual({ legalForm: 'individual', licences: '' });
		expect(scrubbed.startup).toEqual({
			items: [{ item: '', quantity: 2, unitPrice: 850_000 }],
			workingCapital: 300_000
		});
		expect(scrubbed.forecast.months).toEqual(plan.forecast.months);
		expect(scrubbed.funding).toEqual({ ...plan.funding, otherSourcesNote: '' });
		expect(JSON.stringify(scrubbed)).not.toMatch(/[а-яөү]/i);
		// The original is untouched, and scrubbing twice changes nothing more.
		expect(plan.idea.businessName).toBe('Цэцэгийн оёдол');
		expect(scrubPlanContent(scrubbed)).toEqual(scrubbed);
	});

	it('empties phones, names and the texts of an audit entry, keeping ids and figures', () => {
		expect(
			scrubAuditDetails('auth.signin_failed', { phone: '80000010', reason: 'disabled' })
		).toEqual({ phone: ERASED_TEXT, reason: 'disabled' });
		expect(
			scrubAuditDetails('grant.signed', { signedOn: '2026-05-01', witnessedBy: 'Б. Энхжаргал' })
		).toEqual({ signedOn: '2026-05-01', witnessedBy: ERASED_TEXT });
		expect(
			scrubAuditDetails('payment.rejected', { grantId: 'g', amountMnt: 5, reason: 'Нэр таарахгүй' })
		).toEqual({ grantId: 'g', amountMnt: 5, reason: ERASED_TEXT });
		// Nothing to change: null, so the entry is not written again.
		expect(scrubAuditDetails('checkin.recorded', { checkInId: 'c', on: '2026-05-01' })).toBeNull();
		expect(scrubAuditDetails('auth.signin_failed', { phone: ERASED_TEXT })).toBeNull();
		expect(scrubAuditDetails('grant.signed', null)).toBeNull();
		expect(scrubAuditDetails('grant.signed', ['x'])).toBeNull();
	});
});
