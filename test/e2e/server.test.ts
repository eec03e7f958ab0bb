import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';
import { CLI, withTempRepo, type Run, type TempRepo } from '../helpers/withTempRepo.js';

/**
 * The server's hook, end to end: a bare repository with `install --server`, and real pushes to it
 * from a clone. Git runs the hook in its quarantine and relays what it prints as `remote:` lines.
 */

/** A bare repository beside the clone, with our pre-receive hook, as the clone's origin. */
function withServer(repo: TempRepo, before?: (server: string) => void): string {
  const server = join(dirname(repo.dir), 'server.git');
  repo.run('git', ['init', '-q', '--bare', server]);
  before?.(server);
  const r = repo.cli(['install', '--server', server]);
  expect(r.code, r.stderr).toBe(0);
  repo.git(['remote', 'add', 'origin', server]);
  return server;
}

function commit(repo: TempRepo, path: string, text: string, message = path): string {
  repo.write(path, text);
  repo.stage(path);
  repo.git(['commit', '-qm', message, '--no-verify']);
  return repo.git(['rev-parse', 'HEAD']).stdout.trim();
}

const push = (repo: TempRepo, ...args: string[]): Run => repo.git(['push', ...args], { allowFail: true });
const serverRef = (repo: TempRepo, server: string, ref: string) => repo.run('git', ['--git-dir', server, 'rev-parse', '--verify', '-q', ref]).stdout.trim();

/** The pusher saw the refusal and the guidance as remote lines, the key only redacted. */
function expectRefused(r: Run, key: string): void {
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain('remote: aws-key-guard on the server refused this push');
  expect(r.stderr).toContain(`remote:   k.tf:1:15  AWS access key ID  ${key.slice(0, 4)}…${key.slice(-4)}`);
  expect(r.stderr).toContain('remote: What to do now:');
  expect(r.stderr).toContain('remote: The server refuses every push that holds these commits');
  expect(r.stderr).toContain('(pre-receive hook declined)');
  expect(r.stderr + r.stdout).not.toContain(key);
}

const leak = (key: string) => `access_key = "${key}"\n`;

