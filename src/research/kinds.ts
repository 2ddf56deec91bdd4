/** Registers every researcher kind: one import line per kind (the LLM kinds add theirs here). */
import './offline/index.js';
