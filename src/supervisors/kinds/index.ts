/** The built-in supervisor kinds, in the order names are matched; `model` last, as it takes every name left. Adding a kind = one file + one line here. */
import './rules.js';
import './labels.js';
import './llm.js';
import './gguf.js';
import './model.js';
