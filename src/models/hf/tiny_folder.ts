import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TINY_BERT, tinyBertOnnx, type TinyBertConfig } from '../../engine/onnx/testing/tiny_bert.js';
import { tinyGpt2Onnx } from '../../engine/onnx/testing/tiny_gpt2.js';

// A tiny HF model folder made on the spot (tests and smoke runs: nothing is downloaded):
// a WordPiece tokenizer.json as the `tokenizers` library saves BERT's, its
// tokenizer_config.json, a BertModel config.json and a torch-style ONNX export.

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const WORDS = ['the', 'a', 'to', 'you', 'i', 'is', 'it', 'and', 'free', 'win', 'call', 'now', 'prize', 'claim', 'text', 'txt', 'cash', 'ok', 'see', 'love', 'home', 'later', 'what', 'how', '!', '.', ',', '?', '£'];
const LETTERS = 'abcdefghijklmnopqrstuvwxyz0123456789'.split('');

/** The test vocabulary: specials, whole words, single characters and their ## continuations. */
export function tinyVocab(): string[] {
  return [...SPECIAL, ...WORDS, ...LETTERS, ...LETTERS.map((c) => `##${c}`), '##s', '##ing', '##ed'];
}

export function tinyTokenizerJson(vocab: readonly string[] = tinyVocab()): object {
  const id = (t: string) => vocab.indexOf(t);
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content) => ({ id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [id('[CLS]')], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [id('[SEP]')], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
  };
}

export interface TinyFolderOptions {
  /** 'optimum': DIR/onnx/model.onnx (transformers.js layout); 'flat': DIR/model.onnx. */
  layout?: 'optimum' | 'flat';
  /** The ONNX file's name (e.g. model_quantized.onnx). */
  onnxName?: string;
  seed?: number;
  config?: Partial<TinyBertConfig>;
  /** 'gpt2': a GPT-2-style graph (position_ids input, causal attention) with the same tokenizer. */
  arch?: 'bert' | 'gpt2';
}

/** Writes a tiny BERT model folder into `dir` (created); returns the model's config. */
export function writeTinyHfFolder(dir: string, opts: TinyFolderOptions = {}): TinyBertConfig {
  const vocab = tinyVocab();
  const cfg: TinyBertConfig = { ...TINY_BERT, vocabSize: vocab.length, ...opts.config };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify(tinyTokenizerJson(vocab)));
  writeFileSync(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: cfg.maxPositions, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]', mask_token: '[MASK]' }),
  );
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      architectures: [opts.arch === 'gpt2' ? 'GPT2Model' : 'BertModel'],
      model_type: opts.arch === 'gpt2' ? 'gpt2' : 'bert',
      vocab_size: cfg.vocabSize,
      hidden_size: cfg.hidden,
      num_hidden_layers: cfg.layers,
      num_attention_heads: cfg.heads,
      intermediate_size: cfg.intermediate,
      max_position_embeddings: cfg.maxPositions,
      type_vocab_size: cfg.typeVocab,
      layer_norm_eps: cfg.layerNormEps,
      pad_token_id: 0,
    }),
  );
  const onnxDir = opts.layout === 'flat' ? dir : join(dir, 'onnx');
  mkdirSync(onnxDir, { recursive: true });
  const graph = opts.arch === 'gpt2' ? tinyGpt2Onnx({ vocabSize: cfg.vocabSize, hidden: cfg.hidden, layers: cfg.layers, heads: cfg.heads, maxPositions: cfg.maxPositions }, opts.seed ?? 0) : tinyBertOnnx(cfg, opts.seed ?? 0);
  writeFileSync(join(onnxDir, opts.onnxName ?? 'model.onnx'), graph);
  return cfg;
}
