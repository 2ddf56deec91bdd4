import { ROLES, SPLITS, type PredictionInput, type RunInput } from './types.js';

/** Checks a run before it is written, so a bad run fails with a clear message and writes nothing. */
export function validateRun(run: RunInput): void {
  for (const field of ['runKey', 'task', 'weak', 'strong', 'method', 'codeVersion'] as const) {
    if (typeof run[field] !== 'string' || run[field].length === 0) {
      throw new Error(`run.${field} must be a non-empty string, got ${JSON.stringify(run[field])}`);
    }
  }
  if (!Number.isInteger(run.seed)) throw new Error(`run.seed must be an integer, got ${run.seed}`);
  if (run.config === null || typeof run.config !== 'object') throw new Error('run.config must be an object');
  for (const [name, ms] of Object.entries(run.timings)) {
    if (!Number.isFinite(ms)) throw new Error(`run.timings.${name} must be a finite number, got ${ms}`);
  }
  for (const name of ['startedAt', 'finishedAt'] as const) {
    const t = run[name];
    if (t !== undefined && Number.isNaN(Date.parse(t))) throw new Error(`run.${name} must be an ISO 8601 time, got ${JSON.stringify(t)}`);
  }
  const seen = new Set<string>();
  run.predictions.forEach((p, i) => {
    validatePrediction(p, `run.predictions[${i}]`);
    const key = `${p.role}/${p.split}`;
    if (seen.has(key)) throw new Error(`run.predictions has two sets for role '${p.role}' on split '${p.split}'; keep one`);
    seen.add(key);
  });
}

function validatePrediction(p: PredictionInput, name: string): void {
  if (!(ROLES as readonly string[]).includes(p.role)) throw new Error(`${name}.role is '${p.role}'; expected one of ${ROLES.join(', ')}`);
  if (!(SPLITS as readonly string[]).includes(p.split)) throw new Error(`${name}.split is '${p.split}'; expected one of ${SPLITS.join(', ')}`);
  if (!Number.isInteger(p.numClasses) || p.numClasses < 2) throw new Error(`${name}.numClasses must be an integer >= 2, got ${p.numClasses}`);
  if (!(p.probs instanceof Float32Array || p.probs instanceof Float64Array)) throw new Error(`${name}.probs must be a Float32Array or Float64Array`);
  if (p.probs.length !== p.exampleIds.length * p.numClasses) {
    throw new Error(
      `${name}.probs has ${p.probs.length} values but ${p.exampleIds.length} examples x ${p.numClasses} classes = ` +
        `${p.exampleIds.length * p.numClasses}; probs must be row-major [examples, classes]`,
    );
  }
  for (let i = 0; i < p.probs.length; i++) {
    if (!Number.isFinite(p.probs[i])) throw new Error(`${name}.probs[${i}] = ${p.probs[i]} is not finite`);
  }
  const ids = new Set<string>();
  for (const id of p.exampleIds) {
    if (typeof id !== 'string' && !Number.isFinite(id)) throw new Error(`${name}.exampleIds holds ${String(id)}; ids are strings or finite numbers`);
    const k = `${typeof id}:${id}`;
    if (ids.has(k)) throw new Error(`${name}.exampleIds holds ${JSON.stringify(id)} twice; ids must be unique`);
    ids.add(k);
  }
}
