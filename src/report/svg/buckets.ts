/** (d) Capability ceiling: accuracy by difficulty / teacher-confidence bucket. */
import type { BucketAccuracy, BucketKind } from '../types.js';
import { groupedBars } from './bars.js';
import { emptyChart } from './core.js';
import { groupBy } from './group.js';
import { ROLE_COLOR, ROLES } from './palette.js';
import { panelGrid } from './panels.js';

const KIND_TITLE: Record<BucketKind, string> = {
  difficulty: 'by difficulty',
  teacher_confidence: 'by teacher confidence',
};

export function bucketChart(buckets: BucketAccuracy[] | undefined, title = 'Accuracy by bucket'): string {
  const list = buckets ?? [];
  if (list.length === 0) return emptyChart(title, 'No buckets recorded.');
  const kinds = groupBy(list, (b) => b.kind);
  const most = Math.max(...[...kinds.values()].map((g) => g.length));
  return panelGrid({
    title,
    columns: 2,
    plotW: Math.max(260, most * 80),
    plotH: 200,
    legend: [
      ...ROLES.map((r) => ({ label: r, color: ROLE_COLOR[r] })),
      { label: 'teacher at chance', color: '#f1f1f1' },
    ],
    panels: [...kinds].map(([kind, g]) => ({
      title: KIND_TITLE[kind as BucketKind] ?? kind,
      draw: (box) =>
        groupedBars(
          box,
          g.map((b) => ({
            label: b.bucket,
            sub: `n=${b.n}`,
            marked: b.teacherAtChance,
            markLabel: 'at chance',
            values: ROLES.map((role) => {
              const value = role === 'weak' ? b.weakAcc : role === 'ceiling' ? b.ceilingAcc : b.transferAcc;
              return { role, value, tip: `${b.bucket} · ${role}: ${Number.isFinite(value) ? value.toFixed(3) : 'n/a'} (n=${b.n})` };
            }),
          })),
          [0, 1],
          'test accuracy',
        ),
    })),
  });
}
