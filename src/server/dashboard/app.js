/** The dashboard's shell: log in with a token, route `#/…` to a view, show errors. */
import { api, token } from './api.js';
import { h } from './dom.js';
import { challengePage, challengesPage } from './views/challenges.js';
import { findingPage, forumPage } from './views/forum.js';
import { submissionPage, submissionsPage } from './views/submissions.js';

const ROUTES = [
  [/^#?\/?$/, () => challengesPage()],
  [/^#\/challenges\/([^/]+)$/, (m) => challengePage(decodeURIComponent(m[1]))],
  [/^#\/submissions$/, () => submissionsPage()],
  [/^#\/submissions\/(\d+)$/, (m) => submissionPage(Number(m[1]))],
  [/^#\/forum$/, () => forumPage()],
  [/^#\/forum\/(\d+)$/, (m) => findingPage(Number(m[1]))],
];

const $ = (id) => document.getElementById(id);

export function showError(message) {
  $('error').textContent = message;
  $('error').hidden = !message;
}

/** Renders the view the hash names; views return an element (or throw an ApiError). */
export async function render() {
  const view = $('view');
  const hash = location.hash;
  const route = ROUTES.find(([re]) => re.test(hash));
  if (!token.get()) {
    view.replaceChildren(h('p', { id: 'logged-out' }, 'Log in with the token your server admin gave you (', h('code', {}, 'w2s admin token create NAME'), ') to see challenges, the leaderboard, your submissions and the forum.'));
    return;
  }
  if (!route) {
    view.replaceChildren(h('p', {}, `Nothing at ${hash}. `, h('a', { href: '#/' }, 'Back to the challenges')));
    return;
  }
  try {
    const el = await route[1](hash.match(route[0]));
    if (location.hash === hash) view.replaceChildren(el);
    showError('');
  } catch (e) {
    showError(e.message);
    if (e.status === 401) logOut(false);
  }
}

async function logIn(t) {
  token.set(t);
  try {
    const me = await api('GET', '/api/v1/me');
    showError('');
    showWho(me.name);
    await render();
  } catch (e) {
    token.clear();
    showError(e.status === 401 ? `The server refused this token — ${e.message}` : e.message);
  }
}

function showWho(name) {
  $('who-name').textContent = `Logged in as ${name}`;
  $('who').hidden = false;
  $('login').hidden = true;
}

function logOut(rerender = true) {
  token.clear();
  $('who').hidden = true;
  $('login').hidden = false;
  if (rerender) render();
}

$('login').addEventListener('submit', (e) => {
  e.preventDefault();
  const input = $('token');
  const t = input.value.trim();
  input.value = '';
  logIn(t);
});
$('logout').addEventListener('click', () => logOut());
window.addEventListener('hashchange', render);

if (token.get()) {
  api('GET', '/api/v1/me').then((me) => showWho(me.name), (e) => { showError(e.message); logOut(false); }).finally(render);
} else render();
