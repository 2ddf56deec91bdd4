/** Weak supervisors not trained here (labels from a file, heuristic rules, LLMs), and the registry of supervisor kinds `--weak` names. */
import './kinds/index.js';

export type { Supervisor, SupervisorInput, SupervisorUsage } from './types.js';
export { fileSupervisor } from './file.js';
export { rulesSupervisor } from './rules.js';
export {
  buildSupervisor, flagName, listSupervisorKinds, parseSupervisor, registerSupervisorKind, sharedSupervisorFlags, supervisorKind,
  type BuildContext, type ParseContext, type SupervisorFlags, type SupervisorKind, type SupervisorSpec,
  type ModelSpec, type RulesSpec, type LabelsSpec, type LlmSpec, type GgufSpec,
} from './registry.js';
export { API_KEY_ENV } from './kinds/llm.js';
export * from './llm/index.js';
