/**
 * Sweeps: a grid of tasks × weak × strong × methods × seeds, read from JSON,
 * checked, expanded into runs with their run keys, and the pretraining every
 * run needs done once up front (so parallel workers only read the cache).
 */
import type { CacheEvents } from '../models/cache.js';
import { canonicalModelName } from '../models/kinds/index.js';
import type { ProbeConfig } from '../models/probe.js';
import type { FinetuneConfig } from '../models/finetune/index.js';
import { parseStudentKind, type StudentKind } from '../models/student-kind.js';
import type { SplitFractions } from '../tasks/index.js';
import { dataKey, loadSource, sourceName, type DataSource } from './data.js';
import { defaultModels, modelFeatures, modelSpecFor } from './features.js';
import { describeForPlan } from './method-phase.js';
import { keyRun, resolveTraining, type ExperimentConfig } from './run.js';

export interface SweepMethod {
  name: string;
  params?: Record<string, unknown>;
}

export interface SweepGrid {
  /** Built-in task names, or data sources ({ data, dataOptions } or { task, limit }). */
  tasks: Array<string | DataSource>;
  /** Model names; omitted: each dataset's default. */
  weak?: string[];
  strong?: string[];
  /** Method names or { name, params }; default ['vanilla']. */
  methods?: Array<string | SweepMethod>;
  /** A count (seeds 0..N-1) or the seeds themselves; default 3. */
  seeds?: number | number[];
  limit?: number;
  /** How students train: one kind, or several to compare (an axis of the grid); default probe. */
  student?: StudentKind[];
  probe?: Partial<ProbeConfig>;
  /** Fine-tuning settings for the `finetune` runs. */
  finetune?: Partial<FinetuneConfig>;
  fractions?: SplitFractions;
}

export interface PlannedRun {
  cfg: ExperimentConfig & { weak: string; strong: string };
  runKey: string;
  /** e.g. "spam xs->l vanilla seed 0". */
  label: string;
}

const GRID_KEYS = ['tasks', 'weak', 'strong', 'methods', 'seeds', 'limit', 'student', 'probe', 'finetune', 'fractions'];

