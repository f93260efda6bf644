import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

const cohortSchema = new Schema(
	{
		code: { type: String, required: true, unique: true },
		name: { type: String, required: true },
		aimag: { type: String, required: true },
		soums: { type: [String], required: true },
		startsOn: { type: Date, required: true },
		/** Whole tögrög. */
		budgetMnt: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
		current: { type: Boolean, default: false }
	},
	{ timestamps: true, strict: 'throw' }
);

export type CohortDoc = InferSchemaType<typeof cohortSchema>;
export const Cohort: Model<CohortDoc> =
	(mongoose.models.Cohort as Model<CohortDoc>) ?? mongoose.model('Cohort', cohortSchema);
