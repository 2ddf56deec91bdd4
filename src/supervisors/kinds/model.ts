import { isModelName, modelName, parseModel } from '../../models/kinds/index.js';
import { listSupervisorKinds, registerSupervisorKind, type ModelSpec } from '../registry.js';

/**
 * A model trained here on weak_train's ground truth (a probe on its frozen
 * features), parsed by the model registry. Registered last: it is asked about
 * every name the other supervisor kinds leave.
 */
registerSupervisorKind<ModelSpec>({
  kind: 'model',
  syntax: 'MODEL',
  description: 'a model trained here on weak_train ground truth: a ladder model (xs, s, m, l), ngram, hf:DIR, or for feature data raw, projN, file:PATH (see `w2s models`)',
  flags: [],
  claims: () => true,
  parse: (name, _flags, ctx) => {
    if (!name.trim()) throw new Error('--weak needs a name: a model (see `w2s models`) or a supervisor (see `w2s supervisors`)');
    let spec;
    try {
      spec = parseModel(name, ctx.data);
    } catch (e) {
      if (isModelName(name)) throw e;
      const others = listSupervisorKinds().filter((k) => k.kind !== 'model').map((k) => k.syntax);
      throw new Error(`--weak ${name}: neither a supervisor (${others.join(', ')}; see \`w2s supervisors\`) nor a model: ${(e as Error).message}`);
    }
    return { kind: 'model', model: modelName(spec), spec };
  },
});
