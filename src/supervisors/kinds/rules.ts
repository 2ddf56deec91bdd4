import { labelingFunctionsFor } from '../../methods/labeling-functions.js';
import { registerSupervisorKind, type RulesSpec } from '../registry.js';
import { rulesSupervisor } from '../rules.js';

/** The task's labeling functions, as vote shares. */
registerSupervisorKind<RulesSpec>({
  kind: 'rules',
  syntax: 'rules',
  description: "the task's labeling functions (heuristic rules); soft labels from their votes",
  flags: [],
  claims: (name) => name === 'rules',
  parse: (_name, _flags, ctx) => {
    if (!ctx.task || labelingFunctionsFor(ctx.task).length === 0) {
      throw new Error(`--weak rules: task ${ctx.task ?? '(user data)'} has no labeling functions (spam has); choose a ladder model or --weak labels:FILE`);
    }
    return { kind: 'rules', task: ctx.task };
  },
  build: (spec) => rulesSupervisor(spec.task, labelingFunctionsFor(spec.task)),
});
