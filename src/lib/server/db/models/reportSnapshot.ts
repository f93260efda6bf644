import mongoose, { Schema, type Model } from 'mongoose';

// A cohort's reports as counted at one moment (services/reporting.ts): the dashboard, the
// programme's indicators and the donor report. Aggregates only, never a person. Keyed by the
// cohort, so that reading it is one lookup by _id.
const reportSnapshotSchema = new Schema(
	{
		_id: { type: Schema.Types.ObjectId, required: true },
		/** When counting started: a change audited after this makes the snapshot stale. */
		computedAt: { type: Date, required: true },
		/** How long the counting took, in milliseconds (shown to staff, and to benchmarks). */
		tookMs: { type: Number, required: true },
		figures: { type: Schema.Types.Mixed, required: true }
	},
	{ strict: 'throw', minimize: false, versionKey: false }
);

export interface ReportSnapshotDoc {
	_id: mongoose.Types.ObjectId;
	computedAt: Date;
	tookMs: number;
	figures: unknown;
}

export const ReportSnapshot: Model<ReportSnapshotDoc> =
	(mongoose.models.ReportSnapshot as Model<ReportSnapshotDoc>) ??
	mongoose.model<ReportSnapshotDoc>('ReportSnapshot', reportSnapshotSchema);
