/**
 * The command-line program, which cli.ts loads. For `scan` it starts git on the staged diff
 * first, so that git works while Node.js evaluates the rest (main.ts and the scanner: the
 * bundle defers each module until it is first needed); everything else happens in main.ts.
 */
import { startStagedScan } from './start.js';

const argv = process.argv.slice(2);
const plain = argv[0] === 'scan' && !argv.some((a) => /^--(?:all|range|history|pre-push|stdin|diff-dir)/.test(a));
const diff = plain && process.env.AWS_KEY_GUARD !== '0' ? startStagedScan(process.cwd(), process.env) : undefined;
void import('./main.js')
  .then(({ main }) => main(argv, process.env, diff))
  .then((code) => {
    process.exitCode = code;
    // A scan has written everything synchronously (output.ts): exit now, without waiting for
    // anything Node.js may still hold open. Other commands write through Node.js streams and end
    // as Node.js ends.
    if (argv[0] === 'scan') process.exit();
  });
