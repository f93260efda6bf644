import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// Her business plan: one per participant. The draft she is editing lives in PlanSectionDraft
// documents, one per section, so that two saves of different sections can never overwrite
// each other (FerretDB v1 writes a whole document back on update); submitted versions are
// immutable PlanVersion snapshots.
const businessPlanSchema = new Schema(
	{
		participantId: {
			type: Schema.Types.ObjectId,
			ref: 'Participant',
			required: true,
			unique: true
		},
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		soum: { type: String, required: true },
		state: { type: String, enum: ['draft', 'submitted', 'returned'], default: 'draft' },
		/** The version the draft will become when submitted (1 for a first plan). */
		draftVersion: { type: Number, required: true, default: 1 },
		submittedAt: { type: Date },
		returnedAt: { type: Date },
		returnReason: { type: String, maxlength: 2000 }
	},
	{ timestamps: true, strict: 'throw', minimize: false }
);
businessPlanSchema.index({ cohortId: 1, state: 1, soum: 1 });

export type BusinessPlanDoc = InferSchemaType<typeof businessPlanSchema>;
export const BusinessPlan: Model<BusinessPlanDoc> =
	(mongoose.models.BusinessPlan as Model<BusinessPlanDoc>) ??
	mongoose.model('BusinessPlan', businessPlanSchema);