describe('the pre-receive hook in a bare repository', () => {
  it('lets a clean push through, and says what it checked', () =>
    withTempRepo((repo) => {
      const server = withServer(repo);
      const head = commit(repo, 'main.tf', 'region = "eu-west-1"\n');
      const r = push(repo, 'origin', 'HEAD:refs/heads/main');
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('remote: aws-key-guard: no AWS keys in the pushed commits (1 file, 1 added line).');
      expect(serverRef(repo, server, 'main')).toBe(head);
    }));

  it('refuses a key on a new branch', () =>
    withTempRepo((repo) => {
      const server = withServer(repo);
      const key = fakeAccessKeyId();
      commit(repo, 'k.tf', leak(key));
      expectRefused(push(repo, 'origin', 'HEAD:refs/heads/feature'), key);
      expect(serverRef(repo, server, 'feature')).toBe('');
    }));

  it('refuses a key on an existing branch, and keeps the branch where it was', () =>
    withTempRepo((repo) => {
      const server = withServer(repo);
      const base = commit(repo, 'main.tf', 'a = 1\n');
      expect(push(repo, 'origin', 'HEAD:main').code).toBe(0);
      const key = fakeAccessKeyId();
      commit(repo, 'k.tf', leak(key));
      commit(repo, 'other.tf', 'b = 2\n'); // the key is not in the tip commit
      expectRefused(push(repo, 'origin', 'HEAD:main'), key);
      expect(serverRef(repo, server, 'main')).toBe(base);
    }));

  it('refuses a key in a tag, annotated or not', () =>
    withTempRepo((repo) => {
      const server = withServer(repo);
      commit(repo, 'main.tf', 'a = 1\n');
      expect(push(repo, 'origin', 'HEAD:main').code).toBe(0);
      const key = fakeAccessKeyId();
      const leaking = commit(repo, 'k.tf', leak(key));
      repo.git(['reset', '-q', '--hard', 'HEAD~1']); // only the tags hold the key's commit
      repo.git(['tag', '-a', '-m', 'release', 'v1', leaking]);
      repo.git(['tag', 'v1-light', leaking]);
      expectRefused(push(repo, 'origin', 'v1'), key);
      expectRefused(push(repo, 'origin', 'v1-light'), key);
      expect(serverRef(repo, server, 'refs/tags/v1')).toBe('');
    }));

  it('refuses a key brought in by a merge, and one added while resolving a merge', () =>
    withTempRepo((repo) => {
      const server = withServer(repo);
      commit(repo, 'main.tf', 'a = 1\n');
      expect(push(repo, 'origin', 'HEAD:main').code).toBe(0);
      const key = fakeAccessKeyId();
      repo.git(['checkout', '-qb', 'side']);
      commit(repo, 'k.tf', leak(key));
      repo.git(['checkout', '-q', 'main']);
      commit(repo, 'other.tf', 'b = 2\n');
      repo.git(['merge', '-q', '--no-ff', '-m', 'merge side', 'side']);
      expectRefused(push(repo, 'origin', 'HEAD:main'), key);
      expect(serverRef(repo, server, 'main')).toBe(repo.git(['rev-parse', 'origin/main']).stdout.trim());

      // A merge whose conflict resolution itself adds the key: no parent has it.
      repo.git(['reset', '-q', '--hard', 'origin/main']);
      repo.git(['checkout', '-qB', 'side2']);
      commit(repo, 'k.tf', 'x = "side"\n');
      repo.git(['checkout', '-q', 'main']);
      commit(repo, 'k.tf', 'x = "main"\n');
      expect(push(repo, 'origin', 'HEAD:main').code).toBe(0);
      repo.git(['merge', '-q', 'side2'], { allowFail: true }); // a conflict in k.tf
      repo.write('k.tf', leak(key));
      repo.stage('k.tf');
      repo.git(['commit', '-qm', 'resolve', '--no-verify']);
      const r = push(repo, 'origin', 'HEAD:main');
      expectRefused(r, key);
      expect(r.stderr).toContain(`in commit ${repo.git(['rev-parse', 'HEAD']).stdout.trim().slice(0, 12)}`);
    }));

  it('lets through a branch deletion, and commits the server already has, even with a key in them', () =>
    withTempRepo((repo) => {
      const key = fakeAccessKeyId();
      // Pushed before the hook was installed: the server has this commit.
      const server = join(dirname(repo.dir), 'server.git');
      repo.run('git', ['init', '-q', '--bare', server]);
      const old = commit(repo, 'k.tf', leak(key));
      expect(push(repo, server, 'HEAD:refs/heads/main').code).toBe(0);
      expect(repo.cli(['install', '--server', server]).code).toBe(0);
      repo.git(['remote', 'add', 'origin', server]);

      const branch = push(repo, 'origin', 'HEAD:refs/heads/copy', 'HEAD:refs/tags/old');
      expect(branch.code, branch.stderr).toBe(0);
      expect(branch.stderr).not.toContain('aws-key-guard');
      expect(serverRef(repo, server, 'copy')).toBe(old);
      const deletion = push(repo, 'origin', '--delete', 'copy');
      expect(deletion.code, deletion.stderr).toBe(0);
      expect(serverRef(repo, server, 'copy')).toBe('');
    }));

  it('handles force-pushes: a rewrite without the key goes through, one with it is refused', () =>
    withTempRepo((repo) => {
      const server = withServer(repo);
      commit(repo, 'main.tf', 'a = 1\n');
      commit(repo, 'b.tf', 'b = 1\n');
      expect(push(repo, 'origin', 'HEAD:main').code).toBe(0);
      repo.git(['reset', '-q', '--hard', 'HEAD~1']);
      const key = fakeAccessKeyId();
      commit(repo, 'k.tf', leak(key));
      expectRefused(push(repo, '--force', 'origin', 'HEAD:main'), key);
      repo.git(['reset', '-q', '--hard', 'HEAD~1']);
      const clean = commit(repo, 'c.tf', 'c = 1\n');
      expect(push(repo, '--force', 'origin', 'HEAD:main').code).toBe(0);
      expect(serverRef(repo, server, 'main')).toBe(clean);
    }));

  it('keeps an existing pre-receive hook, runs it first with the same input, and uninstall puts it back', () =>
    withTempRepo((repo) => {
      let theirs = '';
      let hookFile = '';
      const server = withServer(repo, (dir) => {
        hookFile = join(dir, 'hooks', 'pre-receive');
        theirs = `#!/bin/sh\ncat > "$GIT_DIR/../their-input.txt"\n[ -f "$GIT_DIR/../refuse" ] && { echo "their hook says no"; exit 1; }\nexit 0\n`;
        writeFileSync(hookFile, theirs);
        chmodSync(hookFile, 0o755);
      });
      expect(readFileSync(`${hookFile}.before-aws-key-guard`, 'utf8')).toBe(theirs);
      const head = commit(repo, 'main.tf', 'a = 1\n');
      expect(push(repo, 'origin', 'HEAD:main').code).toBe(0);
      expect(readFileSync(join(dirname(server), 'their-input.txt'), 'utf8')).toBe(`${'0'.repeat(40)} ${head} refs/heads/main\n`);
      writeFileSync(join(dirname(server), 'refuse'), '');
      commit(repo, 'b.tf', 'b = 1\n');
      const refused = push(repo, 'origin', 'HEAD:main');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('remote: their hook says no');

      expect(repo.cli(['install', '--server', server]).stdout).toContain('nothing to do');
      const un = repo.cli(['uninstall', '--server', server]);
      expect(un.code, un.stderr).toBe(0);
      expect(readFileSync(hookFile, 'utf8')).toBe(theirs);
    }));

  it('takes its exclusions from the server\'s git config, never from a configuration in the pushed commits', () =>
    withTempRepo((repo) => {
      const server = withServer(repo);
      const key = fakeAccessKeyId();
      // The pusher's own configuration excludes everything: the server does not read it.
      repo.write('.aws-key-guard.json', JSON.stringify({ exclude: ['*', '**'] }));
      repo.write('.aws-key-guardignore', '*\n');
      repo.stage('.aws-key-guard.json', '.aws-key-guardignore');
      commit(repo, 'k.tf', leak(key));
      expectRefused(push(repo, 'origin', 'HEAD:main'), key);
      // The server's own list does count.
      repo.run('git', ['--git-dir', server, 'config', '--add', 'awsKeyGuard.exclude', 'k.tf']);
      const r = push(repo, 'origin', 'HEAD:main');
      expect(r.code, r.stderr).toBe(0);
    }));

  it('has a time limit: refuse by default, or let the push in when the server says allow', () =>
    withTempRepo((repo) => {
      const server = withServer(repo);
      repo.run('git', ['--git-dir', server, 'config', 'awsKeyGuard.timeout', '0.001']);
      commit(repo, 'main.tf', 'a = 1\n');
      const refused = push(repo, 'origin', 'HEAD:main');
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toContain('remote: aws-key-guard: checking this push took longer than 0.001 s, so the server refused it');
      repo.run('git', ['--git-dir', server, 'config', 'awsKeyGuard.onTimeout', 'allow']);
      const allowed = push(repo, 'origin', 'HEAD:main');
      expect(allowed.code, allowed.stderr).toBe(0);
      expect(allowed.stderr).toContain('remote: aws-key-guard: warning: checking this push took longer than 0.001 s');
      repo.run('git', ['--git-dir', server, 'config', 'awsKeyGuard.onTimeout', 'maybe']);
      commit(repo, 'b.tf', 'b = 1\n');
      const bad = push(repo, 'origin', 'HEAD:main');
      expect(bad.code).not.toBe(0);
      expect(bad.stderr).toContain('remote: aws-key-guard: git config awsKeyGuard.onTimeout must be refuse or allow');
    }));
});

