/** The challenges, and one challenge: its facts, leaderboard, your submissions on it, and the form to submit a method. */
import { api, enc } from '../api.js';
import { h, interval, live, messageLine, num, params, status, table, when } from '../dom.js';

export async function challengesPage() {
  const { challenges } = await api('GET', '/api/v1/challenges');
  if (challenges.length === 0) return h('section', {}, h('h2', {}, 'Challenges'), h('p', { class: 'muted' }, 'No challenges yet: an admin adds one with w2s admin challenge add.'));
  return h('section', {},
    h('h2', {}, 'Challenges'),
    table(['Challenge', 'Data', 'Weak → strong', 'Classes', 'Seeds', 'Dev', 'Status', 'Weak', 'Ceiling', 'Vanilla PGR'],
      challenges.map((c) => ({ id: c.name, cells: [
        h('a', { href: `#/challenges/${enc(c.name)}` }, c.name), c.data, `${c.weak} → ${c.strong}`, c.classes.join(', '), num(c.seeds, 0), num(c.dev_size, 0),
        c.revealed ? `${c.status}, revealed` : c.status, num(c.baselines.weak), num(c.baselines.ceiling), num(c.baselines.vanilla_pgr, 2),
      ] })), { id: 'challenges' }));
}

function facts(c) {
  const items = [
    ['Data', c.data], ['Weak → strong', `${c.weak} → ${c.strong}`], ['Classes', c.classes.join(', ')], ['Seeds', c.seeds],
    ['Dev / final examples', `${c.dev_size} / ${c.final_size}`], ['Status', c.revealed ? `${c.status}, final scores revealed` : c.status],
    ['Fixed baselines on dev', `weak ${c.baselines.weak}, ceiling ${c.baselines.ceiling}, vanilla ${c.baselines.vanilla} (PGR ${c.baselines.vanilla_pgr})`],
    ['Holdout', `${c.holdout.mechanism}, step η = ${c.holdout.eta}, starts at ${c.holdout.start}`],
    ['Allowed', `up to ${c.allowed.max_seeds} seeds, ${c.allowed.max_finals} final submissions, ${c.allowed.scores_per_hour} scores per hour`],
  ];
  return h('dl', { class: 'facts' }, items.map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))]));
}

async function leaderboard(name) {
  const b = await api('GET', `/api/v1/challenges/${enc(name)}/leaderboard`);
  if (b.rows.length === 0) return { el: h('p', { class: 'muted', id: 'leaderboard-empty' }, 'No finished submissions yet.'), pending: false };
  const head = ['#', 'Submission', 'Researcher', 'Params', 'Seeds', 'Final', 'Dev acc (released)', 'Dev PGR', ...(b.revealed ? ['Final acc', 'Final PGR [95%]', 'ΔPGR vs vanilla'] : []), 'Snapshot', 'Audit'];
  const rows = b.rows.map((r, i) => ({ id: r.submission_id, cells: [
    h('td', { class: r.top ? 'num top' : 'num', title: r.top ? 'the top: the best row that passed its audit' : undefined }, r.top ? `${i + 1} ★` : String(i + 1)),
    h('a', { href: `#/submissions/${r.submission_id}` }, `#${r.submission_id}`), r.researcher, h('td', { class: 'wrap' }, params(r.params)),
    num(r.seeds, 0), r.final ? 'yes' : '', num(r.released?.accuracy), num(r.released?.pgr, 2),
    ...(b.revealed ? [num(r.final_scores?.accuracy), interval(r.final_scores?.pgr), interval(r.final_scores?.vs_vanilla)] : []),
    h('code', { title: r.parent_id ? `parent ${r.parent_id}` : 'no parent' }, r.snapshot_id.slice(0, 10)),
    auditCell(r.audit),
  ] }));
  return { el: table(head, rows, { id: 'leaderboard' }), pending: b.rows.some((r) => r.audit.status === 'pending') };
}

/** A row's audit: its overall mark, then each check's status and one-line reason (its figures, after reveal, on hover). */
function auditCell(a) {
  const figures = (c) => (c.figures ? Object.entries(c.figures).map(([k, v]) => `${k} ${v}`).join(', ') : undefined);
  return h('td', { class: 'wrap audit' }, status(a.status),
    a.checks.length === 0 ? h('span', { class: 'muted' }, ' not audited (ranked below the audited rows)') : h('ul', { class: 'checks' },
      a.checks.map((c) => h('li', { class: `check check-${c.status.replace('/', '')}`, 'data-check': c.check, title: figures(c) }, h('b', {}, `${c.check}: ${c.status}`), ` — ${c.reason}`))));
}

