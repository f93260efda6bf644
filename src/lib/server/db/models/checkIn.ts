import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { BUSINESS_STATUSES, CHECK_IN_MODES } from '$lib/domain/mentoring';

const whole = { type: Number, min: 0, validate: Number.isSafeInteger };

// A check-in on her business: by her mentor (a visit or a call), or her own monthly figures
// (source 'self', shown as self-reported). The idempotency key comes from the form the mentor
// opened (or the phone that queued it offline): sent twice, it is stored once. The
// safeguarding note is never here: only the flag, and the note in SafeguardingConcern.
const checkInSchema = new Schema(
	{
		idempotencyKey: { type: String, required: true, unique: true },
		grantId: { type: Schema.Types.ObjectId, ref: 'Grant', required: true },
		participantId: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		soum: { type: String, required: true },
		source: { type: String, enum: ['mentor', 'self'], required: true },
		/** The day of the visit or call; for her own figures, the day she reported them. */
		on: { type: Date, required: true },
		/** For her own figures: the month they are for, YYYY-MM. */
		month: { type: String, match: /^\d{4}-\d{2}$/ },
		mode: { type: String, enum: [...CHECK_IN_MODES, 'self'], required: true },
		businessStatus: { type: String, enum: BUSINESS_STATUSES, required: true },
		/** Last month's sales and costs, whole tögrög. */
		salesMnt: { ...whole, required: true },
		costsMnt: { ...whole, required: true },
		customersPerWeek: { ...whole, required: true },
		workersOwner: { ...whole, required: true },
		workersPaid: { ...whole, required: true },
		workersFamily: { ...whole, required: true },
		/** Keys of the plan's milestones reached (domain/mentoring planMilestones). */
		milestones: { type: [String], default: [] },
		supportGiven: { type: String, maxlength: 2000, default: '' },
		problems: { type: String, maxlength: 2000, default: '' },
		nextSteps: { type: String, maxlength: 2000, default: '' },
		photos: {
			type: [
				{
					_id: false,
					/** File name under DATA_DIR/check-in-photos. */
					file: { type: String, required: true },
					contentType: { type: String, required: true },
					sizeBytes: { type: Number, required: true, min: 1 }
				}
			],
			default: []
		},
		/** The mentor saw the business operating and said so: it opens the gated tranche. */
		verifiesOperating: { type: Boolean, default: false },
		/** A safeguarding concern was raised with it (the note is in SafeguardingConcern). */
		safeguarding: { type: Boolean, default: false },
		recordedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		recordedAt: { type: Date, required: true },
		/** Saved on the phone while offline, sent later. */
		queuedOffline: { type: Boolean, default: false }
	},
	{ strict: 'throw', versionKey: false }
);
checkInSchema.index({ grantId: 1, on: 1 });
checkInSchema.index({ cohortId: 1, source: 1 });

export type CheckInDoc = InferSchemaType<typeof checkInSchema>;
export const CheckIn: Model<CheckInDoc> =
	(mongoose.models.CheckIn as Model<CheckInDoc>) ?? mongoose.model('CheckIn', checkInSchema);
