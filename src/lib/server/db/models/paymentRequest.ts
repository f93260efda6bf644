import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { PAYMENT_METHODS } from '$lib/domain/grants';

// A coordinator's request to pay one tranche: how and to whom. Never changed after it is
// made; its state is the latest entry for it in the grant ledger. `idempotencyKey` is unique:
// the form carries a key made when it was shown, so a double click or a retry after a
// dropped connection finds the request already made instead of making another.
const paymentRequestSchema = new Schema(
	{
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		grantId: { type: Schema.Types.ObjectId, ref: 'Grant', required: true },
		participantId: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
		trancheNo: { type: Number, required: true, min: 1 },
		amountMnt: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
		method: { type: String, enum: PAYMENT_METHODS, required: true },
		/** Bank transfer: the bank, the account holder and the account number. */
		bankName: { type: String, maxlength: 100 },
		accountName: { type: String, maxlength: 200 },
		accountNumber: { type: String, maxlength: 40 },
		/** Paying a supplier directly for equipment. */
		supplierName: { type: String, maxlength: 200 },
		/** The programme's reference for this payment (voucher, invoice number). */
		reference: { type: String, required: true, maxlength: 100 },
		note: { type: String, maxlength: 1000, default: '' },
		idempotencyKey: { type: String, required: true, unique: true },
		requestedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		requestedAt: { type: Date, required: true }
	},
	{ strict: 'throw', versionKey: false }
);
paymentRequestSchema.index({ grantId: 1 });
paymentRequestSchema.index({ cohortId: 1 });

export type PaymentRequestDoc = InferSchemaType<typeof paymentRequestSchema>;
export const PaymentRequest: Model<PaymentRequestDoc> =
	(mongoose.models.PaymentRequest as Model<PaymentRequestDoc>) ??
	mongoose.model('PaymentRequest', paymentRequestSchema);
