// A fine-tuned HF student as a value: trained where a method runs from the ONNX file's bytes and
// token rows, rebuilt by the host from the value and the same file, refused when it does not fit.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HfTokenizer, resolveHfFolder, writeTinyHfFolder } from './index.js';
import * as ort from 'onnxruntime-node';
import { rowLengths, takeTokenRows } from '../finetune/tokens.js';
import { takeRows } from '../../util/rows.js';
import { POOL_INPUT } from './classifier.js';
import { hfFeeds, hfRows, loadHfStudent, trainHfStudent, type HfStudentValue } from './student.js';

const root = mkdtempSync(join(tmpdir(), 'w2s-hf-student-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SPAM = ['free prize call now', 'win cash now', 'claim your prize txt win', 'free cash claim now', 'call now to win', 'txt to win a prize'];
const HAM = ['ok see you later', 'i love it', 'what is it', 'how is home', 'see you at home later', 'i love you'];

describe('HF students as values', () => {
  const dir = join(root, 'tiny');
  writeTinyHfFolder(dir, { seed: 4 });
  const folder = resolveHfFolder(dir);
  const onnx = new Uint8Array(readFileSync(folder.onnxPath));
  const texts = [...SPAM, ...HAM];
  const rows = hfRows(HfTokenizer.load(folder, 32), texts);
  const targets = Float32Array.from(texts.flatMap((_, i) => (i < SPAM.length ? [0, 1] : [1, 0])));
  const train = (seed: number, epochs = 30) => trainHfStudent({ onnx, source: folder.onnxPath, pooling: 'mean', rows, targets, numClasses: 2, seed, config: { trainLayers: 1, epochs, batchSize: 4, lr: 3e-3 } });
  const accuracy = (p: Float32Array) => texts.filter((_, i) => (p[2 * i + 1] > p[2 * i] ? 1 : 0) === (i < SPAM.length ? 1 : 0)).length / texts.length;

  it('learns its training rows, and the host rebuilds the same predictions from the value and the file', async () => {
    const s = await train(0);
    const p = await s.predict(rows);
    expect(accuracy(p)).toBeGreaterThanOrEqual(0.9);
    const again = loadHfStudent(structuredClone(s.value), onnx, { source: folder.onnxPath, numClasses: 2 });
    expect(Array.from(await again.predict(rows))).toEqual(Array.from(p));
    // Only the trained parameters travel: the top layer's initializers and the head.
    const names = Object.keys(s.value.params);
    expect(names.some((n) => n.startsWith('head.'))).toBe(true);
    expect(names.some((n) => n.includes('layer.1.'))).toBe(true);
    expect(names.filter((n) => /embeddings|layer\.0\./.test(n))).toEqual([]);
  });

  it('exports to one .onnx file that ONNX Runtime runs to the same probabilities', async () => {
    const s = await train(2, 3);
    const path = join(root, 'student.onnx');
    s.export(path);
    const rows8 = Int32Array.from({ length: 8 }, (_, i) => i);
    const feeds = hfFeeds(rows, rows8, rowLengths(rows), 'mean');
    const session = await ort.InferenceSession.create(path);
    const wanted = new Set(session.inputNames);
    const got = await session.run(Object.fromEntries(Object.entries(feeds).filter(([k]) => wanted.has(k)).map(([k, v]) => [k, new ort.Tensor(k === POOL_INPUT ? 'float32' : 'int64', v.data as never, v.dims)])));
    const want = (await s.predict(rows)).subarray(0, 16);
    const probs = got.probs.data as Float32Array;
    expect(Math.max(...Array.from(want, (v, i) => Math.abs(v - probs[i])))).toBeLessThan(1e-5);
    await session.release();
  });

  it('gives the same weights for the same seed', async () => {
    const [a, b] = [await train(5, 2), await train(5, 2)];
    for (const [name, t] of Object.entries(a.value.params)) expect(Array.from(t.data)).toEqual(Array.from(b.value.params[name].data));
  });

  it('gives the same weights when the rows arrive in another order', async () => {
    const order = Array.from({ length: texts.length }, (_, i) => (i * 5) % texts.length);
    const shuffled = await trainHfStudent({
      onnx, source: folder.onnxPath, pooling: 'mean', rows: takeTokenRows(rows, order), targets: takeRows(targets, 2, order),
      numClasses: 2, seed: 5, config: { trainLayers: 1, epochs: 2, batchSize: 4, lr: 3e-3 },
    });
    const a = await train(5, 2);
    for (const [name, t] of Object.entries(a.value.params)) expect(Array.from(t.data), name).toEqual(Array.from(shuffled.value.params[name].data));
  });

  it('refuses a value from another file, of other classes, or with a damaged tensor', async () => {
    const v = (await train(1, 1)).value;
    const load = (x: unknown, file = onnx) => loadHfStudent(x, file, { source: folder.onnxPath, numClasses: 2 });
    const other = new Uint8Array(onnx);
    other[other.length - 1] ^= 1;
    expect(() => load(v, other)).toThrow(/trained on the ONNX file [0-9a-f]+, not/);
    expect(() => load({ ...v, config: { ...v.config, numClasses: 3 } })).toThrow(/numClasses 3 is not the task's 2/);
    const broken: HfStudentValue = structuredClone(v);
    Object.values(broken.params)[0].data[0] = Number.POSITIVE_INFINITY;
    expect(() => load(broken)).toThrow(/holds Infinity at 0/);
    const missing: HfStudentValue = structuredClone(v);
    delete missing.params[Object.keys(missing.params)[0]];
    expect(() => load(missing)).toThrow(/is missing the trained parameter/);
  });
});
