import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// A comment of her mentor or a coordinator on one section of her plan.
const planCommentSchema = new Schema(
	{
		planId: { type: Schema.Types.ObjectId, ref: 'BusinessPlan', required: true },
		section: { type: String, required: true },
		authorId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		authorRole: { type: String, enum: ['mentor', 'coordinator'], required: true },
		text: { type: String, required: true, maxlength: 2000 },
		at: { type: Date, required: true, default: () => new Date() }
	},
	{ strict: 'throw', versionKey: false }
);
planCommentSchema.index({ planId: 1, at: 1 });

export type PlanCommentDoc = InferSchemaType<typeof planCommentSchema>;
export const PlanComment: Model<PlanCommentDoc> =
	(mongoose.models.PlanComment as Model<PlanCommentDoc>) ??
	mongoose.model('PlanComment', planCommentSchema);
