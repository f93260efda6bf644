import mongoose, { Schema, type InferSchemaType, type Model } from 'mongoose';
import { PERMISSIONS, ROLES } from '$lib/domain/roles';

const userSchema = new Schema(
	{
		phone: { type: String, required: true, unique: true },
		name: { type: String, required: true, trim: true, maxlength: 120 },
		email: { type: String, trim: true, lowercase: true, maxlength: 200 },
		roles: { type: [{ type: String, enum: ROLES }], required: true },
		/** Soum codes; for mentors, the soums whose participants she follows. */
		soums: { type: [String], default: [] },
		/** Extra permissions beyond the roles: 'viewProtected' unmasks protected participants. */
		permissions: { type: [{ type: String, enum: PERMISSIONS }], default: [] },
		passwordHash: { type: String },
		passwordChangedAt: { type: Date },
		disabled: { type: Boolean, default: false },
		disabledAt: { type: Date },
		createdBy: { type: Schema.Types.ObjectId, ref: 'User' }
	},
	{ timestamps: true, strict: 'throw' }
);
userSchema.index({ roles: 1, createdAt: -1 });

export type UserDoc = InferSchemaType<typeof userSchema> & {
	_id: import('mongoose').Types.ObjectId;
};
export const User: Model<InferSchemaType<typeof userSchema>> =
	(mongoose.models.User as Model<InferSchemaType<typeof userSchema>>) ??
	mongoose.model('User', userSchema);
