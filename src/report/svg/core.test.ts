import { describe, expect, it } from 'vitest';
import { emptyChart, esc, fit, svgDoc, text } from './core.js';
import { formatCount, formatTick, logDomain, logTicks, niceScale, niceTicks } from './scale.js';
import { checkXml, withClass } from './wellformed.js';

describe('esc', () => {
  it('escapes markup and drops characters XML forbids', () => {
    expect(esc(`<a href="x">&'\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(esc(3)).toBe('3');
  });
});

describe('checkXml', () => {
  it('accepts a well-formed document and lists its elements', () => {
    const r = checkXml('<?xml version="1.0"?>\n<svg a="1"><g class="x y"><rect class="y"/></g><text>a &amp; b</text></svg>');
    expect(r.errors).toEqual([]);
    expect(r.elements.map((e) => e.tag)).toEqual(['svg', 'g', 'rect', 'text']);
    expect(withClass(r.elements, 'g', 'y')).toHaveLength(1);
    expect(r.elements[3].text).toBe('a & b');
  });
  it.each([
    ['<svg><g></svg>', 'closes'],
    ['<svg><g>', 'never closed'],
    ['<svg>a & b</svg>', 'bare &'],
    ['<svg a=1></svg>', 'malformed attributes'],
    ['<svg a="1" a="2"></svg>', 'duplicate attribute'],
    ['<svg/><svg/>', 'more than one root'],
    ['<svg x="<"></svg>', 'malformed attributes'],
    ['', 'no root'],
  ])('rejects %s', (xml, msg) => {
    expect(checkXml(xml).errors.join('\n')).toContain(msg);
  });
});

describe('svgDoc / text', () => {
  it('is well formed with hostile strings', () => {
    const title = `<b>"x" & 'y'</b>`;
    const svg = svgDoc(100.4, 50, title, text(1, 2, title) + text(1, 2, 'r', { rotate: -90 }));
    const r = checkXml(svg);
    expect(r.errors).toEqual([]);
    expect(r.elements[0].attrs).toMatchObject({ width: '101', height: '50', 'aria-label': title });
    expect(r.elements.filter((e) => e.tag === 'text').map((e) => e.text)).toContain(title);
  });
  it('emptyChart shows its message', () => {
    const r = checkXml(emptyChart('T', 'nothing here'));
    expect(r.errors).toEqual([]);
    expect(withClass(r.elements, 'text', 'empty')[0].text).toBe('nothing here');
  });
  it('fit shortens with an ellipsis only when needed', () => {
    expect(fit('short', 200)).toBe('short');
    const f = fit('a very long label indeed', 60);
    expect(f.endsWith('…')).toBe(true);
    expect(f.length).toBeLessThan(10);
  });
});

describe('scales', () => {
  it('niceTicks covers the range with round steps', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(NaN, 1)).toEqual([]);
    expect(niceTicks(2, 2)).toEqual([2]);
  });
  it('niceScale extends the domain to its own ticks', () => {
    const s = niceScale(0.57, 0.79, 5);
    expect(s.domain).toEqual([0.55, 0.8]);
    expect(s.ticks[0]).toBe(0.55);
    expect(s.ticks.at(-1)).toBe(0.8);
    expect(niceScale(-0.31, 1).domain[0]).toBeLessThanOrEqual(-0.31);
    expect(niceScale(NaN, 1).domain).toEqual([0, 1]);
    expect(niceScale(0, 0).domain).toEqual([0, 1]);
  });
  it('log ticks and counts', () => {
    expect(logTicks(5e7, 5e9)).toEqual([1e8, 1e9]);
    expect(logTicks(3e8, 5e9)).toEqual([5e8, 1e9, 2e9, 5e9]);
    expect(logDomain([NaN, -1])).toBeUndefined();
    const d = logDomain([1e8]) as [number, number];
    expect(d[0]).toBeLessThan(1e8);
    expect(d[1]).toBeGreaterThan(1e8);
    expect(formatCount(1.24e8)).toBe('124M');
    expect(formatCount(1.5e9)).toBe('1.5B');
    expect(formatCount(NaN)).toBe('—');
  });
  it('formatTick uses the decimals the step needs', () => {
    expect(formatTick(0.5, [0, 0.25, 0.5])).toBe('0.50');
    expect(formatTick(0.4, [0, 0.2])).toBe('0.4');
    expect(formatTick(-0, [0, 0.2])).toBe('0.0');
    expect(formatTick(20, [0, 20])).toBe('20');
  });
});
