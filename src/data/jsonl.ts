import type { Dataset } from '../tasks/types.js';
import { parseJsonObject } from './json-object.js';
import { readInput } from './read.js';
import type { UserDataOptions } from './options.js';
import { rowsToDataset, type RawRow } from './rows.js';
import { decodeUtf8 } from './utf8.js';

/** JSON Lines: one JSON object per line; blank lines are skipped. */
export function loadJsonl(file: string, opts: UserDataOptions = {}): Dataset {
  return rowsToDataset(file, readJsonlRows(file), opts);
}

export function readJsonlRows(file: string): RawRow[] {
  const lines = decodeUtf8(readInput(file), file).split('\n');
  const rows: RawRow[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line.length === 0) return;
    const where = { line: i + 1 };
    rows.push({ where, values: parseJsonObject(line, file, where) });
  });
  return rows;
}
