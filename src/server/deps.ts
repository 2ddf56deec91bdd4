/** What every handler may use: the store, the clock, the limits the server was started with. */
import type { ServerDb } from './db/schema.js';
import type { SubmissionQueue } from './queue/queue.js';

export interface ServerLimits {
  /** Requests per minute per researcher, on every authenticated route. */
  requestsPerMinute: number;
  /** Largest request body, in bytes (a method's source is the largest thing sent). */
  bodyBytes: number;
}

export const DEFAULT_LIMITS: ServerLimits = { requestsPerMinute: 600, bodyBytes: 1 << 20 };

export interface ServerDeps {
  sdb: ServerDb;
  /** Where submissions go once recorded; absent: the embedded queue (its workers poll the store). */
  queue?: SubmissionQueue;
  limits: ServerLimits;
  now: () => number;
}
