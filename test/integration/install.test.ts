import { chmodSync, existsSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { huskyLine, withOurLine, withoutOurLine } from '../../src/hooktext.js';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';
import { PROJECT, withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

const leak = () => `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n}\n`;
const head = (repo: TempRepo) => repo.git(['rev-parse', '-q', '--verify', 'HEAD'], { allowFail: true }).stdout.trim();

describe('install without husky', () => {
  it('installs into the hooks folder, idempotently, and the hook refuses a leaking commit', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      expect(repo.cli(['install', '--dry-run']).stdout).toContain('would create .git/hooks/pre-commit');
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
      expect(repo.cli(['install']).code).toBe(0);
      const hook = readFileSync(join(repo.dir, '.git/hooks/pre-commit'));
      expect(statSync(join(repo.dir, '.git/hooks/pre-commit')).mode & 0o111).toBe(0o111);
      expect(repo.cli(['install']).stdout).toContain('nothing to do');
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit'))).toEqual(hook);
      repo.write('main.tf', leak());
      repo.stage('main.tf');
      const r = repo.git(['commit', '-m', 'leak'], { allowFail: true });
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('aws-access-key-id');
      expect(head(repo)).toBe('');
    });
  });

  it('keeps an existing hook running first, and uninstall restores it byte for byte', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const original = '#!/bin/sh\necho "original hook ran"\n# no final newline on purpose';
      repo.write('.git/hooks/pre-commit', original);
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o750);
      expect(repo.cli(['install']).stdout).toContain('keep your existing hook');
      repo.write('ok.tf', 'a = 1\n');
      repo.stage('ok.tf');
      const r = repo.git(['commit', '-m', 'ok']);
      expect(r.stdout + r.stderr).toContain('original hook ran');
      expect(repo.cli(['uninstall']).code).toBe(0);
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8')).toBe(original);
      expect(statSync(join(repo.dir, '.git/hooks/pre-commit')).mode & 0o777).toBe(0o750);
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit.before-aws-key-guard'))).toBe(false);
    });
  });

  it('stops the commit when the previous hook fails, without running the scan', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\necho "lint failed"\nexit 3\n');
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      repo.cli(['install']);
      repo.write('ok.tf', 'a = 1\n');
      repo.stage('ok.tf');
      const r = repo.git(['commit', '-m', 'ok'], { allowFail: true });
      expect(r.code).not.toBe(0);
      expect(r.stderr + r.stdout).toContain('lint failed');
    });
  });

  it('honours a local core.hooksPath', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.git(['config', 'core.hooksPath', 'githooks']);
      repo.run('mkdir', ['githooks']);
      expect(repo.cli(['install']).stdout).toContain('create githooks/pre-commit');
      repo.write('main.tf', leak());
      repo.stage('main.tf');
      expect(repo.git(['commit', '-m', 'leak'], { allowFail: true }).code).not.toBe(0);
    });
  });

  it('says plainly when a global core.hooksPath shadows the repository hooks', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.git(['config', '--global', 'core.hooksPath', '/nonexistent/global-hooks']);
      repo.git(['config', 'core.hooksPath', '/nonexistent/global-hooks']);
      repo.git(['config', '--unset', 'core.hooksPath']);
      const r = repo.cli(['install', '--dry-run']);
      expect(r.stderr).toContain('outside this repository');
      expect(repo.cli(['doctor']).code).toBe(1);
    });
  });

  it('installs from a subfolder package (monorepo) and the hook finds it', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage('infra');
      const r = repo.run(process.execPath, [join(PROJECT, 'dist/cli.js'), 'install'], { cwd: join(repo.dir, 'infra'), env: repo.env });
      expect(r.code).toBe(0);
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8')).toContain('infra/node_modules/aws-key-guard/hooks/pre-commit');
      repo.write('infra/main.tf', leak());
      repo.stage('infra/main.tf');
      expect(repo.git(['commit', '-m', 'leak'], { allowFail: true }).code).not.toBe(0);
    });
  });

  it('works from a linked worktree', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('a.tf', 'a = 1\n');
      repo.stage('a.tf');
      repo.git(['commit', '-qm', 'base']);
      repo.git(['worktree', 'add', '-q', '../wt']);
      const wt = join(repo.dir, '..', 'wt');
      repo.run('mkdir', ['-p', join(wt, 'node_modules')]);
      symlinkSync(PROJECT, join(wt, 'node_modules', 'aws-key-guard'));
      const r = repo.run(process.execPath, [join(PROJECT, 'dist/cli.js'), 'install'], { cwd: wt, env: repo.env });
      expect(r.code).toBe(0);
      repo.run('sh', ['-c', `printf 'k = "%s"\\n' ${fakeAccessKeyId()} > b.tf && git add b.tf`], { cwd: wt, env: repo.env });
      const c = repo.run('git', ['commit', '-m', 'leak'], { cwd: wt, env: repo.env });
      expect(c.code).not.toBe(0);
      expect(c.stdout + c.stderr).toContain('aws-access-key-id');
    });
  });
});

