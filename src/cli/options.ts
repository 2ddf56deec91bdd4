/** Flags shared by several commands, and their validation at the boundary. */
import { availableParallelism } from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { LABEL_TYPES, type LabelType } from '../data/index.js';
import type { ProbeConfig } from '../models/probe.js';
import { DEFAULT_FINETUNE, type FinetuneConfig } from '../models/finetune/index.js';
import { SMALL_DATA_CHARS, SMALL_DATA_SCHEDULE } from '../models/finetune/schedule.js';
import { STUDENT_KINDS, parseStudentKind, type StudentKind } from '../models/student-kind.js';
import type { DataSource } from '../protocol/data.js';
import { getTask } from '../tasks/index.js';
import { parseModel, type DataKind, type ModelSpec } from '../models/kinds/index.js';
import { UsageError } from './errors.js';

export const DEFAULT_STORE = '.w2s/results.db';
export const DEFAULT_CACHE = '.w2s/cache';

export function intArg(min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected an integer >= ${min}`);
    return n;
  };
}

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
export const listArg = (value: string): string[] => value.split(',').map((s) => s.trim()).filter(Boolean);

export function cores(): number {
  return availableParallelism();
}

export function addSourceOptions(cmd: Command): Command {
  return cmd
    .option('--task <name>', 'a built-in task (see `w2s tasks`)')
    .option('--data <file>', 'your data: .jsonl, .csv/.tsv, .parquet, .npy or .safetensors')
    .option('--text-field <name>', 'text column of --data (default: text)')
    .option('--label-field <name>', 'label column of --data (default: label)')
    .addOption(
      new Option('--label-type <type>', 'how --data labels become classes: auto (numbers compare as values, 1 = 1.0 = "1"; true/false; else names), number, or string (each label is its text)')
        .choices(LABEL_TYPES),
    )
    .option('--group-field <name>', 'subset column of --data, reported per group')
    .option('--id-field <name>', 'id column of --data')
    .option('--features-field <name>', 'feature column (or prefix*) of --data: makes it a feature-matrix task')
    .option('--labels <file>', 'labels for .npy/.safetensors features')
    .option('--limit <n>', 'use at most N examples (a deterministic subset)', intArg(10));
}

export interface SourceFlags {
  task?: string;
  data?: string;
  textField?: string;
  labelField?: string;
  labelType?: LabelType;
  groupField?: string;
  idField?: string;
  featuresField?: string;
  labels?: string;
  limit?: number;
}

/** The data source the flags name; exactly one of --task and --data. */
export function sourceFrom(o: SourceFlags, required = true): DataSource | undefined {
  if (o.task && o.data) throw new UsageError('give either --task NAME or --data FILE, not both');
  if (!o.task && !o.data) {
    if (!required) return undefined;
    throw new UsageError('give --task NAME (see `w2s tasks`) or --data FILE');
  }
  const dataFlags = ['textField', 'labelField', 'labelType', 'groupField', 'idField', 'featuresField', 'labels'] as const;
  if (o.task) {
    const stray = dataFlags.find((f) => o[f] !== undefined);
    if (stray) throw new UsageError(`--${kebab(stray)} applies to --data files, not to --task`);
    checkTask(o.task);
    return { task: o.task, limit: o.limit };
  }
  const dataOptions = Object.fromEntries(
    dataFlags.filter((f) => o[f] !== undefined).map((f) => [f === 'labels' ? 'labelsPath' : f, o[f]]),
  );
  return { data: o.data, dataOptions, limit: o.limit };
}

export function checkTask(name: string): void {
  try {
    getTask(name);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** `k=v` pairs of --param into an object (values stay strings; the method's schema types them). */
export function parseParams(pairs: string[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new UsageError(`--param expects NAME=VALUE, got "${p}"`);
    out[p.slice(0, i).trim()] = p.slice(i + 1).trim();
  }
  return out;
}

/** The `--student` kind and fine-tuning overrides (`--finetune-layers all|K`, `--finetune-epochs N`). */
export function studentFrom(o: { student?: string; finetuneLayers?: string; finetuneEpochs?: number }): { student?: StudentKind; finetune?: Partial<FinetuneConfig> } {
  let student: StudentKind | undefined;
  if (o.student !== undefined) {
    try {
      student = parseStudentKind(o.student);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  const finetune: Partial<FinetuneConfig> = {};
  if (o.finetuneLayers !== undefined) {
    const v = o.finetuneLayers.trim();
    if (v !== 'all' && !/^\d+$/.test(v)) throw new UsageError(`--finetune-layers expects "all" or a number of top blocks (0 = the head only), got "${o.finetuneLayers}"`);
    finetune.layers = v === 'all' ? 'all' : Number(v);
  }
  if (o.finetuneEpochs !== undefined) finetune.epochs = o.finetuneEpochs;
  if (Object.keys(finetune).length && student === 'probe') throw new UsageError('--finetune-layers and --finetune-epochs set how students fine-tune, and --student probe trains probes; leave one out');
  return { ...(student ? { student } : {}), ...(Object.keys(finetune).length ? { finetune } : {}) };
}

/** Probe overrides from --probe-hidden (comma list; 0 = linear) and --epochs. */
export function probeFrom(o: { probeHidden?: string; epochs?: number }): Partial<ProbeConfig> | undefined {
  const probe: Partial<ProbeConfig> = {};
  if (o.probeHidden !== undefined) {
    const hidden = listArg(o.probeHidden).map(Number);
    if (hidden.some((h) => !Number.isInteger(h) || h < 0)) throw new UsageError(`--probe-hidden expects sizes like 128 or 256,64 (0 = linear), got "${o.probeHidden}"`);
    probe.hidden = hidden.filter((h) => h > 0);
  }
  if (o.epochs !== undefined) probe.epochs = o.epochs;
  return Object.keys(probe).length ? probe : undefined;
}

function kebab(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/**
 * A model flag (--weak, --strong, --models) as its spec for the data's kind:
 * parsed once here, through the model registry (src/models/kinds); a bad name
 * is a usage error naming the value, the kinds for the data and an example.
 */
export function modelFlag(flag: string, kind: DataKind, name: string): ModelSpec {
  try {
    return parseModel(name, kind);
  } catch (e) {
    throw new UsageError(`${flag}: ${(e as Error).message}`);
  }
}

/** The `--student`, `--finetune-layers` and `--finetune-epochs` options, for every command that runs experiments. */
export function studentOptions(cmd: Command, defaultKind?: StudentKind): Command {
  // Commander shows a given default itself; the data-dependent one is spelled out.
  const shown = defaultKind ? '' : ' (default: finetune for text data whose models all have an encoder, else probe)';
  return cmd
    .option('--student <kind>', `how weak supervisor, ceiling and students train, all alike: ${STUDENT_KINDS.join(' | ')} (finetune: the encoder with its head, text data; probe: a head on frozen features)${shown}`, defaultKind)
    .option('--finetune-layers <all|k>', 'when students fine-tune: train every block and the embeddings (all) or only the top k blocks', undefined)
    .option('--finetune-epochs <n>', `when students fine-tune: epochs over the training rows (default: ${DEFAULT_FINETUNE.epochs} at lr ${DEFAULT_FINETUNE.lr}; datasets of at most ${SMALL_DATA_CHARS.toLocaleString('en')} characters: ${SMALL_DATA_SCHEDULE.epochs} at ${SMALL_DATA_SCHEDULE.lr}; N given keeps lr ${DEFAULT_FINETUNE.lr})`, intArg(1));
}
