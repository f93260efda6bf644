import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// One section of a plan's current draft: what she typed that was valid, and the message keys
// (and raw text) of what was not, so that nothing she typed is lost.
const planSectionDraftSchema = new Schema(
	{
		planId: { type: Schema.Types.ObjectId, ref: 'BusinessPlan', required: true },
		section: { type: String, required: true },
		data: { type: Schema.Types.Mixed, required: true },
		fieldErrors: { type: Schema.Types.Mixed, default: {} },
		rejected: { type: Schema.Types.Mixed, default: {} },
		savedAt: { type: Date, required: true },
		savedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true }
	},
	{ strict: 'throw', versionKey: false, minimize: false }
);
planSectionDraftSchema.index({ planId: 1, section: 1 }, { unique: true });

export type PlanSectionDraftDoc = InferSchemaType<typeof planSectionDraftSchema>;
export const PlanSectionDraft: Model<PlanSectionDraftDoc> =
	(mongoose.models.PlanSectionDraft as Model<PlanSectionDraftDoc>) ??
	mongoose.model('PlanSectionDraft', planSectionDraftSchema);
