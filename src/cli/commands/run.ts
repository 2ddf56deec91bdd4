/** `w2s run`: one weak-to-strong experiment over seeds, summarised with intervals. */
import type { Command } from 'commander';
import { resolveParams } from '../../methods/index.js';
import { modelName } from '../../models/kinds/index.js';
import { loadSource } from '../../protocol/data.js';
import { defaultModels } from '../../protocol/features.js';
import { describeForPlan } from '../../protocol/method-phase.js';
import { checkStudentKind, defaultStudentKind } from '../../models/student-kind.js';
import { describeSchedule } from '../../models/finetune/schedule.js';
import { resolveFinetune, runExperiment, splitOrExplain, type ExperimentConfig, type RunOutcome } from '../../protocol/run.js';
import { summarize } from '../../protocol/summary.js';
import { getRun, openStore } from '../../store/index.js';
import { loadNodeLlamaCpp, parseSupervisor, sharedSupervisorFlags, type ModelSpec as ModelSupervisorSpec, type SupervisorUsage } from '../../supervisors/index.js';
import { asUsage, UsageError } from '../errors.js';
import { fmt, seedTable, summaryTable } from '../format.js';
import { jsonLine, summaryJson } from '../json.js';
import {
  addSourceOptions, collect, DEFAULT_CACHE, DEFAULT_STORE, intArg, modelFlag, parseParams, probeFrom, sourceFrom, studentFrom, studentOptions, type SourceFlags,
} from '../options.js';
import { pretrainEvents } from '../pretrain-events.js';
import { checkWeakFeatures, checkWeakLabels } from '../weak-inputs.js';
import { formatDuration } from '../progress.js';
import { addSupervisorOptions, formatUsage, sumUsage, supervisorFlagsFrom, type SupervisorCliFlags } from '../supervisor-options.js';

interface RunFlags extends SourceFlags, SupervisorCliFlags {
  weak?: string;
  weakLabels?: string;
  weakFeatures?: string;
  extraSupervisor?: string[];
  strong?: string;
  method: string;
  param?: string[];
  seeds?: number;
  seed?: number;
  probeHidden?: string;
  epochs?: number;
  student?: string;
  finetuneLayers?: string;
  finetuneEpochs?: number;
  store: string;
  cache: string;
  threads?: number;
  samples: number;
  json?: boolean;
}

const EXAMPLES = `
Examples:
  $ w2s run --task spam                                   # xs -> l, vanilla, 3 seeds
  $ w2s run --task pos --weak s --strong m --seeds 5 --json
  $ w2s run --task spam --student probe                   # probes on frozen features: a tenth of the compute, weaker ceilings
  $ w2s run --task spam --method vanilla --param hard=true --limit 1000
  $ w2s run --data reviews.jsonl --text-field body --label-field stars --group-field source
  $ w2s run --data x.npy --labels y.npy --weak proj8 --strong raw
  $ w2s run --data dino.npy --labels y.npy --weak-features alexnet.npy   # OpenAI's vision setup
  $ w2s run --task spam --weak rules                    # the task's labeling functions as the weak supervisor
  $ w2s run --task spam --weak-labels llm-answers.jsonl  # weak labels from an LLM or annotators
  $ w2s run --task spam --weak llm:http://127.0.0.1:8080/v1 --weak-model qwen2.5-0.5b   # an LLM's label-token probabilities
  $ w2s run --task reviews --weak llm:https://api.openai.com/v1 --weak-model gpt-4o-mini --label-words neg,pos --cost-per-1k-tokens 0.00015,0.0006
  $ w2s run --task spam --method ./my-method.ts

Results go to the store (--store); rerunning the same configuration reuses the stored runs.
Progress goes to stderr; stdout holds only the table (or, with --json, one JSON object).`;

