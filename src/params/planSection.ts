import type { ParamMatcher } from '@sveltejs/kit';
import { isPlanSection } from '$lib/domain/businessPlan';

export const match: ParamMatcher = (param) => isPlanSection(param);
