/**
 * Model kinds: how a model name (`--weak`, `--strong`, a grid entry, the
 * library's `weak`/`strong`, a challenge's config) becomes a typed spec, and a
 * spec features, a display name and a cache identity. A kind is one file under
 * kinds/ and one import line in kinds/index.ts. Names are parsed once, at the
 * boundary, against the kinds in registration order; the rest of the code
 * takes specs, and stores a spec as its display name (`modelName`), which
 * parses back to the same spec.
 */
import type { RuntimeOptions } from '../../engine/index.js';
import type { Dataset } from '../../tasks/index.js';
import type { CacheEvents } from '../cache.js';
import type { FinetuneBase } from '../finetune/train.js';
import type { TokenRows } from '../finetune/tokens.js';
import type { HfSpec } from '../hf/spec.js';

/** What a model reads: texts, or the rows of a feature matrix. */
export type DataKind = 'text' | 'features';

export interface ModelSpec {
  kind: string;
}
/** A rung of the ladder (src/models/ladder.ts), pretrained here on the task's texts. */
export interface LadderSpec extends ModelSpec {
  kind: 'ladder';
  rung: string;
}
/** The n-gram reference as a model: TF-IDF character and word n-grams of the corpus, the top `dim` by document frequency. */
export interface NgramSpec extends ModelSpec {
  kind: 'ngram';
  dim: number;
}
/** A local Hugging Face encoder folder, features through ONNX Runtime. */
export interface HfModelSpec extends ModelSpec, HfSpec {
  kind: 'hf';
}
/** Feature-matrix data as given. */
export interface RawSpec extends ModelSpec {
  kind: 'raw';
}
/** A fixed random projection of the feature matrix to `dim` dimensions (a deliberately weaker view). */
export interface ProjSpec extends ModelSpec {
  kind: 'proj';
  dim: number;
}
/** Another model's features of the same rows, from a .npy/.safetensors file (--weak-features). */
export interface FileSpec extends ModelSpec {
  kind: 'file';
  path: string;
}

export type BuiltinModelSpec = LadderSpec | NgramSpec | HfModelSpec | RawSpec | ProjSpec | FileSpec;

/** Every example's representation under a model, row i for example i. */
export interface ModelFeatures {
  features: Float32Array;
  dim: number;
  /** Parameters of the model behind the features (for size plots). */
  params: number;
  /** What determines these features (model, its pretraining, the corpus, the encoding): joins the keys of everything built on them. */
  key: string;
}

/** What computing features may use. */
export interface FeatureContext {
  ds: Dataset;
  /** Names the corpus in cache keys and file names (the task's name). */
  corpusName: string;
  cacheDir: string;
  threads?: number;
  events?: CacheEvents;
  /** A shortened ladder pretraining (tests, CI); part of the encoder's cache key. */
  pretrainSteps?: number;
}

/**
 * What a student that fine-tunes the model's encoder starts from. `ladder`:
 * the engine's TransformerEncoder config and flat pretrained weights, and the
 * token rows of every text of the corpus (row i = text i), ready for
 * `trainFinetune`. `hf`: the imported ONNX graph is fine-tuned by
 * `finetuneHf(spec, texts, …)` (src/models/hf/finetune.ts), which tokenises itself.
 */
export type FinetuneSource =
  | { engine: 'ladder'; base: FinetuneBase; tokens: TokenRows; params: number }
  | { engine: 'hf'; spec: HfSpec; onnxPath: string; tokenizerPath: string };

export interface FinetuneContext {
  /** The corpus the encoder was pretrained on (ladder) and whose rows are tokenised. */
  corpusName: string;
  texts: readonly string[];
  cacheDir: string;
  threads?: number;
  events?: CacheEvents;
  pretrainSteps?: number;
  runtime?: RuntimeOptions;
}

export interface ModelKind<S extends ModelSpec = ModelSpec> {
  readonly kind: S['kind'];
  /** How it is written, e.g. `hf:DIR[,pooling=mean|cls|last]`. */
  readonly syntax: string;
  /** A valid name, shown in errors. */
  readonly example: string;
  readonly description: string;
  /** The data it applies to. */
  readonly data: readonly DataKind[];
  /** Whether `--student finetune` can train its encoder (then `finetuneSource` is defined). */
  readonly finetunable: boolean;
  claims(name: string): boolean;
  /** The spec of a name it claims; an Error saying what is wrong with the name otherwise. */
  parse(name: string): S;
  /** The stable display name: tables, records and run keys use it; `parse(name(spec))` gives `spec` back. */
  name(spec: S): string;
  /**
   * What the name does not show but the results depend on (an hf folder's
   * file hashes, a features file's content), for run keys; absent when the
   * name says everything.
   */
  contentKey?(spec: S): unknown;
  features(spec: S, ctx: FeatureContext): Promise<ModelFeatures>;
  finetuneSource?(spec: S, ctx: FinetuneContext): Promise<FinetuneSource>;
  /** What is installed or available for `w2s models`: one line per item (rungs, folders given…). */
  installed?(): string[];
}

