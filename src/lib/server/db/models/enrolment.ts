import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// A trainee in a course: a participant of the course's cohort, or an official (who never
// becomes an applicant or a user). Exactly-once rules ride on unique keys that are always
// present (docs/database.md): `traineeKey` (p:<participantId> or o:<officialId>) once per
// course, and `seat` (1..capacity) once per course, which is how capacity holds under
// concurrent enrolments.
const officialSchema = new Schema(
	{
		name: { type: String, required: true, trim: true, maxlength: 120 },
		organisation: { type: String, required: true, trim: true, maxlength: 160 },
		position: { type: String, required: true, trim: true, maxlength: 120 },
		phone: { type: String, trim: true, maxlength: 20 }
	},
	{ _id: false, strict: 'throw' }
);

const enrolmentSchema = new Schema(
	{
		courseId: { type: Schema.Types.ObjectId, ref: 'Course', required: true },
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		traineeKey: { type: String, required: true },
		seat: { type: Number, required: true, min: 1 },
		kind: { type: String, enum: ['participant', 'official'], required: true },
		participantId: { type: Schema.Types.ObjectId, ref: 'Participant' },
		official: { type: officialSchema },
		/** Officials only: she went on to train others. */
		becameTrainer: { type: Boolean, default: false },
		enrolledBy: { type: Schema.Types.ObjectId, ref: 'User' }
	},
	{ timestamps: true, strict: 'throw' }
);
enrolmentSchema.index({ courseId: 1, traineeKey: 1 }, { unique: true });
enrolmentSchema.index({ courseId: 1, seat: 1 }, { unique: true });
enrolmentSchema.index({ participantId: 1 });
enrolmentSchema.index({ cohortId: 1, kind: 1 });

export type EnrolmentDoc = InferSchemaType<typeof enrolmentSchema>;
export const Enrolment: Model<EnrolmentDoc> =
	(mongoose.models.Enrolment as Model<EnrolmentDoc>) ??
	mongoose.model('Enrolment', enrolmentSchema);
