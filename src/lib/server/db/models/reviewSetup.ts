import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// A cohort's review set-up: its rubric (a copy of the default, editable until the first score
// is saved) and when the outcomes were published to the applicants. One per cohort.
const reviewSetupSchema = new Schema(
	{
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true, unique: true },
		/** Criterion[] of lib/domain/rubric, checked by rubricProblems before every write. */
		criteria: { type: [Schema.Types.Mixed], required: true },
		updatedBy: { type: Schema.Types.ObjectId, ref: 'User' },
		outcomesPublishedAt: { type: Date },
		outcomesPublishedBy: { type: Schema.Types.ObjectId, ref: 'User' }
	},
	{ timestamps: true, strict: 'throw', minimize: false }
);

export type ReviewSetupDoc = InferSchemaType<typeof reviewSetupSchema>;
export const ReviewSetup: Model<ReviewSetupDoc> =
	(mongoose.models.ReviewSetup as Model<ReviewSetupDoc>) ??
	mongoose.model('ReviewSetup', reviewSetupSchema);
