import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { COURSE_KINDS, DEFAULT_COMPLETION_THRESHOLD_PCT } from '$lib/domain/training';

// A training course of one cohort: life skills, business-plan development, or other (such as
// the training of officials). A trainee completes it by attending at least
// `completionThresholdPct` percent of its sessions (lib/domain/training.ts).
const courseSchema = new Schema(
	{
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		kind: { type: String, enum: COURSE_KINDS, required: true },
		title: { type: String, required: true, trim: true, maxlength: 160 },
		description: { type: String, trim: true, maxlength: 2000 },
		capacity: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
		completionThresholdPct: {
			type: Number,
			required: true,
			min: 1,
			max: 100,
			default: DEFAULT_COMPLETION_THRESHOLD_PCT,
			validate: Number.isSafeInteger
		},
		createdBy: { type: Schema.Types.ObjectId, ref: 'User' }
	},
	{ timestamps: true, strict: 'throw' }
);
courseSchema.index({ cohortId: 1, createdAt: -1 });

export type CourseDoc = InferSchemaType<typeof courseSchema>;
export const Course: Model<CourseDoc> =
	(mongoose.models.Course as Model<CourseDoc>) ?? mongoose.model('Course', courseSchema);
