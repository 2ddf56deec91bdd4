import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openMethod } from '../protocol/method-phase.js';
import template, { temperatureScale } from './TEMPLATE.js';
import { resolveParams } from './registry.js';
import { fakeContext, syntheticPools } from './testing.js';

describe('TEMPLATE', () => {
  it('is a valid method: name, description, typed params with defaults', () => {
    expect(template.name).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(template.description).not.toMatch(/\n/);
    const params = resolveParams(template);
    for (const p of template.params) expect(typeof params[p.name]).toBe(p.type);
  });
  it('runs on a fake context and returns a student the protocol can score', async () => {
    const { ctx, logs } = fakeContext({ pools: syntheticPools({ n: 80, nVal: 20 }) });
    const { student, notes } = await template.run(ctx, resolveParams(template));
    expect((await student.predict('val')).length).toBe(40);
    expect(notes).toEqual({ temperature: 0.5 });
    expect(logs.length).toBeGreaterThan(0);
  });
  it('loads from its file path the way `w2s run --method ./file.ts` does', async () => {
    const m = await openMethod(fileURLToPath(new URL('./TEMPLATE.ts', import.meta.url)), 'off');
    expect(m.meta.name).toBe(template.name);
    expect(m.meta.params.map((p) => p.name)).toEqual(template.params.map((p) => p.name));
    expect(m.identity).toMatch(/^file:[0-9a-f]{64}$/);
  });
  it('temperatureScale sharpens below 1 and keeps rows normalised', () => {
    const out = temperatureScale(Float32Array.from([0.6, 0.4]), 2, 0.5);
    expect(out[0]).toBeCloseTo(0.36 / 0.52, 6);
    expect(out[0] + out[1]).toBeCloseTo(1, 6);
  });
});
