import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';
import { PROJECT, withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

/**
 * pnpm and Yarn 4, both from the npm registry (skipped when it cannot be reached): the hook names
 * the same stable path as with npm, and Yarn's Plug'n'Play gets the one change that makes it work.
 */
const PNPM = ['-y', 'pnpm@9'];
const YARN = ['-y', '-p', '@yarnpkg/cli-dist@4', 'yarn'];
const works = (args: string[]) => spawnSync('npx', [...args, '--version'], { stdio: 'ignore', timeout: 120_000 }).status === 0;
const pnpm = works(PNPM);
const yarn = works(YARN);

let tgz: string;
let cache: string;
beforeAll(() => {
  cache = mkdtempSync(join(tmpdir(), 'akg-e2e-managers-'));
  // --ignore-scripts: dist/ is built already (npm test builds first); a rebuild here would pull it from under the tests running beside this one
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', cache], { cwd: PROJECT, stdio: 'pipe' });
  tgz = join(cache, readdirSync(cache).find((f) => f.endsWith('.tgz')) as string);
});
afterAll(() => rmSync(cache, { recursive: true, force: true }));

function refusesLeak(repo: TempRepo) {
  repo.write('main.tf', `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n}\n`);
  repo.stage('main.tf');
  const r = repo.git(['commit', '-m', 'leak'], { allowFail: true });
  expect(r.code).not.toBe(0);
  expect(r.stdout + r.stderr).toContain('aws-access-key-id');
}

describe('package managers other than npm', () => {
  it.runIf(pnpm)('pnpm: the hook names node_modules/aws-key-guard, not the versioned store folder', async () => {
    await withTempRepo((repo) => {
      repo.write('package.json', '{ "name": "lab", "private": true }\n');
      expect(repo.run('npx', [...PNPM, 'add', '-D', tgz]).code).toBe(0);
      const r = repo.run('npx', [...PNPM, 'exec', 'aws-key-guard', 'install']);
      expect(r.code).toBe(0);
      const hook = readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8');
      expect(hook).toContain('sh node_modules/aws-key-guard/hooks/pre-commit');
      expect(hook).not.toContain('.pnpm');
      refusesLeak(repo);
    });
  });

  it.runIf(yarn)('Yarn 4 with Plug\'n\'Play: exit 1 with the exact switch, which then works', async () => {
    await withTempRepo((repo) => {
      repo.write('package.json', '{ "name": "lab", "private": true }\n');
      expect(repo.run('npx', [...YARN, 'add', '-D', `aws-key-guard@file:${tgz}`]).code).toBe(0);
      const pnp = repo.run('npx', [...YARN, 'aws-key-guard', 'install']);
      expect(pnp.code).toBe(1);
      expect(pnp.stderr).toContain('`nodeLinker: node-modules` to .yarnrc.yml');
      writeFileSync(join(repo.dir, '.yarnrc.yml'), 'nodeLinker: node-modules\n', { flag: 'a' });
      expect(repo.run('npx', [...YARN, 'install']).code).toBe(0);
      expect(repo.run('npx', [...YARN, 'aws-key-guard', 'install']).code).toBe(0);
      refusesLeak(repo);
    });
  });
});