/** Checks a parsed JSON grid; errors name the file, the field and what is expected. */
export function parseGrid(value: unknown, file: string): SweepGrid {
  const bad = (msg: string): never => {
    throw new Error(`${file}: ${msg}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) bad('expected a JSON object like {"tasks": ["spam"], "strong": ["s", "m"], "methods": ["vanilla"], "seeds": 3}');
  const g = value as Record<string, unknown>;
  const unknown = Object.keys(g).filter((k) => !GRID_KEYS.includes(k));
  if (unknown.length) bad(`unknown field${unknown.length > 1 ? 's' : ''} ${unknown.map((k) => `"${k}"`).join(', ')}; a grid has ${GRID_KEYS.join(', ')}`);
  const strings = (k: string) => {
    const v = g[k];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || v.length === 0 || !v.every((s) => typeof s === 'string')) bad(`"${k}" must be a non-empty array of names`);
    return v as string[];
  };
  if (!Array.isArray(g.tasks) || g.tasks.length === 0) bad('"tasks" must be a non-empty array of task names (see `w2s tasks`) or {"data": FILE} sources');
  for (const t of g.tasks as unknown[]) {
    const ok = typeof t === 'string' || (typeof t === 'object' && t !== null && (typeof (t as DataSource).task === 'string') !== (typeof (t as DataSource).data === 'string'));
    if (!ok) bad(`each task must be a name or an object with exactly one of "task" and "data", got ${JSON.stringify(t)}`);
  }
  const methods = g.methods ?? ['vanilla'];
  if (!Array.isArray(methods) || methods.length === 0) bad('"methods" must be a non-empty array');
  for (const m of methods as unknown[]) {
    const ok = typeof m === 'string' || (typeof m === 'object' && m !== null && typeof (m as SweepMethod).name === 'string');
    if (!ok) bad(`each method must be a name or {"name": ..., "params": {...}}, got ${JSON.stringify(m)}`);
  }
  const seeds = g.seeds ?? 3;
  const isSeed = (s: unknown) => Number.isInteger(s) && (s as number) >= 0;
  if (!(isSeed(seeds) && (seeds as number) > 0) && !(Array.isArray(seeds) && seeds.length > 0 && seeds.every(isSeed))) bad('"seeds" must be a positive count or an array of non-negative integers');
  if (g.limit !== undefined && !(Number.isInteger(g.limit) && (g.limit as number) > 0)) bad('"limit" must be a positive integer');
  const student = g.student === undefined ? undefined : (Array.isArray(g.student) ? g.student : [g.student]);
  if (student !== undefined && student.length === 0) bad('"student" must be "probe", "finetune" or an array of them');
  let students: StudentKind[] | undefined;
  try {
    students = student?.map(parseStudentKind);
  } catch (e) {
    bad(`"student": ${(e as Error).message}`);
  }
  for (const k of ['probe', 'finetune', 'fractions']) if (g[k] !== undefined && (typeof g[k] !== 'object' || g[k] === null)) bad(`"${k}" must be an object`);
  return {
    tasks: g.tasks as SweepGrid['tasks'],
    weak: strings('weak'),
    strong: strings('strong'),
    methods: methods as SweepGrid['methods'],
    seeds: seeds as SweepGrid['seeds'],
    limit: g.limit as number | undefined,
    ...(students ? { student: students } : {}),
    probe: g.probe as SweepGrid['probe'],
    ...(g.finetune ? { finetune: g.finetune as SweepGrid['finetune'] } : {}),
    fractions: g.fractions as SweepGrid['fractions'],
  };
}

/** Every run of the grid, in order task, weak, strong, method, seed (weak/strong undefined = the data's default). */
export function expandGrid(grid: SweepGrid): ExperimentConfig[] {
  const seeds = typeof grid.seeds === 'number' ? Array.from({ length: grid.seeds }, (_, i) => i) : grid.seeds ?? [0, 1, 2];
  const out: ExperimentConfig[] = [];
  for (const t of grid.tasks) {
    const source: DataSource = typeof t === 'string' ? { task: t } : { ...t };
    if (grid.limit !== undefined && source.limit === undefined) source.limit = grid.limit;
    for (const weak of grid.weak ?? [undefined]) {
      for (const strong of grid.strong ?? [undefined]) {
        for (const m of grid.methods ?? ['vanilla']) {
          const { name, params } = typeof m === 'string' ? { name: m, params: undefined } : m;
          for (const student of grid.student ?? [undefined]) {
            const how = student === 'probe' ? { student } : { ...(student ? { student } : {}), ...(grid.finetune ? { finetune: grid.finetune } : {}) };
            for (const seed of seeds) out.push({ source, weak, strong, method: name, methodParams: params, seed, ...how, probe: grid.probe, fractions: grid.fractions });
          }
        }
      }
    }
  }
  return out;
}

/** Resolves default models and method parameters, computes run keys, drops duplicates. Throws for unknown names. */
export async function planRuns(cfgs: readonly ExperimentConfig[]): Promise<PlannedRun[]> {
  const seen = new Set<string>();
  const out: PlannedRun[] = [];
  for (const c of cfgs) {
    const ds = await loadSource(c.source);
    const d = defaultModels(ds);
    // Grid entries are a boundary: each name is parsed here (an error names the kinds) and stored in its canonical form.
    const weak = canonicalModelName(c.weak ?? d.weak, ds.kind);
    const strong = canonicalModelName(c.strong ?? d.strong, ds.kind);
    const method = await describeForPlan(c.method);
    const cfg = resolveTraining({ ...c, weak, strong }, ds, [weak, strong]);
    const student = cfg.student;
    const runKey = keyRun(cfg, weak, strong, method.identity, method.meta).key;
    if (seen.has(runKey)) continue;
    seen.add(runKey);
    const params = Object.entries(c.methodParams ?? {}).map(([k, v]) => `${k}=${String(v)}`).join(',');
    out.push({ cfg, runKey, label: `${sourceName(c.source)} ${weak}->${strong}${student === 'finetune' ? ' (fine-tuned)' : ''} ${method.meta.name}${params ? `(${params})` : ''} seed ${c.seed}` });
  }
  return out;
}

/**
 * Pretrains (or finds in the cache) every (data, model) pair the runs need,
 * once, before runs fan out to workers that would otherwise race to pretrain.
 */
export async function prepareFeatures(
  runs: readonly PlannedRun[],
  opts: { cacheDir: string; threads?: number; events?: CacheEvents; onModel?: (data: string, model: string) => void },
): Promise<void> {
  const done = new Set<string>();
  for (const { cfg } of runs) {
    const ds = await loadSource(cfg.source);
    for (const model of [cfg.weak, cfg.strong]) {
      const key = `${dataKey(cfg.source)}/${model}`;
      if (done.has(key)) continue;
      done.add(key);
      opts.onModel?.(sourceName(cfg.source), model);
      await modelFeatures(ds, sourceName(cfg.source), modelSpecFor(ds, model), { cacheDir: opts.cacheDir, threads: opts.threads, events: opts.events });
    }
  }
}
