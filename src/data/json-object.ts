import { randomUUID } from 'node:crypto';
import { DataError } from './errors.js';
import type { Where } from './labels.js';

/** Python's json writes bare NaN/Infinity for float nan/inf; they are read as those numbers. */
const NONFINITE: Record<string, number> = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity };
const MARK = `\u0000${randomUUID()}:`;

/**
 * One JSON object (a JSONL line, a weak-labels line). Stricter than JSON.parse where
 * JSON.parse loses information silently: a key that appears twice is an error (JSON.parse
 * would keep the last), and bare NaN/Infinity outside strings become those numbers.
 */
export function parseJsonObject(text: string, file: string, where: Where, shape = '{"text": ..., "label": ...}'): Record<string, unknown> {
  const { source, keys, bare } = scan(text);
  let value: unknown;
  try {
    value = bare ? JSON.parse(source, revive) : JSON.parse(source);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new DataError(file, `malformed JSON (${why}): fix or remove this line; each line must be one JSON object like ${shape}`, where);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DataError(file, `expected a JSON object like ${shape}, got ${short(text)}`, where);
  }
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) throw new DataError(file, `key '${k}' appears twice in this object (JSON keeps only the last); keep one`, where);
    seen.add(k);
  }
  return value as Record<string, unknown>;
}

/** The first key of the top-level object that appears twice, if any (JSON.parse keeps only the last). */
export function repeatedKey(text: string): string | undefined {
  const seen = new Set<string>();
  for (const k of scan(text).keys) {
    if (seen.has(k)) return k;
    seen.add(k);
  }
  return undefined;
}

function revive(_key: string, v: unknown): unknown {
  return typeof v === 'string' && v.startsWith(MARK) ? NONFINITE[v.slice(MARK.length)] : v;
}

/** Walk the text outside strings: collect the top-level object's keys and quote bare non-finite numbers. */
function scan(text: string): { source: string; keys: string[]; bare: boolean } {
  const keys: string[] = [];
  let out = '';
  let copied = 0;
  let depth = 0;
  let prev = ''; // last non-space character outside strings
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (depth === 1 && (prev === '{' || prev === ',') && nextNonSpace(text, end + 1) === ':') {
        try {
          keys.push(JSON.parse(text.slice(i, end + 1)) as string);
        } catch {
          // malformed string: JSON.parse of the whole line reports it
        }
      }
      i = end;
      prev = '"';
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if ((c === 'N' || c === 'I' || c === '-') && (prev === ':' || prev === ',' || prev === '[')) {
      const token = ['NaN', 'Infinity', '-Infinity'].find((t) => text.startsWith(t, i));
      if (token && !/[\w.]/.test(text[i + token.length] ?? '')) {
        out += `${text.slice(copied, i)}"\\u0000${MARK.slice(1)}${token}"`;
        copied = i + token.length;
        i = copied - 1;
        prev = '"';
        continue;
      }
    }
    if (!/\s/.test(c)) prev = c;
  }
  return { source: copied === 0 ? text : out + text.slice(copied), keys, bare: copied > 0 };
}

/** Index of the quote that closes the string opening at `start` (the last index when unterminated). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length - 1;
}

function nextNonSpace(text: string, from: number): string {
  for (let i = from; i < text.length; i++) if (!/\s/.test(text[i])) return text[i];
  return '';
}

function short(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
