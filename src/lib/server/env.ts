// The environment, read and validated once. Everything else imports `env` from here.
import { z } from 'zod';

const schema = z.object({
	MONGODB_URI: z
		.string()
		.trim()
		.optional()
		.transform((v) => (v ? v : undefined))
		.refine((v) => v === undefined || /^mongodb(\+srv)?:\/\//.test(v), {
			message: 'must start with mongodb:// or mongodb+srv://'
		}),
	DATA_DIR: z.string().default('data'),
	EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(27117),
	/** Load the demo into an empty database even on MONGODB_URI (used by the browser tests). */
	SEED_DEMO: z
		.enum(['0', '1', ''])
		.default('')
		.transform((v) => v === '1'),
	NODE_ENV: z.string().default('development')
});

export type Env = z.infer<typeof schema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
	const parsed = schema.safeParse(source);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		throw new Error(`${issue?.path.join('.')}: ${issue?.message}`);
	}
	return parsed.data;
}
