import type { NodeContext } from './context.js';
import type { Value } from './value.js';

/**
 * How one ONNX op becomes engine ops: from the node's inputs (and attributes,
 * through the context) to its outputs. One file per op in ops/ registers one.
 */
export type OpImporter = (cx: NodeContext) => Value[];

const importers = new Map<string, OpImporter>();

/** Registers the importer of an ONNX op (default domain). */
export function registerImporter(opType: string, importer: OpImporter): void {
  if (importers.has(opType)) throw new Error(`ONNX importer for ${opType} is registered twice`);
  importers.set(opType, importer);
}

export function getImporter(opType: string): OpImporter | undefined {
  return importers.get(opType);
}

export function registeredImporters(): string[] {
  return [...importers.keys()].sort();
}
