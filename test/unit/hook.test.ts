import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedFiles, manifestFilesPattern } from '../../src/hookscript.js';
import { TARGET_FILES } from '../../src/rules.js';
import { PROJECT } from '../helpers/withTempRepo.js';

describe('generated hook scripts and manifest', () => {
  it.each(Object.entries(generatedFiles()))('%s is checked in exactly as the build generates it', (file, text) => {
    expect(readFileSync(join(PROJECT, file), 'utf8')).toBe(text);
  });

  it('are POSIX sh without bashisms', () => {
    for (const hook of ['hooks/pre-commit', 'hooks/pre-push', 'hooks/pre-receive']) {
      const text = generatedFiles()[hook] as string;
      expect(text.startsWith('#!/bin/sh\n')).toBe(true);
      const code = text.replace(/\[\[:[a-z]+:\]\]/g, ''); // POSIX character classes in grep patterns
      for (const bashism of ['[[', '==', 'function ', 'local ', '$(<', 'source ', 'pipefail', 'mktemp', 'trap ']) {
        expect(code, `${hook}: ${bashism}`).not.toContain(bashism);
      }
    }
  });

  // The manifest's pattern is Python's; its syntax here is also JavaScript's.
  const files = new RegExp(manifestFilesPattern().replace('(?i)', ''), 'i');
  it.each([
    ['main.tf', true],
    ['infra/prod/terraform.tfvars', true],
    ['a/.env.production', true],
    ['x/.aws/config', true],
    ['terraform.tfstate.backup', true],
    ['MAIN.TF', true],
    ['README.md', false],
    ['main.tflite', false],
    ['src/app.ts', false],
  ])('the manifest pattern takes %s: %s', (path, expected) => {
    expect(files.test(path)).toBe(expected);
  });

  it('the manifest pattern has one alternative per scope glob', () => {
    expect(manifestFilesPattern().split('|').length).toBe(TARGET_FILES.length + 1); // (^|/) adds one
  });
});
