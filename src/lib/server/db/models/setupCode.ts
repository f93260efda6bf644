import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// A one-time set-up code: only its SHA-256 (with the phone) is kept.
const setupCodeSchema = new Schema(
	{
		userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
		codeHash: { type: String, required: true, unique: true },
		expiresAt: { type: Date, required: true },
		issuedBy: { type: Schema.Types.ObjectId, ref: 'User' },
		revokedAt: { type: Date },
		createdAt: { type: Date, required: true, default: () => new Date() }
	},
	{ strict: 'throw', versionKey: false }
);

// Redeeming a code inserts this record keyed by the code's id: the insert is atomic on both
// MongoDB and FerretDB, so a code is used exactly once even under concurrent submissions.
const setupCodeRedemptionSchema = new Schema(
	{
		_id: { type: Schema.Types.ObjectId, required: true },
		userId: { type: Schema.Types.ObjectId, required: true },
		at: { type: Date, required: true, default: () => new Date() }
	},
	{ strict: 'throw', versionKey: false }
);

export type SetupCodeDoc = InferSchemaType<typeof setupCodeSchema>;
export const SetupCode: Model<SetupCodeDoc> =
	(mongoose.models.SetupCode as Model<SetupCodeDoc>) ??
	mongoose.model('SetupCode', setupCodeSchema);

export type SetupCodeRedemptionDoc = InferSchemaType<typeof setupCodeRedemptionSchema>;
export const SetupCodeRedemption: Model<SetupCodeRedemptionDoc> =
	(mongoose.models.SetupCodeRedemption as Model<SetupCodeRedemptionDoc>) ??
	mongoose.model('SetupCodeRedemption', setupCodeRedemptionSchema);
