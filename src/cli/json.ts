/** The `--json` shape of a group summary: headline numbers flat, intervals as [low, high]. */
import { belowReference, hasGap, type GroupSummary, type Interval, type SplitSummary } from '../protocol/summary.js';

const ci = (i: Interval): [number, number] => [i.low, i.high];

function splitJson(s: SplitSummary) {
  return {
    weak_acc: s.weak_acc.estimate,
    weak_acc_ci: ci(s.weak_acc),
    ceiling_acc: s.ceiling_acc.estimate,
    ceiling_acc_ci: ci(s.ceiling_acc),
    transfer_acc: s.transfer_acc.estimate,
    transfer_acc_ci: ci(s.transfer_acc),
    pgr: s.pgr.estimate,
    pgr_ci: ci(s.pgr),
    pgr_fixed: s.pgr_fixed.estimate,
    pgr_fixed_ci: ci(s.pgr_fixed),
    /** False when the ceiling's interval does not clear the weak accuracy: the PGR figures are then noise (the tables print n/a). */
    has_gap: hasGap(s),
    /** The n-gram reference's accuracy (mean over seeds); null when the runs did not score it (feature data). */
    reference_acc: s.reference_acc ?? null,
    /** False when the ceiling does not beat the n-gram reference: the strong model is weaker than a bag of n-grams and PGR measures little. Null without a reference. */
    ceiling_beats_reference: s.reference_acc === undefined ? null : !belowReference(s),
  };
}

export function summaryJson(g: GroupSummary, extra: { seeds?: Array<Record<string, unknown>> } = {}) {
  return {
    task: g.task,
    weak: g.weak,
    strong: g.strong,
    method: g.method,
    method_params: g.method_params,
    n_seeds: g.n_seeds,
    ...splitJson(g),
    pgr_vs_vanilla: g.pgr_vs_vanilla ? g.pgr_vs_vanilla.estimate : null,
    pgr_vs_vanilla_ci: g.pgr_vs_vanilla ? ci(g.pgr_vs_vanilla) : null,
    seeds: g.seeds.map((s, i) => ({ ...s, ...(extra.seeds?.[i] ?? {}) })),
    ood: g.ood ? splitJson(g.ood) : null,
    auroc: g.auroc,
    ece: g.ece,
    transfer_weak_agreement: g.transfer_weak_agreement,
    diagnostics: g.diagnostics,
    method_seconds: g.method_seconds,
    wall_seconds: g.wall_seconds,
    student: g.student,
    estimated_flops: g.estimated_flops,
    weak_params: g.weak_params,
    strong_params: g.strong_params,
    oracle_queries: g.oracle_queries,
    approximate: g.approximate,
  };
}

/** JSON text with NaN and infinities as null (JSON.stringify's rule), one trailing newline. */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}
