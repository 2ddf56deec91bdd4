/** Plain-text tables of summaries for the terminal. */
import { belowReference, hasGap, type GroupSummary, type Interval } from '../protocol/summary.js';

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

/**
 * The plain warning where the ceiling does not beat the n-gram reference (on
 * test, or on ood_test): once per task and weak → strong pair, since every
 * method there shares that ceiling and reference.
 */
export function referenceWarnings(rows: GroupSummary[]): string[] {
  const out: string[] = [];
  const said = new Set<string>();
  for (const r of rows) {
    const pair = `${r.task}, ${r.weak} -> ${r.strong}`;
    if (said.has(pair)) continue;
    const where = [
      belowReference(r) ? `ceiling ${fmt(r.ceiling_acc.estimate)} vs n-gram reference ${fmt(r.reference_acc)} on test` : '',
      r.ood && belowReference(r.ood) ? `ceiling ${fmt(r.ood.ceiling_acc.estimate)} vs ${fmt(r.ood.reference_acc)} on ood_test` : '',
    ].filter(Boolean);
    if (where.length) {
      said.add(pair);
      out.push(`${pair}: the strong model is weaker than a bag of n-grams: PGR here measures little (${where.join('; ')}).`);
    }
  }
  return out;
}

const hasReference = (rows: GroupSummary[]) => rows.some((r) => r.reference_acc !== undefined);

/**
 * One row per (task, weak → strong, method) group, with the n-gram reference's
 * accuracy where the runs scored it, followed by a warning for each group whose
 * ceiling does not beat that reference.
 */
export function summaryTable(rows: GroupSummary[]): string {
  const ref = hasReference(rows);
  const head = ['task', 'weak -> strong', 'method', 'seeds', 'weak acc', 'ceiling acc', ...(ref ? ['n-gram ref acc'] : []), 'transfer acc', 'PGR [95% CI]', 'PGR fixed [95% CI]', 'dPGR vs vanilla', 'OOD PGR fixed', 'method s'];
  const t = table(
    head,
    rows.map((r) => [
      r.task, `${r.weak} -> ${r.strong}${r.student === 'finetune' ? ' (fine-tuned)' : ''}`, r.method, String(r.n_seeds),
      fmtInterval(r.weak_acc), fmtInterval(r.ceiling_acc), ...(ref ? [fmt(r.reference_acc)] : []), fmtInterval(r.transfer_acc),
      ...(noGap(r) ? ['n/a: ceiling <= weak', 'n/a', 'n/a'] : [fmtInterval(r.pgr, 2), fmtInterval(r.pgr_fixed, 2), fmtInterval(r.pgr_vs_vanilla, 2)]),
      r.ood && !hasGap(r.ood) ? 'n/a' : fmt(r.ood?.pgr_fixed.estimate, 2),
      fmt(r.method_seconds, 1),
    ]),
  );
  const warnings = referenceWarnings(rows);
  return warnings.length ? `${t}\n\n${warnings.join('\n')}` : t;
}

/** Per-seed rows of one group; a seed's OOD PGR is n/a where its own ood_test has no gap. */
export function seedTable(r: GroupSummary): string {
  const ref = r.seeds.some((s) => s.reference_acc !== undefined);
  const head = ['seed', 'weak acc', 'ceiling acc', ...(ref ? ['n-gram ref acc'] : []), 'transfer acc', 'PGR', 'PGR fixed', 'OOD PGR', 'run s'];
  return table(
    head,
    r.seeds.map((s) => [String(s.seed), fmt(s.weak_acc), fmt(s.ceiling_acc), ...(ref ? [fmt(s.reference_acc)] : []), fmt(s.transfer_acc), fmt(s.pgr, 2), fmt(s.pgr_fixed, 2), s.ood_has_gap === false ? 'n/a' : fmt(s.ood_pgr, 2), fmt(s.wall_seconds, 1)]),
    'l',
  );
}