describe('the pre-receive scan of a large push', () => {
  /** n commits on top of `from` (or a root), each adding one line to a file of its own, by git fast-import. */
  function manyCommits(repo: TempRepo, ref: string, n: number, from?: string): void {
    const lines: string[] = [];
    for (let i = 0; i < n; i++) {
      const data = `value_${i} = "${ref} ${from ?? ''}"\n`;
      const message = `${ref} ${i}`;
      lines.push(`commit ${ref}`, `committer T <t@example.com> ${1700000000 + i} +0000`, `data ${message.length}`, message);
      if (i === 0 && from !== undefined) lines.push(`from ${from}`);
      lines.push(`M 100644 inline f${i % 50}/v${i}.tf`, `data ${Buffer.byteLength(data)}`, data);
    }
    repo.git(['fast-import', '--quiet'], { input: `${lines.join('\n')}\n` });
  }

  it('starts Git the same few times for 10 and for 1,000 new commits, and scans only the new ones', () =>
    withTempRepo((repo) => {
      withServer(repo);
      // Records each Git that the hook's CLI starts: Node.js loads this first (NODE_OPTIONS, which
      // Git passes on to the hook), and it wraps child_process, through which run.ts starts Git.
      const log = join(dirname(repo.dir), 'git-calls.txt');
      const preload = join(dirname(repo.dir), 'record-git.cjs');
      writeFileSync(
        preload,
        `const cp = require('node:child_process'); const fs = require('node:fs');
         for (const name of ['spawn', 'spawnSync']) {
           const start = cp[name];
           cp[name] = function (cmd, args, ...rest) {
             if (cmd === 'git') fs.appendFileSync(${JSON.stringify(log)}, args.join(' ') + '\\n');
             return start.call(this, cmd, args, ...rest);
           };
         }`,
      );
      const env = { NODE_OPTIONS: `--require ${preload}` };
      const pushCounted = (ref: string) => {
        writeFileSync(log, '');
        const r = repo.git(['push', 'origin', `${ref}:${ref}`], { allowFail: true, env });
        expect(r.code, r.stderr).toBe(0);
        // Each call by its Git command (`-c name=value` options left out; the tips differ).
        return { calls: readFileSync(log, 'utf8').trim().split('\n').map((c) => c.replace(/^(?:-c \S+ )+/, '').split(' ')[0]), said: r.stderr };
      };

      manyCommits(repo, 'refs/heads/small', 10);
      const small = pushCounted('refs/heads/small');
      expect(small.said).toContain('(10 files, 10 added lines)');

      manyCommits(repo, 'refs/heads/big', 1000);
      const big = pushCounted('refs/heads/big');
      expect(big.said).toContain('(1000 files, 1000 added lines)');
      expect(big.calls).toEqual(small.calls);
      // for the whole push: one git log, one more for octopus merges, one check-attr for the files
      // read (one cat-file per pushed ref)
      expect([...big.calls].sort()).toEqual(['cat-file', 'check-attr', 'config', 'log', 'log', 'version']);

      // 1,000 more on top of the 1,000 the server has: only the new ones are read.
      const tip = repo.git(['rev-parse', 'refs/heads/big']).stdout.trim();
      manyCommits(repo, 'refs/heads/big', 1000, tip);
      const more = pushCounted('refs/heads/big');
      expect(more.said).toContain('(1000 files, 1000 added lines)');
      expect(more.calls).toEqual(small.calls);
    }));
});

