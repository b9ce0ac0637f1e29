/** Excel opens a UTF-8 CSV as UTF-8 only when it starts with a byte order mark. */
export const UTF8_BOM = '\uFEFF';

// A cell a spreadsheet would read as a formula: it could run commands or send the sheet's data
// elsewhere when a caseworker opens the export (OWASP "CSV injection"). Tab and carriage return
// start formulas in some spreadsheets too.
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell, defused and quoted as RFC 4180 asks (quotes doubled; quoted when it holds , " CR or LF). */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows joined with CRLF, after the BOM; every line ends with CRLF. */
export function csvDocument(rows: readonly (readonly string[])[]): string {
  return UTF8_BOM + rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
}
