/** From group summaries to the report's input: one MethodSummary per group, with its diagnostics. */
import type { BucketAccuracy, CalibrationBin, Diagnostics, MethodSummary, ReportInput } from '../report/index.js';
import { findVanilla, hasGap, type Bin, type GroupSummary } from '../protocol/summary.js';
import { noGap, referenceWarnings } from './format.js';

const bins = (b: Bin[]): CalibrationBin[] | undefined => {
  const kept = b.filter((x) => x.count > 0);
  return kept.length ? kept : undefined;
};
const finite = (v: number): number | undefined => (Number.isFinite(v) ? v : undefined);

function diagnostics(g: GroupSummary, vanilla: GroupSummary | undefined): Diagnostics {
  const d = g.diagnostics;
  const im = d.imitation;
  const buckets: BucketAccuracy[] = d.buckets
    .filter((b) => b.kind === 'difficulty' || b.kind === 'teacher_confidence')
    .map((b) => ({ kind: b.kind as BucketAccuracy['kind'], bucket: b.bucket, weakAcc: b.weak_acc, ceilingAcc: b.ceiling_acc, transferAcc: b.transfer_acc, n: b.n, teacherAtChance: b.teacher_at_chance }));
  const perGroup = d.groups.map((x) => ({ group: x.split === 'ood_test' ? `${x.group} (OOD)` : x.group, weakAcc: x.weak_acc, ceilingAcc: x.ceiling_acc, transferAcc: x.transfer_acc, n: x.n }));
  const out: Diagnostics = {
    imitation: { teacherWrong: im.teacher_wrong, copied: im.copied, corrected: im.corrected, teacherRight: im.teacher_right, broken: im.broken },
    compute: { wallSeconds: g.method_seconds, flops: finite(g.estimated_flops), vanillaWallSeconds: vanilla && vanilla !== g ? vanilla.method_seconds : undefined },
  };
  if (buckets.length) out.buckets = buckets;
  // An OOD PGR whose ceiling does not beat the weak model is noise: left out (n/a).
  const ood = g.ood && hasGap(g.ood) ? g.ood.pgr_fixed : undefined;
  if (g.ood || perGroup.length) out.shift = { inDist: g.pgr_fixed, ood, perGroup: perGroup.length ? perGroup : undefined };
  return out;
}

export function toMethodSummary(g: GroupSummary, all: GroupSummary[]): MethodSummary {
  const vanilla = findVanilla(g, all);
  const calibration = { weak: bins(g.diagnostics.calibration.weak), ceiling: bins(g.diagnostics.calibration.ceiling), transfer: bins(g.diagnostics.calibration.transfer) };
  return {
    task: g.task,
    weak: g.weak,
    strong: g.strong,
    strongParams: finite(g.strong_params),
    student: g.student,
    weakParams: finite(g.weak_params),
    method: g.method,
    methodName: g.method_name,
    oracleQueries: finite(g.oracle_queries),
    nSeeds: g.n_seeds,
    weakAcc: g.weak_acc,
    ceilingAcc: g.ceiling_acc,
    ...(g.reference_acc === undefined ? {} : { referenceAcc: g.reference_acc }),
    transferAcc: g.transfer_acc,
    // PGR has no meaning where the ceiling does not beat the weak supervisor: shown as n/a.
    pgr: noGap(g) ? UNDEFINED : g.pgr_fixed,
    pgrVsVanilla: noGap(g) ? undefined : g.pgr_vs_vanilla,
    wallSeconds: finite(g.method_seconds),
    calibration: calibration.weak || calibration.ceiling || calibration.transfer ? calibration : undefined,
    diagnostics: diagnostics(g, vanilla),
  };
}

const UNDEFINED = { estimate: NaN, low: NaN, high: NaN };

export function buildReportInput(groups: GroupSummary[], opts: { title?: string; codeVersions: string[]; samples: number }): ReportInput {
  const tasks = [...new Set(groups.map((g) => g.task))];
  const notes = [
    'PGR uses fixed baselines: each seed is scored against the weak and ceiling accuracies averaged over seeds (the 2026 sandbox protocol); ΔPGR vs vanilla is the paired difference on the same seeds and test examples.',
    `Intervals are 95% percentile intervals of a hierarchical bootstrap over seeds and test examples (${opts.samples} replicates).`,
    'Wall time is the method’s own training time; weak labels and ceilings are cached and shared between methods. FLOPs are the protocol’s estimate (a probe’s head, or every weight of a fine-tuned encoder per token).',
    groups.every((g) => g.student === 'finetune')
      ? 'Weak supervisor, ceiling and every method’s student fine-tune their encoders (the same way, so a gap is not a difference in training).'
      : groups.every((g) => g.student === 'probe')
        ? 'Weak supervisor, ceiling and every method’s student are probes on frozen features (the same way, so a gap is not a difference in training).'
        : 'Rows marked (fine-tuned) fine-tune weak supervisor, ceiling and students; the others train probes on frozen features.',
  ];
  if (groups.some(noGap)) notes.push('PGR is n/a where the ceiling’s interval does not clear the weak accuracy: there is no gap to recover.');
  notes.push(...referenceWarnings(groups));
  if (groups.some((g) => g.approximate)) notes.push('Some runs had no stored predictions; their intervals treat examples as unpaired.');
  return {
    title: opts.title ?? `w2s report: ${tasks.join(', ') || 'no runs'}`,
    generatedAt: new Date().toISOString(),
    codeVersion: opts.codeVersions.join(', ') || 'unknown',
    rows: sortRows(groups).map((g) => toMethodSummary(g, groups)),
    notes,
  };
}

/** Task, weak model, strong-model size, then first appearance: size charts draw their lines in row order. */
function sortRows(groups: GroupSummary[]): GroupSummary[] {
  const first = new Map(groups.map((g, i) => [g, i]));
  const size = (g: GroupSummary) => (Number.isFinite(g.strong_params) ? g.strong_params : Infinity);
  return [...groups].sort((a, b) => a.task.localeCompare(b.task) || a.weak.localeCompare(b.weak) || size(a) - size(b) || first.get(a)! - first.get(b)!);
}
