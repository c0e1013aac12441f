/** A cell as reports produce it; dates are written in ISO 8601 (UTC), booleans as yes/no. */
export type CsvValue = string | number | boolean | Date | null | undefined;

export interface CsvColumn<Row> {
  key: keyof Row & string;
  /** The header cell. */
  label: string;
}

// A spreadsheet runs a cell that starts with one of these as a formula (CSV injection):
// = + - @, and tab or carriage return that some programs skip before looking.
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell: text that a spreadsheet would read as a formula gets a leading quote (') so
 * that it is shown, not run; then RFC 4180 quoting when the cell holds a comma, a double
 * quote or a line break (double quotes doubled). Numbers are written as they are.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV of `rows` in the order of `columns`, with a header line, lines ended by CRLF.
 * The header is written even when there are no rows, so an empty export still says what it holds.
 */
export function toCsv<Row extends Record<string, CsvValue>>(rows: readonly Row[], columns: readonly CsvColumn<Row>[]): string {
  const lines = [columns.map((c) => csvCell(c.label)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c.key])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