describe('install --server', () => {
  it('refuses a folder that is not the top of a repository, and writes nothing', () =>
    withTempRepo((repo) => {
      const r = repo.run(process.execPath, [CLI, 'install', '--server', join(repo.dir, 'nowhere')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('is not the top of a Git repository');
      const sub = repo.run(process.execPath, [CLI, 'install', '--server', join(repo.dir, '.git', 'hooks')]);
      expect(sub.code).toBe(2);
    }));

  it('goes into a pre-receive.d folder where the repository has one (Gitea, Forgejo), touching nothing else', () =>
    withTempRepo((repo) => {
      let dispatcher = '';
      let folder = '';
      const server = withServer(repo, (dir) => {
        // The dispatcher Gitea writes (in POSIX sh here): every executable hook of the folder, same input.
        dispatcher = [
          '#!/bin/sh',
          'data=$(cat)',
          'for hook in "$GIT_DIR/hooks/pre-receive.d/"*; do',
          '  test -x "$hook" && test -f "$hook" || continue',
          '  printf "%s\\n" "$data" | "$hook" || exit $?',
          'done',
          '',
        ].join('\n');
        folder = join(dir, 'hooks', 'pre-receive.d');
        writeFileSync(join(dir, 'hooks', 'pre-receive'), dispatcher, { mode: 0o755 });
        repo.run('mkdir', [folder]);
        writeFileSync(join(folder, 'gitea'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
      });
      expect(readFileSync(join(server, 'hooks', 'pre-receive'), 'utf8')).toBe(dispatcher);
      expect(readFileSync(join(folder, 'aws-key-guard'), 'utf8').split('\n')[1]).toMatch(/^# aws-key-guard server hook/);
      const key = fakeAccessKeyId();
      commit(repo, 'k.tf', leak(key));
      expectRefused(push(repo, 'origin', 'HEAD:main'), key);

      const dry = repo.cli(['uninstall', '--server', server, '--dry-run']);
      expect(dry.stdout).toContain('would remove');
      expect(readFileSync(join(folder, 'aws-key-guard'), 'utf8')).toContain('aws-key-guard');
      expect(repo.cli(['uninstall', '--server', server]).code).toBe(0);
      expect(repo.run('ls', [folder]).stdout.trim()).toBe('gitea');
      expect(readFileSync(join(server, 'hooks', 'pre-receive'), 'utf8')).toBe(dispatcher);
      expect(repo.cli(['uninstall', '--server', server]).stdout).toContain('nothing to do');
    }));

  it('writes into a pre-receive.d folder given by path (GitLab\'s server hooks), and never over a file that is not ours', () =>
    withTempRepo((repo) => {
      const folder = join(dirname(repo.dir), 'custom_hooks', 'pre-receive.d');
      const first = repo.cli(['install', '--server', folder]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toContain(`created ${join(folder, 'aws-key-guard')}`);
      expect(repo.cli(['install', '--server', folder]).stdout).toContain('nothing to do');
      expect(repo.cli(['uninstall', '--server', folder]).code).toBe(0);
      expect(repo.run('ls', ['-A', folder]).stdout).toBe('');

      writeFileSync(join(folder, 'aws-key-guard'), '#!/bin/sh\n# my own\nexit 0\n');
      const foreign = repo.cli(['install', '--server', folder]);
      expect(foreign.code).toBe(2);
      expect(foreign.stderr).toContain('not ours');
      expect(readFileSync(join(folder, 'aws-key-guard'), 'utf8')).toBe('#!/bin/sh\n# my own\nexit 0\n');
      expect(repo.cli(['uninstall', '--server', folder]).stdout).toContain('nothing to do');
      expect(readFileSync(join(folder, 'aws-key-guard'), 'utf8')).toContain('# my own');
    }));
});

describe('the pre-receive hook and refs that are not commits', () => {
  it('refuses a tag that names a tree or a blob, saying why', () =>
    withTempRepo((repo) => {
      const server = withServer(repo);
      commit(repo, 'k.tf', leak(fakeAccessKeyId()));
      repo.git(['tag', 'treetag', repo.git(['rev-parse', 'HEAD^{tree}']).stdout.trim()]);
      repo.git(['tag', '-a', '-m', 'b', 'blobtag', repo.git(['rev-parse', 'HEAD:k.tf']).stdout.trim()]);
      for (const tag of ['treetag', 'blobtag']) {
        const r = push(repo, 'origin', tag);
        expect(r.code, tag).not.toBe(0);
        expect(r.stderr).toMatch(/remote: aws-key-guard: aws-key-guard on the server refused this push: it sends a (tree|blob)/);
        expect(serverRef(repo, server, tag)).toBe('');
      }
    }));
});
