/** LLMs as weak supervisors: an HTTP endpoint (OpenAI-compatible or llama.cpp) or a local GGUF file, soft labels from label-token probabilities. */
export { llmSupervisor, llmApiFor, DEFAULT_CONCURRENCY, DEFAULT_TOP_LOGPROBS, type LlmSupervisorOptions } from './supervisor.js';
export { ggufSupervisor, checkGgufFile, loadNodeLlamaCpp, INSTALL_NODE_LLAMA_CPP, NODE_LLAMA_CPP, NODE_LLAMA_CPP_VERSION, type LlamaImporter, type LlamaModule } from './gguf.js';
export { promptTemplate, parsePromptTemplate, renderPrompt, TASK_PROMPTS, GENERIC_PROMPT, type PromptTemplate } from './prompt.js';
export { labelWords, softLabels, splitLabel, normalizeToken, type TokenLogprob } from './labels.js';
export { parseTokenPrice, type TokenPrice } from './usage.js';
export { DEFAULT_RETRY, type RetryPolicy } from './http.js';
