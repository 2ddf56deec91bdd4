/** Grouping helpers shared by charts: stable order of first appearance. */
import type { MethodSummary } from '../types.js';

export function uniq<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = m.get(k);
    if (list) list.push(it);
    else m.set(k, [it]);
  }
  return m;
}

/** "xs → l", with "fine-tuned" when the students (weak, ceiling and transfer alike) fine-tuned their encoders. */
export function pairLabel(r: MethodSummary): string {
  return `${r.weak} → ${r.strong}${r.student === 'finetune' ? ' (fine-tuned)' : ''}`;
}

export function runLabel(r: MethodSummary): string {
  return `${r.task} · ${pairLabel(r)} · ${r.method}`;
}

/**
 * Label of a row's task group: the task alone when every row of that task shares one
 * weak→strong pair, else the task with the pair.
 */
export function taskGroupLabeler(rows: MethodSummary[]): (r: MethodSummary) => string {
  const pairs = new Map<string, Set<string>>();
  for (const r of rows) {
    const s = pairs.get(r.task) ?? new Set<string>();
    s.add(pairLabel(r));
    pairs.set(r.task, s);
  }
  return (r) => ((pairs.get(r.task)?.size ?? 0) > 1 ? `${r.task} (${pairLabel(r)})` : r.task);
}
