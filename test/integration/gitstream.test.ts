import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pathspecs, stagedDiffArgs } from '../../src/git/args.js';
import { streamGit } from '../../src/git/run.js';
import { randomFrom } from '../helpers/fakeKeys.js';
import { withTempRepo } from '../helpers/withTempRepo.js';

async function collect(args: readonly string[], cwd: string): Promise<Buffer> {
  const out: Buffer[] = [];
  await streamGit(args, cwd, (chunk) => out.push(Buffer.from(chunk)));
  return Buffer.concat(out);
}

describe('streamGit', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('hands on exactly the bytes git prints, for a diff far larger than a pipe', () =>
    withTempRepo(async (repo) => {
      for (let i = 0; i < 40; i++) {
        const lines = Array.from({ length: 400 }, () => `  tag_${randomFrom('abcdef', 6)} = "${randomFrom('abcdefghij0123456789', 60)}"`);
        repo.write(`m${i}/main.tf`, `${lines.join('\n')}\n`);
      }
      repo.stage('.');
      const args = stagedDiffArgs(pathspecs([]));
      const expected = spawnSync('git', args, { cwd: repo.dir, env: repo.env, maxBuffer: 1 << 28 }).stdout;
      expect(expected.length).toBeGreaterThan(1_000_000);
      expect((await collect(args, repo.dir)).equals(expected)).toBe(true);
    }));

  it('reports a failing git by its first message', () =>
    withTempRepo(async (repo) => {
      await expect(collect(['log', 'no-such-revision', '--'], repo.dir)).rejects.toThrow(/Git failed \(.*no-such-revision/);
    }));

  it('stops git and rejects with the error of a sink that throws', () =>
    withTempRepo(async (repo) => {
      await expect(
        streamGit(['--version'], repo.dir, () => {
          throw new Error('sink failed');
        }),
      ).rejects.toThrow('sink failed');
    }));

  it('is not blocked by a git that writes a lot to stderr while its output is read', async () => {
    // A stand-in git: a megabyte on stderr (more than the pipe holds) interleaved with stdout.
    const bin = mkdtempSync(join(tmpdir(), 'akg-fakegit-'));
    try {
      const script = join(bin, 'git');
      writeFileSync(script, '#!/bin/sh\ni=0\nwhile [ $i -lt 64 ]; do head -c 16384 /dev/zero | tr "\\0" e >&2; head -c 16384 /dev/zero | tr "\\0" o; i=$((i+1)); done\nexit 3\n');
      chmodSync(script, 0o755);
      process.env.PATH = `${bin}${delimiter}${savedPath ?? ''}`;
      const out: Buffer[] = [];
      await expect(streamGit(['diff'], bin, (chunk) => out.push(Buffer.from(chunk)))).rejects.toThrow(/Git failed \(e+\)/);
      expect(Buffer.concat(out).length).toBe(64 * 16384);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }, 20_000);
});
