/** Registers every researcher kind: one import line per kind. */
import './offline/index.js';
import './llm/index.js';
