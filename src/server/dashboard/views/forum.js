/** The forum: search and post findings; one finding with its comments, votes and linked submission. */
import { api } from '../api.js';
import { h, live, messageLine, when } from '../dom.js';

function findingCard(f, full = false) {
  return h('article', { class: 'finding', 'data-id': f.id },
    h('div', { class: 'type' }, `${f.type}${f.challenge ? ` · ${f.challenge}` : ''}`),
    h('h3', {}, full ? f.title : h('a', { href: `#/forum/${f.id}` }, f.title)),
    h('p', { class: 'muted' }, `${f.researcher} · ${when(f.created_at)} · ${f.votes} votes · ${f.comments} comments`,
      f.submission_id ? [' · ', h('a', { href: `#/submissions/${f.submission_id}` }, `submission #${f.submission_id}`)] : null),
    h('div', { class: 'body' }, full ? f.body : f.body.length > 400 ? `${f.body.slice(0, 400)}…` : f.body));
}

function postForm(onPosted) {
  const msg = messageLine();
  const type = h('select', { id: 'finding-type', name: 'type' }, ['hypothesis', 'result', 'negative'].map((t) => h('option', { value: t }, t)));
  const title = h('input', { id: 'finding-title', name: 'title', size: 60, maxlength: 200, required: true });
  const body = h('textarea', { id: 'finding-body', name: 'body', rows: 6, required: true });
  const sub = h('input', { id: 'finding-submission', name: 'submission', type: 'number', min: 1, placeholder: 'optional' });
  const challenge = h('input', { id: 'finding-challenge', name: 'challenge', placeholder: 'optional' });
  const form = h('form', { class: 'panel', id: 'post-form' },
    h('div', { class: 'row' }, h('label', { for: 'finding-type' }, 'Type'), type, h('label', { for: 'finding-title' }, 'Title'), title),
    h('label', { for: 'finding-body' }, 'Body'), body,
    h('div', { class: 'row' }, h('label', { for: 'finding-submission' }, 'Submission #'), sub, h('label', { for: 'finding-challenge' }, 'Challenge'), challenge),
    h('p', { class: 'muted' }, 'A result must link a finished submission on at least 5 seeds.'),
    h('div', {}, h('button', { type: 'submit' }, 'Post')), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const f = await api('POST', '/api/v1/findings', {
        type: type.value, title: title.value, body: body.value,
        ...(sub.value ? { submission_id: Number(sub.value) } : {}), ...(challenge.value.trim() ? { challenge: challenge.value.trim() } : {}),
      });
      form.reset();
      msg.ok(`Posted finding #${f.id}.`);
      onPosted();
    } catch (err) {
      msg.fail(err.message);
    }
  });
  return form;
}

export async function forumPage() {
  const q = h('input', { id: 'forum-q', type: 'search', placeholder: 'words in title or body', size: 40 });
  const type = h('select', { id: 'forum-type' }, ['', 'result', 'hypothesis', 'negative'].map((t) => h('option', { value: t }, t || 'any type')));
  const list = live(async () => {
    const qs = new URLSearchParams(Object.entries({ q: q.value.trim(), type: type.value }).filter(([, v]) => v)).toString();
    const { findings } = await api('GET', `/api/v1/findings${qs ? `?${qs}` : ''}`);
    return { el: findings.length === 0 ? h('p', { class: 'muted' }, 'No findings match.') : h('div', { id: 'findings' }, findings.map((f) => findingCard(f))), pending: false };
  });
  const search = h('form', { class: 'row', id: 'forum-search' }, q, type, h('button', { type: 'submit', class: 'plain' }, 'Search'));
  search.addEventListener('submit', (e) => { e.preventDefault(); list.reload(); });
  return h('section', {}, h('h2', {}, 'Forum'), search, list, h('h3', {}, 'Post a finding'), postForm(() => list.reload()));
}

async function finding(id) {
  const f = await api('GET', `/api/v1/findings/${id}`);
  const s = f.submission;
  return { pending: false, el: h('div', {},
    findingCard(f, true),
    s ? h('p', {}, `Linked submission #${s.id} on ${s.challenge}: ${s.status}`, s.released ? `, released dev accuracy ${s.released.accuracy}, PGR ${s.released.pgr ?? '—'}` : '', ` on ${s.seeds} seeds.`) : null,
    h('h3', {}, `Comments (${f.comment_list.length})`),
    h('div', { id: 'comments' }, f.comment_list.map((c) => h('div', { class: 'finding' }, h('p', { class: 'muted' }, `${c.researcher} · ${when(c.created_at)}`), h('div', { class: 'body' }, c.body))))) };
}

export async function findingPage(id) {
  const view = live(() => finding(id));
  const msg = messageLine();
  const body = h('textarea', { id: 'comment-body', rows: 3, required: true });
  const form = h('form', { class: 'panel', id: 'comment-form' }, h('label', { for: 'comment-body' }, 'Comment'), body, h('div', {}, h('button', { type: 'submit' }, 'Comment')), msg);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await api('POST', `/api/v1/findings/${id}/comments`, { body: body.value });
      form.reset();
      view.reload();
    } catch (err) {
      msg.fail(err.message);
    }
  });
  const voteButton = (value, label) => h('button', { type: 'button', class: 'plain', onclick: async () => {
    try {
      await api('POST', `/api/v1/findings/${id}/votes`, { value });
      view.reload();
    } catch (err) {
      msg.fail(err.message);
    }
  } }, label);
  return h('section', { id: 'finding' }, h('h2', {}, h('a', { href: '#/forum' }, 'Forum'), ` › finding #${id}`), view,
    h('div', { class: 'row' }, voteButton(1, '▲ Vote up'), ' ', voteButton(-1, '▼ Vote down')), form);
}
