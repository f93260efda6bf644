import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// Her check-in schedule, made when her first tranche is paid (grantId unique: one, however
// often the payment is recorded), from the cohort's rule of that day: a later change of the
// rule does not move visits already planned.
const mentoringScheduleSchema = new Schema(
	{
		grantId: { type: Schema.Types.ObjectId, ref: 'Grant', required: true, unique: true },
		participantId: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		/** The Ulaanbaatar day her first tranche was paid, YYYY-MM-DD. */
		startsOn: { type: String, required: true, match: /^\d{4}-\d{2}-\d{2}$/ },
		intervalMonths: { type: Number, required: true, min: 1 },
		visits: { type: Number, required: true, min: 1 },
		createdAt: { type: Date, required: true }
	},
	{ strict: 'throw', versionKey: false }
);
mentoringScheduleSchema.index({ cohortId: 1 });

export type MentoringScheduleDoc = InferSchemaType<typeof mentoringScheduleSchema>;
export const MentoringSchedule: Model<MentoringScheduleDoc> =
	(mongoose.models.MentoringSchedule as Model<MentoringScheduleDoc>) ??
	mongoose.model('MentoringSchedule', mentoringScheduleSchema);