async function mine(name) {
  const { submissions } = await api('GET', `/api/v1/submissions?challenge=${enc(name)}`);
  if (submissions.length === 0) return { el: h('p', { class: 'muted' }, 'You have not submitted to this challenge yet.'), pending: false };
  return { el: submissionTable(submissions, 'my-submissions'), pending: submissions.some((s) => s.status === 'queued' || s.status === 'running') };
}

export function submissionTable(subs, id) {
  return table(['Submission', 'Challenge', 'Status', 'Params', 'Seeds', 'Final', 'Dev acc (released)', 'Dev PGR', 'Created', 'Error'],
    subs.map((s) => ({ id: s.id, cells: [
      h('a', { href: `#/submissions/${s.id}` }, `#${s.id}`), s.challenge, status(s.status), h('td', { class: 'wrap' }, params(s.params)), num(s.seeds, 0),
      s.final ? 'yes' : '', num(s.released?.accuracy), num(s.released?.pgr, 2), when(s.created_at), h('td', { class: 'wrap error' }, s.error ?? ''),
    ] })), { id });
}

/** `k=v` pairs, one per line or space-separated; numbers and true/false become numbers and booleans. */
export function parseParams(text) {
  const out = {};
  for (const pair of text.split(/[\s,]+/).filter(Boolean)) {
    const i = pair.indexOf('=');
    if (i < 1) throw new Error(`params: "${pair}" is not key=value`);
    const [k, v] = [pair.slice(0, i), pair.slice(i + 1)];
    out[k] = v === 'true' ? true : v === 'false' ? false : v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}

function submitForm(c, onQueued) {
  const msg = messageLine();
  const source = h('textarea', { id: 'method-source', name: 'method', rows: 14, required: true, placeholder: 'export default { name: …, params: [], async run(ctx) { … } } — see src/methods/TEMPLATE.ts' });
  const ps = h('input', { id: 'method-params', name: 'params', size: 40, placeholder: 'temperature=0.5 hard=true' });
  const seeds = h('input', { id: 'method-seeds', name: 'seeds', type: 'number', min: 1, max: c.seeds, value: Math.min(5, c.seeds), required: true });
  const final = h('input', { id: 'method-final', name: 'final', type: 'checkbox' });
  const form = h('form', { class: 'panel', id: 'submit-form' },
    h('label', { for: 'method-source' }, 'Method source'), source,
    h('div', { class: 'row' },
      h('label', { for: 'method-params' }, 'Params'), ps,
      h('label', { for: 'method-seeds' }, 'Seeds'), seeds,
      h('label', {}, final, ' final (scored on the final part; ', String(c.allowed.max_finals), ' per researcher)')),
    h('div', {}, h('button', { type: 'submit' }, 'Submit')), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const s = await api('POST', `/api/v1/challenges/${enc(c.name)}/submissions`, { method: source.value, params: parseParams(ps.value), seeds: Number(seeds.value), final: final.checked });
      msg.ok(`Queued submission #${s.id}. `, h('a', { href: `#/submissions/${s.id}` }, 'Follow it'));
      onQueued();
    } catch (err) {
      msg.fail(err.message);
    }
  });
  return form;
}

export async function challengePage(name) {
  const c = await api('GET', `/api/v1/challenges/${enc(name)}`);
  const board = live(() => leaderboard(name));
  const subs = live(() => mine(name), { onSettled: () => board.reload() });
  return h('section', { id: 'challenge' },
    h('h2', {}, `Challenge ${c.name}`), facts(c),
    h('h3', {}, 'Leaderboard'),
    h('p', { class: 'muted' }, c.revealed ? 'Final scores are revealed: PGR with 95% intervals over seeds and examples, and the paired difference to vanilla.' : 'Released dev scores (the Ladder\'s); final scores appear after the challenge is revealed.'),
    h('p', { class: 'muted' }, 'The server audits the rows at the top (teacher-bypass, prior-only, reseed, transfer). ★ marks the top: the best row that passed; a flagged row stays listed with its mark.'),
    board,
    h('h3', {}, 'Your submissions'), subs,
    h('h3', {}, 'Submit a method'), c.status === 'open' ? submitForm(c, () => subs.reload()) : h('p', { class: 'muted' }, 'This challenge is closed.'));
}
