/** (d) Label-quality degradation: what the student does where the teacher is wrong / right. */
import type { ImitationDiagnostic } from '../types.js';
import { bottomAxis, legend, type Box } from './axis.js';
import { el, emptyChart, heading, isNum, rect, svgDoc, text, textWidth } from './core.js';
import { linear } from './scale.js';

const SEG = {
  copied: { color: '#D55E00', label: 'copied teacher’s error' },
  corrected: { color: '#009E73', label: 'corrected teacher' },
  other: { color: '#999999', label: 'wrong, differently' },
  kept: { color: '#56B4E9', label: 'kept right answer' },
  broken: { color: '#CC79A7', label: 'broke right answer' },
} as const;
type SegKey = keyof typeof SEG;

const nonNeg = (v: number) => (isNum(v) && v > 0 ? v : 0);

function bars(d: ImitationDiagnostic): Array<{ label: string; total: number; segs: Array<[SegKey, number]> }> {
  const wrong = nonNeg(d.teacherWrong);
  const right = nonNeg(d.teacherRight);
  const copied = nonNeg(d.copied);
  const corrected = nonNeg(d.corrected);
  const broken = Math.min(nonNeg(d.broken), right);
  return [
    {
      label: `teacher wrong (n=${wrong})`,
      total: Math.max(wrong, copied + corrected),
      segs: [['copied', copied], ['corrected', corrected], ['other', Math.max(0, wrong - copied - corrected)]],
    },
    { label: `teacher right (n=${right})`, total: right, segs: [['kept', right - broken], ['broken', broken]] },
  ];
}

export function imitationChart(d: ImitationDiagnostic | undefined, title = 'Imitation of teacher errors'): string {
  if (!d || nonNeg(d.teacherWrong) + nonNeg(d.teacherRight) === 0) return emptyChart(title, 'No imitation counts recorded.');
  const rows = bars(d);
  const labelW = Math.max(...rows.map((r) => textWidth(r.label, 11))) + 16;
  const box: Box = { x: labelW, y: 0, w: 400, h: 0 };
  const width = box.x + box.w + 24;
  const leg = legend(
    (Object.keys(SEG) as SegKey[]).map((k) => ({ label: SEG[k].label, color: SEG[k].color })),
    12,
    54,
    width - 24,
  );
  box.y = 54 + leg.height + 8;
  box.h = rows.length * 34;
  const x = linear([0, 1], [box.x, box.x + box.w]);
  const rate = d.teacherWrong > 0 ? nonNeg(d.copied) / d.teacherWrong : NaN;
  const sub = isNum(rate) ? `imitation rate ${(rate * 100).toFixed(1)}% of teacher errors` : 'teacher made no errors on test';
  let s = heading(title, width) + text(12, 38, sub, { size: 12, fill: '#444', cls: 'subtitle' });
  s += leg.svg;
  rows.forEach((r, i) => {
    const by = box.y + i * 34 + 6;
    s += text(box.x - 8, by + 11, r.label, { anchor: 'end', baseline: 'middle', size: 11 });
    if (r.total === 0) {
      s += text(box.x + 6, by + 11, 'none on test', { baseline: 'middle', size: 10, fill: '#666', cls: 'na' });
      return;
    }
    let acc = 0;
    for (const [k, v] of r.segs) {
      if (v <= 0) continue;
      const f = v / r.total;
      const x0 = x(acc);
      const w = x(acc + f) - x0;
      const pct = `${(f * 100).toFixed(0)}%`;
      s += rect(x0, by, w, 22, { fill: SEG[k].color, class: `bar segment segment-${k}` }, `${SEG[k].label}: ${v} of ${r.total} (${pct})`);
      if (w > textWidth(pct, 10) + 6) s += text(x0 + w / 2, by + 11, pct, { anchor: 'middle', baseline: 'middle', size: 10, fill: '#fff' });
      acc += f;
    }
  });
  s += bottomAxis(box, x, [0, 0.25, 0.5, 0.75, 1], { label: 'fraction of test examples', format: (v) => `${v * 100}%` });
  return svgDoc(width, box.y + box.h + 46, title, el('g', { class: 'imitation' }, s));
}
