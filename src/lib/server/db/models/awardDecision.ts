import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { OUTCOMES } from '$lib/domain/awards';

// The committee's decisions, as an append-only ledger per cohort: entry `seq` carries the
// total committed to awards after it. (cohortId, seq) is unique, so of two decisions saved at
// once only one can take the next number; the other re-reads the total and checks the budget
// again. A plan's decision is its entry with the highest seq.
const awardDecisionSchema = new Schema(
	{
		cohortId: { type: Schema.Types.ObjectId, ref: 'Cohort', required: true },
		seq: { type: Number, required: true, min: 1 },
		planId: { type: Schema.Types.ObjectId, ref: 'BusinessPlan', required: true },
		participantId: { type: Schema.Types.ObjectId, ref: 'Participant', required: true },
		outcome: { type: String, enum: OUTCOMES, required: true },
		/** Whole tögrög; awards only. */
		amountMnt: { type: Number, min: 0, validate: Number.isSafeInteger },
		/** The committee's written reason, for the record. */
		reason: { type: String, required: true, maxlength: 1000 },
		/** A kind word to her, shown with a wait-list or decline; a default text when empty. */
		applicantMessage: { type: String, maxlength: 1000, default: '' },
		committedAfterMnt: { type: Number, required: true, min: 0, validate: Number.isSafeInteger },
		decidedBy: { type: Schema.Types.ObjectId, ref: 'User', required: true },
		decidedRole: { type: String, required: true },
		decidedAt: { type: Date, required: true }
	},
	{ strict: 'throw', versionKey: false }
);
awardDecisionSchema.index({ cohortId: 1, seq: 1 }, { unique: true });
awardDecisionSchema.index({ planId: 1, seq: -1 });
awardDecisionSchema.index({ participantId: 1, seq: -1 });

export type AwardDecisionDoc = InferSchemaType<typeof awardDecisionSchema>;
export const AwardDecision: Model<AwardDecisionDoc> =
	(mongoose.models.AwardDecision as Model<AwardDecisionDoc>) ??
	mongoose.model('AwardDecision', awardDecisionSchema);
