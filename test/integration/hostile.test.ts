import { readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanStaged } from '../../src/changes.js';
import { fakeAccessKeyId, fakeSecretAccessKey } from '../helpers/fakeKeys.js';
import { PROJECT as PROJECT_DIR, withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';
import { END_OF_DIFF_LINE, pathspecs, stagedDiffArgs } from '../../src/git/args.js';

const END_OF_DIFF = `\n${END_OF_DIFF_LINE}\n`;

async function found(repo: TempRepo) {
  return (await scanStaged({ cwd: repo.dir })).findings.map((f) => `${f.file}:${f.line}:${f.rule}`);
}

describe('odd content', () => {
  it('finds a key inside a single 10 MB line of minified JSON, with its column', async () => {
    await withTempRepo(async (repo) => {
      const id = fakeAccessKeyId();
      const filler = `{"k":"${'x'.repeat(60)}"},`.repeat(160_000);
      repo.write('big.tf.json', `[${filler}{"access_key":"${id}"}]`);
      repo.stage('big.tf.json');
      const r = await scanStaged({ cwd: repo.dir });
      expect(r.findings.map((f) => [f.line, f.column])).toEqual([[1, filler.length + 17]]);
    });
  });

  it('survives invalid UTF-8 and still finds the key on the same line', async () => {
    await withTempRepo(async (repo) => {
      const id = fakeAccessKeyId();
      repo.write('bad.tf', Buffer.concat([Buffer.from('a = "'), Buffer.from([0xff, 0xc3, 0x28, 0xa0]), Buffer.from(`" # ${id}\n`)]));
      repo.stage('bad.tf');
      expect(await found(repo)).toEqual(['bad.tf:1:aws-access-key-id']);
    });
  });

  it('handles mixed line endings and a file of only a BOM', async () => {
    await withTempRepo(async (repo) => {
      repo.write('mixed.tf', `a = 1\r\nb = 2\rc = 3\nk = "${fakeAccessKeyId()}"\r\n`);
      repo.write('bom.tf', '\ufeff');
      repo.stage('mixed.tf', 'bom.tf');
      expect(await found(repo)).toEqual(['mixed.tf:3:aws-access-key-id']);
    });
  });

  it('finds keys in very long lines without slowing to a crawl (linear patterns)', async () => {
    await withTempRepo(async (repo) => {
      const secret = fakeSecretAccessKey();
      const adversarial = `secret_key = "${'A'.repeat(200_000)}" "${'a/'.repeat(100_000)}" ${'=' .repeat(50_000)} "${secret}"`;
      repo.write('long.tf', `${adversarial}\n`);
      repo.stage('long.tf');
      expect(await found(repo)).toEqual(['long.tf:1:aws-secret-access-key']);
    });
  });

  it('reads a Git LFS pointer file as the text it is', async () => {
    await withTempRepo(async (repo) => {
      repo.write('.gitattributes', '*.tfvars filter=lfs diff=lfs merge=lfs -text\n');
      repo.write('x.tfvars', `version https://git-lfs.github.com/spec/v1\noid sha256:${'a'.repeat(64)}\nsize 12\n`);
      repo.stage('.gitattributes', 'x.tfvars');
      expect(await found(repo)).toEqual([]);
    });
  });
});

describe('odd paths', () => {
  it('finds a key in a very deep folder', async () => {
    await withTempRepo(async (repo) => {
      const path = `${Array.from({ length: 60 }, (_, i) => `d${i}`).join('/')}/main.tf`;
      repo.write(path, `k = "${fakeAccessKeyId()}"\n`);
      repo.stage(path);
      expect(await found(repo)).toEqual([`${path}:1:aws-access-key-id`]);
    });
  });

  it('skips a submodule (gitlink) and scans the files next to it', async () => {
    await withTempRepo(async (repo) => {
      const sub = join(repo.dir, '..', 'sub');
      repo.run('git', ['init', '-q', sub]);
      repo.run('git', ['-C', sub, 'commit', '-q', '--allow-empty', '-m', 'sub']);
      repo.git(['-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', sub, 'modules.tf'], { allowFail: true });
      repo.write('main.tf', `k = "${fakeAccessKeyId()}"\n`);
      repo.stage('main.tf');
      expect(await found(repo)).toEqual(['main.tf:1:aws-access-key-id']);
    });
  });
});

describe('odd repository states', () => {
  it('works on a detached HEAD, with sparse checkout, and for an empty commit', async () => {
    await withTempRepo(async (repo) => {
      repo.write('a/a.tf', 'a = 1\n');
      repo.write('b/b.tf', 'b = 1\n');
      repo.stage('.');
      repo.git(['commit', '-qm', 'base']);
      repo.git(['checkout', '-q', '--detach']);
      repo.git(['sparse-checkout', 'set', 'a']);
      expect(await found(repo)).toEqual([]);
      expect(repo.cli(['scan']).code).toBe(0);
      repo.write('a/key.tf', `k = "${fakeAccessKeyId()}"\n`);
      repo.stage('a/key.tf');
      expect(await found(repo)).toEqual(['a/key.tf:1:aws-access-key-id']);
    });
  });

  it('works in the middle of a rebase and of a cherry-pick with conflicts', async () => {
    await withTempRepo(async (repo) => {
      repo.write('c.tf', 'x = 1\n');
      repo.stage('c.tf');
      repo.git(['commit', '-qm', 'base']);
      repo.git(['checkout', '-qb', 'topic']);
      repo.write('c.tf', 'x = 2\n');
      repo.git(['commit', '-qam', 'topic']);
      repo.git(['checkout', '-q', 'main']);
      repo.write('c.tf', 'x = 3\n');
      repo.git(['commit', '-qam', 'main']);
      expect(repo.git(['cherry-pick', 'topic'], { allowFail: true }).code).not.toBe(0);
      expect(repo.cli(['scan']).code).toBe(0); // an unmerged path is not scanned until resolved
      repo.write('c.tf', `x = "${fakeAccessKeyId()}"\n`);
      repo.stage('c.tf');
      expect(await found(repo)).toEqual(['c.tf:1:aws-access-key-id']);
      repo.git(['cherry-pick', '--abort']);
      repo.git(['checkout', '-q', 'topic']);
      expect(repo.git(['rebase', 'main'], { allowFail: true }).code).not.toBe(0);
      repo.write('c.tf', `x = "${fakeAccessKeyId()}"\n`);
      repo.stage('c.tf');
      expect(await found(repo)).toEqual(['c.tf:1:aws-access-key-id']);
    });
  });
});

describe('failing closed through the real hook', () => {
  function installLinked(repo: TempRepo) {
    repo.linkPackage();
    expect(repo.cli(['install']).code).toBe(0);
  }

  /** The installed pre-commit hook, run as Git runs it, with these variables added. */
  const runHook = (repo: TempRepo, env: NodeJS.ProcessEnv = {}) =>
    repo.run('sh', [join(repo.dir, '.git', 'hooks', 'pre-commit')], { env: { ...repo.env, ...env } });

  it('refuses the commit, in one line, when git cannot read the index', async () => {
    await withTempRepo((repo) => {
      installLinked(repo);
      repo.write('main.tf', 'a = 1\n');
      repo.stage('main.tf');
      const bad = join(repo.dir, '..', 'bad-index');
      writeFileSync(bad, 'DIRC this is not an index');
      const r = repo.cli(['scan'], { GIT_INDEX_FILE: bad });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^aws-key-guard: Git failed \(/);
    });
  });

  // TMPDIR: a folder that stays empty, and one that does not exist (the hook needs none).
  it.each([['an empty folder', 'tmp'], ['a missing folder', '/nonexistent/akg']])('blocks a key and passes a clean change through the hook (TMPDIR %s), leaving no file behind', async (_what, tmp) => {
    await withTempRepo((repo) => {
      installLinked(repo);
      const tmpdir = tmp === 'tmp' ? join(repo.dir, '..', 'hook-tmp') : tmp;
      if (tmp === 'tmp') repo.run('mkdir', ['-p', tmpdir]);
      const hook = () => runHook(repo, { TMPDIR: tmpdir });
      repo.write('main.tf', `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n}\n`);
      repo.stage('main.tf');
      const blocked = hook();
      expect(blocked.code).toBe(1);
      expect(`${blocked.stdout}${blocked.stderr}`).toContain('main.tf:2');
      repo.write('main.tf', 'provider "aws" {\n  region = "eu-west-1"\n}\n');
      repo.stage('main.tf');
      expect(hook().code).toBe(0);
      if (tmp === 'tmp') expect(readdirSync(tmpdir)).toEqual([]);
    });
  });

  it('blocks a key through the hook when GIT_TRACE names a descriptor (3 to 9)', async () => {
    await withTempRepo((repo) => {
      installLinked(repo);
      repo.write('main.tf', `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n}\n`);
      repo.stage('main.tf');
      for (const fd of ['3', '9']) {
        const r = runHook(repo, { GIT_TRACE: fd });
        expect(r.code, r.stderr).toBe(1);
        expect(`${r.stdout}${r.stderr}`).toContain('main.tf:2');
      }
    });
  });

  it('refuses the commit through the hook when git stops half-way through the staged diff', async () => {
    const extraEnv = {};
    await withTempRepo((repo) => {
      installLinked(repo);
      repo.write('main.tf', `sha = "${'0123456789abcdef'.repeat(3)}"\n`); // a line that could hold a key: past the hook's questions
      repo.stage('main.tf');
      // A git that prints the start of the diff and then fails, as on a corrupt object.
      const bin = join(repo.dir, '..', 'failing-git');
      const realGit = repo.run('sh', ['-c', 'command -v git']).stdout.trim();
      repo.run('mkdir', ['-p', bin]);
      writeFileSync(join(bin, 'git'), `#!/bin/sh\ncase "$*" in *"diff --cached --text"*) "${realGit}" "$@" | head -c 20; echo "fatal: unable to read object" >&2; exit 128;; esac\nexec "${realGit}" "$@"\n`, { mode: 0o755 });
      const r = runHook(repo, { ...extraEnv, PATH: `${bin}:${repo.env.PATH}` });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('fatal: unable to read object');
      expect(r.stderr).toContain('its message is above');
      expect(r.stderr).toContain('Git did not finish the staged diff');
    });
  });

  it('scan --stdin judges the piped diff, and refuses one without the end-of-diff line', async () => {
    await withTempRepo((repo) => {
      repo.write('main.tf', `a = 1\nk = "${fakeAccessKeyId()}"\n`);
      repo.stage('main.tf');
      const diff = repo.git(stagedDiffArgs(pathspecs())).stdout; // exactly what the hook pipes in
      const scan = (input: string) => repo.run(process.execPath, [join(PROJECT_DIR, 'dist', 'cli.js'), 'scan', '--stdin'], { input, env: repo.env });
      const whole = scan(`${diff}${END_OF_DIFF}`);
      expect(whole.code).toBe(1);
      expect(whole.stdout).toContain('main.tf:2:6');
      for (const cut of [diff, diff.slice(0, diff.indexOf('@@')), '']) {
        const r = scan(cut);
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('Git did not finish the staged diff');
      }
    });
  });

  it('refuses the commit when the CLI has gone missing, and says how to restore it', async () => {
    await withTempRepo((repo) => {
      installLinked(repo);
      repo.run('rm', ['-rf', 'node_modules']);
      repo.write('main.tf', 'a = 1\n');
      repo.stage('main.tf');
      const r = repo.git(['commit', '-m', 'x'], { allowFail: true });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('install the packages (npm install, pnpm install or yarn), or skip once with --no-verify');
    });
  });

  it('refuses the commit when node is not on PATH for the hook', async () => {
    await withTempRepo((repo) => {
      installLinked(repo);
      repo.write('main.tf', `sha = "${'0123456789abcdef'.repeat(3)}"\n`); // could hold a key: Node.js is needed
      repo.stage('main.tf');
      const bin = join(repo.dir, '..', 'bin');
      repo.run('mkdir', ['-p', bin]);
      for (const tool of ['git', 'sh', 'dirname', 'grep', 'cat']) {
        const which = repo.run('sh', ['-c', `command -v ${tool}`]).stdout.trim();
        if (which) symlinkSync(which, join(bin, tool));
      }
      const r = repo.git(['commit', '-m', 'x'], { allowFail: true, env: { PATH: bin } });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('Node.js was not found on PATH');
      // nothing in scope staged: the fast path needs no Node.js, and the commit goes through
      repo.git(['rm', '-q', '--cached', 'main.tf']);
      repo.write('README.md', '# notes\n');
      repo.stage('README.md');
      expect(repo.git(['commit', '-m', 'docs'], { allowFail: true, env: { PATH: bin } }).code).toBe(0);
    });
  });

  it('exits 2 with one line when the git config or our own configuration cannot be read', async () => {
    await withTempRepo((repo) => {
      repo.write('main.tf', 'a = 1\n');
      repo.stage('main.tf');
      // a folder where a file should be: unreadable even for root
      repo.run('mkdir', ['.aws-key-guard.json']);
      const ours = repo.cli(['scan']);
      expect(ours.code).toBe(2);
      expect(ours.stderr.trim()).toBe('aws-key-guard: .aws-key-guard.json is not a regular file: make it a plain text file, or remove it.');
      repo.run('rmdir', ['.aws-key-guard.json']);
      repo.run('mv', ['.git/config', '.git/config.saved']);
      repo.run('mkdir', ['.git/config']);
      const git = repo.cli(['scan']);
      expect(git.code).toBe(2);
      expect(git.stderr.trim().split('\n')).toHaveLength(1);
    });
  });

  it('lets an empty commit through the installed hook without starting the scan', async () => {
    await withTempRepo((repo) => {
      installLinked(repo);
      const r = repo.git(['commit', '--allow-empty', '-m', 'empty']);
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain('aws-key-guard');
    });
  });
});
