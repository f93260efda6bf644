import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { LEDGER_KINDS } from '$lib/domain/grants';

// The cohort's payment ledger, append-only: every request, approval, rejection and payment is
// an entry `seq` carrying the cohort's open and paid totals after it. Two unique keys make it
// exactly-once on FerretDB and MongoDB alike (docs/database.md):
// - (cohortId, seq): of two writers who read the same last entry, one inserts and the other
//   gets 11000, reads again and checks its rule (budget, award, state) against the new totals;
// - key: `<requestId>:requested`, `<requestId>:decision` (approved or rejected, never both) and
//   `<requestId>:paid`, so a request is approved once and paid once however many try.
const grantLedgerSchema = new Schema(
	{
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		seq: { type: Number, required: true, min: 1 },
		key: { type: String, required: true, unique: true },
		kind: { type: String, enum: LEDGER_KINDS, required: true },
		requestId: { type: Schema.Types.ObjectId, ref: 'PaymentRequest', required: true },
		grantId: { type: Schema.Types.ObjectId, ref: 'Grant', required: true },
		trancheNo: { type: Number, required: true, min: 1 },
		amountMnt: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
		openAfterMnt: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
		paidAfterMnt: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
		actorId: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		actorRole: { type: String, required: true },
		at: { type: Date, required: true },
		/** Rejections: why, for the coordinator who asked. */
		reason: { type: String, maxlength: 1000 },
		/** Payments: the day the money left and the bank's or cash book's reference. */
		paidOn: { type: Date },
		paymentReference: { type: String, maxlength: 100 }
	},
	{ strict: 'throw', versionKey: false }
);
grantLedgerSchema.index({ cohortId: 1, seq: 1 }, { unique: true });
grantLedgerSchema.index({ grantId: 1, seq: 1 });
grantLedgerSchema.index({ requestId: 1 });

export type GrantLedgerDoc = InferSchemaType<typeof grantLedgerSchema>;
export const GrantLedger: Model<GrantLedgerDoc> =
	(mongoose.models.GrantLedger as Model<GrantLedgerDoc>) ??
	mongoose.model('GrantLedger', grantLedgerSchema);
