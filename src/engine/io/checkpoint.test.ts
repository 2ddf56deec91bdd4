// Checkpoints round-trip bitwise and refuse to load into a different model.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rejectionOf } from '../testing/rejection.js';
import { Rng } from '../../util/rng.js';
import { MLP, ParamLayout, loadCheckpoint, saveCheckpoint } from '../index.js';

const dir = mkdtempSync(join(tmpdir(), 'w2s-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bytesOf(a: Float32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

describe('saveCheckpoint / loadCheckpoint', () => {
  const module = new MLP([4, 8, 2]);
  const theta = new ParamLayout(module).initialize(new Rng(3));
  // Values whose bits a lossy (e.g. JSON or float64->text) round trip would change.
  theta[0] = 1 / 3;
  theta[1] = -0;
  theta[2] = 1.401298464324817e-45;
  const path = join(dir, 'mlp.safetensors');
  saveCheckpoint(path, module, theta, { run: 'abc', epochs: '3' });

  it('round-trips the parameters bitwise, with the metadata', async () => {
    const loaded = await loadCheckpoint(path, new MLP([4, 8, 2]));
    expect(bytesOf(loaded.theta).equals(bytesOf(theta))).toBe(true);
    expect(loaded.metadata).toEqual({ run: 'abc', epochs: '3' });
  });

  it('loading into a wider model names the tensor and both shapes', async () => {
    const err = await rejectionOf(loadCheckpoint(path, new MLP([4, 16, 2])));
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain(path);
    expect(err.message).toContain('"fc0.weight"');
    expect(err.message).toContain('[4,8]');
    expect(err.message).toContain('[4,16]');
  });

  it('loading into a deeper model names the missing tensor', async () => {
    // fc0 and fc1 match the checkpoint; fc2 is new.
    const err = await rejectionOf(loadCheckpoint(path, new MLP([4, 8, 2, 2])));
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toContain('no tensor "fc2.weight"');
    expect(err.message).toContain('different model');
  });

  it('refuses a theta of the wrong length and a file that is not safetensors', async () => {
    expect(() => saveCheckpoint(join(dir, 'bad.safetensors'), module, new Float32Array(3))).toThrow(/expected 58 parameters, got 3/);
    const junk = join(dir, 'junk.safetensors');
    writeFileSync(junk, 'this is not a checkpoint at all');
    await expect(loadCheckpoint(junk, module)).rejects.toThrow(junk);
  });
});
