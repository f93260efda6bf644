import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// A reviewer on a cohort's committee; one of them chairs it. A document per member, so that
// adding one never overwrites another's change (FerretDB v1 writes whole documents back).
const committeeMemberSchema = new Schema(
	{
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		userId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		chair: { type: Boolean, default: false },
		active: { type: Boolean, default: true },
		addedBy: { type: Schema.Types.ObjectId, ref: 'User' }
	},
	{ timestamps: true, strict: 'throw' }
);
committeeMemberSchema.index({ cohortId: 1, userId: 1 }, { unique: true });

export type CommitteeMemberDoc = InferSchemaType<typeof committeeMemberSchema>;
export const CommitteeMember: Model<CommitteeMemberDoc> =
	(mongoose.models.CommitteeMember as Model<CommitteeMemberDoc>) ??
	mongoose.model('CommitteeMember', committeeMemberSchema);
