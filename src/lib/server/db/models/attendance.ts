import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// Attendance of one enrolled trainee at one session: one row per (session, enrolment),
// present or absent, last write wins. No row means attendance was not taken for her.
const attendanceSchema = new Schema(
	{
		sessionId: { type: Schema.Types.ObjectId, ref: 'TrainingSession', required: true },
		enrolmentId: { type: Schema.Types.ObjectId, ref: 'Enrolment', required: true },
		courseId: { type: Schema.Types.ObjectId, ref: 'Course', required: true },
		present: { type: Boolean, required: true },
		recordedBy: { type: Schema.Types.ObjectId, ref: 'User' },
		recordedAt: { type: Date, required: true }
	},
	{ strict: 'throw', versionKey: false }
);
attendanceSchema.index({ sessionId: 1, enrolmentId: 1 }, { unique: true });
attendanceSchema.index({ enrolmentId: 1 });
attendanceSchema.index({ courseId: 1 });

export type AttendanceDoc = InferSchemaType<typeof attendanceSchema>;
export const Attendance: Model<AttendanceDoc> =
	(mongoose.models.Attendance as Model<AttendanceDoc>) ??
	mongoose.model('Attendance', attendanceSchema);
