import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { randomInt } from 'node:crypto';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';
import { PROJECT, withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

/** A copy of the built package (dist and package.json), so that its cache starts empty. */
function copyPackage(): string {
  const dir = mkdtempSync(join(tmpdir(), 'akg-loader-'));
  cpSync(join(PROJECT, 'dist'), join(dir, 'dist'), { recursive: true, filter: (src) => !src.includes('.cache') });
  cpSync(join(PROJECT, 'package.json'), join(dir, 'package.json'));
  return dir;
}

const cacheFile = (dir: string) => join(dir, 'dist', '.cache', `program-${process.version}-${process.arch}.v8`);
const cli = (dir: string, args: string[], cwd?: string) => spawnSync(process.execPath, [join(dir, 'dist', 'cli.js'), ...args], { encoding: 'utf8', cwd });

describe('the CLI entry and its code cache', () => {
  const made: string[] = [];
  afterEach(() => {
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh copy of the package, and a repository with one clean file staged, to scan. */
  const withPackage = (test: (dir: string, repo: TempRepo) => void) =>
    withTempRepo((repo) => {
      const dir = copyPackage();
      made.push(dir);
      repo.write('main.tf', 'a = 1\n');
      repo.stage('main.tf');
      test(dir, repo);
    });

  it('saves the compiled program on the first scan (not on other commands) and starts from it afterwards', () =>
    withPackage((dir, repo) => {
      expect(cli(dir, ['--version']).status).toBe(0);
      expect(existsSync(cacheFile(dir)), 'not made by --version: it would leave the scanner out').toBe(false);
      const first = cli(dir, ['scan'], repo.dir);
      expect(first.status).toBe(0);
      const saved = readFileSync(cacheFile(dir));
      expect(saved.length).toBeGreaterThan(1000);
      expect(cli(dir, ['scan'], repo.dir).stdout).toBe(first.stdout);
      expect(cli(dir, ['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/); // other commands use it too
      expect(readFileSync(cacheFile(dir)).equals(saved), 'an accepted cache is not rewritten').toBe(true);
      expect(readdirSync(join(dir, 'dist', '.cache'))).toHaveLength(1); // no temporary files left
      // Checking the cache must not load node:crypto: that costs more than the cache saves.
      const modules = spawnSync(process.execPath, ['-e', `process.argv.splice(1, 1, ${JSON.stringify(join(dir, 'dist', 'cli.js'))}); process.on('exit', () => require('fs').writeSync(3, process.moduleLoadList.join('\\n'))); require(process.argv[1])`, 'x', 'scan'], { cwd: repo.dir, stdio: ['ignore', 'ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      expect(modules.output[3]).toContain('NativeModule vm');
      expect(modules.output[3]).not.toContain('NativeModule crypto');
    }));

  it('runs the same from a damaged cache, and replaces it', () =>
    withPackage((dir, repo) => {
      const first = cli(dir, ['scan'], repo.dir);
      writeFileSync(cacheFile(dir), Buffer.alloc(5000, 7));
      const r = cli(dir, ['scan'], repo.dir);
      expect(r.status).toBe(0);
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe(first.stdout);
      expect(readFileSync(cacheFile(dir)).equals(Buffer.alloc(5000, 7))).toBe(false);
    }));

  it('judges exactly as without a cache when any byte of the cache is flipped, or the cache is cut short', () =>
    withTempRepo((repo) => {
      const dir = copyPackage();
      made.push(dir);
      repo.write('clean.tf', 'a = 1\n');
      repo.write('leak.tf', `access_key = "${fakeAccessKeyId()}"\n`);
      repo.stage('clean.tf', 'leak.tf');
      const judge = () => [cli(dir, ['scan', 'clean.tf'], repo.dir), cli(dir, ['scan', 'leak.tf'], repo.dir)].map((r) => `${r.status}\n${r.stdout}\n${r.stderr}`);
      const expected = judge(); // the first run: no cache yet
      expect(expected[1]).toMatch(/^1\n/);
      const good = readFileSync(cacheFile(dir));
      const header = good.indexOf(10) + 1;
      const damaged: Buffer[] = [good.subarray(0, header), good.subarray(0, good.length - 1), good.subarray(0, header + 100), Buffer.alloc(0)];
      for (let i = 0; i < 12; i++) {
        const copy = Buffer.from(good);
        const at = i < 4 ? i * 7 : header + randomInt(good.length - header); // the header too
        copy[at] = (copy[at] as number) ^ (1 << randomInt(8));
        damaged.push(copy);
      }
      for (const bytes of damaged) {
        writeFileSync(cacheFile(dir), bytes);
        expect(judge()).toEqual(expected);
        expect(readFileSync(cacheFile(dir)).equals(bytes), 'a damaged cache is replaced').toBe(false);
      }
    }));

  it('runs where the cache cannot be written, without a cache and without a word about it', () =>
    withPackage((dir, repo) => {
      writeFileSync(join(dir, 'dist', '.cache'), 'not a folder'); // fails for every user, root included
      const r = cli(dir, ['scan'], repo.dir);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('no AWS keys');
      expect(r.stderr).toBe('');
      expect(readFileSync(join(dir, 'dist', '.cache'), 'utf8')).toBe('not a folder');
    }));
});

describe('what a scan loads', () => {
  /** The package's own files that a run of the CLI required, as paths below dist/. */
  function loaded(repoDir: string, args: string[]): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'akg-loads-'));
    try {
      const preload = join(dir, 'record.cjs');
      const out = join(dir, 'loaded.txt');
      writeFileSync(
        preload,
        `const Module = require('module'); const fs = require('fs'); const seen = new Set();
         const load = Module._load;
         Module._load = function (request, parent, isMain) {
           try { seen.add(Module._resolveFilename(request, parent, isMain)); } catch {}
           return load.apply(this, arguments);
         };
         process.on('exit', () => fs.writeFileSync(${JSON.stringify(out)}, [...seen].join('\\n')));`,
      );
      spawnSync(process.execPath, ['-r', preload, join(PROJECT, 'dist', 'cli.js'), ...args], { cwd: repoDir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      const dist = join(PROJECT, 'dist');
      return readFileSync(out, 'utf8')
        .split('\n')
        .filter((p) => p.startsWith(dist))
        .map((p) => p.slice(dist.length + 1));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  // program.js is read by cli.js itself (through the code cache), so it is not among these.
  it('is no other file of the package for a plain scan; SARIF only when asked for', () =>
    withTempRepo((repo) => {
      repo.write('main.tf', 'provider "aws" {\n  region = "eu-west-1"\n}\n');
      repo.stage('main.tf');
      expect(loaded(repo.dir, ['scan']).sort()).toEqual(['cli.js']);
      expect(loaded(repo.dir, ['scan', '--format', 'sarif']).sort()).toEqual(['cli.js', 'report/sarif.js']);
      expect(loaded(repo.dir, ['explain']).sort()).toEqual(['cli.js', 'commands/explain.js']);
    }));
});
