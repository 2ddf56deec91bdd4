// Asking for CUDA on the CPU-only ONNX Runtime this project installs: a
// warning with the install hint and a CPU session, or, when strict, an error.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { DEVICE_ENV, ExecutionProviderError, Graph, OnnxModel, PROFILE_ENV, defaultDevice, getSession, mul, relu, toOnnx, toOrt } from '../index.js';

const HINT = 'ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install';

/** Whether this install carries the CUDA provider library; these tests are about the CPU-only build. */
function cudaProviderInstalled(): boolean {
  const root = join(dirname(createRequire(import.meta.url).resolve('onnxruntime-node')), '..', 'bin');
  const walk = (d: string): boolean =>
    existsSync(d) && readdirSync(d, { withFileTypes: true }).some((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.includes('providers_cuda')));
  return walk(root);
}

function tinyModel(): Uint8Array {
  const g = new Graph();
  const x = g.input('x', 'float32', [3]);
  return toOnnx(g, { inputs: [x], outputs: { y: relu(x) } });
}

const dir = mkdtempSync(join(tmpdir(), 'w2s-ep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('subnormal floats', () => {
  // A model that fits its batch drives values below 1.2e-38; computing on them is ~15× slower on x86.
  it('are flushed to zero in sessions by default, normal values untouched', async () => {
    const g = new Graph();
    const x = g.input('x', 'float32', [3]);
    const session = await getSession(toOnnx(g, { inputs: [x], outputs: { y: mul(x, 2) } }));
    const out = await session.run({ x: toOrt('float32', Float32Array.of(1e-40, 1.5, -3e-39), [3]) });
    expect([...(out.y.data as Float32Array)].map(Math.abs)).toEqual([0, 3, 0]);
  });
});

describe('default device', () => {
  it('is cpu unless W2S_DEVICE names another, and a wrong name is refused with the choices', () => {
    vi.stubEnv(DEVICE_ENV, '');
    expect(defaultDevice()).toBe('cpu');
    vi.stubEnv(DEVICE_ENV, 'cuda');
    expect(defaultDevice()).toBe('cuda');
    vi.stubEnv(DEVICE_ENV, 'gpu');
    expect(() => defaultDevice()).toThrow(/W2S_DEVICE=gpu is not a device; use one of: cpu, cuda/);
  });
});

describe.skipIf(cudaProviderInstalled())('execution provider on the CPU-only build', () => {
  it("device 'cuda' falls back to CPU with a warning carrying the install hint, and runs", async () => {
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const session = await getSession(tinyModel(), { device: 'cuda' });
    expect(warn).toHaveBeenCalled();
    expect(String(warn.mock.calls[0][0])).toContain(HINT);
    expect(String(warn.mock.calls[0][0])).toContain('Falling back to CPU');
    const out = await session.run({ x: toOrt('float32', Float32Array.of(-1, 0, 2), [3]) });
    expect([...(out.y.data as Float32Array)]).toEqual([0, 0, 2]);
  });

  it('W2S_DEVICE=cuda reaches sessions that name no device', async () => {
    vi.stubEnv(DEVICE_ENV, 'cuda');
    const err = await getSession(tinyModel(), { strictDevice: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecutionProviderError);
    expect((err as Error).message).toContain(HINT);
    vi.stubEnv(DEVICE_ENV, 'cpu');
    const session = await getSession(tinyModel(), { strictDevice: true });
    const out = await session.run({ x: toOrt('float32', Float32Array.of(-3, 4, 1), [3]) });
    expect([...(out.y.data as Float32Array)]).toEqual([0, 4, 1]);
  });

  it('strictDevice throws ExecutionProviderError with the hint, even after a fallback session was cached', async () => {
    vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    const model = tinyModel();
    await getSession(model, { device: 'cuda' });
    const err = await getSession(model, { device: 'cuda', strictDevice: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecutionProviderError);
    expect((err as Error).message).toContain(HINT);
  });

  it('OnnxModel.load passes the ExecutionProviderError through instead of blaming the file', async () => {
    const path = join(dir, 'relu.onnx');
    writeFileSync(path, tinyModel());
    const err = await OnnxModel.load(path, { device: 'cuda', strictDevice: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ExecutionProviderError);
    expect((err as Error).message).toContain(HINT);
  });
});

describe(`${PROFILE_ENV}`, () => {
  it('writes ONNX Runtime’s per-kernel profile of the sessions created while it is set, and a profiled session is not served from the plain cache', async () => {
    const model = tinyModel();
    const plain = await getSession(model);
    const prefix = join(dir, 'profile');
    vi.stubEnv(PROFILE_ENV, prefix);
    const profiled = await getSession(model);
    expect(profiled).not.toBe(plain);
    await profiled.run({ x: toOrt('float32', Float32Array.of(-1, 0, 2), [3]) });
    profiled.endProfiling();
    const files = readdirSync(dir).filter((f) => f.startsWith('profile') && f.endsWith('.json'));
    expect(files).toHaveLength(1);
    const events = JSON.parse(readFileSync(join(dir, files[0]), 'utf8')) as { cat?: string; args?: { op_name?: string } }[];
    expect(events.some((e) => e.cat === 'Node' && e.args?.op_name === 'Relu')).toBe(true);
  });
});
