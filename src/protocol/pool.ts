import type { WeakPool } from '../contract/types.js';

/** A pool as the host holds it: the method's view plus ground truth, which never leaves the host. */
export interface PoolData extends WeakPool {
  labels: Int32Array;
}
