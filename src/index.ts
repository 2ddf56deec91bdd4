/**
 * w2s as a library: everything the CLI does, typed.
 *
 *   import { runExperiment, summarize, openStore } from 'w2s';
 *   const store = openStore('.w2s/results.db');
 *   const r = await runExperiment({ source: { task: 'spam' }, method: 'vanilla', seed: 0 }, { cacheDir: '.w2s/cache', store });
 */
import './methods/index.js';

export * as engine from './engine/index.js';
export { listTasks, getTask, loadTask, registerTask, splitDataset, type Dataset, type Example, type TaskDefinition, type Splits } from './tasks/index.js';
export { loadUserData, DataError, LABEL_TYPES, type LabelType, type UserDataOptions } from './data/index.js';
export { listModels, getModel, registerModel, encoderParams, type LadderModel } from './models/ladder.js';
export { ensureEncoder, ensureFeatures } from './models/cache.js';
export {
  parseModel, modelName, canonicalModelName, listModelKinds, registerModelKind, isFinetunable, finetuneSource, ModelNameError,
  type ModelKind, type ModelSpec, type BuiltinModelSpec, type DataKind, type FinetuneSource,
} from './models/kinds/index.js';
export { trainNgramReference, type NgramModel, type NgramOptions } from './models/ngram/index.js';
export { scoreReference, referenceForSplits } from './protocol/reference.js';
export { belowReference } from './protocol/summary.js';
export { trainProbe, Probe, type ProbeConfig } from './models/probe.js';
export { trainTokenizer, Tokenizer } from './text/index.js';
export { runExperiment, type ExperimentConfig, type RunEnv, type RunOutcome } from './protocol/run.js';
export { hasGap, summarize, type GroupSummary } from './protocol/summary.js';
export type { Method, MethodContext, MethodResult, Student, StudentFactory, Oracle, WeakPool } from './contract/types.js';
export { listMethods, getMethod, registerMethod, resolveParams } from './methods/index.js';
export {
  fileSupervisor, rulesSupervisor, llmSupervisor, ggufSupervisor, parseSupervisor, buildSupervisor, registerSupervisorKind, listSupervisorKinds,
  type Supervisor, type SupervisorKind, type SupervisorSpec, type SupervisorUsage,
} from './supervisors/index.js';
export * as metrics from './metrics/index.js';
export { openStore, saveRun, getRun, hasRun, listRuns, type Store } from './store/index.js';
export { writeReport, renderReportHtml, type ReportInput } from './report/index.js';
export { Rng, deriveRng } from './util/rng.js';
