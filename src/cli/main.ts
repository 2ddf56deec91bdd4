/** Entry point of `w2s` (bin/w2s.js loads it through tsx). */
import { describeError } from './errors.js';
import { buildProgram } from './program.js';

const argv = process.argv;
const verbose = argv.includes('--verbose');
let code = 0;
try {
  if (argv.length <= 2) {
    buildProgram().outputHelp({ error: true });
    code = 2;
  } else {
    await buildProgram().parseAsync(argv);
  }
} catch (e) {
  const d = describeError(e, verbose);
  if (d.text) process.stderr.write(`${d.text}\n`);
  code = d.code;
}
process.exit(code);
