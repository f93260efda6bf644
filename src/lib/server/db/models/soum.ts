import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';

// Soums are data, not code: another province is rows here, not a release.
const soumSchema = new Schema(
	{
		code: { type: String, required: true, unique: true },
		aimag: { type: String, required: true },
		nameMn: { type: String, required: true },
		nameEn: { type: String, required: true },
		/** Other spellings people type: Latin variants, without diacritics, etc. */
		aliases: { type: [String], default: [] },
		aimagCentre: { type: Boolean, default: false },
		miningImpacted: { type: Boolean, default: false }
	},
	{ strict: 'throw', versionKey: false }
);

export type SoumDoc = InferSchemaType<typeof soumSchema>;
export const Soum: Model<SoumDoc> =
	(mongoose.models.Soum as Model<SoumDoc>) ?? mongoose.model('Soum', soumSchema);
