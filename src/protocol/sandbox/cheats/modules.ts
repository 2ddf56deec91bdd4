import { loadUserData } from '../../../data/index.js';
import { splitDataset } from '../../../tasks/split.js';
import { cheat } from './cheat.js';

/** Imports w2s's own data loader and split, and rebuilds the run's transfer split from the data file. */
export default cheat('cheat_modules', async (_ctx, p) => {
  const ds = await loadUserData(p.data, { featuresField: 'features', idField: 'id' } as never);
  const splits = splitDataset(ds, { seed: Number(p.seed), minPerSplit: 20 });
  return Int32Array.from(splits.transfer, (e) => e.label);
});
