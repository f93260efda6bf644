import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { RECEIPT_TYPES } from '$lib/domain/grants';

// A receipt for money spent from a grant, linked to one of its budget lines. The file lives on
// disk under DATA_DIR/receipts (named by this document's id, never by what was uploaded) and is
// only ever served through the access check of /receipts/[id].
const receiptSchema = new Schema(
	{
		grantId: { type: Schema.Types.ObjectId, ref: 'Grant', required: true },
		participantId: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
		lineKey: { type: String, required: true },
		amountMnt: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
		spentOn: { type: Date, required: true },
		description: { type: String, maxlength: 300, default: '' },
		/** The type read from the file's first bytes, not the one the browser declared. */
		contentType: { type: String, enum: RECEIPT_TYPES, required: true },
		sizeBytes: { type: Number, required: true, min: 1 },
		sha256: { type: String, required: true },
		originalName: { type: String, maxlength: 200, default: '' },
		uploadedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		uploadedRole: { type: String, required: true },
		uploadedAt: { type: Date, required: true },
		/** Her data was erased: the file is deleted and its name and description emptied. */
		fileErasedAt: { type: Date }
	},
	{ strict: 'throw', versionKey: false }
);
receiptSchema.index({ grantId: 1, uploadedAt: 1 });

export type ReceiptDoc = InferSchemaType<typeof receiptSchema>;
export const Receipt: Model<ReceiptDoc> =
	(mongoose.models.Receipt as Model<ReceiptDoc>) ?? mongoose.model('Receipt', receiptSchema);
