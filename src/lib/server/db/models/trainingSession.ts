import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// One session of a course: a day (stored as its UTC midnight), in a soum of the cohort, at a
// venue, with a trainer. (Named TrainingSession: `Session` is a sign-in session.)
const trainingSessionSchema = new Schema(
	{
		courseId: { type: Schema.Types.ObjectId, ref: 'Course', required: true },
		date: { type: Date, required: true },
		soum: { type: String, required: true },
		venue: { type: String, required: true, trim: true, maxlength: 200 },
		trainer: { type: String, required: true, trim: true, maxlength: 120 },
		createdBy: { type: Schema.Types.ObjectId, ref: 'User' }
	},
	{ timestamps: true, strict: 'throw' }
);
trainingSessionSchema.index({ courseId: 1, date: 1 });

export type TrainingSessionDoc = InferSchemaType<typeof trainingSessionSchema>;
export const TrainingSession: Model<TrainingSessionDoc> =
	(mongoose.models.TrainingSession as Model<TrainingSessionDoc>) ??
	mongoose.model('TrainingSession', trainingSessionSchema);
