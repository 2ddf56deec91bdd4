/**
 * `renderReportHtml`: one self-contained page (inline CSS and SVG, no network, no script).
 * The markup is also well-formed XML (void elements self-closed), which the tests rely on.
 */
import { buildCharts, type Chart, type ChartKind, type RunCharts } from './charts.js';
import { REPORT_CSS } from './style.js';
import { esc, formatSeconds, wallTime } from './svg/index.js';
import { pairLabel } from './svg/group.js';
import type { Interval, MethodSummary, ReportInput } from './types.js';

const CAPTIONS: Record<ChartKind, string> = {
  pgr: 'PGR = (transfer − weak) / (ceiling − weak) on test; bars are estimates over seeds, whiskers 95% intervals. "n/a": PGR undefined (ceiling equals weak).',
  scaling: 'Test accuracy of the weak supervisor, the strong ceiling (ground-truth labels) and the weak-to-strong student, against the strong model’s parameter count; shaded bands are 95% intervals.',
  budget: 'PGR of methods that buy ground-truth labels (an oracle standing in for a human annotator), against the labels bought per seed; whiskers are 95% intervals, the dashed line is vanilla with no budget.',
  calibration: 'Reliability diagrams: mean confidence against accuracy per confidence bin (marker area grows with the bin’s count). Points below the diagonal are overconfident.',
  compute: 'Wall time of each run; the black tick marks the vanilla method’s wall time on the same run.',
  imitation: 'On test examples the weak supervisor gets wrong: how often the student repeats its error versus corrects it; on those it gets right: how often the student breaks them.',
  buckets: 'Accuracy per bucket; shaded buckets are where the teacher is at chance.',
  shift: 'PGR in-distribution against the OOD split (95% intervals), and accuracy per subset.',
};

function num(v: number | undefined, digits: number, signed = false): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  const s = v.toFixed(digits);
  return signed && v > 0 ? `+${s}` : s;
}

function intervalCell(i: Interval | undefined, digits: number, signed = false, cls = ''): string {
  if (!i || !Number.isFinite(i.estimate)) return `<td class="num${cls}">—</td>`;
  return (
    `<td class="num${cls}"><span class="est">${num(i.estimate, digits, signed)}</span> ` +
    `<span class="ci">[${num(i.low, digits, signed)}, ${num(i.high, digits, signed)}]</span></td>`
  );
}

function deltaCell(d: Interval | undefined): string {
  if (!d) return '<td class="num">—</td>';
  const cls = d.low > 0 ? ' sig-up' : d.high < 0 ? ' sig-down' : '';
  return intervalCell(d, 2, true, cls);
}

/** True when the run scored the n-gram reference and its ceiling does not beat it. */
function belowReference(r: MethodSummary): boolean {
  return r.referenceAcc !== undefined && !(r.ceilingAcc.estimate > r.referenceAcc);
}

function referenceCell(r: MethodSummary): string {
  const below = belowReference(r);
  const title = below ? ' title="the strong model is weaker than a bag of n-grams: PGR here measures little"' : '';
  return `<td class="num${below ? ' below-ref' : ''}"${title}>${num(r.referenceAcc, 3)}${below ? ' ⚠' : ''}</td>`;
}

function summaryRow(r: MethodSummary, withReference: boolean): string {
  return (
    '<tr class="run-row">' +
    `<td>${esc(r.task)}</td><td>${esc(pairLabel(r))}</td><td>${esc(r.method)}</td><td class="num">${esc(r.nSeeds)}</td>` +
    intervalCell(r.weakAcc, 3) +
    intervalCell(r.ceilingAcc, 3) +
    (withReference ? referenceCell(r) : '') +
    intervalCell(r.transferAcc, 3) +
    intervalCell(r.pgr, 2) +
    deltaCell(r.pgrVsVanilla) +
    `<td class="num">${esc(formatSeconds(wallTime(r)))}</td></tr>`
  );
}

