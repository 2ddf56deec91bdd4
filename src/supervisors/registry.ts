/**
 * Supervisor kinds: how a `--weak` name becomes a typed spec and a spec a
 * supervisor. A kind is one file under kinds/ and one import line in
 * kinds/index.ts. Names are parsed once, at the boundary, against the kinds
 * in registration order; the `model` kind (a model trained here) comes last
 * and takes every name the others leave.
 */
import type { DataKind, ModelSpec as TrainedModelSpec } from '../models/kinds/index.js';
import type { PromptTemplate } from './llm/prompt.js';
import type { TokenPrice } from './llm/usage.js';
import type { Supervisor } from './types.js';

/** The flags that configure a supervisor besides its name (`w2s run --weak-model …`); plain data. */
export interface SupervisorFlags {
  /** --weak-model: the model an endpoint serves. */
  model?: string;
  /** --prompt FILE. */
  prompt?: string;
  /** --label-words: one word per class. */
  labelWords?: string[];
  /** --top-logprobs. */
  topLogprobs?: number;
  /** --llm-concurrency. */
  concurrency?: number;
  /** --llm-timeout, in seconds. */
  timeoutSeconds?: number;
  /** --llm-retries. */
  retries?: number;
  /** --cost-per-1k-tokens. */
  price?: TokenPrice;
}

/** Where the name is parsed: the task gives the built-in prompt; the classes, when known, check --label-words. */
export interface ParseContext {
  task?: string;
  classes?: readonly string[];
  /** The data's kind, when known: a model named as the supervisor must apply to it. */
  data?: DataKind;
}

/** What building a supervisor may use: the task (its rules), the cache folder (LLM answers), the run's seed. */
export interface BuildContext {
  task?: string;
  cacheDir: string;
  seed: number;
}

export interface SupervisorSpec {
  kind: string;
}
export interface ModelSpec extends SupervisorSpec {
  kind: 'model';
  /** The model's stable display name (what configs and records hold). */
  model: string;
  /** The model, parsed by the model registry (src/models/kinds). */
  spec: TrainedModelSpec;
}
export interface RulesSpec extends SupervisorSpec {
  kind: 'rules';
  task: string;
}
export interface LabelsSpec extends SupervisorSpec {
  kind: 'labels';
  path: string;
}
export interface LlmSpec extends SupervisorSpec {
  kind: 'llm';
  endpoint: string;
  model: string;
  template: PromptTemplate;
  labelWords?: string[];
  topLogprobs?: number;
  concurrency?: number;
  timeoutSeconds?: number;
  retries?: number;
  price?: TokenPrice;
}
export interface GgufSpec extends SupervisorSpec {
  kind: 'gguf';
  path: string;
  template: PromptTemplate;
  labelWords?: string[];
}

export interface SupervisorKind<S extends SupervisorSpec = SupervisorSpec> {
  readonly kind: S['kind'];
  /** How it is written after --weak, e.g. `llm:URL`. */
  readonly syntax: string;
  readonly description: string;
  /** The flags it reads; any other supervisor flag given with it is an error. */
  readonly flags: readonly (keyof SupervisorFlags)[];
  claims(name: string): boolean;
  parse(name: string, flags: SupervisorFlags, ctx: ParseContext): S;
  /** The supervisor; absent for the kind the protocol trains itself (a model on weak_train). */
  build?(spec: S, ctx: BuildContext): Supervisor;
  /** Whether what it needs is installed, for `w2s supervisors`. */
  status?(): Promise<string>;
}

const kinds: SupervisorKind[] = [];

export function registerSupervisorKind<S extends SupervisorSpec>(k: SupervisorKind<S>): void {
  if (kinds.some((x) => x.kind === k.kind)) throw new Error(`supervisor kind "${k.kind}" is registered twice`);
  kinds.push(k as unknown as SupervisorKind);
}

export function listSupervisorKinds(): readonly SupervisorKind[] {
  return kinds;
}

export function supervisorKind(kind: string): SupervisorKind {
  const k = kinds.find((x) => x.kind === kind);
  if (!k) throw new Error(`unknown supervisor kind "${kind}"; known: ${kinds.map((x) => x.kind).join(', ')}`);
  return k;
}

const FLAG_NAMES: Record<keyof SupervisorFlags, string> = {
  model: '--weak-model',
  prompt: '--prompt',
  labelWords: '--label-words',
  topLogprobs: '--top-logprobs',
  concurrency: '--llm-concurrency',
  timeoutSeconds: '--llm-timeout',
  retries: '--llm-retries',
  price: '--cost-per-1k-tokens',
};

export function flagName(f: keyof SupervisorFlags): string {
  return FLAG_NAMES[f];
}

/** A `--weak` name and its flags as a typed spec; a flag the kind does not read is an error naming both. */
export function parseSupervisor(name: string, flags: SupervisorFlags = {}, ctx: ParseContext = {}): SupervisorSpec {
  const k = kinds.find((x) => x.claims(name));
  if (!k) throw new Error(`no supervisor kind takes "${name}"; see \`w2s supervisors\``);
  const stray = (Object.keys(flags) as (keyof SupervisorFlags)[]).find((f) => flags[f] !== undefined && !k.flags.includes(f));
  if (stray) {
    const users = kinds.filter((x) => x.flags.includes(stray)).map((x) => x.syntax);
    throw new Error(`${flagName(stray)} applies to ${users.join(' and ')} supervisors, not to --weak ${name}`);
  }
  return k.parse(name, flags, ctx);
}

/**
 * The LLM flags are shared by every supervisor of a run (the weak one and the
 * extra ones): each set flag must be read by at least one of them. Returns
 * the flags each named supervisor reads, in the order of `names`.
 */
export function sharedSupervisorFlags(names: readonly string[], flags: SupervisorFlags = {}, roles: readonly string[] = names.map(() => '--weak')): SupervisorFlags[] {
  const claimed = names.map((n) => kinds.find((x) => x.claims(n)));
  const stray = (Object.keys(flags) as (keyof SupervisorFlags)[]).find((f) => flags[f] !== undefined && !claimed.some((k) => k?.flags.includes(f)));
  if (stray) {
    const users = kinds.filter((x) => x.flags.includes(stray)).map((x) => x.syntax);
    throw new Error(`${flagName(stray)} applies to ${users.join(' and ')} supervisors, not to ${names.map((n, i) => `${roles[i]} ${n}`).join(' or ')}`);
  }
  return claimed.map((k) => (k ? Object.fromEntries(Object.entries(flags).filter(([f]) => k.flags.includes(f as keyof SupervisorFlags))) : flags));
}

/** The supervisor a spec names, or null for a model the protocol trains on weak_train itself. */
export function buildSupervisor(spec: SupervisorSpec, ctx: BuildContext): Supervisor | null {
  const k = supervisorKind(spec.kind);
  return k.build ? k.build(spec, ctx) : null;
}
