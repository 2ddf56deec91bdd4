import { DataError } from '../data/errors.js';
import { parseJsonObject } from '../data/json-object.js';
import { readLabel } from '../data/labels.js';
import { readInput } from '../data/read.js';
import { decodeUtf8 } from '../data/utf8.js';

/** One line of a weak-labels file, checked on its own; resolved against the classes later. */
export interface WeakRow {
  line: number;
  probs?: number[];
  label?: unknown;
  confidence: number;
}

const SHAPE = '{"id": ..., "probs": [...]} or {"id": ..., "label": ..., "confidence": 0.9}';

/** The weak labels of a JSONL file by example id. Every problem is a DataError naming the line and the fix. */
export function readWeakRows(path: string): Map<string, WeakRow> {
  const bytes = readInput(path, '--weak-labels');
  const rows = new Map<string, WeakRow>();
  decodeUtf8(bytes, path).split('\n').forEach((text, i) => {
    if (!text.trim()) return;
    const line = i + 1;
    const o = parseJsonObject(text.trim(), path, { line }, SHAPE);
    const idOk = typeof o.id === 'string' ? o.id.length > 0 : typeof o.id === 'number' && Number.isFinite(o.id);
    if (!idOk) throw new DataError(path, `missing "id" (the id of the example this weak label belongs to); each line must be ${SHAPE}`, { line });
    const id = String(o.id);
    const first = rows.get(id);
    if (first) throw new DataError(path, `example id '${id}' is on line ${first.line} and again here; keep one weak label per example`, { line });
    rows.set(id, parseRow(o, path, line));
  });
  if (rows.size === 0) throw new DataError(path, `no weak labels in the file; each line must be ${SHAPE}`);
  return rows;
}

function parseRow(o: Record<string, unknown>, path: string, line: number): WeakRow {
  const bad = (msg: string) => new DataError(path, msg, { line });
  if (o.probs !== undefined && o.label !== undefined) throw bad('has both "probs" and "label"; give one of them');
  if (o.probs !== undefined) {
    const p = o.probs;
    const ok = Array.isArray(p) && p.length >= 2 && p.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0);
    const sum = ok ? (p as number[]).reduce((a, b) => a + b, 0) : NaN;
    if (!ok || !(Math.abs(sum - 1) < 1e-3)) {
      throw bad(`"probs" must be an array of non-negative numbers, one per class, summing to 1; got ${JSON.stringify(p)?.slice(0, 80)}`);
    }
    return { line, probs: p as number[], confidence: 1 };
  }
  if (o.label === undefined) throw bad(`needs "probs" or "label"; each line must be ${SHAPE}`);
  readLabel(o.label, 'string', path, 'label', { line }); // refuses empty, NaN and structured labels
  const conf = o.confidence === undefined ? 1 : o.confidence;
  if (typeof conf !== 'number' || !(conf >= 0 && conf <= 1)) throw bad(`"confidence" must be a number in [0, 1], got ${JSON.stringify(o.confidence)}`);
  return { line, label: o.label, confidence: conf };
}
