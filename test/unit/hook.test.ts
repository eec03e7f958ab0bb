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

  it('has git write exactly the diff the CLI would ask for, by file or pipe, each way with its end signal', () => {
    const flat = hook.replace(/\\\n\s*/g, '');
    const git = /diff_staged\(\) \{\s*git (.+?) -- "\$@"\s*\}/.exec(flat);
    expect(git, 'the git command').not.toBeNull();
    expect(`${(git?.[1] as string).trim().split(/\s+/).join(' ')} --`).toBe(stagedDiffArgs([]).join(' '));
    // by file: made before the CLI starts, git appends to it, an empty exit-<status> file once git is done
    expect(flat).toContain(': >"$dir/diff"');
    const end = /end_of_diff\(\) \{ printf '([^']+)'; \}/.exec(flat);
    expect((end?.[1] as string).replace(/\\n/g, '\n')).toBe(END_OF_DIFF);
    expect(flat).toContain('{ diff_staged "$@" >>"$dir/diff" && end_of_diff 2>/dev/null >>"$dir/diff"; : 2>/dev/null >"$dir/exit-$?"; } &');
    expect(flat).toContain('node "$cli" scan --diff-dir "$dir"');
    // by pipe (no mktemp): the end-of-diff line only if git succeeded
    expect(flat).toContain('{ diff_staged "$@" && end_of_diff; } | node "$cli" scan --stdin');
  });

  it('is POSIX sh without bashisms', () => {
    expect(hook.startsWith('#!/bin/sh\n')).toBe(true);
    const code = hook.replace(/\[\[:[a-z]+:\]\]/g, ''); // POSIX character classes in grep patterns
    for (const bashism of ['[[', '==', 'function ', 'local ', '$(<', 'source ', 'pipefail']) {
      expect(code).not.toContain(bashism);
    }
  });
});
