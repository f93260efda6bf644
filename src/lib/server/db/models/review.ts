import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

const scoreItemSchema = new Schema(
	{
		criterion: { type: String, required: true },
		score: { type: Number, min: 1, max: 5 },
		comment: { type: String, maxlength: 1000, default: '' }
	},
	{ _id: false }
);

// A reviewer's scores on one plan. The draft is hers to change; submitting inserts the final
// Review, unique per (plan, reviewer), so a double submit or a late draft save can never
// change a submitted score.
const reviewDraftSchema = new Schema(
	{
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		planId: { type: Schema.Types.ObjectId, ref: 'BusinessPlan', required: true },
		reviewerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		items: { type: [scoreItemSchema], default: [] },
		savedAt: { type: Date, required: true }
	},
	{ strict: 'throw', versionKey: false }
);
reviewDraftSchema.index({ planId: 1, reviewerId: 1 }, { unique: true });
reviewDraftSchema.index({ cohortId: 1 });

const reviewSchema = new Schema(
	{
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		planId: { type: Schema.Types.ObjectId, ref: 'BusinessPlan', required: true },
		/** The plan version she scored. */
		planVersion: { type: Number, required: true },
		reviewerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		items: { type: [scoreItemSchema], required: true },
		/** Weighted total on the committee criteria, 0–100, computed at submission. */
		total: { type: Number, required: true, min: 0, max: 100 },
		submittedAt: { type: Date, required: true }
	},
	{ strict: 'throw', versionKey: false }
);
reviewSchema.index({ planId: 1, reviewerId: 1 }, { unique: true });
reviewSchema.index({ cohortId: 1, reviewerId: 1 });

export type ReviewDraftDoc = InferSchemaType<typeof reviewDraftSchema>;
export const ReviewDraft: Model<ReviewDraftDoc> =
	(mongoose.models.ReviewDraft as Model<ReviewDraftDoc>) ??
	mongoose.model('ReviewDraft', reviewDraftSchema);

export type ReviewDoc = InferSchemaType<typeof reviewSchema>;
export const Review: Model<ReviewDoc> =
	(mongoose.models.Review as Model<ReviewDoc>) ?? mongoose.model('Review', reviewSchema);
