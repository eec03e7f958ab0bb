import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathspecs } from '../../src/scope.js';
import { PROJECT } from '../helpers/withTempRepo.js';

describe('hooks/pre-commit', () => {
  const hook = readFileSync(join(PROJECT, 'hooks', 'pre-commit'), 'utf8');

  it('asks git about exactly the scanner\'s file scope in its fast path', () => {
    const inHook = [...hook.matchAll(/'(:\(top,glob,icase\)[^']+)'/g)].map((m) => m[1]);
    expect(inHook).toEqual(pathspecs());
  });

  it('is POSIX sh without bashisms', () => {
    expect(hook.startsWith('#!/bin/sh\n')).toBe(true);
    const code = hook.replace(/\[\[:[a-z]+:\]\]/g, ''); // POSIX character classes in grep patterns
    for (const bashism of ['[[', '==', 'function ', 'local ', '$(<', 'source ', 'pipefail']) {
      expect(code).not.toContain(bashism);
    }
  });
});
