import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// The "need and vulnerability" score, given by a social worker or coordinator who knows her,
// never by the blind committee. One per plan; the comment stays with staff.
const needAssessmentSchema = new Schema(
	{
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		planId: { type: Schema.Types.ObjectId, ref: 'BusinessPlan', required: true, unique: true },
		score: { type: Number, required: true, min: 1, max: 5 },
		comment: { type: String, maxlength: 1000, default: '' },
		assessedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		assessedAt: { type: Date, required: true }
	},
	{ strict: 'throw', versionKey: false }
);
needAssessmentSchema.index({ cohortId: 1 });

export type NeedAssessmentDoc = InferSchemaType<typeof needAssessmentSchema>;
export const NeedAssessment: Model<NeedAssessmentDoc> =
	(mongoose.models.NeedAssessment as Model<NeedAssessmentDoc>) ??
	mongoose.model('NeedAssessment', needAssessmentSchema);
