import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { TRANCHE_GATES } from '$lib/domain/grants';

// A settlement grant: one per awarded plan (planId unique, so two coordinators opening the
// grants list at once still make one). Only coordinators change it (schedule before signing,
// the signing itself), so it is one document; payments, verification and receipts are
// documents of their own (docs/database.md).
const grantSchema = new Schema(
	{
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		planId: { type: Schema.Types.ObjectId, ref: 'BusinessPlan', required: true, unique: true },
		participantId: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
		soum: { type: String, required: true },
		/** The plan version the committee decided on; its start-up lines are the budget lines. */
		planVersion: { type: Number, required: true, min: 1 },
		/** Whole tögrög: the award. */
		amountMnt: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
		budgetLines: {
			type: [
				{
					_id: false,
					key: { type: String, required: true },
					label: { type: String, default: '' },
					plannedMnt: { type: Number, required: true, min: 0, validate: Number.isSafeInteger }
				}
			],
			default: []
		},
		tranches: {
			type: [
				{
					_id: false,
					no: { type: Number, required: true, min: 1 },
					amountMnt: { type: Number, required: true, min: 1, validate: Number.isSafeInteger },
					gate: { type: String, enum: TRANCHE_GATES, required: true }
				}
			],
			required: true
		},
		/** Set once a coordinator changed this grant's tranches: cohort rules no longer apply. */
		scheduleCustomised: { type: Boolean, default: false },
		/** The agreement: the day she signed, who witnessed it, who recorded it and when. */
		signedOn: { type: Date },
		witnessedBy: { type: String, maxlength: 200 },
		signedRecordedBy: { type: Schema.Types.ObjectId, ref: 'User' },
		signedRecordedAt: { type: Date },
		/** Set when the award behind it is withdrawn before any money moved. */
		cancelledAt: { type: Date }
	},
	{ timestamps: true, strict: 'throw', versionKey: false }
);
grantSchema.index({ cohortId: 1 });
grantSchema.index({ participantId: 1 });

export type GrantDoc = InferSchemaType<typeof grantSchema>;
export const Grant: Model<GrantDoc> =
	(mongoose.models.Grant as Model<GrantDoc>) ?? mongoose.model('Grant', grantSchema);
