import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ensureHfFeatures } from '../hf/cache.js';
import { ONNX_CANDIDATES, resolveHfFolder } from '../hf/folder.js';
import { HF_PREFIX, isHfModel, parseHfSpec } from '../hf/spec.js';
import { fileDigest } from './file-digest.js';
import { registerModelKind, type HfModelSpec } from './registry.js';

/** The HF hub cache folder (HF_HUB_CACHE, else HF_HOME/hub, else ~/.cache/huggingface/hub). */
export function hfHubCache(env: NodeJS.ProcessEnv = process.env): string {
  return env.HF_HUB_CACHE ?? join(env.HF_HOME ?? join(homedir(), '.cache', 'huggingface'), 'hub');
}

/** A local Hugging Face encoder folder (transformers.js / Optimum layout, or an HF cache folder); fine-tunable through the ONNX importer. */
registerModelKind<HfModelSpec>({
  kind: 'hf',
  syntax: 'hf:DIR[,pooling=mean|cls|last][,max_len=N][,file=PATH]',
  example: 'hf:./models/all-MiniLM-L6-v2',
  description: 'a local Hugging Face encoder folder (tokenizer.json, onnx/model.onnx); pooled hidden states',
  data: ['text'],
  finetunable: true,
  claims: isHfModel,
  parse: (name) => ({ kind: 'hf', ...parseHfSpec(name) }),
  name: (s) => `${HF_PREFIX}${s.dir}${s.pooling === 'mean' ? '' : `,pooling=${s.pooling}`}${s.maxLen === undefined ? '' : `,max_len=${s.maxLen}`}${s.file === undefined ? '' : `,file=${s.file}`}`,
  contentKey: (s) => {
    const folder = resolveHfFolder(s.dir, s.file);
    return { onnx: fileDigest(folder.onnxPath), tokenizer: fileDigest(folder.tokenizerPath), tokenizerConfig: folder.tokenizerConfig };
  },
  features: async (s, ctx) => {
    const corpus = { name: ctx.corpusName, texts: ctx.ds.examples.map((e) => e.text ?? '') };
    const r = await ensureHfFeatures({ cacheDir: ctx.cacheDir, spec: s, corpus, runtime: { threads: ctx.threads } });
    return { features: r.features, dim: r.dim, params: r.params, key: r.key };
  },
  finetuneSource: async (s) => {
    const folder = resolveHfFolder(s.dir, s.file);
    const { kind: _kind, ...spec } = s;
    return { engine: 'hf', spec, onnxPath: folder.onnxPath, tokenizerPath: folder.tokenizerPath };
  },
  installed: () => {
    const hub = hfHubCache();
    if (!existsSync(hub)) return [`no HF cache at ${hub}; give a folder as hf:DIR (docs/hf-models.md)`];
    const found = readdirSync(hub)
      .filter((d) => d.startsWith('models--'))
      .filter((d) => {
        try {
          resolveHfFolder(join(hub, d));
          return true;
        } catch {
          return false; // not an encoder folder with an ONNX export and tokenizer.json: not listed
        }
      });
    if (found.length === 0) return [`no ONNX encoder in the HF cache at ${hub} (looked for ${ONNX_CANDIDATES[0]} and variants)`];
    return found.map((d) => `hf:${join(hub, d)}`);
  },
});
