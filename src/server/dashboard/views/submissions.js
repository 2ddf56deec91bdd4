/** Your submissions, and one submission: status, logs, released and final scores, its report charts, its source. */
import { api, enc } from '../api.js';
import { h, interval, live, num, params, status, svgFrom, when } from '../dom.js';
import { submissionTable } from './challenges.js';

const pending = (s) => s.status === 'queued' || s.status === 'running';

export async function submissionsPage() {
  const body = live(async () => {
    const { submissions } = await api('GET', '/api/v1/submissions');
    if (submissions.length === 0) return { el: h('p', { class: 'muted' }, 'No submissions yet: open a challenge to submit a method.'), pending: false };
    return { el: submissionTable(submissions, 'my-submissions'), pending: submissions.some(pending) };
  });
  return h('section', {}, h('h2', {}, 'My submissions'), body);
}

async function report(id) {
  const r = await api('GET', `/api/v1/submissions/${id}/report`);
  return h('div', { id: 'report' },
    r.charts.map((c) => h('figure', { 'data-chart': c.id }, svgFrom(c.svg))),
    h('ul', { class: 'muted' }, r.notes.map((n) => h('li', {}, n))));
}

async function detail(id) {
  const s = await api('GET', `/api/v1/submissions/${id}`);
  const f = s.final_scores;
  const facts = [
    ['Challenge', h('a', { href: `#/challenges/${enc(s.challenge)}` }, s.challenge)], ['Researcher', s.researcher], ['Status', status(s.status)],
    ['Attempts', String(s.attempts)], ['Params', params(s.params)], ['Seeds', String(s.seeds)], ['Final', s.final ? 'yes' : 'no'],
    ['Created / finished', `${when(s.created_at)} / ${when(s.finished_at)}`],
    ['Released dev score', s.released ? `accuracy ${s.released.accuracy}, PGR ${s.released.pgr ?? '—'}` : '—'],
    ['Snapshot', h('code', {}, s.snapshot_id)], ['Parent snapshot', s.parent_id ? h('code', {}, s.parent_id) : '—'],
  ];
  const el = h('div', {},
    h('dl', { class: 'facts', id: 'submission-facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
    s.error ? [h('h3', {}, 'Error'), h('pre', { id: 'submission-error', class: 'error' }, s.error)] : null,
    f ? [h('h3', {}, 'Final scores'), h('table', {}, h('tbody', {},
      h('tr', {}, h('th', {}, 'Final accuracy'), num(f.accuracy)),
      h('tr', {}, h('th', {}, 'Final PGR [95%]'), interval(f.pgr)),
      h('tr', {}, h('th', {}, 'ΔPGR vs vanilla'), interval(f.vs_vanilla), h('td', {}, `p = ${f.vs_vanilla.p_value ?? '—'}`))))] : null,
    h('h3', {}, 'Report'), s.status === 'done' ? await report(id) : h('p', { class: 'muted' }, `The report appears when the submission is done (now ${s.status}).`),
    h('h3', {}, 'Logs'), s.logs === null ? h('p', { class: 'muted' }, 'Logs are shown to the submission\'s owner only.') : h('pre', { id: 'submission-logs' }, s.logs || '(empty)'));
  return { el, pending: pending(s), snapshot: s.snapshot_id };
}

export async function submissionPage(id) {
  const first = await api('GET', `/api/v1/submissions/${id}`); // a 404 shows as the page's error
  const source = h('details', {}, h('summary', {}, 'Method source'), live(async () => {
    const snap = await api('GET', `/api/v1/snapshots/${first.snapshot_id}`);
    return { el: h('pre', { id: 'submission-source' }, snap.source), pending: false };
  }));
  return h('section', { id: 'submission' }, h('h2', {}, `Submission #${id}`), live(() => detail(id)), h('h3', {}, 'Code'), source);
}
