import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { TRANCHE_GATES } from '$lib/domain/grants';

const cohortSchema = new Schema(
	{
		code: { type: String, required: true, unique: true },
		name: { type: String, required: true },
		aimag: { type: String, required: true },
		soums: { type: [String], required: true },
		startsOn: { type: Date, required: true },
		/** Whole tögrög. */
		budgetMnt: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
		current: { type: Boolean, default: false },
		/** Prefix of participants' pseudonymous codes, e.g. UMN-26 → UMN-26-017. */
		codePrefix: { type: String, required: true },
		/** Course kinds a participant must complete before she may start a business plan. */
		eligibilityCourseKinds: { type: [String], default: ['business_plan'] },
		/** Plans must be submitted before this moment (UTC). */
		planDeadline: { type: Date },
		/** The most a plan may request, whole tögrög. */
		grantCapMnt: { type: Number, min: 0, validate: Number.isSafeInteger },
		/** Default tranche schedule of new grants, whole percentages; empty: 70% / 30%. */
		trancheRules: {
			type: [
				{
					_id: false,
					percent: { type: Number, required: true, min: 1, max: 100 },
					gate: { type: String, enum: TRANCHE_GATES, required: true }
				}
			],
			default: []
		},
		/** Mentoring check-ins: one every this many months, this many in all (default 1 × 12). */
		checkInIntervalMonths: { type: Number, min: 1, max: 6, default: 1 },
		checkInVisits: { type: Number, min: 1, max: 36, default: 12 },
		/** Migrants who benefit without taking part: an estimate for the donor report. */
		indirectBeneficiaries: { type: Number, min: 0, default: 0, validate: Number.isSafeInteger }
	},
	{ timestamps: true, strict: 'throw' }
);

// The current cohort is looked up on nearly every page.
cohortSchema.index({ current: 1 });

export type CohortDoc = InferSchemaType<typeof cohortSchema>;
export const Cohort: Model<CohortDoc> =
	(mongoose.models.Cohort as Model<CohortDoc>) ?? mongoose.model('Cohort', cohortSchema);
