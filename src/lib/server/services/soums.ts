// Soums: reference data loaded from the database (seeded from db/seed/*.json).
import { Soum } from '$lib/server/db/models/soum';

export interface SoumOption {
	code: string;
	nameMn: string;
	nameEn: string;
}

export async function listSoums(codes?: string[]): Promise<SoumOption[]> {
	const filter = codes ? { code: { $in: codes } } : {};
	const rows = await Soum.find(filter, { code: 1, nameMn: 1, nameEn: 1 })
		.sort({ nameEn: 1 })
		.lean();
	return rows.map(({ code, nameMn, nameEn }) => ({ code, nameMn, nameEn }));
}