export function registerRun(program: Command): void {
  studentOptions(addSupervisorOptions(addSourceOptions(program.command('run').description('run a weak-to-strong experiment over seeds and report accuracies and PGR with 95% intervals'))
    .option('--weak <name>', "weak supervisor: a model (text default: xs; ngram, hf:DIR; see `w2s models`), 'rules', labels:FILE, llm:URL or gguf:FILE (see `w2s supervisors`)")
    .option('--weak-features <file>', 'feature data: the weak model\'s own features of the same rows (.npy or .safetensors), e.g. AlexNet next to DINO')
    .option('--weak-labels <file>', 'weak labels from elsewhere (an LLM, people): JSONL of {"id", "probs": [...]} or {"id", "label", "confidence"}')
    .option('--extra-supervisor <name>', 'one more supervisor for methods that combine several (ensemble_*): llm:URL or gguf:FILE (the strong LLM\'s own label probabilities: zero-shot elicitation), labels:FILE or rules; repeatable', collect)
    .option('--strong <model>', 'strong student model (see `w2s models`): a ladder model (text default: l), ngram (logistic regression on n-grams), or hf:DIR[,pooling=mean|cls|last][,max_len=N][,file=PATH], a local HF encoder folder; raw or projN for feature data')
    .option('--method <name|file>', 'a method name (see `w2s methods`) or a method file', 'vanilla')
    .option('--param <name=value>', 'a method parameter (repeatable)', collect)
    .option('--seeds <n>', 'run seeds 0..N-1', intArg(1), 3)
    .option('--seed <s>', 'run this one seed only', intArg(0))
    .option('--probe-hidden <sizes>', 'hidden layers of the probes on frozen features, e.g. 128 (0 = linear)')
    .option('--epochs <n>', 'probe training epochs', intArg(1)))
    .option('--store <path>', 'results store (SQLite)', DEFAULT_STORE)
    .option('--cache <dir>', 'cache of pretrained models, features, weak labels and ceilings', DEFAULT_CACHE)
    .option('--threads <n>', 'compute threads', intArg(1))
    .option('--samples <n>', 'bootstrap replicates for the intervals', intArg(100), 2000)
    .option('--json', 'print one JSON object on stdout'))
    .addHelpText('after', EXAMPLES)
    .action(async (o: RunFlags, cmd: Command) => {
      const verbose = Boolean(cmd.optsWithGlobals().verbose);
      const source = sourceFrom(o)!;
      const ds = await asUsage(() => loadSource(source));
      const defaults = defaultModels(ds);
      if (o.weakLabels && o.weak) throw new UsageError('give --weak MODEL or --weak-labels FILE, not both');
      if (o.weakFeatures && (o.weak || o.weakLabels)) throw new UsageError('give one of --weak, --weak-features or --weak-labels');
      if (o.weakFeatures) await checkWeakFeatures(o.weakFeatures, ds, source);
      // --weak and --strong are parsed once here, through the supervisor and model registries; configs hold the canonical names.
      const given = o.weakLabels ? 'file' : o.weakFeatures ? `file:${o.weakFeatures}` : (o.weak ?? defaults.weak);
      const supervisor = supervisorFlagsFrom(o);
      const weakName = o.weakLabels ? `labels:${o.weakLabels}` : given;
      // One set of LLM flags serves the weak supervisor and the extra ones; each reads the flags of its kind.
      const flagsOf = await asUsage(() => sharedSupervisorFlags([weakName, ...(o.extraSupervisor ?? [])], supervisor, ['--weak', ...(o.extraSupervisor ?? []).map(() => '--extra-supervisor')]));
      const weakSpec = await asUsage(() => parseSupervisor(weakName, flagsOf[0], { task: source.task, classes: ds.classes, data: ds.kind }));
      const weak = weakSpec.kind === 'model' ? (weakSpec as ModelSupervisorSpec).model : given;
      if (weakSpec.kind === 'gguf') await asUsage(() => loadNodeLlamaCpp(undefined, `--weak ${weak}`));
      const strong = modelName(modelFlag('--strong', ds.kind, o.strong ?? defaults.strong));
      const { meta: method } = await asUsage(() => describeForPlan(o.method));
      const methodParams = parseParams(o.param);
      await asUsage(() => resolveParams(method, methodParams));
      const seeds = o.seed !== undefined ? [o.seed] : Array.from({ length: o.seeds ?? 3 }, (_, i) => i);
      if (o.seed !== undefined && cmd.getOptionValueSource('seeds') === 'cli') throw new UsageError('give --seeds N or --seed S, not both');
      const probe = probeFrom(o);
      const students = studentFrom(o);
      if (o.extraSupervisor?.length && !method.extraSupervisors) throw new UsageError(`--extra-supervisor: method ${method.name} trains on one supervisor's labels; give it to a method that combines several (ensemble_vote, ensemble_weighted, ensemble_labelmodel, or a method file with extraSupervisors: true)`);
      for (const [i, name] of (o.extraSupervisor ?? []).entries()) {
        try {
          parseSupervisor(name, flagsOf[i + 1], { task: source.task, classes: ds.classes });
        } catch (e) {
          throw new UsageError(`--extra-supervisor: ${(e as Error).message.replace(/^--weak /, '')}`);
        }
      }
      const trained = o.weakLabels || weakSpec.kind !== 'model' ? [strong] : [weak, strong];
      const kind = students.student ?? defaultStudentKind(ds.kind, trained);
      if (students.student) for (const model of trained) await asUsage(() => checkStudentKind(kind, { kind: ds.kind, name: ds.name }, model));
      else if (kind === 'probe' && students.finetune) throw new UsageError(`--finetune-layers and --finetune-epochs set how students fine-tune, and here they train as probes (${ds.kind === 'features' ? `${ds.name} holds feature vectors` : `${trained.join(' and ')} cannot all be fine-tuned`}); leave them out`);

      // Check every seed's splits and the weak inputs before anything is written (too few examples, one class in a split, a bad --weak-labels line…).
      const splits = [];
      for (const seed of seeds) splits.push(await asUsage(() => splitOrExplain(ds, { seed, source })));
      if (o.weakLabels) await checkWeakLabels(o.weakLabels, ds, splits);
      const store = openStore(o.store);
      try {
        const events = pretrainEvents({ cacheDir: o.cache });
        const log = verbose ? (m: string) => process.stderr.write(`  ${m}\n`) : undefined;
        const outcomes: RunOutcome[] = [];
        process.stderr.write(`${ds.name}: ${weak} -> ${strong}, method ${method.name}, students ${kind === 'finetune' ? `fine-tuned (${describeSchedule(resolveFinetune(students.finetune, ds, trained))})` : 'probes on frozen features'}${students.student ? '' : ` (the default here; --student ${kind === 'finetune' ? 'probe' : 'finetune'} for the other kind)`}, seeds ${seeds.join(', ')}\n`);
        for (const seed of seeds) {
          const cfg: ExperimentConfig = {
            source, weak: o.weakLabels ? undefined : weak, weakLabels: o.weakLabels, ...(Object.keys(supervisor).length ? { supervisor } : {}), strong, method: o.method, methodParams, seed, probe, ...students,
            ...(o.extraSupervisor?.length ? { extraSupervisors: o.extraSupervisor } : {}),
          };
          const t0 = performance.now();
          const r = await runExperiment(cfg, { cacheDir: o.cache, store, threads: o.threads, log, events });
          events.finishAll();
          outcomes.push(r);
          const t = r.metrics.test;
          const took = r.reused ? 'stored, not rerun' : formatDuration((performance.now() - t0) / 1000);
          process.stderr.write(`seed ${seed}: weak ${fmt(t.weak_acc)}, ceiling ${fmt(t.ceiling_acc)}, transfer ${fmt(t.transfer_acc)}, PGR ${fmt(t.pgr, 2)} (${took})\n`);
          if (r.metrics.weak_usage && !r.reused) process.stderr.write(`seed ${seed}: weak supervisor ${r.weak}: ${formatUsage(r.metrics.weak_usage)}\n`);
          for (const [name, u] of Object.entries(r.reused ? {} : (r.metrics.extra_usage ?? {}))) process.stderr.write(`seed ${seed}: extra supervisor ${name}: ${formatUsage(u)}\n`);
        }
        const spent = sumUsage(outcomes.filter((r) => !r.reused && r.metrics.weak_usage).map((r) => r.metrics.weak_usage as SupervisorUsage));
        // What each extra supervisor (an LLM) cost this run, summed over the seeds that ran.
        const extraNames = [...new Set(outcomes.flatMap((r) => Object.keys(r.metrics.extra_usage ?? {})))];
        const extraSpent = Object.fromEntries(
          extraNames.map((n) => [n, sumUsage(outcomes.filter((r) => !r.reused && r.metrics.extra_usage?.[n]).map((r) => r.metrics.extra_usage![n]))]).filter(([, u]) => u),
        ) as Record<string, SupervisorUsage>;
        const records = outcomes.map((r) => getRun(store, r.runKey)!);
        const [summary] = summarize(records, { samples: o.samples, seed: 0 });
        if (o.json) {
          const extra = outcomes.map((r) => ({ run_key: r.runKey, reused: r.reused, timings: r.timings, ...(r.metrics.weak_usage ? { weak_usage: r.metrics.weak_usage } : {}) }));
          process.stdout.write(jsonLine({ ...summaryJson(summary, { seeds: extra }), ...(spent ? { weak_usage: spent } : {}), ...(extraNames.length ? { extra_usage: extraSpent } : {}), store: o.store }));
        } else {
          process.stdout.write(`${seedTable(summary)}\n\n${summaryTable([summary])}\n`);
          process.stdout.write(`\nPGR: mean of per-seed PGRs; PGR fixed: against the seed-mean weak and ceiling accuracy. 95% bootstrap intervals over seeds and test examples.\n`);
          if (spent) process.stdout.write(`Weak supervisor ${summary.weak}, this run: ${formatUsage(spent)}.\n`);
          for (const [name, u] of Object.entries(extraSpent)) process.stdout.write(`Extra supervisor ${name}, this run: ${formatUsage(u)}.\n`);
        }
      } finally {
        store.close();
      }
    });
}
