import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/** The files of a local HF model folder, resolved and checked. */
export interface HfFolder {
  /** The folder the files are in (for an HF cache folder: the snapshot). */
  dir: string;
  /** A short name for messages and cache keys (org--name or the folder's name). */
  name: string;
  onnxPath: string;
  tokenizerPath: string;
  /** tokenizer_config.json's contents ({} when the file is absent). */
  tokenizerConfig: Record<string, unknown>;
  /** config.json's contents ({} when the file is absent). */
  config: Record<string, unknown>;
}

/** Where the ONNX file is looked for, in order: the float export first, then quantised variants. */
export const ONNX_CANDIDATES = ['onnx/model.onnx', 'model.onnx', 'onnx/model_quantized.onnx', 'model_quantized.onnx', 'onnx/model_int8.onnx', 'onnx/model_uint8.onnx', 'onnx/model_q4.onnx', 'onnx/model_fp16.onnx'];

const GET_FOLDER = 'e.g. `huggingface-cli download Xenova/all-MiniLM-L6-v2 --local-dir ./models/all-MiniLM-L6-v2` on a machine with internet, then copy the folder here';

/**
 * Resolves `dir` — a transformers.js / Optimum folder (config.json,
 * tokenizer.json, tokenizer_config.json, onnx/model.onnx), or an HF cache
 * folder (models--org--name, whose refs/main names the snapshot, or a
 * snapshots/<rev> folder) — to its files, with errors that name the missing
 * file and how to get it.
 */
export function resolveHfFolder(dir: string, file?: string): HfFolder {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`hf:${dir}: no such folder; give a local model folder (${GET_FOLDER})`);
  const snapshot = cacheSnapshot(dir);
  const root = snapshot ?? dir;
  const name = cacheName(dir) ?? basename(root);
  const tokenizerPath = join(root, 'tokenizer.json');
  if (!existsSync(tokenizerPath)) {
    const hint = existsSync(join(root, 'vocab.txt'))
      ? ' It has vocab.txt only: write tokenizer.json with `python -c "from transformers import AutoTokenizer as T; T.from_pretrained(\'DIR\').save_pretrained(\'DIR\')"`, or download the repository\'s tokenizer.json.'
      : ` Download the model's tokenizer.json into the folder (${GET_FOLDER}).`;
    throw new Error(`hf:${dir}: ${tokenizerPath} is missing; w2s tokenizes with the fast-tokenizer file tokenizer.json.${hint}`);
  }
  let onnxPath: string;
  if (file) {
    onnxPath = join(root, file);
    if (!existsSync(onnxPath)) throw new Error(`hf:${dir}: file=${file}: ${onnxPath} does not exist; the ONNX files there are: ${listOnnx(root).join(', ') || 'none'}`);
  } else {
    const found = ONNX_CANDIDATES.map((c) => join(root, c)).find((p) => existsSync(p)) ?? listOnnx(root).map((p) => join(root, p))[0];
    if (!found) {
      throw new Error(
        `hf:${dir}: no ONNX model in ${root} (looked for ${ONNX_CANDIDATES.join(', ')}). Use a transformers.js/Optimum export (e.g. Xenova/all-MiniLM-L6-v2 has onnx/model.onnx), or export one with \`optimum-cli export onnx --model NAME DIR\`.`,
      );
    }
    onnxPath = found;
  }
  return { dir: root, name, onnxPath, tokenizerPath, tokenizerConfig: readJson(join(root, 'tokenizer_config.json'), dir), config: readJson(join(root, 'config.json'), dir) };
}

/** The snapshot folder of an HF cache model folder (models--org--name), or undefined for a plain folder. */
function cacheSnapshot(dir: string): string | undefined {
  const snaps = join(dir, 'snapshots');
  if (!existsSync(snaps)) return undefined;
  const ref = join(dir, 'refs', 'main');
  if (existsSync(ref)) {
    const rev = readFileSync(ref, 'utf8').trim();
    if (existsSync(join(snaps, rev))) return join(snaps, rev);
  }
  const revs = readdirSync(snaps).filter((r) => statSync(join(snaps, r)).isDirectory());
  if (revs.length === 0) throw new Error(`hf:${dir}: an HF cache folder with no snapshots; download the model again (${GET_FOLDER})`);
  if (revs.length > 1) throw new Error(`hf:${dir}: several snapshots (${revs.join(', ')}) and no refs/main; give the one to use, hf:${join(snaps, revs[0])}`);
  return join(snaps, revs[0]);
}

/** org--name for an HF cache folder (or a snapshot inside one). */
function cacheName(dir: string): string | undefined {
  const m = /models--([^/\\]+)/.exec(dir);
  return m?.[1];
}

function listOnnx(root: string): string[] {
  const out: string[] = [];
  for (const sub of ['', 'onnx']) {
    const d = join(root, sub);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d)) if (f.endsWith('.onnx')) out.push(sub ? `${sub}/${f}` : f);
  }
  return out.sort();
}

function readJson(path: string, dir: string): Record<string, unknown> {
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`hf:${dir}: ${path} is not valid JSON (${(e as Error).message}); download it again`);
  }
}
