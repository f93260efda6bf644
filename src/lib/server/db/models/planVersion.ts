import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// An immutable snapshot of a submitted plan. (planId, version) is unique: submitting is a
// unique-key insert, so a double click or a retry can never make two version 2s.
const planVersionSchema = new Schema(
	{
		planId: { type: Schema.Types.ObjectId, ref: 'BusinessPlan', required: true },
		participantId: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
		version: { type: Number, required: true, min: 1 },
		content: { type: Schema.Types.Mixed, required: true },
		/** Figures computed at submission, kept with the snapshot. */
		startupTotalMnt: { type: Number, required: true },
		grantRequestedMnt: { type: Number, required: true },
		submittedAt: { type: Date, required: true },
		submittedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		returnedAt: { type: Date },
		returnedBy: { type: Schema.Types.ObjectId, ref: 'User' },
		returnReason: { type: String, maxlength: 2000 }
	},
	{ strict: 'throw', versionKey: false, minimize: false }
);
planVersionSchema.index({ planId: 1, version: 1 }, { unique: true });

export type PlanVersionDoc = InferSchemaType<typeof planVersionSchema>;
export const PlanVersion: Model<PlanVersionDoc> =
	(mongoose.models.PlanVersion as Model<PlanVersionDoc>) ??
	mongoose.model('PlanVersion', planVersionSchema);
