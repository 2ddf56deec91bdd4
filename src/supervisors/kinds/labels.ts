import { existsSync } from 'node:fs';
import { fileSupervisor } from '../file.js';
import { registerSupervisorKind, type LabelsSpec } from '../registry.js';

/** Weak labels collected elsewhere (an LLM's answers, people), a JSONL file; the same as --weak-labels FILE. */
registerSupervisorKind<LabelsSpec>({
  kind: 'labels',
  syntax: 'labels:FILE',
  description: 'weak labels from a JSONL file of {"id", "probs"} or {"id", "label", "confidence"} (same as --weak-labels FILE)',
  flags: [],
  claims: (name) => name.startsWith('labels:'),
  parse: (name) => {
    const path = name.slice('labels:'.length);
    if (!path) throw new Error('--weak labels:FILE needs the file, e.g. labels:answers.jsonl');
    if (!existsSync(path)) throw new Error(`--weak ${name}: no such file ${path}`);
    return { kind: 'labels', path };
  },
  build: (spec) => fileSupervisor(spec.path),
});
