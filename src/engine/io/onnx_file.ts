import { writeFileAtomicSync } from '../../util/fs.js';
import { ExecutionProviderError } from '../errors.js';
import type { Module } from '../nn/module.js';
import { buildInferenceModel, type PredictorSpec } from '../train/predictor.js';
import * as ort from 'onnxruntime-node';
import type { AnyTypedArray } from '../dtype.js';
import type { HostTensor } from '../runtime/feeds.js';
import { getSession, type RuntimeOptions } from '../runtime/session.js';
import { readFile } from 'node:fs/promises';

/** Writes a trained model's inference graph, weights included, as a standalone .onnx file. */
export function exportOnnx<M extends Module>(path: string, spec: PredictorSpec<M>, theta: Float32Array): void {
  writeFileAtomicSync(path, buildInferenceModel(spec, theta));
}

/** A user's own .onnx model (e.g. a pretrained encoder) run for inference, frozen. */
export class OnnxModel {
  private constructor(
    readonly path: string,
    private readonly session: ort.InferenceSession,
  ) {}

  static async load(path: string, runtime?: RuntimeOptions): Promise<OnnxModel> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(path));
    } catch (e) {
      throw new Error(`cannot read ONNX model ${path}: ${(e as Error).message}`);
    }
    try {
      return new OnnxModel(path, await getSession(bytes, runtime));
    } catch (e) {
      // A missing execution provider is not a problem with the file: keep its own error.
      if (e instanceof ExecutionProviderError) throw e;
      throw new Error(`${path} is not a model ONNX Runtime can load: ${(e as Error).message.split('\n')[0]}`);
    }
  }

  get inputNames(): readonly string[] {
    return this.session.inputNames;
  }
  get outputNames(): readonly string[] {
    return this.session.outputNames;
  }

  async run(feeds: Record<string, ort.Tensor>): Promise<Record<string, HostTensor>> {
    const missing = this.session.inputNames.filter((n) => !(n in feeds));
    if (missing.length) throw new Error(`${this.path}: missing inputs ${missing.join(', ')} (model inputs: ${this.session.inputNames.join(', ')})`);
    const out = await this.session.run(feeds);
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { data: v.data as AnyTypedArray, dims: [...v.dims] }]));
  }
}
