/** Plain-text tables of summaries for the terminal. */
import { hasGap, type GroupSummary, type Interval } from '../protocol/summary.js';

/** Columns padded to width; `align` has 'l' or 'r' per column (default: three text columns, then numbers). */
export function table(head: string[], rows: string[][], align = 'lll'): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => ((align[i] ?? 'r') === 'l' ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function fmt(v: number | undefined, digits = 3): string {
  return v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits);
}

export function fmtInterval(i: Interval | undefined, digits = 3): string {
  if (!i || !Number.isFinite(i.estimate)) return 'n/a';
  return `${fmt(i.estimate, digits)} [${fmt(i.low, digits)}, ${fmt(i.high, digits)}]`;
}

/** PGR has no meaning when the strong ceiling does not beat the weak supervisor (its interval reaches the weak accuracy). */
export function noGap(r: GroupSummary): boolean {
  return !hasGap(r);
}

/** One row per (task, weak → strong, method) group; PGR (in-distribution and OOD) is n/a where its split has no gap. */
export function summaryTable(rows: GroupSummary[]): string {
  const head = ['task', 'weak -> strong', 'method', 'seeds', 'weak acc', 'ceiling acc', 'transfer acc', 'PGR [95% CI]', 'PGR fixed [95% CI]', 'dPGR vs vanilla', 'OOD PGR fixed', 'method s'];
  return table(
    head,
    rows.map((r) => [
      r.task, `${r.weak} -> ${r.strong}`, r.method, String(r.n_seeds),
      fmtInterval(r.weak_acc), fmtInterval(r.ceiling_acc), fmtInterval(r.transfer_acc),
      ...(noGap(r) ? ['n/a: ceiling <= weak', 'n/a', 'n/a'] : [fmtInterval(r.pgr, 2), fmtInterval(r.pgr_fixed, 2), fmtInterval(r.pgr_vs_vanilla, 2)]),
      r.ood && !hasGap(r.ood) ? 'n/a' : fmt(r.ood?.pgr_fixed.estimate, 2),
      fmt(r.method_seconds, 1),
    ]),
  );
}

/** Per-seed rows of one group; a seed's OOD PGR is n/a where its own ood_test has no gap. */
export function seedTable(r: GroupSummary): string {
  const head = ['seed', 'weak acc', 'ceiling acc', 'transfer acc', 'PGR', 'PGR fixed', 'OOD PGR', 'run s'];
  return table(
    head,
    r.seeds.map((s) => [String(s.seed), fmt(s.weak_acc), fmt(s.ceiling_acc), fmt(s.transfer_acc), fmt(s.pgr, 2), fmt(s.pgr_fixed, 2), s.ood_has_gap === false ? 'n/a' : fmt(s.ood_pgr, 2), fmt(s.wall_seconds, 1)]),
    'l',
  );
}
