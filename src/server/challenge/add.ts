/**
 * `w2s admin challenge add`: splits the data for every seed, divides each test split
 * into dev and final by a salted hash of the example id, runs the fixed baselines
 * (weak, ceiling, vanilla) and writes it all in one transaction.
 */
import { createHash, randomBytes } from 'node:crypto';
import { loadSource, type DataSource } from '../../protocol/data.js';
import { canonicalModelName } from '../../models/kinds/index.js';
import { defaultModels } from '../../protocol/features.js';
import { splitOrExplain } from '../../protocol/run.js';
import { parseSupervisor, type ModelSpec as ModelSupervisorSpec } from '../../supervisors/index.js';
import { defaultEta } from '../holdout/ladder.js';
import { insertChallenge, type Baselines, type Challenge, type ChallengeConfig, type ChallengeExample, type Part } from '../db/challenges.js';
import type { ServerDb } from '../db/schema.js';
import { runSeed, type RunSeedEnv } from './run-seed.js';

export interface ChallengeSpec {
  name: string;
  source: DataSource;
  weak?: string;
  weakLabels?: string;
  strong?: string;
  /** How every student trains (`--student`): probes (default) or fine-tuned encoders. */
  student?: 'probe' | 'finetune';
  seeds: number;
  eta?: number;
  devFraction?: number;
  maxFinals?: number;
  /** False: no audits on this challenge (default true). */
  audits?: boolean;
}

export const DEFAULT_DEV_FRACTION = 0.5;
export const DEFAULT_MAX_FINALS = 3;

const CHALLENGE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** An id that names an example to researchers without saying anything about it: salted SHA-256. */
export function opaqueId(salt: string, exampleId: string): string {
  return createHash('sha256').update(`${salt}\0${exampleId}`).digest('hex').slice(0, 20);
}

/** dev or final for an example: a salted hash, the same on every seed. */
export function partOf(salt: string, exampleId: string, devFraction: number): Part {
  const h = createHash('sha256').update(`part\0${salt}\0${exampleId}`).digest().readUInt32BE(0);
  return h / 2 ** 32 < devFraction ? 'dev' : 'final';
}

export async function addChallenge(sdb: ServerDb, spec: ChallengeSpec, env: RunSeedEnv): Promise<Challenge> {
  if (!CHALLENGE_NAME.test(spec.name)) throw new Error(`challenge name "${spec.name}" must be lowercase letters, digits, '_' or '-' (up to 64)`);
  const devFraction = spec.devFraction ?? DEFAULT_DEV_FRACTION;
  if (!(devFraction > 0 && devFraction < 1)) throw new Error(`--dev-fraction must be between 0 and 1, got ${devFraction}`);
  const ds = await loadSource(spec.source);
  const defaults = defaultModels(ds);
  // The challenge's config is a boundary: names are parsed here and stored in their canonical form.
  const weakName = spec.weak ?? defaults.weak;
  const weakSpec = spec.weakLabels ? null : parseSupervisor(weakName, {}, { task: spec.source.task, classes: ds.classes, data: ds.kind });
  const config: ChallengeConfig = {
    source: spec.source as ChallengeConfig['source'],
    weak: spec.weakLabels ? 'file' : weakSpec?.kind === 'model' ? (weakSpec as ModelSupervisorSpec).model : weakName,
    strong: canonicalModelName(spec.strong ?? defaults.strong, ds.kind),
    ...(spec.weakLabels ? { weakLabels: spec.weakLabels } : {}),
    ...(spec.student === 'finetune' ? { student: 'finetune' as const } : {}),
    eta: spec.eta ?? 0, // set from the scoring seed's dev size below unless given
    devFraction,
    maxFinals: spec.maxFinals ?? DEFAULT_MAX_FINALS,
    scoringSeed: 0,
    ...(spec.audits === false ? { audits: false } : {}),
  };
  const salt = randomBytes(16).toString('hex');
  const byId = new Map(ds.examples.map((e) => [e.id, e]));
  const examples: ChallengeExample[] = [];
  const baselines: Baselines = new Map();
  for (let seed = 0; seed < spec.seeds; seed++) {
    const test = splitOrExplain(ds, { seed, source: spec.source }).test;
    const parts: Record<Part, string[]> = { dev: [], final: [] };
    for (const e of test) parts[partOf(salt, e.id, devFraction)].push(e.id);
    for (const part of ['dev', 'final'] as const) {
      if (parts[part].length < 10) throw new Error(`seed ${seed}: the ${part} part has ${parts[part].length} examples; use more data or another --dev-fraction`);
      // Positions follow the opaque ids, so the order says nothing about the split's construction.
      parts[part].sort((a, b) => (opaqueId(salt, a) < opaqueId(salt, b) ? -1 : 1));
      for (const id of parts[part]) {
        const e = byId.get(id)!;
        examples.push({ seed, part, opaqueId: opaqueId(salt, id), exampleId: id, label: e.label, text: e.text, features: e.features });
      }
    }
    env.log?.(`seed ${seed}: ${parts.dev.length} dev, ${parts.final.length} final; running the baselines`);
    const p = await runSeed(config, 'vanilla', {}, seed, env);
    const pick = (m: Map<string, number>) => ({ dev: parts.dev.map((id) => m.get(id)!), final: parts.final.map((id) => m.get(id)!) });
    baselines.set(seed, { weak: pick(p.weak), ceiling: pick(p.ceiling), vanilla: pick(p.transfer) });
  }
  if (spec.eta === undefined) config.eta = defaultEta(examples.filter((e) => e.seed === config.scoringSeed && e.part === 'dev').length);
  return insertChallenge(sdb, { name: spec.name, salt, config, classes: ds.classes, kind: ds.kind, seeds: spec.seeds, examples, baselines });
}
