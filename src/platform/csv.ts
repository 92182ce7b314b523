/**
 * CSV in and out, the one way: RFC 4180 (comma, double quotes, CRLF between records) as spreadsheets and the Standard
 * Safeguarding Dataset's tools read and write it.
 */

/**
 * One cell, quoted where CSV needs it. A cell a spreadsheet would run as a formula (starting `=`, `+`, `-`, `@`, a tab
 * or a carriage return) gets a leading apostrophe, so that text someone typed into Hearth can never run in the
 * spreadsheet of whoever opens the export.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV text, each record ended by CRLF. */
export function toCsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export interface CsvProblem {
  /** The line of the file the problem is on, counting from 1. */
  line: number;
  text: string;
}

/**
 * Reads CSV text into records of cells. A byte-order mark is dropped; LF and CRLF both end a record; a quoted cell may
 * hold commas, quotes ("") and line breaks. Broken quoting is refused with the line it starts on, rather than guessed
 * at, since a guess would shift every later cell into the wrong column.
 */
export function parseCsv(text: string): { records: { line: number; cells: string[] }[] } | { problem: CsvProblem } {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let atCellStart = true;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    atCellStart = true;
  };
  const endRecord = () => {
    endCell();
    // A blank line between records (or at the end) is not a record.
    if (!(cells.length === 1 && cells[0] === '')) records.push({ line: recordLine, cells });
    cells = [];
    recordLine = line;
  };
  while (i < source.length) {
    const char = source[i]!;
    if (atCellStart && char === '"') {
      const opened = line;
      i++;
      for (;;) {
        if (i >= source.length) return { problem: { line: opened, text: 'A quoted cell is never closed' } };
        const inner = source[i]!;
        if (inner === '"') {
          if (source[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (inner === '\n') line++;
        cell += inner;
        i++;
      }
      const next = source[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        return { problem: { line, text: 'Text follows a closing quote; write a quote inside a quoted cell as ""' } };
      }
      atCellStart = false;
      continue;
    }
    if (char === ',') {
      endCell();
      i++;
    } else if (char === '\r' || char === '\n') {
      i += char === '\r' && source[i + 1] === '\n' ? 2 : 1;
      line++;
      endRecord();
    } else if (char === '"') {
      return { problem: { line, text: 'A quote in the middle of a cell; put the whole cell in quotes and write the quote as ""' } };
    } else {
      cell += char;
      atCellStart = false;
      i++;
    }
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return { records };
}

/**
 * A CSV file with a header row, as objects keyed by column name. Columns are matched without regard to case or
 * surrounding spaces; a missing column, or a record with the wrong number of cells, is a problem on its line.
 */
export function csvTable(
  text: string,
  columns: readonly string[],
): { rows: { line: number; values: Record<string, string> }[] } | { problem: CsvProblem } {
  const parsed = parseCsv(text);
  if ('problem' in parsed) return parsed;
  const [header, ...body] = parsed.records;
  if (!header) return { problem: { line: 1, text: 'The file is empty: it needs a header row' } };
  const names = header.cells.map((name) => name.trim().toLowerCase());
  const missing = columns.filter((column) => !names.includes(column.toLowerCase()));
  if (missing.length > 0) return { problem: { line: header.line, text: `The header row has no ${missing.join(', ')} column` } };
  const rows = [];
  for (const record of body) {
    if (record.cells.length !== names.length) {
      return {
        problem: { line: record.line, text: `This row has ${record.cells.length} cells; the header has ${names.length}` },
      };
    }
    const values: Record<string, string> = {};
    for (const column of columns) values[column] = record.cells[names.indexOf(column.toLowerCase())]!.trim();
    rows.push({ line: record.line, values });
  }
  return { rows };
}
