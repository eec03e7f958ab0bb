import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeAccessKeyId, fakeSecretAccessKey } from '../helpers/fakeKeys.js';
import { withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

/**
 * Most Terraform commits hold no token at all: the installed hook lets them through after asking
 * Git, without Node.js. Proven by committing with no `node` on PATH: a clean change goes
 * through; anything that could hold a key still reaches the scanner (and, without Node.js, is
 * refused). Under each POSIX shell the CI machine has.
 */
const SHELLS = [
  ['dash', ['/usr/bin/dash']],
  ['busybox sh', ['/usr/bin/busybox', 'sh']],
  ['bash', ['/bin/bash', '--posix']],
] as const;

/** A folder with git, the shell under test as `sh`, and node only when asked for. */
function toolbox(base: string, shell: readonly string[], withNode: boolean): string {
  const bin = join(base, withNode ? 'with-node' : 'no-node');
  mkdirSync(bin, { recursive: true });
  if (withNode) symlinkSync(process.execPath, join(bin, 'node'));
  writeFileSync(join(bin, 'sh'), `#!/bin/sh\nexec ${shell.join(' ')} "$@"\n`, { mode: 0o755 });
  for (const tool of ['git', 'grep', 'dirname', 'cat']) symlinkSync(execFileSync('sh', ['-c', `command -v ${tool}`]).toString().trim(), join(bin, tool));
  return bin;
}

describe.each(SHELLS.filter(([, s]) => existsSync(s[0] as string) || process.env.CI === 'true'))('the hook\'s question to Git under %s', (_name, shell) => {
  const withRepo = (test: (repo: TempRepo, commit: (withNode: boolean, env?: NodeJS.ProcessEnv) => { code: number; output: string }) => void) =>
    withTempRepo((repo) => {
      const base = mkdtempSync(join(tmpdir(), 'akg-fast-'));
      try {
        repo.linkPackage();
        expect(repo.cli(['install']).code).toBe(0);
        repo.write('README.md', '# lab\n');
        repo.stage('README.md');
        repo.git(['commit', '-qm', 'base', '--no-verify']);
        const bins = { true: toolbox(base, shell, true), false: toolbox(base, shell, false) };
        test(repo, (withNode, env = {}) => {
          const r = repo.run(shell[0], [...shell.slice(1), join(repo.dir, '.git', 'hooks', 'pre-commit')], {
            env: { ...repo.env, PATH: bins[String(withNode) as 'true' | 'false'], ...env },
          });
          return { code: r.code, output: r.stdout + r.stderr };
        });
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    });

  it('lets a change without any token through without Node.js, and stops one that could hold a key', () =>
    withRepo((repo, hook) => {
      const module = Array.from({ length: 50 }, (_, i) => `module "m${i}" {\n  source = "./modules/m"\n  name   = var.name_${i}\n  tags   = { Team = "infra" }\n}\n`).join('');
      repo.write('main.tf', `${module}variable "secret_arn" {\n  type = string\n}\n`);
      repo.stage('main.tf');
      const clean = hook(false);
      expect(clean.output).toBe('');
      expect(clean.code).toBe(0);
      // a key-shaped value: Node.js is needed (and missing here), so the commit is stopped
      repo.write('main.tf', `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n}\n`);
      repo.stage('main.tf');
      expect(hook(false).code).toBe(2);
      expect(hook(false).output).toContain('Node.js was not found on PATH');
      expect(hook(false, { LANG: 'ja_JP.UTF-8' }).output).toContain('PATH に Node.js が見つからない');
      expect(hook(true).code).toBe(1);
      // a long value that is not a key: asked of the scanner, which lets it through
      repo.write('main.tf', `resource "x" "y" {\n  user_data = "${'QUJD'.repeat(20)}"\n}\n`);
      repo.stage('main.tf');
      expect(hook(false).code).toBe(2);
      expect(hook(true).code).toBe(0);
    }));

  it('lets text above ASCII through without Node.js, unless an attribute makes its checkout another text', () =>
    withRepo((repo, hook) => {
      // a Japanese description: bytes above ASCII make Git look at the attributes, and there are none
      repo.write('main.tf', 'variable "region" {\n  description = "リージョン(東京)"\n  default     = "ap-northeast-1"\n}\n');
      repo.stage('main.tf');
      const clean = hook(false);
      expect(clean.output).toBe('');
      expect(clean.code).toBe(0);
      // the same file declared UTF-16LE: its checkout is other bytes, which only the scanner reads
      repo.write('.gitattributes', 'main.tf working-tree-encoding=UTF-16LE\n');
      repo.stage('.gitattributes');
      repo.git(['commit', '-qm', 'attributes', '--no-verify']);
      repo.write('main.tf', Buffer.from('a = "b"\n', 'utf16le'));
      repo.stage('main.tf');
      expect(hook(false).code).toBe(2);
      expect(hook(true).code).toBe(0);
    }));

  it('hands a UTF-16 file, a file with NUL bytes and a state file to the scanner', () =>
    withRepo((repo, hook) => {
      const cases: [string, Buffer | string][] = [
        ['utf16.tf', Buffer.from(`access_key = "${fakeAccessKeyId()}"\n`, 'utf16le')],
        ['nul.tf', `a = "\0"\nsecret_key = "${fakeSecretAccessKey()}"\n`],
        ['terraform.tfstate', '{"version": 4}\n'],
        ['envs/prod/TERRAFORM.TFSTATE', '{"version": 4}\n'],
        ['x/terraform.tfstate.backup', '{"version": 4}\n'],
        ['dé jà/a\tb.tfstate', '{"version": 4}\n'],
        ['q"uote.tfstate', '{"version": 4}\n'],
      ];
      for (const [path, content] of cases) {
        repo.write(path, content);
        repo.stage(path);
        expect(hook(false).code, path).toBe(2);
        expect(hook(true).code, path).toBe(1);
        repo.git(['rm', '-q', '--cached', path]);
      }
    }));

  it('lets a change of up to 200 clean files through without Node.js, and hands a bigger one to the scanner', () =>
    withRepo((repo, hook) => {
      const write = (n: number) => {
        for (let i = 0; i < n; i++) repo.write(`m/f${i}.tf`, `module "m${i}" {\n  source = "./m"\n}\n`);
        repo.stage('m');
      };
      write(200);
      expect(hook(false).code).toBe(0);
      write(201);
      expect(hook(false).code).toBe(2);
      expect(hook(true).code).toBe(0);
    }));

  it('sees a key in a file staged after a changed file without one, through git commit', () =>
    withRepo((repo, hook) => {
      repo.write('a.tf', 'a = 1\n');
      repo.stage('a.tf');
      repo.git(['commit', '-qm', 'a', '--no-verify']);
      repo.write('a.tf', 'a = 1\n# changed\n');
      repo.write('m.tf', `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`);
      repo.stage('a.tf', 'm.tf');
      expect(hook(false).code).toBe(2);
      expect(hook(true).code).toBe(1);
      const commit = repo.git(['commit', '-qm', 'leak'], { allowFail: true });
      expect(commit.code).not.toBe(0);
      expect(commit.stdout + commit.stderr).toContain('aws-access-key-id');
    }));

  it('sees a file copied from an ignored one whatever diff.renames says', () =>
    withRepo((repo, hook) => {
      const block = `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`;
      repo.write('.aws-key-guardignore', 'fixtures/\n');
      repo.write('fixtures/provider.tf', block);
      repo.stage('.aws-key-guardignore', 'fixtures/provider.tf');
      repo.git(['commit', '-qm', 'fixture', '--no-verify']);
      repo.git(['config', 'diff.renames', 'copies']);
      repo.write('main.tf', block);
      repo.write('fixtures/provider.tf', `${block}# touched\n`);
      repo.stage('main.tf', 'fixtures/provider.tf');
      expect(hook(false).code).toBe(2);
      expect(hook(true).code).toBe(1);
    }));

  it('keeps a configuration\'s own patterns, written over two lines, and AWS_KEY_GUARD=0', () =>
    withRepo((repo, hook) => {
      repo.write('package.json', '{\n  "name": "lab",\n  "aws-key-guard":\n    { "include": ["*.tpl"] }\n}\n');
      repo.write('user_data.tpl', `export AWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\n`);
      repo.stage('package.json', 'user_data.tpl');
      expect(hook(true).code).toBe(1);
      const skipped = hook(false, { AWS_KEY_GUARD: '0' });
      expect(skipped.code).toBe(0);
      expect(skipped.output).toContain('NOT checked');
    }));
});

/**
 * The pre-push hook asks Git the same question about the commits new to the remote (one `git log`
 * per pushed ref) before it starts Node.js. Run as Git runs it, with the refs on standard input
 * and no node on PATH: a push of clean commits ends there; anything the CLI must see reaches it.
 */
describe.each(SHELLS.filter(([, s]) => existsSync(s[0] as string) || process.env.CI === 'true'))('the pre-push hook\'s question under %s', (_name, shell) => {
  const ZERO = '0'.repeat(40);
  const withPush = (test: (repo: TempRepo, push: (refs: string, withNode: boolean) => { code: number; output: string }, head: () => string) => void) =>
    withTempRepo((repo) => {
      const base = mkdtempSync(join(tmpdir(), 'akg-fast-'));
      try {
        repo.linkPackage();
        repo.write('.gitignore', 'node_modules/\n');
        expect(repo.cli(['install', '--pre-push']).code).toBe(0);
        repo.run('git', ['init', '-q', '--bare', join(base, 'remote.git')]);
        repo.git(['remote', 'add', 'origin', join(base, 'remote.git')]);
        repo.write('a.tf', 'a = 1\n');
        repo.stage('.gitignore', 'package.json', 'a.tf');
        repo.git(['commit', '-qm', 'base', '--no-verify']);
        repo.git(['push', '-q', '--no-verify', 'origin', 'HEAD:main']);
        const bins = { true: toolbox(base, shell, true), false: toolbox(base, shell, false) };
        const head = () => repo.git(['rev-parse', 'HEAD']).stdout.trim();
        test(
          repo,
          (refs, withNode) => {
            const r = repo.run(shell[0], [...shell.slice(1), join(repo.dir, '.git', 'hooks', 'pre-push'), 'origin', join(base, 'remote.git')], {
              env: { ...repo.env, PATH: bins[String(withNode) as 'true' | 'false'] },
              input: refs,
            });
            return { code: r.code, output: r.stdout + r.stderr };
          },
          head,
        );
      } finally {
        rmSync(base, { recursive: true, force: true });
      }
    });
  const commit = (repo: TempRepo, path: string, content: string | Buffer) => {
    repo.write(path, content);
    repo.stage(path);
    repo.git(['commit', '-qm', path, '--no-verify']);
  };

  it('lets clean commits through without Node.js, on a known branch and on a new one, and a deletion', () =>
    withPush((repo, push, head) => {
      const remote = head();
      commit(repo, 'b.tf', 'variable "token_arn" {\n  type = string\n}\n');
      commit(repo, 'c.tf', 'module "m" {\n  source = "./m"\n}\n');
      for (const refs of [`refs/heads/main ${head()} refs/heads/main ${remote}\n`, `refs/heads/topic ${head()} refs/heads/topic ${ZERO}\n`, `(delete) ${ZERO} refs/heads/old ${remote}\n`, '']) {
        const r = push(refs, false);
        expect(r.output, refs).toBe('');
        expect(r.code, refs).toBe(0);
      }
    }));

  it('hands a key, a state file, a UTF-16 file and input it does not understand to the CLI', () =>
    withPush((repo, push, head) => {
      const remote = head();
      commit(repo, 'b.tf', 'b = 2\n');
      const clean = head();
      const cases: [string, string | Buffer][] = [
        ['main.tf', `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`],
        ['terraform.tfstate', '{"version": 4}\n'],
        ['utf16.tf', Buffer.from(`access_key = "${fakeAccessKeyId()}"\n`, 'utf16le')],
      ];
      for (const [path, content] of cases) {
        repo.git(['reset', '-q', '--hard', clean]);
        commit(repo, path, content);
        commit(repo, 'later.tf', 'later = 1\n'); // the key is not in the last commit
        for (const refs of [`refs/heads/main ${head()} refs/heads/main ${remote}\n`, `refs/heads/topic ${head()} refs/heads/topic ${ZERO}\n`, `refs/heads/main ${head()} refs/heads/main ${'e'.repeat(40)}\n`]) {
          const r = push(refs, false);
          expect(r.code, `${path}: ${refs}`).toBe(2);
          expect(r.output).toContain('Node.js was not found on PATH');
          expect(push(refs, true).code, `${path}: ${refs}`).toBe(1);
        }
      }
      for (const refs of [`refs/heads/main ${head()}\n`, `refs/heads/main HEAD refs/heads/main ${remote}\n`, `a b c d e\n`]) {
        expect(push(refs, false).code, refs).toBe(2);
      }
    }));

  it('sees a key on a side branch merged back, one a merge adds itself, and one in a root commit', () =>
    withPush((repo, push, head) => {
      const remote = head();
      const block = () => `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`;
      const refs = () => `refs/heads/main ${head()} refs/heads/main ${remote}\n`;
      const expectChecked = (what: string) => {
        expect(push(refs(), false).code, what).toBe(2);
        expect(push(refs(), true).code, what).toBe(1);
      };
      // added and removed again on a side branch, merged with --no-ff: the files end unchanged
      repo.git(['checkout', '-qb', 'side']);
      commit(repo, 'prod.tf', block());
      repo.git(['rm', '-q', 'prod.tf']);
      repo.git(['commit', '-qm', 'rm', '--no-verify']);
      repo.git(['checkout', '-q', 'main']);
      commit(repo, 'other.txt', 'x\n');
      repo.git(['merge', '-q', '--no-ff', '--no-edit', '--no-verify', 'side']);
      expectChecked('side branch');
      // a merge that adds a key itself
      repo.git(['reset', '-q', '--hard', remote]);
      repo.git(['checkout', '-q', '-B', 'side2']);
      commit(repo, 'a2.txt', 'a\n');
      repo.git(['checkout', '-q', 'main']);
      commit(repo, 'b2.txt', 'b\n');
      repo.git(['merge', '-q', '--no-commit', 'side2']);
      repo.write('merge.tf', block());
      repo.stage('merge.tf');
      repo.git(['commit', '-qm', 'merge', '--no-verify']);
      expectChecked('merge');
      repo.git(['config', 'log.diffMerges', 'off']); // `-m` would then show a merge nothing
      expectChecked('merge, log.diffMerges=off');
      repo.git(['config', '--unset', 'log.diffMerges']);
      // a root commit, with log.showRoot=false in the user's configuration
      repo.git(['config', 'log.showRoot', 'false']);
      repo.git(['checkout', '-q', '--orphan', 'fresh']);
      repo.git(['rm', '-rq', '--cached', '.']);
      commit(repo, 'root.tf', block());
      expect(push(`refs/heads/fresh ${head()} refs/heads/fresh ${ZERO}\n`, false).code).toBe(2);
      expect(push(`refs/heads/fresh ${head()} refs/heads/fresh ${ZERO}\n`, true).code).toBe(1);
    }));

  it('lets through a key the remote already has, and sees one only a new commit adds', () =>
    withPush((repo, push, head) => {
      commit(repo, 'main.tf', `k = "${fakeAccessKeyId()}"\n`);
      repo.git(['push', '-q', '--no-verify', 'origin', 'HEAD:main']);
      const remote = head();
      commit(repo, 'b.tf', 'b = 2\n');
      expect(push(`refs/heads/main ${head()} refs/heads/main ${remote}\n`, false).code).toBe(0);
      // a new branch: what origin/main has is not new
      expect(push(`refs/heads/topic ${head()} refs/heads/topic ${ZERO}\n`, false).code).toBe(0);
    }));
});
