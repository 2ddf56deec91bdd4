import type { Module } from '../nn/module.js';
import { ParamLayout } from '../nn/layout.js';
import { loadSafetensors, saveSafetensors, type NamedTensor } from './safetensors.js';

/** Saves a module's flat parameters as named safetensors tensors. */
export function saveCheckpoint(path: string, module: Module, theta: Float32Array, metadata: Record<string, string> = {}): void {
  const layout = new ParamLayout(module);
  if (theta.length !== layout.total) throw new Error(`saveCheckpoint: expected ${layout.total} parameters, got ${theta.length}`);
  const tensors: Record<string, NamedTensor> = {};
  for (const e of layout.entries) tensors[e.name] = { dtype: 'F32', shape: [...e.spec.shape], data: theta.slice(e.offset, e.offset + e.size) };
  saveSafetensors(path, tensors, metadata);
}

/** Loads a checkpoint into the module's layout; names and shapes must match. */
export async function loadCheckpoint(path: string, module: Module): Promise<{ theta: Float32Array; metadata: Record<string, string> }> {
  const layout = new ParamLayout(module);
  const { tensors, metadata } = await loadSafetensors(path);
  const theta = new Float32Array(layout.total);
  for (const e of layout.entries) {
    const t = tensors[e.name];
    if (!t) throw new Error(`${path}: checkpoint has no tensor "${e.name}"; it was saved from a different model (has: ${Object.keys(tensors).slice(0, 8).join(', ')}…)`);
    if (t.shape.join(',') !== e.spec.shape.join(',')) throw new Error(`${path}: "${e.name}" has shape [${t.shape}], the model expects [${e.spec.shape}]`);
    if (!(t.data instanceof Float32Array)) throw new Error(`${path}: "${e.name}" is ${t.dtype}, expected F32`);
    theta.set(t.data, e.offset);
  }
  return { theta, metadata };
}
