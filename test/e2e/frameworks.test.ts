import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kindOf } from '../../src/scope.js';
import { fakeAccessKeyId, fakeSecretAccessKey } from '../helpers/fakeKeys.js';
import { PROJECT, withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

const leak = () => `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`;
/** In CI (.ci/run installs them) a missing tool is a failure, not a skip. */
const needed = (cmd: string) => has(cmd) || process.env.CI === 'true';
const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describe('the pre-commit framework (pre-commit try-repo against this checkout)', () => {
  const home = mkdtempSync(join(tmpdir(), 'akg-pre-commit-home-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));
  const tryRepo = (repo: TempRepo) => repo.run('pre-commit', ['try-repo', PROJECT, 'aws-key-guard'], { env: { ...repo.env, PRE_COMMIT_HOME: home } });

  it.runIf(needed('pre-commit'))('refuses a staged key, passes a clean change, and judges a partially staged file by its index', async () => {
    await withTempRepo((repo) => {
      repo.write('main.tf', 'provider "aws" {\n  region = "ap-northeast-1"\n}\n');
      repo.stage('main.tf');
      repo.git(['commit', '-qm', 'base']);
      repo.write('main.tf', leak());
      repo.stage('main.tf');
      const refused = tryRepo(repo);
      expect(refused.code, refused.stdout + refused.stderr).not.toBe(0);
      expect(refused.stdout).toContain('aws-access-key-id');

      repo.write('main.tf', 'provider "aws" {\n  region = "us-east-1"\n}\n');
      repo.stage('main.tf');
      const clean = tryRepo(repo);
      expect(clean.code, clean.stdout + clean.stderr).toBe(0);

      repo.write('main.tf', leak());
      repo.stage('main.tf');
      repo.write('main.tf', 'provider "aws" {\n  region = "eu-west-1"\n}\n');
      const partial = tryRepo(repo);
      expect(partial.code).not.toBe(0);
      expect(partial.stdout).toContain('aws-access-key-id');
      expect(repo.run('cat', ['main.tf']).stdout).toContain('eu-west-1');
    });
  });

  it.runIf(needed('pre-commit'))('runs the README\'s local hooks: the installed hook scripts, for commits and pushes', async () => {
    // The `- repo: local` part of the README's example, as written there (the other repository
    // in it would be downloaded).
    const readme = execFileSync('cat', [join(PROJECT, 'README.md')]).toString();
    const section = readme.slice(readme.indexOf('### The pre-commit framework'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
    const local = yaml.slice(yaml.indexOf('  - repo: local'));
    expect(local).toContain('entry: node_modules/aws-key-guard/hooks/pre-commit');
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('.gitignore', 'node_modules/\n');
      repo.write('.pre-commit-config.yaml', `repos:\n${local}`);
      repo.stage('.gitignore', '.pre-commit-config.yaml', 'package.json');
      repo.git(['commit', '-qm', 'base']);
      const env = { ...repo.env, PRE_COMMIT_HOME: home };
      expect(repo.run('pre-commit', ['install', '--hook-type', 'pre-commit', '--hook-type', 'pre-push'], { env }).code).toBe(0);
      repo.write('main.tf', 'module "m" {\n  source = "./m"\n}\n');
      repo.stage('main.tf');
      const clean = repo.git(['commit', '-qm', 'clean'], { allowFail: true, env });
      expect(clean.code, clean.stdout + clean.stderr).toBe(0);
      repo.write('main.tf', leak());
      repo.stage('main.tf');
      const refused = repo.git(['commit', '-qm', 'leak'], { allowFail: true, env });
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toContain('aws-access-key-id');
      // committed past the hook: the pre-push hook, run by the framework, refuses to push it
      repo.git(['commit', '-qm', 'leak', '--no-verify']);
      repo.run('git', ['init', '-q', '--bare', join(repo.dir, '..', 'remote.git')]);
      repo.git(['remote', 'add', 'origin', join(repo.dir, '..', 'remote.git')]);
      const push = repo.git(['push', '-q', 'origin', 'HEAD:main'], { allowFail: true, env });
      expect(push.code).not.toBe(0);
      expect(push.stdout + push.stderr).toContain('aws-access-key-id');
    });
  });

  it('runs the hook for exactly the files the scanner reads', () => {
    const yaml = execFileSync('cat', [join(PROJECT, '.pre-commit-hooks.yaml')]).toString();
    const files = [...yaml.matchAll(/^ {2}files: \(\?i\)(.+)$/gm)].map((m) => new RegExp(m[1] as string, 'i'));
    expect(files).toHaveLength(2);
    const samples = [
      'main.tf', 'a/b/c.TF', 'x.tf.json', 'p.tfvars', 'secrets.auto.tfvars', 'v.tfvars.json', 'terragrunt.hcl', '.env', 'app/.env.local',
      'prod.env', '.envrc', 'credentials', 'home/.aws/credentials', '.aws/config', 'terraform.tfstate', 'terraform.tfstate.backup',
      'x/terraform.tfstate.123.backup', 'main.py', 'README.md', 'env', 'config', 'tf', 'notes.tf.bak', '.environment', 'aws/config',
      'user_data.tftpl', 'prod.s3.tfbackend', 'terragrunt.hcl.json', 'prod.tfvars~', 'main.tf.orig', 'terraform.tfvars.example', 'main.tfplan',
    ];
    for (const re of files) for (const p of samples) expect(re.test(p), p).toBe(kindOf(p) !== undefined);
  });
});

describe('the installed hook under any POSIX shell', () => {
  const shells = [
    ['dash', ['/usr/bin/dash']],
    ['busybox sh', ['/usr/bin/busybox', 'sh']],
    ['bash', ['/bin/bash', '--posix']],
  ] as const;

  it.each(shells)('%s blocks and passes the same commits, with spaces in the repository and node paths', async (_name, shell) => {
    if (!needed(shell[0])) return;
    const base = mkdtempSync(join(tmpdir(), 'akg shell '));
    try {
      // node and sh from folders whose names have spaces; sh is the shell under test
      const bin = join(base, 'my tools', 'bin');
      mkdirSync(bin, { recursive: true });
      symlinkSync(process.execPath, join(bin, 'node'));
      writeFileSync(join(bin, 'sh'), `#!/bin/sh\nexec ${shell.join(' ')} "$@"\n`, { mode: 0o755 });
      for (const tool of ['git', 'dirname', 'grep', 'cat']) {
        const p = execFileSync('sh', ['-c', `command -v ${tool}`]).toString().trim();
        symlinkSync(p, join(bin, tool));
      }
      await withTempRepo((repo) => {
        repo.linkPackage();
        expect(repo.cli(['install']).code).toBe(0);
        const env = { ...repo.env, PATH: bin };
        const runHook = () => repo.run(shell[0], [...shell.slice(1), join(repo.dir, '.git', 'hooks', 'pre-commit')], { env });
        repo.write('main.tf', leak());
        repo.stage('main.tf');
        const blocked = runHook();
        expect(blocked.code, blocked.stderr).toBe(1);
        expect(blocked.stdout).toContain('aws-access-key-id');
        repo.git(['rm', '-q', '--cached', 'main.tf']);
        repo.write('ok.tf', 'a = 1\n');
        repo.stage('ok.tf');
        expect(runHook().code).toBe(0);
        repo.git(['rm', '-q', '--cached', 'ok.tf']);
        repo.write('README.md', '# nothing in scope\n');
        repo.stage('README.md');
        const fast = runHook();
        expect(fast.code).toBe(0);
        expect(fast.stdout).toBe(''); // the fast path: node never started
        // through a real git commit as well (git runs the hook with /bin/sh; inner sh is the shell)
        repo.write('main.tf', leak());
        repo.stage('main.tf');
        expect(repo.git(['commit', '-m', 'leak'], { allowFail: true, env }).code).not.toBe(0);
      }, true);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
