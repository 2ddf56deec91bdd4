/** Weak supervisors that are not trained here: labels from a file (an LLM, a person) and heuristic rules. */
export type { Supervisor, SupervisorInput } from './types.js';
export { fileSupervisor } from './file.js';
export { rulesSupervisor } from './rules.js';
