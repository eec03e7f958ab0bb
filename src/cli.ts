#!/usr/bin/env node
/**
 * The command-line entry, thin like husky's bin. For `scan` it starts git on the staged diff
 * first, so that git works while Node.js loads the rest (main.ts and the scanner); everything
 * else happens in main.ts.
 */
import { stagedDiff } from './git.js';

const argv = process.argv.slice(2);
const diff = argv[0] === 'scan' && process.env.AWS_KEY_GUARD !== '0' ? stagedDiff(process.cwd()) : undefined;
void import('./main.js')
  .then(({ main }) => main(argv, process.env, diff))
  .then((code) => {
    process.exitCode = code;
  });
