import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// A safeguarding concern raised at a check-in: the confidential note, for coordinators only,
// never in a check-in, an export or the audit log. `checkInKey` is the check-in's idempotency
// key (unique): the concern is stored before the check-in, so that a crash between the two
// still alerts the coordinators, and a resend stores it once.
const safeguardingConcernSchema = new Schema(
	{
		checkInKey: { type: String, required: true, unique: true },
		grantId: { type: Schema.Types.ObjectId, ref: 'Grant', required: true },
		participantId: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		soum: { type: String, required: true },
		note: { type: String, required: true, maxlength: 4000 },
		raisedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		raisedAt: { type: Date, required: true },
		state: { type: String, enum: ['open', 'closed'], default: 'open' },
		/** What the coordinator did (referral, call, visit), when she closes it. */
		actionTaken: { type: String, maxlength: 4000 },
		closedBy: { type: Schema.Types.ObjectId, ref: 'User' },
		closedAt: { type: Date }
	},
	{ strict: 'throw', versionKey: false }
);
safeguardingConcernSchema.index({ cohortId: 1, state: 1, raisedAt: -1 });

export type SafeguardingConcernDoc = InferSchemaType<typeof safeguardingConcernSchema>;
export const SafeguardingConcern: Model<SafeguardingConcernDoc> =
	(mongoose.models.SafeguardingConcern as Model<SafeguardingConcernDoc>) ??
	mongoose.model('SafeguardingConcern', safeguardingConcernSchema);