function summaryTable(rows: MethodSummary[]): string {
  const ref = rows.some((r) => r.referenceAcc !== undefined);
  const head = ['Task', 'Weak → strong', 'Method', 'Seeds', 'Weak acc', 'Ceiling acc', ...(ref ? ['N-gram ref acc'] : []), 'Transfer acc', 'PGR', 'ΔPGR vs vanilla', 'Wall time'];
  const trained = new Set(rows.map((r) => r.student ?? 'probe'));
  const howNote = ` Weak supervisor, ceiling and transfer students train the same way: ${[...trained].map((k) => (k === 'finetune' ? 'rows marked “fine-tuned” fine-tune the whole encoder with a head' : 'the others train a probe on frozen features')).join('; ')}.`;
  const refNote = ref
    ? ' N-gram ref: logistic regression on character and word n-grams trained on the same rows as the ceiling; ⚠ marks a ceiling that does not beat it (the strong model is weaker than a bag of n-grams: PGR here measures little).'
    : '';
  return (
    '<section id="summary"><h2>Summary</h2><div class="table-wrap"><table>' +
    `<thead><tr>${head.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((r) => summaryRow(r, ref)).join('')}</tbody></table></div>` +
    '<p class="meta">Estimates with 95% intervals over seeds. ΔPGR is the paired difference against vanilla on the same seeds; ' +
    `coloured when its interval excludes zero.${esc(howNote)}${esc(refNote)}</p></section>`
  );
}

function figure(c: Chart): string {
  const caption = CAPTIONS[c.kind];
  return `<figure id="fig-${esc(c.id)}" data-chart="${esc(c.id)}">${c.svg}${caption ? `<figcaption>${esc(caption)}</figcaption>` : ''}</figure>`;
}

function computeList(r: MethodSummary): string {
  const c = r.diagnostics?.compute;
  if (!c) return '';
  const items: Array<[string, string]> = [['Wall time', formatSeconds(c.wallSeconds)]];
  if (c.vanillaWallSeconds !== undefined) {
    items.push(['Vanilla wall time', formatSeconds(c.vanillaWallSeconds)]);
    if (c.vanillaWallSeconds > 0) items.push(['Overhead vs vanilla', `×${num(c.wallSeconds / c.vanillaWallSeconds, 2)}`]);
  }
  if (c.flops !== undefined) items.push(['FLOPs', Number.isFinite(c.flops) ? c.flops.toExponential(2) : '—']);
  return `<dl class="compute">${items.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>`;
}

function runSection(run: RunCharts): string {
  const figs = run.charts.map(figure).join('');
  return `<article class="run" id="run-${esc(run.id)}"><h3>${esc(run.label)}</h3>${computeList(run.row)}${figs}</article>`;
}

const EMPTY =
  '<section class="empty" id="empty"><h2>No runs to report</h2>' +
  '<p>The results store holds no finished runs yet. Finished runs appear here, with their PGR, accuracies and diagnostics.</p></section>';

export function renderReportHtml(input: ReportInput): string {
  const { overview, runs } = buildCharts(input);
  const sections: Array<[string, string, string]> = []; // [id, nav label, html]
  if (input.rows.length > 0) {
    sections.push(['summary', 'Summary', summaryTable(input.rows)]);
    for (const c of overview) {
      sections.push([c.id, c.title, `<section id="${esc(c.id)}"><h2>${esc(c.title)}</h2>${figure(c)}</section>`]);
    }
    if (runs.length > 0) {
      sections.push(['diagnostics', 'Diagnostics', `<section id="diagnostics"><h2>Diagnostics per run</h2>${runs.map(runSection).join('')}</section>`]);
    }
  }
  const notes = (input.notes ?? []).filter((s) => s.trim() !== '');
  if (notes.length > 0) {
    sections.push(['notes', 'Notes', `<section id="notes"><h2>Notes</h2><ul>${notes.map((s) => `<li>${esc(s)}</li>`).join('')}</ul></section>`]);
  }
  const nav = sections.length > 1 ? `<nav>${sections.map(([id, label]) => `<a href="#${esc(id)}">${esc(label)}</a>`).join('')}</nav>` : '';
  const runs_ = input.rows.length === 1 ? '1 run' : `${input.rows.length} runs`;
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"/>' +
    '<meta name="viewport" content="width=device-width, initial-scale=1"/>' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"/>` +
    '<link rel="icon" href="data:,"/>' +
    `<title>${esc(input.title)}</title><style>${REPORT_CSS}</style></head><body>` +
    `<header><h1>${esc(input.title)}</h1><p class="meta">Generated ${esc(input.generatedAt)} · code version ${esc(input.codeVersion)} · ${runs_}</p>${nav}</header>` +
    `<main>${input.rows.length === 0 ? EMPTY : ''}${sections.map(([, , h]) => h).join('')}</main>` +
    '<footer>Self-contained page: inline CSS and SVG, no external resources.</footer>' +
    '</body></html>\n'
  );
}
