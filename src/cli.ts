#!/usr/bin/env node
/**
 * The command-line entry, thin like husky's bin. For `scan` it starts git on the staged diff
 * first, so that git works while Node.js evaluates the rest (main.ts and the scanner: the
 * bundle defers each module until it is first needed); everything else happens in main.ts.
 */
import { startStagedScan } from './start.js';

const MIN_NODE = 20;
const major = Number(process.versions.node.split('.')[0]);
if (major < MIN_NODE) {
  // Said before anything newer is touched, so that an old Node.js gives a sentence, not a crash.
  process.stderr.write(
    `aws-key-guard: needs Node.js ${MIN_NODE} or newer, and this is ${process.versions.node}: update Node.js, or skip once with --no-verify.\n`,
  );
  process.exitCode = 2;
} else {
  const argv = process.argv.slice(2);
  const plain = argv[0] === 'scan' && !argv.some((a) => /^--(?:all|range|history|pre-push|stdin|diff-dir)/.test(a));
  const diff = plain && process.env.AWS_KEY_GUARD !== '0' ? startStagedScan(process.cwd(), process.env) : undefined;
  void import('./main.js')
    .then(({ main }) => main(argv, process.env, diff))
    .then((code) => {
      process.exitCode = code;
    });
}
