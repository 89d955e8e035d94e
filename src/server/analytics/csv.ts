/**
 * CSV for spreadsheets (RFC 4180: fields with the separator, a quote or a line break are
 * quoted, quotes doubled; CRLF line ends). Two dialects: plain CSV (`,`, decimal point)
 * and the French-Excel one (`;`, decimal comma), both UTF-8 with a byte-order mark so
 * that Excel reads accents right. Dates are ISO 8601 in UTC. A cell that starts with
 * = + - @ is prefixed with ' so a spreadsheet never runs text typed in the field as a
 * formula (CSV injection) — numbers are written by us and never start with those.
 */
export type CsvDialect = 'csv' | 'excel-fr';
export type Cell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

function cellText(cell: Cell, dialect: CsvDialect): string {
  if (cell === null) return '';
  if (typeof cell === 'boolean') return cell ? 'true' : 'false';
  if (typeof cell === 'number') {
    const text = String(cell);
    return dialect === 'excel-fr' ? text.replace('.', ',') : text;
  }
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function quoted(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, header line, one line per row. */
export function toCsv(header: readonly string[], rows: readonly Cell[][], dialect: CsvDialect): string {
  const separator = dialect === 'excel-fr' ? ';' : ',';
  const line = (cells: readonly Cell[]) => cells.map((c) => quoted(cellText(c, dialect), separator)).join(separator);
  return `\uFEFF${[header.map((h) => quoted(h, separator)).join(separator), ...rows.map(line)].join('\r\n')}\r\n`;
}

/** ISO 8601 (UTC) of a device time, or empty. */
export const isoTime = (epochMs: number | null): string | null =>
  epochMs === null ? null : new Date(epochMs).toISOString();
