// A method in one file, for `w2s run --task spam --method ./examples/my-method.ts --param temperature=0.5`.
// Copied from src/methods/TEMPLATE.ts, which documents every part.
import template from '../src/methods/TEMPLATE.js';

export default { ...template, name: 'my_temperature_method' };
