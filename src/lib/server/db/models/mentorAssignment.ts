import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// The mentor who follows a grantee: one per participant (participantId unique), chosen by a
// coordinator among the mentors of her soum. Reassigning changes mentorId; the audit log keeps
// who followed her before. Once she is assigned, only her mentor sees her (plans.ts).
const mentorAssignmentSchema = new Schema(
	{
		participantId: {
			type: Schema.Types.ObjectId,
			ref: 'Participant',
			required: true,
			unique: true
		},
		grantId: { type: Schema.Types.ObjectId, ref: 'Grant', required: true },
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		soum: { type: String, required: true },
		mentorId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		assignedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		assignedAt: { type: Date, required: true }
	},
	{ strict: 'throw', versionKey: false }
);
mentorAssignmentSchema.index({ mentorId: 1 });
mentorAssignmentSchema.index({ cohortId: 1 });

export type MentorAssignmentDoc = InferSchemaType<typeof mentorAssignmentSchema>;
export const MentorAssignment: Model<MentorAssignmentDoc> =
	(mongoose.models.MentorAssignment as Model<MentorAssignmentDoc>) ??
	mongoose.model('MentorAssignment', mentorAssignmentSchema);
