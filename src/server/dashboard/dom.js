/**
 * Building the page: `h(tag, attrs, ...children)` makes elements, and every string child
 * becomes a text node, so nothing written by a user (forum text, method names, params,
 * logs) is ever parsed as HTML. The one exception is `svgFrom`, for the charts the
 * server's report package draws (it escapes their labels itself).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** A table from column headers and rows of cells (strings, numbers or nodes). */
export function table(head, rows, o = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { id: o.id },
      h('thead', {}, h('tr', {}, head.map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-id': r.id }, r.cells.map((c) => (c instanceof Node && c.tagName === 'TD' ? c : h('td', {}, c))))))));
}

export const num = (v, digits = 3) => h('td', { class: 'num' }, v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(digits));
export const interval = (i, digits = 2) =>
  !i || i.estimate === null ? h('td', { class: 'num' }, '—') : h('td', { class: 'num' }, `${i.estimate.toFixed(digits)} [${i.low?.toFixed(digits) ?? '—'}, ${i.high?.toFixed(digits) ?? '—'}]`);
export const status = (s) => h('span', { class: `status status-${s}` }, s);
export const params = (p) => (Object.keys(p).length === 0 ? '{}' : Object.entries(p).map(([k, v]) => `${k}=${v}`).join(' '));
export const when = (iso) => (iso ? iso.replace('T', ' ').slice(0, 19) : '—');

/** An SVG document drawn by the server's report package, as an element. */
export function svgFrom(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  for (const s of doc.querySelectorAll('script, foreignObject')) s.remove();
  return document.importNode(doc.documentElement, true);
}

/**
 * A section that loads itself: `load()` returns `{ el, pending }`; while `pending`, it
 * loads again every `everyMs` (as long as it is on the page). `box.reload()` loads now.
 */
export function live(load, { everyMs = 1000, onSettled } = {}) {
  const box = h('div', { class: 'live' });
  let timer, ticks = 0, wasPending = false;
  box.reload = async () => {
    clearTimeout(timer);
    ticks++;
    if (ticks > 2 && !box.isConnected) return;
    try {
      const { el, pending } = await load();
      box.replaceChildren(el);
      if (wasPending && !pending) onSettled?.();
      wasPending = pending;
      if (pending) timer = setTimeout(box.reload, everyMs);
    } catch (e) {
      box.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
    }
  };
  box.reload();
  return box;
}

/** A form's message line: errors in red, confirmations in green. */
export function messageLine() {
  const p = h('p', { class: 'message', role: 'status' });
  p.ok = (text, ...rest) => { p.className = 'message'; p.replaceChildren(text, ...rest); };
  p.fail = (text) => { p.className = 'error'; p.replaceChildren(text); };
  return p;
}
