import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { Supervisor, SupervisorInput } from './types.js';

/**
 * Weak labels collected elsewhere (an LLM's answers, a person's annotations),
 * one JSON object per line: `{"id": "...", "probs": [0.2, 0.8]}`, or
 * `{"id": "...", "label": "spam", "confidence": 0.9}` (confidence optional, default 1;
 * the rest of the mass is spread over the other classes).
 */
export function fileSupervisor(path: string): Supervisor {
  let rows: Map<string, (classes: readonly string[]) => Float32Array> | null = null;
  const load = () => {
    if (rows) return rows;
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new Error(`cannot read weak labels ${path}: ${(e as Error).message}`);
    }
    rows = new Map();
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      const where = `${path}, line ${i + 1}`;
      let o: { id?: unknown; probs?: unknown; label?: unknown; confidence?: unknown };
      try {
        o = JSON.parse(line);
      } catch (e) {
        throw new Error(`${where}: malformed JSON (${(e as Error).message}); each line must be {"id": ..., "probs": [...]} or {"id": ..., "label": ...}`);
      }
      if (typeof o.id !== 'string' && typeof o.id !== 'number') throw new Error(`${where}: missing "id" (the example id the label belongs to)`);
      const id = String(o.id);
      if (rows!.has(id)) throw new Error(`${where}: example id ${id} appears twice`);
      rows!.set(id, parseRow(o, where));
    });
    if (rows.size === 0) throw new Error(`${path}: no weak labels in the file`);
    return rows;
  };
  return {
    name: `file:${basename(path)}`,
    async label(examples: readonly SupervisorInput[], classes: readonly string[]) {
      const all = load();
      const k = classes.length;
      const out = new Float32Array(examples.length * k);
      const missing: string[] = [];
      examples.forEach((e, i) => {
        const row = all.get(e.id);
        if (!row) missing.push(e.id);
        else out.set(row(classes), i * k);
      });
      if (missing.length) {
        throw new Error(`${path}: no weak label for ${missing.length} of ${examples.length} examples (e.g. ${missing.slice(0, 3).join(', ')}); the file must label every example of transfer, val and test`);
      }
      return out;
    },
  };
}

function parseRow(o: { probs?: unknown; label?: unknown; confidence?: unknown }, where: string): (classes: readonly string[]) => Float32Array {
  if (Array.isArray(o.probs)) {
    const p = o.probs.map(Number);
    const sum = p.reduce((a, b) => a + b, 0);
    if (p.some((x) => !Number.isFinite(x) || x < 0) || !(Math.abs(sum - 1) < 1e-3)) {
      throw new Error(`${where}: "probs" must be non-negative numbers summing to 1, got ${JSON.stringify(o.probs)}`);
    }
    return (classes) => {
      if (p.length !== classes.length) throw new Error(`${where}: ${p.length} probabilities for ${classes.length} classes (${classes.join(', ')})`);
      return Float32Array.from(p);
    };
  }
  if (o.label === undefined) throw new Error(`${where}: needs "probs" or "label"`);
  const conf = o.confidence === undefined ? 1 : Number(o.confidence);
  if (!(conf >= 0 && conf <= 1)) throw new Error(`${where}: "confidence" must be in [0, 1], got ${JSON.stringify(o.confidence)}`);
  return (classes) => {
    const k = classes.length;
    const c = typeof o.label === 'number' ? o.label : classes.indexOf(String(o.label));
    if (!(Number.isInteger(c) && c >= 0 && c < k)) throw new Error(`${where}: label ${JSON.stringify(o.label)} is not one of the classes ${classes.join(', ')} (or an index 0..${k - 1})`);
    const row = new Float32Array(k).fill((1 - conf) / (k - 1));
    row[c] = conf;
    return row;
  };
}
