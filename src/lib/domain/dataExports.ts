// The tables a coordinator may export (lib/server/services/dataExports.ts). Here, not in the
// service, because the route matcher that checks `/staff/exports/<kind>` also runs in the browser.
export const EXPORT_KINDS = [
	'participants',
	'plans',
	'scores',
	'grants',
	'payments',
	'checkins'
] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const isExportKind = (value: string): value is ExportKind =>
	(EXPORT_KINDS as readonly string[]).includes(value);
