/** The `w2s` command line: global flags and one file per command under commands/. */
import { SANDBOX_ENV } from '../protocol/sandbox/mechanism.js';
import { Command, Option } from 'commander';
import { DEVICE_ENV, DEVICES } from '../engine/index.js';
import '../methods/index.js';
import { PRETRAIN_STEPS_ENV } from '../protocol/features.js';
import { registerMethods } from './commands/methods.js';
import { registerModels } from './commands/models.js';
import { registerPretrain } from './commands/pretrain.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerSupervisors } from './commands/supervisors.js';
import { registerSweep } from './commands/sweep.js';
import { registerBench } from './commands/bench.js';
import { registerAdmin } from './commands/admin.js';
import { registerPlatform } from './commands/platform.js';
import { registerResearch } from './commands/research.js';
import { registerServe } from './commands/serve.js';
import { registerTasks } from './commands/tasks.js';
import { intArg } from './options.js';

const EXAMPLES = `
Examples:
  $ w2s tasks                              # built-in tasks
  $ w2s run --task spam                    # weak xs -> strong l, vanilla, 3 seeds
  $ w2s run --task spam --weak xs --strong s --seeds 5 --json
  $ w2s sweep grid.json --workers 4 --report out
  $ w2s report --out w2s-report

Run \`w2s <command> --help\` for a command's flags and examples.`;

export function buildProgram(): Command {
  const program = new Command('w2s')
    .description('Weak-to-strong supervision lab: weak supervisors, strong students, methods, PGR with intervals')
    .option('--verbose', 'show progress detail and error stacks')
    .option('--pretrain-steps <n>', `pretrain the ladder further on the task's own text for N steps (cached; its own cache entries and run keys); with W2S_LADDER=task, the steps each rung is pretrained on the task's text from scratch. Also ${PRETRAIN_STEPS_ENV}`, intArg(1))
    .addOption(
      new Option('--device <name>', `execution provider for every model; cuda needs ONNX Runtime's CUDA build (see README) and falls back to cpu with a warning without it. Also ${DEVICE_ENV}`)
        .choices(DEVICES),
    )
    .addOption(
      new Option('--sandbox <mechanism>', `how method processes are confined: auto (bubblewrap where it works, else Node's permission model, with a warning), bwrap, node, or off (methods in this process: unsafe, trusted code only). Also ${SANDBOX_ENV}`)
        .choices(['auto', 'bwrap', 'node', 'off']),
    )
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (s, write) => write(`w2s: ${s.replace(/\n\(Did you mean/, ' (did you mean')}`) })
    .addHelpText('after', EXAMPLES)
    .hook('preAction', (cmd) => {
      const steps = cmd.opts().pretrainSteps as number | undefined;
      if (steps !== undefined) process.env[PRETRAIN_STEPS_ENV] = String(steps);
      const device = cmd.opts().device as string | undefined;
      if (device !== undefined) process.env[DEVICE_ENV] = device;
      const sandbox = cmd.opts().sandbox as string | undefined;
      if (sandbox !== undefined) process.env[SANDBOX_ENV] = sandbox;
    });
  registerTasks(program);
  registerModels(program);
  registerSupervisors(program);
  registerMethods(program);
  registerPretrain(program);
  registerRun(program);
  registerSweep(program);
  registerReport(program);
  registerBench(program);
  registerServe(program);
  registerAdmin(program);
  registerPlatform(program);
  registerResearch(program);
  return program;
}


