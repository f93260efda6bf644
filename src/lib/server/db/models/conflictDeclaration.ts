import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { CONFLICT_KINDS } from '$lib/domain/reviewAssignment';

// A reviewer's declaration, made once per plan before she may read it: no conflict, or a
// conflict of a kind. A unique-key insert: the first answer stands.
const conflictDeclarationSchema = new Schema(
	{
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		planId: { type: Schema.Types.ObjectId, ref: 'BusinessPlan', required: true },
		reviewerId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		conflict: { type: Boolean, required: true },
		kind: { type: String, enum: CONFLICT_KINDS },
		note: { type: String, maxlength: 500 },
		declaredAt: { type: Date, required: true }
	},
	{ strict: 'throw', versionKey: false }
);
conflictDeclarationSchema.index({ planId: 1, reviewerId: 1 }, { unique: true });
conflictDeclarationSchema.index({ cohortId: 1, conflict: 1 });

export type ConflictDeclarationDoc = InferSchemaType<typeof conflictDeclarationSchema>;
export const ConflictDeclaration: Model<ConflictDeclarationDoc> =
	(mongoose.models.ConflictDeclaration as Model<ConflictDeclarationDoc>) ??
	mongoose.model('ConflictDeclaration', conflictDeclarationSchema);
