import type { ParamMatcher } from '@sveltejs/kit';
import { isExportKind } from '$lib/domain/dataExports';

export const match = isExportKind satisfies ParamMatcher;
