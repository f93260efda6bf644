import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { EDUCATION_LEVELS, REFERRAL_SOURCES, STAGES } from '$lib/domain/participant';

// A woman in the programme. Her name and phone live on her account (User); identifying
// fields here are the bag (address) and the national ID. `protected` masks all of them for
// anyone without the viewProtected permission.
const participantSchema = new Schema(
	{
		userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, unique: true },
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		/** Pseudonymous code, e.g. UMN-26-017: unique, shown wherever identity is masked. */
		code: { type: String, required: true, unique: true },
		soum: { type: String, required: true },
		bag: { type: String, trim: true, maxlength: 80 },
		originPlace: { type: String, trim: true, maxlength: 120 },
		arrivalYear: { type: Number },
		birthYear: { type: Number },
		householdSize: { type: Number },
		children: { type: Number },
		education: { type: String, enum: EDUCATION_LEVELS },
		currentWork: { type: String, trim: true, maxlength: 200 },
		referralSource: { type: String, enum: REFERRAL_SOURCES, required: true },
		notes: { type: String, maxlength: 4000 },
		nationalId: { type: String, trim: true, maxlength: 20 },
		protected: { type: Boolean, default: false },
		stage: { type: String, enum: STAGES, default: 'training' },
		eligibleAt: { type: Date },
		/** searchSkeleton of her name, for Cyrillic/Latin search. */
		nameSkeleton: { type: String, required: true },
		createdBy: { type: Schema.Types.ObjectId, ref: 'User' },
		/** Erasure of her personal data (services/erasure.ts): begun, completed, by whom. */
		erasureStartedAt: { type: Date },
		erasedAt: { type: Date },
		erasedBy: { type: Schema.Types.ObjectId, ref: 'User' }
	},
	{ timestamps: true, strict: 'throw' }
);
participantSchema.index({ cohortId: 1, soum: 1, stage: 1 });
participantSchema.index({ cohortId: 1, createdAt: -1 });

export type ParticipantDoc = InferSchemaType<typeof participantSchema>;
export const Participant: Model<ParticipantDoc> =
	(mongoose.models.Participant as Model<ParticipantDoc>) ??
	mongoose.model('Participant', participantSchema);
