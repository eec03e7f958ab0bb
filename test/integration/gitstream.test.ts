import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GitStream, stagedDiffArgs } from '../../src/git.js';
import { pathspecs } from '../../src/scope.js';
import { randomFrom } from '../helpers/fakeKeys.js';
import { withTempRepo } from '../helpers/withTempRepo.js';

async function collect(stream: GitStream): Promise<Buffer> {
  const out: Buffer[] = [];
  await stream.pipe((chunk) => out.push(Buffer.from(chunk))); // a chunk is valid only during the call
  return Buffer.concat(out);
}

describe('GitStream', () => {
  const savedPath = process.env.PATH;
  afterEach(() => {
    process.env.PATH = savedPath;
  });

  it('has git write into a private file (not on Windows), or a pipe when asked', () =>
    withTempRepo(async (repo) => {
      const viaFile = new GitStream(['--version'], repo.dir);
      const streamed = new GitStream(['--version'], repo.dir, { streams: true });
      expect(viaFile.viaFile).toBe(process.platform !== 'win32');
      expect(streamed.viaFile).toBe(false);
      const [a, b] = await Promise.all([collect(viaFile), collect(streamed)]);
      expect(a.toString()).toMatch(/^git version /);
      expect(a.equals(b)).toBe(true);
    }));

  it('leaves nothing in the temporary folder, not even while git runs', () =>
    withTempRepo(async (repo) => {
      const tmp = mkdtempSync(join(tmpdir(), 'akg-tmpdir-'));
      const saved = process.env.TMPDIR;
      try {
        process.env.TMPDIR = tmp;
        const stream = new GitStream(['--version'], repo.dir);
        expect(stream.viaFile).toBe(process.platform !== 'win32');
        expect(readdirSync(tmp)).toEqual([]); // the name is gone before git starts writing
        await collect(stream);
        expect(readdirSync(tmp)).toEqual([]);
      } finally {
        if (saved === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = saved;
        rmSync(tmp, { recursive: true, force: true });
      }
    }));

  it('hands on exactly the bytes git prints, both ways, for a diff far larger than a pipe', () =>
    withTempRepo(async (repo) => {
      for (let i = 0; i < 40; i++) {
        const lines = Array.from({ length: 400 }, () => `  tag_${randomFrom('abcdef', 6)} = "${randomFrom('abcdefghij0123456789', 60)}"`);
        repo.write(`m${i}/main.tf`, `${lines.join('\n')}\n`);
      }
      repo.stage('.');
      const args = stagedDiffArgs(pathspecs([]));
      const expected = spawnSync('git', args, { cwd: repo.dir, env: repo.env, maxBuffer: 1 << 28 }).stdout;
      expect(expected.length).toBeGreaterThan(1_000_000);
      expect((await collect(new GitStream(args, repo.dir))).equals(expected)).toBe(true);
      expect((await collect(new GitStream(args, repo.dir, { streams: true }))).equals(expected)).toBe(true);
    }));

  it.each([{}, { streams: true }])('reports a failing git by its first message (%o)', (options) =>
    withTempRepo(async (repo) => {
      await expect(collect(new GitStream(['log', 'no-such-revision', '--'], repo.dir, options))).rejects.toThrow(
        /Git failed \(.*no-such-revision/,
      );
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
      const stream = new GitStream(['diff'], bin);
      await expect(stream.pipe((chunk) => out.push(Buffer.from(chunk)))).rejects.toThrow(/Git failed \(e+\)/);
      expect(Buffer.concat(out).length).toBe(64 * 16384);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }, 20_000);
});
