import { parse } from 'csv-parse/sync';
import type { Dataset } from '../tasks/types.js';
import { DataError } from './errors.js';
import type { UserDataOptions } from './options.js';
import { readInput } from './read.js';
import { rowsToDataset, type RawRow } from './rows.js';
import { decodeUtf8 } from './utf8.js';

/** CSV with a header row; a .tsv file is read with tab delimiters. */
export function loadCsv(file: string, opts: UserDataOptions = {}): Dataset {
  return rowsToDataset(file, readCsvRows(file), opts);
}

interface Parsed {
  record: Record<string, string>;
  raw: string;
  info: { lines: number };
}

export function readCsvRows(file: string): RawRow[] {
  const text = decodeUtf8(readInput(file), file);
  const delimiter = file.toLowerCase().endsWith('.tsv') ? '\t' : ',';
  checkHeader(file, text, delimiter);
  let parsed: Parsed[];
  try {
    parsed = parse(text, { columns: true, info: true, raw: true, bom: true, skip_empty_lines: true, delimiter }) as unknown as Parsed[];
  } catch (err) {
    const e = err as { message?: string; lines?: number; code?: string };
    const msg = (e.message ?? String(err)).replace(/ on line \d+$/, '');
    throw new DataError(file, `invalid CSV (${e.code ?? 'parse error'}: ${msg}); check quoting and that every row has as many fields as the header`, {
      line: e.lines,
    });
  }
  return parsed.map((p) => {
    // info.lines is the line the record ends on; a quoted field may span lines.
    const body = p.raw.replace(/^(\s*\n)+/, '').replace(/\r?\n$/, '');
    const span = body.split('\n').length - 1;
    return { where: { line: p.info.lines - span }, values: p.record };
  });
}

function checkHeader(file: string, text: string, delimiter: string): void {
  let header: string[] = [];
  try {
    header = (parse(text.replace(/^\uFEFF/, ''), { to_line: 1, delimiter, skip_empty_lines: true }) as string[][])[0] ?? [];
  } catch {
    return; // the full parse reports the error with its line
  }
  if (header.length === 0) throw new DataError(file, 'the file is empty; expected a header row and data rows');
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new DataError(file, `the header repeats column '${h}'; rename one of them`, { line: 1 });
    seen.add(h);
  }
}
