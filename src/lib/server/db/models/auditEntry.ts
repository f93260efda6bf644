import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// Append-only: entries are inserted, never deleted by the portal. The one update: erasing a
// participant (services/erasure.ts) empties her phone and free text from the details.
const auditEntrySchema = new Schema(
	{
		at: { type: Date, required: true, default: () => new Date() },
		action: { type: String, required: true },
		actorId: { type: Schema.Types.ObjectId, ref: 'User' },
		actorRole: { type: String },
		entity: { type: String },
		entityId: { type: String },
		onBehalfOf: { type: Schema.Types.ObjectId, ref: 'User' },
		ip: { type: String },
		details: { type: Schema.Types.Mixed }
	},
	{ strict: 'throw', versionKey: false }
);
auditEntrySchema.index({ at: -1 });
auditEntrySchema.index({ action: 1, at: -1 });
auditEntrySchema.index({ actorId: 1, at: -1 });
auditEntrySchema.index({ onBehalfOf: 1, at: -1 });
auditEntrySchema.index({ entity: 1, entityId: 1, at: -1 });

export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema>;
export const AuditEntry: Model<AuditEntryDoc> =
	(mongoose.models.AuditEntry as Model<AuditEntryDoc>) ??
	mongoose.model('AuditEntry', auditEntrySchema);
