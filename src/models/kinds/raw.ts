import { configHash } from '../../util/hash.js';
import { featureMatrix, matrixHash } from './feature-rows.js';
import { registerModelKind, type RawSpec } from './registry.js';

/** Feature-matrix data as given (the strong model of feature data by default). */
registerModelKind<RawSpec>({
  kind: 'raw',
  syntax: 'raw',
  example: 'raw',
  description: 'your features as given',
  data: ['features'],
  finetunable: false,
  claims: (name) => name === 'raw',
  parse: () => ({ kind: 'raw' }),
  name: () => 'raw',
  features: async (_s, ctx) => {
    const m = featureMatrix(ctx.ds);
    return { features: m.data, dim: m.dim, params: m.dim, key: configHash({ model: 'raw', content: matrixHash(m.data) }) };
  },
});
