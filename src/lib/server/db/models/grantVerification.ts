import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// A mentor's verification, made at a check-in, that the business is operating: it opens the
// tranches gated on verification. One per grant (grantId unique): the first stands.
const grantVerificationSchema = new Schema(
	{
		grantId: { type: Schema.Types.ObjectId, ref: 'Grant', required: true, unique: true },
		participantId: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
		/** The day of the visit or call. */
		visitedOn: { type: Date, required: true },
		/** What she saw: the business open, its stock, its customers. */
		note: { type: String, required: true, maxlength: 2000 },
		verifiedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		verifiedAt: { type: Date, required: true }
	},
	{ strict: 'throw', versionKey: false }
);

export type GrantVerificationDoc = InferSchemaType<typeof grantVerificationSchema>;
export const GrantVerification: Model<GrantVerificationDoc> =
	(mongoose.models.GrantVerification as Model<GrantVerificationDoc>) ??
	mongoose.model('GrantVerification', grantVerificationSchema);
