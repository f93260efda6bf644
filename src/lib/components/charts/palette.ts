// Colours of the charts: distinct from each other, dark enough on white for text and thin lines
// (WCAG 3:1 or better), the programme's brown first.
export const PALETTE = [
	'#7a2e1f',
	'#0f766e',
	'#1d4ed8',
	'#b45309',
	'#6d28d9',
	'#be185d',
	'#1f6b3a',
	'#5e544d'
] as const;

export const colour = (i: number): string => PALETTE[i % PALETTE.length]!;

export const OK = '#1f6b3a';
export const BAD = '#a1261b';
export const MUTED = '#8c8279';
