/** Low-level SVG string helpers. Every user-supplied string goes through `esc`. */

export const FONT_FAMILY = "'DejaVu Sans', Arial, Helvetica, sans-serif";

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for XML/HTML content and attribute values; drops characters XML forbids. */
export function esc(value: string | number): string {
  return String(value)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A coordinate rounded to 0.01, never NaN in the output. */
export function n(v: number): string {
  if (!Number.isFinite(v)) return '0';
  return String(Math.round(v * 100) / 100);
}

export type Attrs = Record<string, string | number | undefined>;

function attrs(a: Attrs): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? n(v) : esc(v as string)}"`)
    .join('');
}

/** An element; `children` is already-serialised SVG. A `tip` becomes a hover <title>. */
export function el(tag: string, a: Attrs, children = '', tip?: string): string {
  const inner = (tip ? `<title>${esc(tip)}</title>` : '') + children;
  return inner ? `<${tag}${attrs(a)}>${inner}</${tag}>` : `<${tag}${attrs(a)}/>`;
}

export interface TextOpts {
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  weight?: 'normal' | 'bold';
  fill?: string;
  rotate?: number;
  baseline?: 'auto' | 'middle' | 'hanging';
  cls?: string;
}

export function text(x: number, y: number, value: string, o: TextOpts = {}): string {
  // dominant-baseline is not rendered the same everywhere; shift with dy instead.
  const size = o.size ?? 12;
  const dy = o.baseline === 'middle' ? size * 0.35 : o.baseline === 'hanging' ? size * 0.8 : 0;
  return el(
    'text',
    {
      x,
      y: y + dy,
      'font-size': size,
      'text-anchor': o.anchor ?? 'start',
      'font-weight': o.weight === 'bold' ? 'bold' : undefined,
      fill: o.fill ?? '#222',
      transform: o.rotate ? `rotate(${n(o.rotate)} ${n(x)} ${n(y)})` : undefined,
      class: o.cls,
    },
    esc(value),
  );
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke: string, a: Attrs = {}): string {
  return el('line', { x1, y1, x2, y2, stroke, 'stroke-width': 1, ...a });
}

/** A rect with width/height made non-negative (flipped if needed). */
export function rect(x: number, y: number, w: number, h: number, a: Attrs = {}, tip?: string): string {
  const rx = w < 0 ? x + w : x;
  const ry = h < 0 ? y + h : y;
  return el('rect', { x: rx, y: ry, width: Math.abs(w), height: Math.abs(h), ...a }, '', tip);
}

/** Rough rendered width of a string in DejaVu Sans (wide glyphs, ~0.6em average). */
export function textWidth(value: string, size = 12): number {
  return value.length * size * 0.6;
}

/** Shorten a label to fit `maxWidth`, with an ellipsis. */
export function fit(value: string, maxWidth: number, size = 12): string {
  const max = Math.max(1, Math.floor(maxWidth / (size * 0.6)));
  return value.length <= max ? value : value.slice(0, Math.max(0, max - 1)) + '…';
}

/** The chart's visible title, top left, shortened to fit `width`. */
export function heading(title: string, width: number): string {
  return text(12, 20, fit(title, width - 24, 14), { weight: 'bold', size: 14, cls: 'chart-title' });
}

/** A complete standalone SVG document with a white background and an accessible title. */
export function svgDoc(width: number, height: number, title: string, body: string, cls = 'w2s-chart'): string {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"` +
    ` role="img" aria-label="${esc(title)}" class="${esc(cls)}" font-family="${esc(FONT_FAMILY)}">` +
    `<title>${esc(title)}</title>` +
    `<rect x="0" y="0" width="${w}" height="${h}" fill="#ffffff"/>` +
    body +
    `</svg>`
  );
}

/** The SVG shown when a chart has nothing to plot: same frame, a visible message. */
export function emptyChart(title: string, message: string, width = 480, height = 160): string {
  return svgDoc(
    width,
    height,
    title,
    text(width / 2, 26, fit(title, width - 24, 14), { anchor: 'middle', weight: 'bold', size: 14 }) +
      text(width / 2, height / 2 + 10, message, { anchor: 'middle', size: 13, fill: '#555', cls: 'empty' }),
    'w2s-chart w2s-empty',
  );
}

export function isNum(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
