/** The methods benchmark as markdown: PGR with intervals, paired difference to vanilla, wall time, and a plain verdict. */
import type { GroupSummary, Interval } from '../protocol/summary.js';

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const ci = (i: Interval | undefined, d = 2) => (i ? `${f(i.estimate, d)} [${f(i.low, d)}, ${f(i.high, d)}]` : 'n/a');

export type Verdict = 'better' | 'worse' | 'no significant difference' | 'baseline' | 'n/a';

/** Significant when the 95% interval of the paired difference excludes zero. */
export function verdict(g: GroupSummary): Verdict {
  if (g.method === 'vanilla') return 'baseline';
  const d = g.pgr_vs_vanilla;
  if (!d || !Number.isFinite(d.low) || !Number.isFinite(d.high)) return 'n/a';
  if (d.low > 0) return 'better';
  if (d.high < 0) return 'worse';
  return 'no significant difference';
}

export function benchMarkdown(groups: readonly GroupSummary[], meta: { command: string; seeds: number; date: string; codeVersion: string; student?: string }): string {
  const lines: string[] = [];
  lines.push(meta.student ? `# Methods benchmark with ${meta.student === 'probe' ? 'probes' : 'fine-tuned students'} (\`--student ${meta.student}\`)` : '# Methods benchmark', '');
  lines.push(`Produced by \`${meta.command}\` on ${meta.date} (w2s ${meta.codeVersion}), ${meta.seeds} seeds per cell.`);
  lines.push('PGR uses fixed baselines (weak and ceiling accuracy averaged over seeds). Intervals are 95% bootstrap');
  lines.push('intervals over seeds and test examples; ΔPGR is the paired difference to vanilla on the same seeds and');
  lines.push('test examples; students train their rows in content order, so a method that keeps vanilla\'s rows draws');
  lines.push('its batches. "better"/"worse" means the ΔPGR interval excludes zero. Time is the method\'s own wall');
  lines.push('time per seed (weak labels and ceilings are cached and shared).', '');
  const tasks = [...new Set(groups.map((g) => g.task))];
  for (const task of tasks) {
    const rows = groups.filter((g) => g.task === task);
    const g0 = rows[0];
    const trained = g0.student === 'finetune' ? 'weak, ceiling and students fine-tuned' : 'weak, ceiling and students are probes on frozen features';
    lines.push(`## ${task} (${g0.weak} → ${g0.strong}, ${trained}; weak ${f(g0.weak_acc.estimate, 3)}, ceiling ${f(g0.ceiling_acc.estimate, 3)})`, '');
    lines.push('| method | transfer acc | PGR [95% CI] | ΔPGR vs vanilla [95% CI] | verdict | time s |');
    lines.push('| --- | --- | --- | --- | --- | --- |');
    const key = (g: GroupSummary) => (Number.isFinite(g.pgr_fixed.estimate) ? g.pgr_fixed.estimate : -Infinity);
    for (const g of [...rows].sort((a, b) => key(b) - key(a))) {
      lines.push(`| ${g.method} | ${f(g.transfer_acc.estimate, 3)} | ${ci(g.pgr_fixed)} | ${ci(g.pgr_vs_vanilla)} | ${verdict(g)} | ${f(g.method_seconds, 1)} |`);
    }
    lines.push('');
  }
  lines.push('## What beat vanilla', '');
  for (const task of tasks) {
    const rows = groups.filter((g) => g.task === task);
    const better = rows.filter((g) => verdict(g) === 'better').map((g) => g.method);
    const worse = rows.filter((g) => verdict(g) === 'worse').map((g) => g.method);
    const same = rows.filter((g) => verdict(g) === 'no significant difference').map((g) => g.method);
    lines.push(`- **${task}**: significantly better than vanilla: ${better.join(', ') || 'none'}; significantly worse: ${worse.join(', ') || 'none'}; not distinguishable: ${same.join(', ') || 'none'}.`);
  }
  lines.push('');
  return lines.join('\n');
}
