import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';
import { withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

/** The package with its pre-push hook, and an empty bare repository as origin. */
function withOrigin(repo: TempRepo) {
  repo.linkPackage();
  repo.write('.gitignore', 'node_modules/\n');
  repo.run('git', ['init', '-q', '--bare', join(repo.dir, '..', 'remote.git')]);
  repo.git(['remote', 'add', 'origin', join(repo.dir, '..', 'remote.git')]);
  expect(repo.cli(['install', '--pre-push']).code).toBe(0);
}

/** withOrigin, and a clean first commit on main (main.tf) */
function withBase(repo: TempRepo) {
  withOrigin(repo);
  repo.write('main.tf', 'm = 0\n');
  repo.stage('.gitignore', 'package.json', 'main.tf');
  repo.git(['commit', '-qm', 'base']);
}

/** A blocked push: the advice must unblock it, with or without an upstream branch. */
function pushSetup(repo: TempRepo, firstIsBad: boolean) {
  withOrigin(repo);
  if (!firstIsBad) {
    repo.write('a.tf', 'a = 1\n');
    repo.stage('.gitignore', 'package.json', 'a.tf');
    repo.git(['commit', '-qm', 'base']);
  }
  repo.write('main.tf', `k = "${fakeAccessKeyId()}"\n`);
  repo.stage('.');
  repo.git(['commit', '-qm', 'bad', '--no-verify']);
  repo.write('b.tf', 'b = 2\n');
  repo.stage('b.tf');
  repo.git(['commit', '-qm', 'a clean commit after it']);
}

describe('a push refused by the pre-push hook', () => {
  it.each([
    ['with commits before the bad one', false],
    ['when the bad commit is the first one', true],
  ])('gives a rebase command that works without an upstream, %s', async (_name, firstIsBad) => {
    await withTempRepo((repo) => {
      pushSetup(repo, firstIsBad);
      const r = repo.git(['push', '-q', 'origin', 'HEAD:main'], { allowFail: true });
      expect(r.code).not.toBe(0);
      const out = (r.stdout + r.stderr).replace(/\s+/g, ' ');
      expect(out).toContain('a new commit that deletes it does not help');
      const rebase = /`(git rebase -i [0-9a-f]{12}~1)`/.exec(out)?.[1] as string;
      expect(rebase).toBeDefined();
      const command = firstIsBad ? 'git rebase -i --root' : rebase;
      expect(out).toContain(command);
      // "edit" every commit, drop the key where it stops, go on: then the push goes through.
      const env = { GIT_SEQUENCE_EDITOR: "sed -i 's/^pick/edit/'" };
      expect(repo.run('sh', ['-c', command], { env: { ...repo.env, ...env } }).code).toBe(0);
      for (let i = 0; i < 5 && repo.git(['status']).stdout.includes('rebase'); i++) {
        repo.write('main.tf', 'k = var.k\n');
        repo.stage('main.tf');
        repo.git(['commit', '-q', '--amend', '-a', '--no-edit', '--allow-empty']);
        repo.git(['rebase', '--continue'], { env: { GIT_EDITOR: 'true' }, allowFail: true });
      }
      expect(repo.git(['push', '-q', 'origin', 'HEAD:main'], { allowFail: true }).code).toBe(0);
    });
  });
});

describe('what counts as pushed already', () => {
  it('is what the remote being pushed to has: a key another remote has is still refused', async () => {
    await withTempRepo((repo) => {
      pushSetup(repo, false);
      // the private remote has the key (pushed past the hook) ...
      expect(repo.git(['push', '-q', '--no-verify', 'origin', 'HEAD:main']).code).toBe(0);
      // ... so a new branch to it adds nothing new, and goes through
      expect(repo.git(['push', '-q', 'origin', 'HEAD:feature'], { allowFail: true }).code).toBe(0);
      // a public one does not have it: the first push there, by name or by URL, is refused
      repo.run('git', ['init', '-q', '--bare', join(repo.dir, '..', 'public.git')]);
      repo.git(['remote', 'add', 'public', join(repo.dir, '..', 'public.git')]);
      for (const target of ['public', join(repo.dir, '..', 'public.git')]) {
        const r = repo.git(['push', '-q', target, 'HEAD:main'], { allowFail: true });
        expect(r.code, target).not.toBe(0);
        expect(r.stdout + r.stderr).toContain('aws-access-key-id');
      }
      // the same through the CLI under the pre-commit framework, which names the remote in a variable
      const framework = repo.cli(['scan', '--pre-push'], { PRE_COMMIT: '1', PRE_COMMIT_LOCAL_BRANCH: 'HEAD', PRE_COMMIT_REMOTE_NAME: 'public' });
      expect(framework.code).toBe(1);
      expect(repo.cli(['scan', '--pre-push'], { PRE_COMMIT: '1', PRE_COMMIT_LOCAL_BRANCH: 'HEAD', PRE_COMMIT_REMOTE_NAME: 'origin' }).code).toBe(0);
    });
  });

  it("is Git's own list: the framework's variables set beside a plain push change nothing", async () => {
    await withTempRepo((repo) => {
      pushSetup(repo, false);
      for (const env of [
        { PRE_COMMIT_FROM_REF: 'HEAD', PRE_COMMIT_TO_REF: 'HEAD' },
        { PRE_COMMIT: '1', PRE_COMMIT_LOCAL_BRANCH: 'HEAD~2' },
        { PRE_COMMIT: '1', PRE_COMMIT_FROM_REF: 'HEAD', PRE_COMMIT_TO_REF: 'HEAD', PRE_COMMIT_REMOTE_NAME: 'elsewhere' },
      ]) {
        const r = repo.git(['push', '-q', 'origin', 'HEAD:main'], { allowFail: true, env });
        expect(r.code, JSON.stringify(env)).not.toBe(0);
        expect(r.stdout + r.stderr).toContain('aws-access-key-id');
      }
    });
  });

  it('refuses a tag that names a tree or a blob, which it cannot read as commits', async () => {
    await withTempRepo((repo) => {
      pushSetup(repo, false);
      repo.git(['tag', 'treetag', repo.git(['write-tree']).stdout.trim()]);
      repo.git(['tag', '-a', '-m', 'b', 'blobtag', repo.git(['rev-parse', ':main.tf']).stdout.trim()]);
      for (const tag of ['treetag', 'blobtag']) {
        const r = repo.git(['push', '-q', 'origin', tag], { allowFail: true });
        expect(r.code, tag).not.toBe(0);
        expect(r.stderr).toMatch(/names a (tree|blob), not a commit/);
      }
      expect(repo.git(['push', '-q', '--no-verify', 'origin', 'treetag']).code).toBe(0);
    });
  });

  it('reads the commits push sends, not what git replace shows in their place', async () => {
    await withTempRepo((repo) => {
      withBase(repo);
      repo.git(['push', '-q', 'origin', 'HEAD:main']);
      repo.write('main.tf', `k = "${fakeAccessKeyId()}"\n`);
      repo.stage('main.tf');
      repo.git(['commit', '-qm', 'bad', '--no-verify']);
      const bad = repo.git(['rev-parse', 'HEAD']).stdout.trim();
      const clean = repo.git(['commit-tree', 'HEAD~1^{tree}', '-p', 'HEAD~1', '-m', 'looks clean']).stdout.trim();
      repo.git(['replace', bad, clean]);
      const r = repo.git(['push', '-q', 'origin', 'HEAD:main'], { allowFail: true });
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('aws-access-key-id');
      expect(repo.cli(['scan', '--history']).code).toBe(1);
    });
  });

  it("is never another remote's whose name starts like a folder of this one (gh/private beside gh)", async () => {
    await withTempRepo((repo) => {
      pushSetup(repo, false);
      for (const name of ['private', 'public']) repo.run('git', ['init', '-q', '--bare', join(repo.dir, '..', `${name}.git`)]);
      repo.git(['remote', 'add', 'gh/private', join(repo.dir, '..', 'private.git')]);
      repo.git(['remote', 'add', 'gh', join(repo.dir, '..', 'public.git')]);
      expect(repo.git(['push', '-q', '--no-verify', 'gh/private', 'HEAD:main']).code).toBe(0);
      const r = repo.git(['push', '-q', 'gh', 'HEAD:main'], { allowFail: true });
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('aws-access-key-id');
      expect(repo.cli(['scan', '--pre-push'], { PRE_COMMIT: '1', PRE_COMMIT_LOCAL_BRANCH: 'HEAD', PRE_COMMIT_REMOTE_NAME: 'gh' }).code).toBe(1);
    });
  });

  it('is nothing when the remote pushes to another URL than it fetches from (a pushurl)', async () => {
    await withTempRepo((repo) => {
      pushSetup(repo, false);
      expect(repo.git(['push', '-q', '--no-verify', 'origin', 'HEAD:main']).code).toBe(0); // the private one has it
      repo.run('git', ['init', '-q', '--bare', join(repo.dir, '..', 'public.git')]);
      repo.git(['remote', 'set-url', '--push', 'origin', join(repo.dir, '..', 'public.git')]);
      const r = repo.git(['push', '-q', 'origin', 'HEAD:refs/heads/feature'], { allowFail: true });
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('aws-access-key-id');
    });
  });

  it('holds what a merge of three or more parents adds itself (an octopus)', async () => {
    await withTempRepo((repo) => {
      withBase(repo);
      for (const b of ['a', 'b']) {
        repo.git(['checkout', '-qb', b, 'main']);
        repo.write(`${b}.tf`, `${b} = 1\n`);
        repo.stage(`${b}.tf`);
        repo.git(['commit', '-qm', b]);
      }
      repo.git(['checkout', '-q', 'main']);
      repo.write('main.tf', 'm = 1\n');
      repo.stage('main.tf');
      repo.git(['commit', '-qm', 'main moves on']);
      repo.git(['merge', '-q', '--no-commit', 'a', 'b'], { allowFail: true });
      repo.write('evil.tf', `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n}\n`);
      repo.stage('evil.tf');
      repo.git(['commit', '-qm', 'octopus', '--no-verify']);
      expect(repo.git(['rev-list', '--parents', '-n1', 'HEAD']).stdout.trim().split(' ')).toHaveLength(4);
      const r = repo.git(['push', '-q', 'origin', 'HEAD:main'], { allowFail: true });
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('evil.tf:2');
      expect(repo.cli(['scan', '--history']).code).toBe(1);
    });
  });

  it("trusts a remote's second URL (a mirror pushed to together): an old key there blocks nothing", async () => {
    await withTempRepo((repo) => {
      pushSetup(repo, false);
      repo.run('git', ['init', '-q', '--bare', join(repo.dir, '..', 'mirror.git')]);
      repo.git(['config', '--add', 'remote.origin.url', join(repo.dir, '..', 'mirror.git')]);
      expect(repo.git(['push', '-q', '--no-verify', 'origin', 'HEAD:main']).code).toBe(0); // both have the old key
      repo.git(['fetch', '-q', 'origin']);
      repo.write('c.tf', 'c = 3\n');
      repo.stage('c.tf');
      repo.git(['commit', '-qm', 'clean']);
      const r = repo.git(['push', '-q', 'origin', 'HEAD:refs/heads/feature'], { allowFail: true });
      expect(r.code, r.stderr).toBe(0);
    });
  });

  it('does not blame an octopus merge for a key one of its other parents already pushed', async () => {
    await withTempRepo((repo) => {
      withBase(repo);
      repo.git(['push', '-q', 'origin', 'HEAD:main']);
      for (const b of ['b1', 'b2', 'b3']) {
        repo.git(['checkout', '-qb', b, 'main']);
        repo.write(`${b}.tfvars`, b === 'b2' ? `access_key = "${fakeAccessKeyId()}"\n` : `${b} = 1\n`);
        repo.stage(`${b}.tfvars`);
        repo.git(['commit', '-qm', b, '--no-verify']);
      }
      repo.git(['push', '-q', '--no-verify', 'origin', 'b1', 'b2', 'b3']);
      repo.git(['checkout', '-q', 'main']);
      repo.git(['merge', '-q', '--no-edit', 'b1', 'b2', 'b3']);
      expect(repo.git(['rev-list', '--parents', '-n1', 'HEAD']).stdout.trim().split(' ')).toHaveLength(4);
      const r = repo.git(['push', '-q', 'origin', 'HEAD:refs/heads/integ'], { allowFail: true });
      expect(r.code, r.stdout + r.stderr).toBe(0);
    });
  });
});
