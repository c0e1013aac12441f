/**
 * Reports for managers and the public performance pages: the regulators' case export, CSV
 * writing, and monthly figures (acknowledged and answered on time, appealed, upheld). Pure
 * SQL and functions; no Astro.
 */
export { caseExport, caseExportColumns, caseExportRow, type CaseExportRow } from './case-export.ts';
export { csvCell, toCsv, type CsvColumn, type CsvValue } from './csv.ts';
export { lastTwelveMonths, monthlyFigures, monthsBetween, monthStart, organisationFigures, type MonthFigures, type Share } from './figures.ts';
export { caseTimeliness, type CaseTimeliness, type Kept } from './timeliness.ts';
export { loadCaseFacts, type CaseFacts } from './case-facts.ts';
