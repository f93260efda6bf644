import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { CONSENT_METHODS, CONSENT_PURPOSES } from '$lib/domain/participant';

// Append-only: a consent given or withdrawn is a new record; her consent now is the latest
// record per purpose (lib/domain/participant.ts currentConsent).
const consentRecordSchema = new Schema(
	{
		participantId: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
		purpose: { type: String, enum: CONSENT_PURPOSES, required: true },
		action: { type: String, enum: ['given', 'withdrawn'], required: true },
		on: { type: Date, required: true },
		method: { type: String, enum: CONSENT_METHODS, required: true },
		witness: { type: String, trim: true, maxlength: 120 },
		recordedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		recordedAt: { type: Date, required: true, default: () => new Date() }
	},
	{ strict: 'throw', versionKey: false }
);
consentRecordSchema.index({ participantId: 1, recordedAt: 1 });
consentRecordSchema.index({ purpose: 1, participantId: 1 });

export type ConsentRecordDoc = InferSchemaType<typeof consentRecordSchema>;
export const ConsentRecord: Model<ConsentRecordDoc> =
	(mongoose.models.ConsentRecord as Model<ConsentRecordDoc>) ??
	mongoose.model('ConsentRecord', consentRecordSchema);