describe('install with husky', () => {
  it('adds one exact line first, keeps the others, and uninstall gives back the same bytes', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const original = 'npm test\nnpx lint-staged';
      repo.write('.husky/pre-commit', original);
      expect(repo.cli(['install', '--prepare']).stdout).toContain('add one line at the top of .husky/pre-commit');
      const text = readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8');
      expect(text.endsWith('\nnpm test\nnpx lint-staged')).toBe(true);
      expect(text.split('\n')[0]).toBe(huskyLine('node_modules/aws-key-guard/hooks/pre-commit', 'pre-commit'));
      expect(repo.cli(['install', '--prepare']).stdout).toContain('nothing to do');
      repo.cli(['uninstall']);
      expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe(original);
    });
  });

  it('keeps a user\'s own line that carries our marker text, on install and on uninstall', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const original = '#!/bin/sh\necho "my own check" # aws-key-guard is run below\nnpx lint-staged\n';
      repo.write('.husky/pre-commit', original);
      repo.cli(['install', '--prepare']);
      const text = readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8');
      expect(text).toContain('echo "my own check" # aws-key-guard is run below\n');
      expect(text.split('\n')).toHaveLength(original.split('\n').length + 1);
      repo.cli(['uninstall']);
      expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe(original);
    });
  });

  it('refuses a hook file that is not a shell script, and says why', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('.husky/pre-commit', '#!/usr/bin/env node\nconsole.log(1)\n');
      const r = repo.cli(['install']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('not a shell');
      expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe('#!/usr/bin/env node\nconsole.log(1)\n');
    });
  });

  it('writes .husky/pre-commit but exits 1 with the one command to run when husky is not set up in this clone', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('package.json', '{ "name": "lab", "devDependencies": { "husky": "^9.0.0" } }\n');
      const r = repo.cli(['install']);
      expect(r.stdout).toContain('create .husky/pre-commit');
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('husky is not set up in this clone');
      expect(r.stderr).toContain('`npx husky`');
      expect(r.stdout + r.stderr).not.toContain('Done');
      const d = repo.cli(['doctor']);
      expect(d.code).toBe(1);
      expect(d.stdout.match(/^✖/gm)).toHaveLength(1);
      repo.cli(['uninstall']);
      expect(existsSync(join(repo.dir, '.husky/pre-commit'))).toBe(false);
    });
  });

  it('sets core.hooksPath when husky\'s files are here but this clone does not use them', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('package.json', '{ "name": "lab", "devDependencies": { "husky": "^9.0.0" } }\n');
      // what `npx husky` leaves in .husky/_ (husky 9.1)
      repo.write('.husky/_/h', '#!/usr/bin/env sh\nn=$(basename "$0")\ns=$(dirname "$(dirname "$0")")/$n\n[ ! -f "$s" ] && exit 0\nsh -e "$s" "$@"\n');
      repo.write('.husky/_/pre-commit', '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n');
      chmodSync(join(repo.dir, '.husky/_/pre-commit'), 0o755);
      const r = repo.cli(['install']);
      expect(r.stdout).toContain('git config core.hooksPath .husky/_');
      expect(r.code).toBe(0);
      expect(repo.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky/_');
      repo.write('main.tf', leak());
      repo.stage('main.tf');
      expect(repo.git(['commit', '-m', 'leak'], { allowFail: true }).code).not.toBe(0);
      expect(head(repo)).toBe('');
    });
  });

  it('treats husky 4 (hooks in package.json) as plain Git and chains its hook', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('package.json', '{ "name": "lab", "devDependencies": { "husky": "^4.3.8" }, "husky": { "hooks": { "pre-commit": "echo husky4" } } }\n');
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\n# husky\necho "husky 4 ran"\n');
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      expect(repo.cli(['install']).stdout).toContain('keep your existing hook');
      expect(existsSync(join(repo.dir, '.husky'))).toBe(false);
    });
  });

  it.each([
    ['', ''],
    ['npm test', 'npm test'],
    ['npm test\n', 'npm test\n'],
    ['#!/bin/sh', '#!/bin/sh'],
    ['#!/bin/sh\nexit 0\n', '#!/bin/sh\nexit 0\n'],
    ['#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nexec npx lint-staged\n', '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\nexec npx lint-staged\n'],
  ])('puts our line where it runs and takes it out byte for byte: %j', (before) => {
    const line = huskyLine('node_modules/aws-key-guard/hooks/pre-commit', 'pre-commit');
    const after = withOurLine(before, line);
    const lines = after.split('\n');
    const at = lines.findIndex((l) => l.startsWith(line));
    // after nothing but a #! line and husky 5–8's husky.sh line: nothing before it can exit
    expect(lines.slice(0, at).every((l) => l.startsWith('#!') || l.includes('husky.sh'))).toBe(true);
    expect(withoutOurLine(after, 'pre-commit')).toBe(before);
    expect(withOurLine(withoutOurLine(after, 'pre-commit'), line)).toBe(after);
  });
});

describe('install --prepare (npm "prepare" script)', () => {
  it('exits 0 and says why outside a Git repository', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const r = repo.run(process.execPath, [join(PROJECT, 'dist/cli.js'), 'install', '--prepare'], {
        env: { ...repo.env, GIT_DIR: join(repo.dir, 'nonexistent') },
      });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('hook not installed');
      expect(repo.cli(['install', '--prepare'], { GIT_DIR: join(repo.dir, 'nonexistent') }).code).toBe(0);
    }, true);
  });

  it('exits 0 and skips inside node_modules (installed as a dependency)', async () => {
    await withTempRepo((repo) => {
      repo.run('mkdir', ['-p', 'node_modules/some-template']);
      const r = repo.run(process.execPath, [join(PROJECT, 'dist/cli.js'), 'install', '--prepare'], { cwd: join(repo.dir, 'node_modules/some-template'), env: repo.env });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('dependency of another package');
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
    });
  });
});

describe('doctor', () => {
  it('passes on a working install and fails when the hook is not executable', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      expect(repo.cli(['doctor']).code).toBe(1);
      repo.cli(['install']);
      const ok = repo.cli(['doctor']);
      expect(ok.stdout).toContain('was refused');
      expect(ok.code).toBe(0);
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o644);
      expect(repo.cli(['doctor']).code).toBe(1);
    });
  });
});