const kinds: ModelKind[] = [];

export function registerModelKind<S extends ModelSpec>(k: ModelKind<S>): void {
  if (kinds.some((x) => x.kind === k.kind)) throw new Error(`model kind "${k.kind}" is registered twice`);
  kinds.push(k as unknown as ModelKind);
}

export function listModelKinds(): readonly ModelKind[] {
  return kinds;
}

export function modelKind(kind: string): ModelKind {
  const k = kinds.find((x) => x.kind === kind);
  if (!k) throw new Error(`unknown model kind "${kind}"; known: ${kinds.map((x) => x.kind).join(', ')}`);
  return k;
}

/** An error about a model name: what was given, the kinds for the data, an example. */
export class ModelNameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelNameError';
  }
}

function kindsList(data?: DataKind): string {
  return kinds
    .filter((k) => !data || k.data.includes(data))
    .map((k) => `${k.syntax} (e.g. ${k.example})`)
    .join(', ');
}

/**
 * A model name as its spec. With `data`, a kind that does not apply to that
 * data is an error naming the kinds that do. Errors name the value, the valid
 * kinds and an example (see `w2s models`).
 */
export function parseModel(name: string, data?: DataKind): ModelSpec {
  const k = kinds.find((x) => x.claims(name));
  const forData = data === 'features' ? 'feature-matrix data' : data === 'text' ? 'text data' : 'any data';
  if (!k) throw new ModelNameError(`unknown model "${name}"; the models for ${forData} are: ${kindsList(data)} (see \`w2s models\`)`);
  if (data && !k.data.includes(data)) {
    throw new ModelNameError(`model "${name}" (${k.kind}) applies to ${k.data.map((d) => (d === 'text' ? 'text data' : 'feature-matrix data')).join(' and ')}, not to ${forData}; use one of: ${kindsList(data)}`);
  }
  try {
    return k.parse(name);
  } catch (e) {
    if (e instanceof ModelNameError) throw e;
    throw new ModelNameError(`model "${name}": ${(e as Error).message} (${k.kind} models are written ${k.syntax}, e.g. ${k.example})`);
  }
}

/** Whether some model kind takes the name (a supervisor name such as `rules` or `llm:URL` is not a model). */
export function isModelName(name: string): boolean {
  return kinds.some((x) => x.claims(name));
}

/** The spec's stable display name. */
export function modelName(spec: ModelSpec): string {
  return modelKind(spec.kind).name(spec);
}

/** The name as the registry writes it (the canonical form of an equivalent name, e.g. `hf:d,pooling=mean` → `hf:d`). */
export function canonicalModelName(name: string, data?: DataKind): string {
  return modelName(parseModel(name, data));
}

/** What the run key holds beyond the name (file contents), or undefined when the name says everything or is not a model's. */
export function modelContentKey(name: string): unknown {
  if (!isModelName(name)) return undefined;
  const spec = parseModel(name);
  return modelKind(spec.kind).contentKey?.(spec);
}

export function modelFeaturesOf(spec: ModelSpec, ctx: FeatureContext): Promise<ModelFeatures> {
  return modelKind(spec.kind).features(spec, ctx);
}

/** Whether `--student finetune` can train this model's encoder. */
export function isFinetunable(spec: ModelSpec): boolean {
  return modelKind(spec.kind).finetunable;
}

/** The fine-tuning start of a finetunable spec: base weights and token rows (ladder) or the ONNX graph (hf). */
export async function finetuneSource(spec: ModelSpec, ctx: FinetuneContext): Promise<FinetuneSource> {
  const k = modelKind(spec.kind);
  if (!k.finetunable || !k.finetuneSource) {
    const able = kinds.filter((x) => x.finetunable).map((x) => x.syntax).join(', ');
    throw new Error(`model "${modelName(spec)}" (${k.kind}) has no encoder to fine-tune; fine-tunable models are ${able}; use --student probe for it`);
  }
  return k.finetuneSource(spec, ctx);
}
