import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAccessKeyId, fakeSecretAccessKey } from '../helpers/fakeKeys.js';
import { PROJECT, withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

/**
 * End to end, as a new user: `npm pack` this checkout, install the tarball (with husky 9 and
 * lint-staged from the registry) once, copy that node_modules into fresh repositories, run the
 * installer, and make real commits through Git.
 */
let cache: string;

beforeAll(() => {
  cache = mkdtempSync(join(tmpdir(), 'akg-e2e-cache-'));
  // --ignore-scripts: dist/ is built already (npm test builds first); a rebuild here would pull it from under the tests running beside this one
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', cache], { cwd: PROJECT, stdio: 'pipe' });
  const tgz = readdirSync(cache).find((f) => f.endsWith('.tgz')) as string;
  writeFileSync(join(cache, 'package.json'), '{ "name": "cache", "private": true }\n');
  execFileSync('npm', ['install', '-D', '--no-audit', '--no-fund', '--loglevel=error', `./${tgz}`, 'husky@9', 'lint-staged@16'], {
    cwd: cache,
    stdio: 'pipe',
    env: { ...process.env, HUSKY: '0' },
  });
});

afterAll(() => rmSync(cache, { recursive: true, force: true }));

function project(repo: TempRepo, pkg: Record<string, unknown> = {}) {
  cpSync(join(cache, 'node_modules'), join(repo.dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  repo.write('package.json', JSON.stringify({ name: 'my-terraform-lab', private: true, ...pkg }, null, 2));
  repo.write('.gitignore', 'node_modules/\n');
  repo.write('main.tf', 'provider "aws" {\n  region = "ap-northeast-1"\n}\n');
  repo.stage('.');
  repo.git(['commit', '-qm', 'lab setup', '--no-verify']);
}
const npx = (repo: TempRepo, ...args: string[]) => repo.run('npx', ['--no-install', ...args]);
const leak = () =>
  `provider "aws" {\n  region     = "ap-northeast-1"\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`;
const headOf = (repo: TempRepo) => repo.git(['rev-parse', 'HEAD']).stdout.trim();

/** Commits; returns whether it was refused and HEAD stayed where it was. */
function commitRefused(repo: TempRepo, args: string[] = []): { refused: boolean; output: string } {
  const before = headOf(repo);
  const r = repo.git(['commit', '-m', 'change', ...args], { allowFail: true });
  return { refused: r.code !== 0 && headOf(repo) === before, output: r.stdout + r.stderr };
}

function expectBlocksAndPasses(repo: TempRepo) {
  repo.write('main.tf', leak());
  repo.stage('main.tf');
  const blocked = commitRefused(repo);
  expect(blocked.refused).toBe(true);
  expect(blocked.output).toContain('git restore --staged main.tf');
  repo.git(['restore', '--staged', 'main.tf']);
  repo.git(['checkout', '--', 'main.tf']);
  repo.write('variables.tf', 'variable "region" {\n  default = "ap-northeast-1"\n}\n');
  repo.stage('variables.tf');
  expect(commitRefused(repo).refused).toBe(false);
}

describe('a real git commit through the installed hook', () => {
  it('plain Git: refuses a leak, allows a clean commit, and catches git commit -a and git commit <path>', async () => {
    await withTempRepo((repo) => {
      project(repo);
      const r = npx(repo, 'aws-key-guard', 'install');
      expect(r.code).toBe(0);
      expectBlocksAndPasses(repo);
      repo.write('main.tf', leak());
      expect(commitRefused(repo, ['-a']).refused).toBe(true);
      expect(commitRefused(repo, ['main.tf']).refused).toBe(true);
      expect(repo.git(['diff', '--cached', '--name-only']).stdout).toBe('');
    });
  });

  it('husky 9 initialised first: one line in .husky/pre-commit', async () => {
    await withTempRepo((repo) => {
      project(repo, { devDependencies: { husky: '^9' } });
      expect(npx(repo, 'husky', 'init').code).toBe(0);
      repo.write('.husky/pre-commit', '');
      expect(npx(repo, 'aws-key-guard', 'install').stdout).toContain('.husky/pre-commit');
      expectBlocksAndPasses(repo);
    });
  });

  it('core.hooksPath set to a folder of the repository', async () => {
    await withTempRepo((repo) => {
      project(repo);
      repo.git(['config', 'core.hooksPath', '.githooks']);
      expect(npx(repo, 'aws-key-guard', 'install').stdout).toContain('.githooks/pre-commit');
      expectBlocksAndPasses(repo);
    });
  });

  it('an existing pre-commit hook still runs, and uninstall restores it', async () => {
    await withTempRepo((repo) => {
      project(repo);
      const original = '#!/bin/sh\necho "existing hook ran"\n';
      repo.write('.git/hooks/pre-commit', original);
      repo.run('chmod', ['+x', '.git/hooks/pre-commit']);
      npx(repo, 'aws-key-guard', 'install');
      repo.write('main.tf', leak());
      repo.stage('main.tf');
      expect(commitRefused(repo).refused).toBe(true);
      repo.write('main.tf', 'a = 1\n');
      repo.stage('main.tf');
      expect(commitRefused(repo).output).toContain('existing hook ran'); // after our check
      npx(repo, 'aws-key-guard', 'uninstall');
      expect(repo.run('cat', ['.git/hooks/pre-commit']).stdout).toBe(original);
      repo.write('main.tf', leak());
      repo.stage('main.tf');
      expect(commitRefused(repo).refused).toBe(false);
    });
  });

  it('a linked worktree is protected too', async () => {
    await withTempRepo((repo) => {
      project(repo);
      npx(repo, 'aws-key-guard', 'install');
      repo.git(['worktree', 'add', '-q', '../wt']);
      const wt = join(repo.dir, '..', 'wt');
      cpSync(join(repo.dir, 'node_modules'), join(wt, 'node_modules'), { recursive: true, verbatimSymlinks: true });
      writeFileSync(join(wt, 'main.tf'), leak());
      repo.run('git', ['add', 'main.tf'], { cwd: wt });
      const r = repo.run('git', ['commit', '-m', 'leak'], { cwd: wt });
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('aws-access-key-id');
    });
  });

  it('lint-staged from the husky hook refuses a partially staged leak whose working copy is clean', async () => {
    await withTempRepo((repo) => {
      project(repo, { devDependencies: { husky: '^9', 'lint-staged': '^16' }, 'lint-staged': { '*': 'aws-key-guard scan' } });
      expect(npx(repo, 'husky', 'init').code).toBe(0);
      repo.write('.husky/pre-commit', 'npx lint-staged\n');
      repo.write('main.tf', leak());
      repo.stage('main.tf');
      repo.write('main.tf', 'provider "aws" {\n  region = "ap-northeast-1"\n}\n# edited after staging\n');
      const blocked = commitRefused(repo);
      expect(blocked.refused).toBe(true);
      expect(blocked.output).toContain('aws-access-key-id');
      expect(repo.run('cat', ['main.tf']).stdout).toContain('# edited after staging');
    });
  });
});

describe('husky set-ups in which an appended line would never run, or no hook runs at all', () => {
  it.each([
    ['ends in exit 0', 'npx lint-staged\nexit 0\n'],
    ['ends in an exec line', '#!/bin/sh\nexec npm test\n'],
  ])('a .husky/pre-commit that %s: our line goes where it runs, and doctor proves it', async (_name, original) => {
    await withTempRepo((repo) => {
      project(repo, { devDependencies: { husky: '^9' }, scripts: { test: 'exit 0' } });
      expect(npx(repo, 'husky', 'init').code).toBe(0);
      repo.write('.husky/pre-commit', original);
      const r = npx(repo, 'aws-key-guard', 'install');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Done');
      const text = repo.run('cat', ['.husky/pre-commit']).stdout;
      expect(text.indexOf('# aws-key-guard')).toBeLessThan(text.indexOf('exit 0') === -1 ? text.indexOf('exec') : text.indexOf('exit 0'));
      expect(npx(repo, 'aws-key-guard', 'doctor').code).toBe(0);
      repo.write('main.tf', leak());
      repo.stage('main.tf');
      expect(commitRefused(repo).refused).toBe(true);
    });
  });

  it('husky in devDependencies but not set up in this clone (npm ci --ignore-scripts): exit 1 with the one command, then it works', async () => {
    await withTempRepo((repo) => {
      project(repo, { devDependencies: { husky: '^9' } });
      const r = npx(repo, 'aws-key-guard', 'install');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('`npx husky`');
      expect(r.stdout + r.stderr).not.toContain('Done');
      const d = npx(repo, 'aws-key-guard', 'doctor');
      expect(d.code).toBe(1);
      expect(d.stdout.match(/^✖/gm)).toHaveLength(1);
      repo.write('main.tf', leak());
      repo.stage('main.tf');
      expect(commitRefused(repo).refused).toBe(false); // what doctor said: nothing runs yet
      repo.git(['reset', '-q', '--soft', 'HEAD~1']);
      repo.git(['rm', '-q', '--cached', 'main.tf']);
      repo.git(['commit', '-qm', 'setup again', '--no-verify']);
      expect(npx(repo, 'husky').code).toBe(0);
      expect(npx(repo, 'aws-key-guard', 'doctor').code).toBe(0);
      repo.stage('main.tf');
      expect(commitRefused(repo).refused).toBe(true);
      // husky's files present but core.hooksPath unset (a fresh clone): install sets it up
      repo.git(['config', '--unset', 'core.hooksPath']);
      const again = npx(repo, 'aws-key-guard', 'install');
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('git config core.hooksPath .husky/_');
      expect(commitRefused(repo).refused).toBe(true);
    });
  });

  it.each([
    ['AWS_KEY_GUARD=0', { AWS_KEY_GUARD: '0' }],
    ['HUSKY=0', { HUSKY: '0' }],
  ])('doctor runs this clone\'s real chain: with %s set, a leak would pass, so it exits 1', async (_name, env) => {
    await withTempRepo((repo) => {
      project(repo, { devDependencies: { husky: '^9' } });
      expect(npx(repo, 'husky', 'init').code).toBe(0);
      repo.write('.husky/pre-commit', '');
      expect(npx(repo, 'aws-key-guard', 'install').code).toBe(0);
      const d = repo.run('npx', ['--no-install', 'aws-key-guard', 'doctor'], { env: { ...repo.env, ...env } });
      expect(d.code).toBe(1);
      expect(d.stdout.match(/^✖/gm)).toHaveLength(1);
      expect(d.stdout).not.toMatch(/^✔ a commit/m);
    });
  });
});
