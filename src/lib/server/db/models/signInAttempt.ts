import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// Failed sign-in and set-up attempts, counted per phone and per address for throttling.
// FerretDB has no TTL indexes, so old rows are deleted in code (services/housekeeping.ts).
const signInAttemptSchema = new Schema(
	{
		kind: { type: String, enum: ['signin', 'setup'], required: true },
		phone: { type: String, required: true },
		ip: { type: String, required: true },
		at: { type: Date, required: true, default: () => new Date() }
	},
	{ strict: 'throw', versionKey: false }
);
signInAttemptSchema.index({ kind: 1, phone: 1, at: -1 });
signInAttemptSchema.index({ kind: 1, ip: 1, at: -1 });
signInAttemptSchema.index({ at: 1 });

export type SignInAttemptDoc = InferSchemaType<typeof signInAttemptSchema>;
export const SignInAttempt: Model<SignInAttemptDoc> =
	(mongoose.models.SignInAttempt as Model<SignInAttemptDoc>) ??
	mongoose.model('SignInAttempt', signInAttemptSchema);
