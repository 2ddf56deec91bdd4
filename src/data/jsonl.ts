import { readFileSync } from 'node:fs';
import type { Dataset } from '../tasks/types.js';
import { DataError } from './errors.js';
import type { UserDataOptions } from './options.js';
import { rowsToDataset, type RawRow } from './rows.js';

/** JSON Lines: one JSON object per line; blank lines are skipped. */
export function loadJsonl(file: string, opts: UserDataOptions = {}): Dataset {
  return rowsToDataset(file, readJsonlRows(file), opts);
}

export function readJsonlRows(file: string): RawRow[] {
  const lines = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split('\n');
  const rows: RawRow[] = [];
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line.length === 0) return;
    const where = { line: i + 1 };
    const value = parseLine(line, file, where);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new DataError(file, `expected a JSON object like {"text": ..., "label": ...}, got ${short(line)}`, where);
    }
    rows.push({ where, values: value as Record<string, unknown> });
  });
  return rows;
}

/** Python's json writes bare NaN/Infinity; quote them so the feature check can name the column. */
const BARE_NONFINITE = /([[,:]\s*)(-?Infinity|NaN)(?=\s*[,\]}])/g;

function parseLine(line: string, file: string, where: { line: number }): unknown {
  try {
    return JSON.parse(line);
  } catch (err) {
    try {
      return JSON.parse(line.replace(BARE_NONFINITE, '$1"$2"'));
    } catch {
      const why = err instanceof Error ? err.message : String(err);
      throw new DataError(file, `malformed JSON (${why}): fix or remove this line; each line must be one JSON object`, where);
    }
  }
}

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
