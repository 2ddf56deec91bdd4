/** Scales and tick generation, pure. */
import { isNum } from './core.js';

export type Scale = (v: number) => number;

export function linear(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

export function log10(domain: [number, number], range: [number, number]): Scale {
  const l = linear([Math.log10(domain[0]), Math.log10(domain[1])], range);
  return (v) => l(Math.log10(v));
}

function niceStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * mag).find((st) => st >= raw * (1 - 1e-9)) ?? 10 * mag;
}

/** Round-number ticks inside [lo, hi] (about `count` of them). */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!isNum(lo) || !isNum(hi)) return [];
  if (lo === hi) return [lo];
  if (lo > hi) [lo, hi] = [hi, lo];
  const step = niceStep(lo, hi, count);
  const ticks: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(Number((k * step).toPrecision(12)));
  return ticks;
}

/** [lo, hi] extended outward to round numbers, and the ticks on it (same step). */
export function niceScale(lo: number, hi: number, count = 5): { domain: [number, number]; ticks: number[] } {
  if (!isNum(lo) || !isNum(hi)) return { domain: [0, 1], ticks: niceTicks(0, 1, count) };
  if (lo > hi) [lo, hi] = [hi, lo];
  if (lo === hi) [lo, hi] = lo === 0 ? [0, 1] : [lo - Math.abs(lo) * 0.1, hi + Math.abs(hi) * 0.1];
  const step = niceStep(lo, hi, count);
  const domain: [number, number] = [
    Number((Math.floor(lo / step + 1e-9) * step).toPrecision(12)),
    Number((Math.ceil(hi / step - 1e-9) * step).toPrecision(12)),
  ];
  return { domain, ticks: niceTicks(domain[0], domain[1], Math.round((domain[1] - domain[0]) / step)) };
}

/** Log-axis domain padded by a factor each side, so end points sit inside the frame. */
export function logDomain(values: number[]): [number, number] | undefined {
  const v = values.filter((x) => isNum(x) && x > 0);
  if (v.length === 0) return undefined;
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  const pad = hi / lo > 1 ? (hi / lo) ** 0.08 : 2;
  return [lo / pad, hi * pad];
}

/** Ticks at 1·10^k (and 2·, 5· when the domain spans under two decades). */
export function logTicks(lo: number, hi: number): number[] {
  if (!(lo > 0) || !(hi > lo)) return [];
  const decades = Math.log10(hi / lo);
  const mults = decades < 2 ? [1, 2, 5] : [1];
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) {
    for (const m of mults) {
      const t = m * 10 ** k;
      if (t >= lo && t <= hi) out.push(Number(t.toPrecision(12)));
    }
  }
  return out;
}

/** 125000000 → "125M"; 1.5e9 → "1.5B". */
export function formatCount(v: number): string {
  if (!isNum(v)) return '—';
  const units: Array<[number, string]> = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [u, s] of units) {
    if (Math.abs(v) >= u) return `${Number((v / u).toPrecision(3))}${s}`;
  }
  return String(Number(v.toPrecision(3)));
}

/** Tick label with as many decimals as the tick step needs (0.25 → 2, 0.2 → 1, 5 → 0). */
export function formatTick(v: number, ticks: number[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  let d = 0;
  while (d < 4 && Math.abs(step * 10 ** d - Math.round(step * 10 ** d)) > 1e-6) d++;
  const s = v.toFixed(d);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}
