import { parseSandbox, resolveSandbox, SANDBOX_ENV, type SandboxKind, type SandboxRequest } from './mechanism.js';

const warned = new Set<string>();

/**
 * The mechanism for this process's method runs: the request (or W2S_SANDBOX,
 * else auto), resolved once; when it is weaker than the full sandbox, say so
 * once on stderr, at the first run, rather than pretend.
 */
export function sandboxFor(req?: SandboxRequest): SandboxKind {
  const { kind, warning } = resolveSandbox(req ?? parseSandbox(process.env[SANDBOX_ENV]));
  if (warning && !warned.has(warning)) {
    warned.add(warning);
    process.stderr.write(`w2s: warning: ${warning}\n`);
  }
  return kind;
}

export type { SandboxKind, SandboxRequest };
