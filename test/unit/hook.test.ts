import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stagedDiffArgs } from '../../src/git.js';
import { pathspecs } from '../../src/scope.js';
import { END_OF_DIFF } from '../../src/stdin.js';
import { PROJECT } from '../helpers/withTempRepo.js';

describe('hooks/pre-commit', () => {
  const hook = readFileSync(join(PROJECT, 'hooks', 'pre-commit'), 'utf8');

  it('asks git about exactly the scanner\'s file scope in its fast path', () => {
    const inHook = [...hook.matchAll(/'(:\(top,glob,icase\)[^']+)'/g)].map((m) => m[1]);
    expect(inHook).toEqual(pathspecs());
  });

  it('pipes in exactly the diff the CLI would ask Git for, and the end-of-diff line the CLI expects', () => {
    const flat = hook.replace(/\\\n\s*/g, '');
    const m = /\{\s*git (.+?) -- "\$@" &&\s*printf '([^']+)'\s*\} \| node "\$cli" scan --stdin/.exec(flat);
    expect(m, 'the piped git command').not.toBeNull();
    expect(`${(m?.[1] as string).trim().split(/\s+/).join(' ')} --`).toBe(stagedDiffArgs([]).join(' '));
    expect((m?.[2] as string).replace(/\\n/g, '\n')).toBe(END_OF_DIFF);
  });

  it('is POSIX sh without bashisms', () => {
    expect(hook.startsWith('#!/bin/sh\n')).toBe(true);
    const code = hook.replace(/\[\[:[a-z]+:\]\]/g, ''); // POSIX character classes in grep patterns
    for (const bashism of ['[[', '==', 'function ', 'local ', '$(<', 'source ', 'pipefail']) {
      expect(code).not.toContain(bashism);
    }
  });
});
