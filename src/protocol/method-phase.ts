import type { StudentExpect } from '../contract/student-setup.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkStudentValue } from '../contract/student-value.js';
import type { Method } from '../contract/types.js';
import type { MethodMeta, MethodSpec, MethodView } from '../contract/view.js';
import { getMethod } from '../methods/index.js';
import type { HostChannel } from '../runtime/host-channel.js';
import { runMethodOnView, type MethodOutcome } from '../runtime/run-method.js';
import { describeMethod, loadMethodSpec } from '../sandbox/load-method.js';
import type { ViewOracle } from './oracle.js';
import { bundleModule } from './sandbox/bundle.js';
import { DEFAULT_LIMITS, MethodProcess, type MethodProcessLimits } from './sandbox/host.js';
import type { SandboxKind } from './sandbox/mechanism.js';
import { sandboxFor } from './sandbox/choose.js';

/** A method file is named by a path or a script extension; anything else is a registered method's name. */
export function isMethodFile(nameOrPath: string): boolean {
  return /[/\\]|\.(ts|mts|cts|js|mjs|cjs)$/.test(nameOrPath);
}

/** A method ready to run: what it declares, its identity for run keys, and where it will run. */
export interface OpenedMethod {
  spec: MethodSpec;
  meta: MethodMeta;
  /** What identifies the method's code in run keys: its name, or its bundle's content hash. */
  identity: string;
  sandbox: SandboxKind;
  /** Ends a method process started for it (when the run was found in the store). */
  close(): void;
  /** Starts the method process now, so that it boots while the host prepares the run. */
  warm(): void;
  run(view: Omit<MethodView, 'method'>, oracle: ViewOracle, log: (m: string) => void, expect: StudentExpect): Promise<MethodOutcome>;
}

/**
 * Opens a method for one run. A registered method is described from the
 * registry; a file is bundled here (the file and its local imports, in any
 * folder, TypeScript or JavaScript) and only ever loaded inside the method
 * process, which says what it declares. `sandbox: 'off'` loads it in this
 * process instead (unsafe).
 */
export async function openMethod(nameOrPath: string, sandbox: SandboxKind, limits: MethodProcessLimits = DEFAULT_LIMITS): Promise<OpenedMethod> {
  let spec: MethodSpec & { code?: string };
  let meta: MethodMeta;
  let proc: MethodProcess | undefined;
  let starting: Promise<MethodProcess> | undefined;
  let local: Method | undefined;
  if (!isMethodFile(nameOrPath)) {
    local = getMethod(nameOrPath);
    spec = { kind: 'builtin', name: local.name };
    meta = describeMethod(local);
  } else {
    const b = await bundleModule(nameOrPath, { method: true });
    spec = { kind: 'file', source: nameOrPath, bundle: '', hash: b.hash, code: b.code };
    if (sandbox === 'off') {
      const dir = mkdtempSync(join(tmpdir(), 'w2s-method-'));
      const bundle = join(dir, 'method.mjs');
      writeFileSync(bundle, b.code);
      spec = { ...spec, bundle };
      local = await loadMethodSpec(spec);
      meta = describeMethod(local);
    } else {
      const started = await MethodProcess.start(spec, sandbox, limits);
      proc = started.proc;
      meta = started.meta;
    }
  }
  const { code: _code, ...plain } = spec;
  return {
    spec: plain,
    meta,
    identity: spec.kind === 'builtin' ? spec.name : `file:${spec.hash}`,
    sandbox,
    close: () => {
      proc?.kill();
      void starting?.then((p) => p.kill(), () => {});
    },
    warm() {
      if (sandbox !== 'off' && !proc && !starting) {
        starting = MethodProcess.start(spec, sandbox, limits).then((s) => s.proc);
        starting.catch(() => {});
      }
    },
    async run(view, oracle, log, expect) {
      const full: MethodView = { ...view, method: plain };
      const host: HostChannel = {
        declareBudget: async (b) => oracle.declare(b),
        oracle: async (rows) => oracle.query(rows),
        log,
      };
      if (sandbox === 'off') {
        const outcome = await runMethodOnView(local!, full, host);
        return { ...outcome, student: checkStudentValue(outcome.student, expect) };
      }
      const p: MethodProcess = proc ?? (await (starting ?? MethodProcess.start(spec, sandbox, limits).then((s) => s.proc)));
      proc = p;
      try {
        return await p.run(full, host, expect);
      } finally {
        p.kill();
      }
    },
  };
}

const described = new Map<string, { identity: string; meta: MethodMeta }>();

/**
 * A method's identity and declaration without running it (for planning
 * sweeps): a file is bundled, and described by a method process once per
 * content hash.
 */
export async function describeForPlan(nameOrPath: string, sandbox: SandboxKind = sandboxFor()): Promise<{ identity: string; meta: MethodMeta }> {
  if (!isMethodFile(nameOrPath)) return { identity: nameOrPath, meta: describeMethod(getMethod(nameOrPath)) };
  const hash = (await bundleModule(nameOrPath, { method: true })).hash;
  let d = described.get(hash);
  if (!d) {
    const opened = await openMethod(nameOrPath, sandbox);
    opened.close();
    d = { identity: opened.identity, meta: opened.meta };
    described.set(hash, d);
  }
  return d;
}
