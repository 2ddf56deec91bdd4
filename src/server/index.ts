/** The scoring server: challenges with a reusable holdout, researchers' tokens, an embedded queue, leaderboard, forum. */
export { createApp, ROUTES } from './app.js';
export { startServer, type RunningServer, type ServeOptions } from './serve.js';
export { openServerDb, type ServerDb } from './db/schema.js';
export { createToken, revokeToken, listResearchers, type Researcher } from './db/tokens.js';
export { addChallenge, type ChallengeSpec } from './challenge/add.js';
export { getChallenge, listChallenges, setChallengeState, type Challenge } from './db/challenges.js';
export { embeddedQueue, startWorker, type WorkerOptions } from './queue/embedded.js';
export { bullmqQueue, startBullmqWorker, type BullmqOptions, type BullmqWorkerOptions } from './queue/bullmq.js';
export type { SubmissionQueue, Worker } from './queue/queue.js';
export { methodRunner } from './queue/method-runner.js';
export { RunnerFailure, type RunnerResult, type SubmissionJob, type SubmissionRunner } from './queue/runner.js';
export { W2sClient, ApiError } from './client.js';
export { ladderStep, ladderStart, roundToStep } from './holdout/ladder.js';
