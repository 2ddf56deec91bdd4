import { registerSupervisorKind, type ModelSpec } from '../registry.js';

/** A model trained here on weak_train's ground truth (a probe on its frozen features). Registered last: it takes every other name. */
registerSupervisorKind<ModelSpec>({
  kind: 'model',
  syntax: 'MODEL',
  description: 'a model trained here on weak_train ground truth (a ladder model xs, s, m, l; see `w2s models`)',
  flags: [],
  claims: () => true,
  parse: (name) => {
    if (!name.trim()) throw new Error('--weak needs a name: a model (see `w2s models`) or a supervisor (see `w2s supervisors`)');
    return { kind: 'model', model: name };
  },
});
