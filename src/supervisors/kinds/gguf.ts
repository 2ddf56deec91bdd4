import { createRequire } from 'node:module';
import { join } from 'node:path';
import { checkGgufFile, ggufSupervisor, INSTALL_NODE_LLAMA_CPP, NODE_LLAMA_CPP } from '../llm/gguf.js';
import { labelWords } from '../llm/labels.js';
import { promptTemplate } from '../llm/prompt.js';
import { registerSupervisorKind, type GgufSpec } from '../registry.js';

/** A local GGUF model, in-process through node-llama-cpp (optional; not installed with w2s). */
registerSupervisorKind<GgufSpec>({
  kind: 'gguf',
  syntax: 'gguf:FILE',
  description: 'a local GGUF model run in-process by node-llama-cpp; soft labels from label-token probabilities',
  flags: ['prompt', 'labelWords'],
  claims: (name) => name.startsWith('gguf:'),
  parse: (name, f, ctx) => {
    const path = name.slice('gguf:'.length);
    checkGgufFile(path);
    if (ctx.classes) labelWords(ctx.classes, f.labelWords);
    return { kind: 'gguf', path, template: promptTemplate(ctx.task, f.prompt), labelWords: f.labelWords };
  },
  build: (spec, ctx) => ggufSupervisor({ path: spec.path, template: spec.template, labelWords: spec.labelWords, cacheDir: join(ctx.cacheDir, 'llm') }),
  status: async () => {
    try {
      createRequire(import.meta.url).resolve(NODE_LLAMA_CPP);
      return `${NODE_LLAMA_CPP} installed`;
    } catch {
      return `needs ${NODE_LLAMA_CPP}: ${INSTALL_NODE_LLAMA_CPP}`;
    }
  },
});
