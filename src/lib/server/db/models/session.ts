import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// _id is the SHA-256 (hex) of the session token; the token itself is never stored.
const sessionSchema = new Schema(
	{
		_id: { type: String, required: true },
		userId: { type: Schema.Types.ObjectId, ref: 'User', required: true, index: true },
		expiresAt: { type: Date, required: true, index: true },
		createdAt: { type: Date, required: true, default: () => new Date() },
		ip: { type: String }
	},
	{ strict: 'throw', versionKey: false }
);

export type SessionDoc = InferSchemaType<typeof sessionSchema>;
export const Session: Model<SessionDoc> =
	(mongoose.models.Session as Model<SessionDoc>) ?? mongoose.model('Session', sessionSchema);
