/** The oracle for weak-labels files: the probabilities each example must get, read plainly from the documented format. */
import type { Verdict } from './reference.js';

export type WeakVerdict = { probs: number[] } | Exclude<Verdict, { labels: string[] }>;

export function referenceWeak(bytes: Uint8Array, classes: string[], ids: string[]): WeakVerdict {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return 'refuse';
  }
  const k = classes.length;
  const rows = new Map<string, number[]>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    for (const key of ['id', 'label', 'probs', 'confidence']) if ((line.match(new RegExp(`"${key}"\\s*:`, 'g')) ?? []).length > 1) return 'refuse';
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(line);
    } catch {
      return /NaN|Infinity/.test(line) ? 'unknown' : 'refuse';
    }
    if (o === null || typeof o !== 'object' || Array.isArray(o)) return 'refuse';
    const id = typeof o.id === 'string' && o.id !== '' ? o.id : typeof o.id === 'number' && Number.isFinite(o.id) ? String(o.id) : null;
    if (id === null || rows.has(id)) return 'refuse';
    if ((o.probs === undefined) === (o.label === undefined)) return 'refuse';
    if (o.probs !== undefined) {
      const p = o.probs;
      if (!Array.isArray(p) || p.length < 2 || !p.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= 0)) return 'refuse';
      if (Math.abs(p.reduce((a: number, b: number) => a + b, 0) - 1) >= 1e-3) return 'refuse';
      rows.set(id, p as number[]);
      continue;
    }
    const conf = o.confidence === undefined ? 1 : o.confidence;
    if (typeof conf !== 'number' || !(conf >= 0 && conf <= 1)) return 'refuse';
    const c = classOf(o.label, classes);
    if (c === 'refuse' || c === 'unknown') return c;
    rows.set(id, Array.from({ length: k }, (_, i) => (i === c ? conf : (1 - conf) / (k - 1))));
  }
  if (rows.size === 0) return 'refuse';
  const probs: number[] = [];
  for (const id of ids) {
    const r = rows.get(id);
    if (!r || r.length !== k) return 'refuse';
    probs.push(...r);
  }
  return { probs };
}

function classOf(label: unknown, classes: string[]): number | 'refuse' | 'unknown' {
  if (label === null || label === undefined || typeof label === 'object') return 'refuse';
  if (typeof label === 'string' && label.trim() === '') return 'refuse';
  if (classes.every((c) => /^-?\d+$/.test(c))) {
    const t = String(label).trim();
    if (typeof label === 'boolean' || !/^[-+]?\d+(\.0*)?$/.test(t)) return /e/i.test(t) && /\d/.test(t) ? 'unknown' : 'refuse';
    const i = classes.indexOf(String(Number(t.split('.')[0]) || 0));
    return i >= 0 ? i : 'refuse';
  }
  if (typeof label === 'number') return Number.isInteger(label) && label >= 0 && label < classes.length ? label : 'refuse';
  const i = classes.indexOf(String(label).trim());
  return i >= 0 ? i : 'refuse';
}
