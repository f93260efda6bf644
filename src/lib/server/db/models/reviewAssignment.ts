import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// A plan given to a reviewer. (planId, reviewerId) is unique: running the automatic
// assignment twice at once can never give her the same plan twice.
const reviewAssignmentSchema = new Schema(
	{
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		planId: { type: Schema.Types.ObjectId, ref: 'BusinessPlan', required: true },
		reviewerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		active: { type: Boolean, default: true },
		manual: { type: Boolean, default: false },
		assignedAt: { type: Date, required: true },
		assignedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		removedAt: { type: Date },
		removedBy: { type: Schema.Types.ObjectId, ref: 'User' }
	},
	{ strict: 'throw', versionKey: false }
);
reviewAssignmentSchema.index({ planId: 1, reviewerId: 1 }, { unique: true });
reviewAssignmentSchema.index({ reviewerId: 1, active: 1 });
reviewAssignmentSchema.index({ cohortId: 1, active: 1 });

export type ReviewAssignmentDoc = InferSchemaType<typeof reviewAssignmentSchema>;
export const ReviewAssignment: Model<ReviewAssignmentDoc> =
	(mongoose.models.ReviewAssignment as Model<ReviewAssignmentDoc>) ??
	mongoose.model('ReviewAssignment', reviewAssignmentSchema);
