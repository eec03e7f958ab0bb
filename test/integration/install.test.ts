import { createHash } from 'node:crypto';
import { chmodSync, existsSync, lstatSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPackage } from '../../src/hookplace.js';
import { en } from '../../src/messages/en.js';
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

  it('never writes into a global core.hooksPath outside the repository: explains the choices and exits 1', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const shared = join(repo.dir, '..', 'global-hooks');
      repo.run('mkdir', [shared]);
      repo.git(['config', '--global', 'core.hooksPath', shared]);
      const r = repo.cli(['install']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('outside this repository');
      expect(r.stderr).toContain('git config core.hooksPath');
      expect(readdirSync(shared)).toEqual([]);
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
      const doctor = repo.cli(['doctor']);
      expect(doctor.code).toBe(1);
      // the same two choices, not a circle back to the install that rightly refused
      expect(doctor.stdout).toContain('git config core.hooksPath');
      expect(doctor.stdout).not.toContain('run `npx aws-key-guard install`.');
    });
  });

  it('never writes into a shared folder that .git/hooks links to', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const shared = join(repo.dir, '..', 'shared-hooks');
      repo.run('mkdir', [shared]);
      rmSync(join(repo.dir, '.git/hooks'), { recursive: true });
      symlinkSync(shared, join(repo.dir, '.git/hooks'));
      const r = repo.cli(['install']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('outside this repository');
      expect(readdirSync(shared)).toEqual([]);
    });
  });

  it('brings a hook written by an older version up to date, and takes a hash that does not match for an edit', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const digest = (t: string) => createHash('sha256').update(t).digest('hex').slice(0, 12);
      const rest = '#!/bin/sh\nsh node_modules/.pnpm/aws-key-guard@0.0.9/node_modules/aws-key-guard/hooks/pre-commit\n';
      const older = `#!/bin/sh\n# aws-key-guard hook ${digest(rest)}: written by an older version\n${rest.slice('#!/bin/sh\n'.length)}`;
      repo.write('.git/hooks/pre-commit', older);
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      expect(repo.cli(['install']).stdout).toContain('update our hook');
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8')).toContain('sh node_modules/aws-key-guard/hooks/pre-commit');
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit.before-aws-key-guard'))).toBe(false);
      // the same older hook, edited by its user: the hash no longer matches, so it is theirs
      repo.write('.git/hooks/pre-commit', older.replace('hooks/pre-commit\n', 'hooks/pre-commit\necho mine\n'));
      expect(repo.cli(['install']).code).toBe(1);
    });
  });

  it('chains a user\'s hook that merely mentions aws-key-guard, and uninstall puts it back', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const original = '#!/bin/sh\n# aws-key-guard: installed by hand, do not remove\necho "mine ran"\n';
      repo.write('.git/hooks/pre-commit', original);
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      expect(repo.cli(['install']).stdout).toContain('keep your existing hook');
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit.before-aws-key-guard'), 'utf8')).toBe(original);
      expect(repo.cli(['uninstall']).code).toBe(0);
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8')).toBe(original);
    });
  });

  it('keeps a user\'s edit of our hook: install exits 1 and leaves it, uninstall leaves it and says so', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.cli(['install']);
      const file = join(repo.dir, '.git/hooks/pre-commit');
      const edited = readFileSync(file, 'utf8').replace('exit 0\n', 'echo "my addition"\nexit 0\n');
      repo.write('.git/hooks/pre-commit', edited);
      const again = repo.cli(['install']);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('edited since');
      expect(readFileSync(file, 'utf8')).toBe(edited);
      const u = repo.cli(['uninstall']);
      expect(u.code).toBe(1);
      expect(u.stdout).toContain('was edited after install');
      expect(readFileSync(file, 'utf8')).toBe(edited);
    });
  });

  it('says so in one line when Git\'s hooks folder is a file', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      rmSync(join(repo.dir, '.git/hooks'), { recursive: true, force: true });
      repo.write('.git/hooks', 'x\n');
      const r = repo.cli(['install']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual([`aws-key-guard: ${join(repo.dir, '.git/hooks')} is not a folder, and Git keeps its hooks there: move that file away, then run install again.`]);
      expect(readFileSync(join(repo.dir, '.git/hooks'), 'utf8')).toBe('x\n');
    });
  });

  it('never writes through a dangling symbolic link', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      symlinkSync('../../scripts/pre-commit', join(repo.dir, '.git/hooks/pre-commit'));
      const r = repo.cli(['install']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('symbolic link');
      expect(existsSync(join(repo.dir, 'scripts'))).toBe(false);
      expect(lstatSync(join(repo.dir, '.git/hooks/pre-commit')).isSymbolicLink()).toBe(true);
    });
  });

  it('runs the previous pre-commit hook after the check, and checks again what it staged', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('.gitignore', 'node_modules/\n');
      repo.write('main.tf', 'a = 1\n');
      repo.stage('.gitignore', 'main.tf');
      repo.git(['commit', '-qm', 'base', '--no-verify']);
      // a formatter hook that stages every tracked change, as some teams write it
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\ngit add -u\n');
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      expect(repo.cli(['install']).code).toBe(0);
      repo.write('main.tf', `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n}\n`); // not staged
      repo.write('README.md', 'docs\n');
      repo.stage('README.md');
      const r = repo.git(['commit', '-m', 'docs'], { allowFail: true });
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stderr).toContain('aws-access-key-id');
      // a previous hook that changes nothing is not followed by a second check; one that fails stops the commit
      repo.git(['reset', '-q', 'main.tf']);
      repo.write('main.tf', 'a = 2\n');
      repo.write('.git/hooks/pre-commit.before-aws-key-guard', '#!/bin/sh\necho "lint failed" >&2\nexit 3\n');
      const failed = repo.git(['commit', '-m', 'docs'], { allowFail: true });
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('lint failed');
      repo.write('.git/hooks/pre-commit.before-aws-key-guard', '#!/bin/sh\necho "lint passed" >&2\n');
      const passed = repo.git(['commit', '-m', 'docs'], { allowFail: true });
      expect(passed.code, passed.stderr).toBe(0);
    });
  });

  it('runs the previous hook without dirname on PATH', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\necho "previous hook ran" >&2\n');
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      repo.cli(['install']);
      const bin = join(repo.dir, '..', 'bin');
      repo.run('mkdir', [bin]);
      for (const tool of ['git', 'sh', 'node', 'mktemp', 'rm', 'cat', 'grep']) {
        const found = repo.run('sh', ['-c', `command -v ${tool}`]).stdout.trim();
        if (found) symlinkSync(found, join(bin, tool));
      }
      repo.write('ok.tf', 'a = 1\n');
      repo.stage('ok.tf');
      const r = repo.git(['commit', '-m', 'ok'], { env: { PATH: bin } });
      expect(r.stderr).toContain('previous hook ran');
    });
  });

  it('passes a commit with nothing in scope when the package is gone, and refuses one in scope saying why', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.cli(['install']);
      rmSync(join(repo.dir, 'node_modules'), { recursive: true });
      repo.write('README.md', 'hello\n');
      repo.stage('README.md');
      expect(repo.git(['commit', '-qm', 'readme'], { allowFail: true }).code).toBe(0);
      repo.write('main.tf', 'a = 1\n');
      repo.stage('main.tf');
      const r = repo.git(['commit', '-m', 'tf'], { allowFail: true });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('node_modules/aws-key-guard/hooks/pre-commit is missing');
      expect(r.stderr).toContain('npm install, pnpm install or yarn');
      const ja = repo.git(['commit', '-m', 'tf'], { allowFail: true, env: { LANG: 'ja_JP.UTF-8' } });
      expect(ja.stderr).toContain('がないため');
      // removed on purpose: the message names the hook file to delete, and the kept one to rename back
      expect(r.stderr).toContain('delete .git/hooks/pre-commit, then rename pre-commit.before-aws-key-guard beside it back to pre-commit');
    });
  });

  it('says how to take the hook out when the package was removed on purpose, and that works', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const mine = '#!/bin/sh\necho "my own hook ran" >&2\n';
      repo.write('.git/hooks/pre-commit', mine);
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      expect(repo.cli(['install']).code).toBe(0);
      rmSync(join(repo.dir, 'node_modules'), { recursive: true });
      repo.write('main.tf', 'a = 1\n');
      repo.stage('main.tf');
      const r = repo.git(['commit', '-m', 'tf'], { allowFail: true });
      expect(r.code).not.toBe(0);
      const advice = /delete (\S+), then rename (\S+) beside it back to (\S+) if/.exec(r.stderr);
      expect(advice, r.stderr).not.toBeNull();
      const [, hook, saved, name] = advice as RegExpExecArray;
      const file = join(repo.dir, hook as string); // Git runs hooks from the top
      repo.run('rm', [file]);
      repo.run('mv', [join(dirname(file), saved as string), join(dirname(file), name as string)]);
      const after = repo.git(['commit', '-m', 'tf'], { allowFail: true });
      expect(after.code, after.stderr).toBe(0);
      expect(after.stderr).toContain('my own hook ran');
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8')).toBe(mine);
    });
  });

  it('names the stable node_modules/aws-key-guard path, not pnpm\'s versioned store folder', async () => {
    await withTempRepo((repo) => {
      repo.write('package.json', '{ "name": "lab", "private": true }\n');
      const store = join(repo.dir, 'node_modules/.pnpm/aws-key-guard@0.1.0/node_modules/aws-key-guard');
      repo.run('mkdir', ['-p', join(store, 'hooks')]);
      repo.write('node_modules/.pnpm/aws-key-guard@0.1.0/node_modules/aws-key-guard/hooks/pre-commit', '');
      symlinkSync(store, join(repo.dir, 'node_modules/aws-key-guard'));
      expect(findPackage(repo.dir, repo.dir, en, store)).toBe('node_modules/aws-key-guard');
      expect(findPackage(repo.dir, join(repo.dir, 'node_modules'), en, store)).toBe('node_modules/aws-key-guard');
    });
  });

  it('says where the package is when the npm project sits above the repository', async () => {
    await withTempRepo((repo) => {
      const outside = join(repo.dir, '..', 'node_modules', 'aws-key-guard');
      expect(() => findPackage(repo.dir, repo.dir, en, outside)).toThrow(`aws-key-guard is installed at ${outside}, outside this Git repository (${repo.dir})`);
    });
  });

  it('tells a plain-Git user that clones get no hook, unless the prepare script installs it', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      expect(repo.cli(['install']).stdout).toContain('Clones of this repository get no hook by themselves');
      repo.write('package.json', '{ "name": "lab", "scripts": { "prepare": "aws-key-guard install --prepare" } }\n');
      repo.run('rm', ['.git/hooks/pre-commit']);
      const r = repo.cli(['install']);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toContain('Clones of this repository');
      // Yarn 2 and later run no "prepare" on install: the advice names "postinstall", which counts
      repo.write('package.json', '{ "name": "lab", "packageManager": "yarn@4.5.0" }\n');
      repo.run('rm', ['.git/hooks/pre-commit']);
      expect(repo.cli(['install']).stdout).toContain('add "postinstall": "aws-key-guard install --prepare"');
      repo.write('package.json', '{ "name": "lab", "packageManager": "yarn@4.5.0", "scripts": { "postinstall": "aws-key-guard install --prepare" } }\n');
      repo.run('rm', ['.git/hooks/pre-commit']);
      expect(repo.cli(['install']).stdout).not.toContain('Clones of this repository');
    });
  });

  it.each([
    ['lefthook.yml', 'pre-commit:\n  commands:\n    lint:\n      run: echo lint\n', 'lefthook'],
    ['package.json', '{ "name": "lab", "simple-git-hooks": { "pre-commit": "echo lint" } }\n', 'simple-git-hooks'],
    // they run their configuration by the hook file's name: a kept pre-commit.before-aws-key-guard runs nothing
    ['package.json', '{ "name": "lab", "husky": { "hooks": { "pre-commit": "echo lint" } } }\n', 'husky 4'],
    ['.huskyrc', '{ "hooks": { "pre-commit": "echo lint" } }\n', 'husky 4'],
    ['package.json', '{ "name": "lab", "gitHooks": { "pre-commit": "echo lint" } }\n', 'yorkie'],
  ])('writes nothing where %s says another hook manager owns the hooks, and says what to add there', async (file, text, tool) => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write(file, text);
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\necho managed\n');
      const r = repo.cli(['install']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`${tool} manages this repository's Git hooks (${file})`);
      expect(r.stderr).toContain('npx --no-install aws-key-guard scan');
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8')).toBe('#!/bin/sh\necho managed\n');
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit.before-aws-key-guard'))).toBe(false);
    });
  });

  it('names a lefthook chain that runs the check, and proves a simple-git-hooks one', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('lefthook.yml', 'pre-commit:\n  commands:\n    aws-key-guard:\n      run: npx --no-install aws-key-guard scan\n');
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\n# lefthook\ncall_lefthook run "pre-commit" "$@"\n');
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      const lefthook = repo.cli(['doctor']);
      expect(lefthook.code).toBe(1);
      expect(lefthook.stdout).toContain("is lefthook's, and lefthook.yml runs aws-key-guard");
      repo.run('rm', ['lefthook.yml']);
      repo.write('package.json', '{ "name": "lab", "simple-git-hooks": { "pre-commit": "sh node_modules/aws-key-guard/hooks/pre-commit" } }\n');
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\n\nsh node_modules/aws-key-guard/hooks/pre-commit\n'); // as simple-git-hooks writes it
      const simple = repo.cli(['doctor']);
      expect(simple.code, simple.stdout).toBe(0);
      // husky 4 runs its package.json's command by the hook's name: named, not proven; and a
      // devDependency on aws-key-guard is not a command that runs it
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\n# husky\nhookName=`basename "$0"`\n');
      repo.write('package.json', '{ "name": "lab", "devDependencies": { "aws-key-guard": "*" }, "husky": { "hooks": { "pre-commit": "echo lint" } } }\n');
      expect(repo.cli(['doctor']).stdout).not.toContain('runs aws-key-guard');
      repo.write('package.json', '{ "name": "lab", "devDependencies": { "aws-key-guard": "*" }, "husky": { "hooks": { "pre-commit": "aws-key-guard scan" } } }\n');
      const husky4 = repo.cli(['doctor']);
      expect(husky4.code).toBe(1);
      expect(husky4.stdout).toContain("is husky 4's, and package.json runs aws-key-guard");
    });
  });

  it('says exactly how to leave Yarn Plug\'n\'Play', async () => {
    await withTempRepo((repo) => {
      repo.write('package.json', '{ "name": "lab", "private": true, "packageManager": "yarn@4.5.0" }\n');
      repo.write('.pnp.cjs', '');
      const r = repo.cli(['install']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('nodeLinker: node-modules');
    });
  });

  it('speaks Japanese under a Japanese locale: install, doctor, --help and errors', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const ja = { LANG: 'ja_JP.UTF-8' };
      const i = repo.cli(['install'], ja);
      expect(i.stdout).toContain('を作成しました。');
      expect(repo.cli(['install', '--dry-run'], ja).stdout).toContain('インストール済みです');
      expect(i.stdout).toContain('完了しました');
      expect(repo.cli(['doctor'], ja).stdout).toContain('aws-key-guard が止めました');
      expect(repo.cli(['uninstall', '--dry-run'], ja).stdout).toContain('を削除します。');
      expect(repo.cli(['uninstall'], ja).stdout).toContain('を削除しました。');
      expect(repo.cli(['--help'], ja).stdout).toContain('使い方');
      expect(repo.cli(['nope'], ja).stderr).toContain('コマンドはありません');
      expect(repo.cli(['--bogus'], ja).stderr).toContain('オプションは');
      for (const r of [i, repo.cli(['--help'], ja)]) expect(r.stdout).not.toMatch(/。 /);
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
      expect(r.stderr).not.toContain('NOT read');
      // a configuration in that package.json would be ignored: install says so
      repo.write('infra/package.json', '{ "name": "lab", "private": true, "aws-key-guard": { "include": ["**/*.tpl"] } }\n');
      const again = repo.run(process.execPath, [join(PROJECT, 'dist/cli.js'), 'install'], { cwd: join(repo.dir, 'infra'), env: repo.env });
      expect(again.code).toBe(0);
      expect(again.stderr).toContain('package.json has an "aws-key-guard" configuration, which is NOT read');
    });
  });

  it('monorepo: every command printed for a refused commit works when pasted in the folder the user committed from', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage('infra');
      const infra = join(repo.dir, 'infra');
      repo.run(process.execPath, [join(PROJECT, 'dist/cli.js'), 'install'], { cwd: infra, env: repo.env });
      repo.write('infra/main.tf', 'a = 1\n');
      repo.write('infra/.gitignore', 'node_modules/\n');
      repo.stage('infra');
      repo.git(['commit', '-qm', 'base']);
      repo.write('infra/main.tf', leak());
      repo.write('infra/new.tf', leak());
      repo.write('top.tf', leak());
      repo.stage('infra/main.tf', 'infra/new.tf', 'top.tf');
      const r = repo.run('git', ['commit', '-m', 'leak'], { cwd: infra, env: repo.env });
      expect(r.code).not.toBe(0);
      const commands = (r.stdout + r.stderr).split('\n').map((l) => l.trim()).filter((l) => /^git (restore|rm) /.test(l));
      expect(commands).toEqual(['git restore --staged main.tf', 'git rm --cached new.tf ../top.tf']);
      // a scan run by hand from infra/ prints the same commands
      const byHand = repo.run(process.execPath, [join(PROJECT, 'dist/cli.js'), 'scan'], { cwd: infra, env: repo.env });
      expect(byHand.stdout.split('\n').map((l) => l.trim()).filter((l) => /^git (restore|rm) /.test(l))).toEqual(commands);
      for (const command of commands) expect(repo.run('sh', ['-c', command], { cwd: infra, env: repo.env }).code).toBe(0);
      expect(repo.git(['diff', '--cached', '--name-only']).stdout).toBe('');
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

  it('leaves an empty hook file that was there (a tracked one) empty, and deletes only one it created', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('.husky/pre-commit', '');
      repo.stage('.husky/pre-commit');
      repo.git(['commit', '-qm', 'husky', '--no-verify']);
      repo.cli(['install', '--prepare']);
      expect(repo.cli(['install', '--prepare']).stdout).toContain('nothing to do');
      expect(repo.cli(['doctor']).stdout).not.toContain('not the first command'); // the mark is ours too
      expect(repo.cli(['uninstall']).code).toBe(0);
      expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe('');
      expect(repo.git(['status', '--porcelain', '--', '.husky']).stdout).toBe('');
      // one install created: gone again, also after a second install
      rmSync(join(repo.dir, '.husky/pre-push'), { force: true });
      repo.cli(['install', '--prepare', '--pre-push']);
      repo.cli(['install', '--prepare', '--pre-push']);
      repo.cli(['uninstall']);
      expect(existsSync(join(repo.dir, '.husky/pre-push'))).toBe(false);
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

  it('replaces our line from an older version (another package path) instead of adding a second one', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const digest = (t: string) => createHash('sha256').update(t).digest('hex').slice(0, 12);
      const code = 'sh node_modules/.pnpm/aws-key-guard@0.0.9/node_modules/aws-key-guard/hooks/pre-commit';
      repo.write('.husky/pre-commit', `npx lint-staged\n${code} # aws-key-guard ${digest(code)}\n`);
      expect(repo.cli(['install', '--prepare']).stdout).toContain('update our line');
      const text = readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8');
      expect(text).not.toContain('.pnpm');
      expect(text.split('\n').filter((l) => l.includes('# aws-key-guard'))).toHaveLength(1);
      repo.cli(['uninstall']);
      expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe('npx lint-staged\n');
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
      // uninstall takes back the setting it made, and leaves the configuration as it found it
      const before = readFileSync(join(repo.dir, '.git/config'), 'utf8');
      expect(before).toContain('hooksPath');
      const un = repo.cli(['uninstall']);
      expect(un.code).toBe(0);
      expect(un.stdout).toContain('took back core.hooksPath .husky/_');
      expect(repo.git(['config', '--get-regexp', 'hookspath'], { allowFail: true }).stdout).toBe('');
      // one the user set again is theirs: install again, set it by hand, uninstall: it stays
      expect(repo.cli(['install']).code).toBe(0);
      repo.git(['config', 'core.hooksPath', '.husky']);
      repo.cli(['uninstall']);
      expect(repo.git(['config', 'core.hooksPath']).stdout.trim()).toBe('.husky');
    });
  });

  it('leaves husky 4 (hooks in package.json) alone: its hook runs the configuration by its file name', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('package.json', '{ "name": "lab", "devDependencies": { "husky": "^4.3.8" }, "husky": { "hooks": { "pre-commit": "echo husky4" } } }\n');
      // husky 4's hook: it runs the configuration of the hook named as it is (basename "$0")
      const hook = '#!/bin/sh\n# husky\nhookName=`basename "$0"`\necho "husky 4 runs $hookName"\n';
      repo.write('.git/hooks/pre-commit', hook);
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      const r = repo.cli(['install']);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("husky 4 manages this repository's Git hooks (package.json)");
      expect(readFileSync(join(repo.dir, '.git/hooks/pre-commit'), 'utf8')).toBe(hook);
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
    expect(withoutOurLine(after)).toBe(before);
    expect(withOurLine(withoutOurLine(after), line)).toBe(after);
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

  it('exits 0 but warns with the one command when husky is not set up, and never runs the user\'s hooks', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('package.json', '{ "name": "lab", "devDependencies": { "husky": "^9.0.0" } }\n');
      const r = repo.cli(['install', '--prepare']);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('`npx husky`');
      expect(r.stdout).not.toContain('Done');
    });
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
  it('runs the proof against a temporary index: the user\'s index, objects, work tree and history stay as they were', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('a.tf', 'a = 1\n');
      repo.stage('a.tf');
      repo.git(['commit', '-qm', 'base']);
      repo.write('b.tf', 'b = 2\n');
      repo.stage('b.tf');
      repo.write('a.tf', 'a = 3\n');
      repo.cli(['install']);
      const objects = () => repo.run('find', ['.git/objects', '-type', 'f']).stdout.split('\n').sort();
      const status = repo.git(['status', '--porcelain']).stdout; // first: it may refresh the index
      const before = { index: readFileSync(join(repo.dir, '.git/index')), objects: objects(), status, head: head(repo) };
      const d = repo.cli(['doctor']);
      expect(d.code).toBe(0);
      expect(d.stdout).toContain('was refused by aws-key-guard');
      expect(readFileSync(join(repo.dir, '.git/index'))).toEqual(before.index);
      expect(objects()).toEqual(before.objects);
      expect(repo.git(['status', '--porcelain']).stdout).toBe(before.status);
      expect(head(repo)).toBe(before.head);
    });
  });

  it('gives one coherent diagnosis when no hook is installed (a template installed with --ignore-scripts)', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const d = repo.cli(['doctor']);
      expect(d.code).toBe(1);
      expect(d.stdout.match(/^✖/gm)).toHaveLength(1);
      expect(d.stdout).toContain('npx aws-key-guard install');
      expect(d.stdout).not.toMatch(/^✔ a commit/m);
    });
  });

  it('fails when the hook chain lets a leak through, and when the package is gone', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\nAWS_KEY_GUARD=0 sh node_modules/aws-key-guard/hooks/pre-commit\n');
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      const passes = repo.cli(['doctor']);
      expect(passes.code).toBe(1);
      expect(passes.stdout).toContain('would NOT be refused');
      repo.run('rm', ['.git/hooks/pre-commit']);
      repo.cli(['install']);
      rmSync(join(repo.dir, 'node_modules'), { recursive: true });
      const gone = repo.cli(['doctor']);
      expect(gone.code).toBe(1);
      expect(gone.stdout).toContain('is missing');
      expect(gone.stdout.match(/^✖/gm)).toHaveLength(1);
    });
  });

  it('runs a hook the user wired by hand only when aws-key-guard comes first in it', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\n# my hook\nsh node_modules/aws-key-guard/hooks/pre-commit || exit $?\ntouch ran-after\n');
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      const first = repo.cli(['doctor']);
      expect(first.code).toBe(0);
      expect(existsSync(join(repo.dir, 'ran-after'))).toBe(false);
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\ntouch ran-before\nsh node_modules/aws-key-guard/hooks/pre-commit\n');
      const later = repo.cli(['doctor']);
      expect(later.code).toBe(1);
      expect(later.stdout).toContain('not the first command');
      expect(existsSync(join(repo.dir, 'ran-before'))).toBe(false);
    });
  });

  it('husky in a subfolder (core.hooksPath app/.husky/_): our line goes into app/.husky/pre-commit, and it works', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage('app');
      repo.write('app/.husky/_/h', '#!/usr/bin/env sh\nn=$(basename "$0")\ns=$(dirname "$(dirname "$0")")/$n\n[ ! -f "$s" ] && exit 0\nsh -e "$s" "$@"\n');
      repo.write('app/.husky/_/pre-commit', '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n');
      chmodSync(join(repo.dir, 'app/.husky/_/pre-commit'), 0o755);
      repo.write('app/.husky/pre-commit', 'echo "team check ran" >&2\n');
      repo.git(['config', 'core.hooksPath', 'app/.husky/_']);
      const r = repo.run(process.execPath, [join(PROJECT, 'dist/cli.js'), 'install'], { cwd: join(repo.dir, 'app'), env: repo.env });
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(existsSync(join(repo.dir, '.husky'))).toBe(false);
      expect(readFileSync(join(repo.dir, 'app/.husky/pre-commit'), 'utf8')).toContain('app/node_modules/aws-key-guard/hooks/pre-commit');
      repo.write('main.tf', leak());
      repo.stage('main.tf');
      const refused = repo.git(['commit', '-m', 'leak'], { allowFail: true });
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toContain('aws-access-key-id');
      const un = repo.run(process.execPath, [join(PROJECT, 'dist/cli.js'), 'uninstall'], { cwd: join(repo.dir, 'app'), env: repo.env });
      expect(un.code).toBe(0);
      expect(readFileSync(join(repo.dir, 'app/.husky/pre-commit'), 'utf8')).toBe('echo "team check ran" >&2\n');
    });
  });

  it('fails when our husky line sits after an exit 0, where Git never reaches it', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('.husky/_/h', '#!/usr/bin/env sh\nn=$(basename "$0")\ns=$(dirname "$(dirname "$0")")/$n\n[ ! -f "$s" ] && exit 0\nsh -e "$s" "$@"\n');
      repo.write('.husky/_/pre-commit', '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n');
      chmodSync(join(repo.dir, '.husky/_/pre-commit'), 0o755);
      repo.git(['config', 'core.hooksPath', '.husky/_']);
      repo.write('.husky/pre-commit', `exit 0\n${huskyLine('node_modules/aws-key-guard/hooks/pre-commit', 'pre-commit')}\n`);
      const d = repo.cli(['doctor']);
      expect(d.code).toBe(1);
      expect(d.stdout.match(/^✖/gm)).toHaveLength(1);
      expect(repo.cli(['install']).code).toBe(0);
      expect(repo.cli(['doctor']).code).toBe(0);
    });
  });

  it('names what it cannot prove (the pre-commit framework, lint-staged), HUSKY=0, and an error of our hook', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      // the pre-commit framework's generated hook, with a configuration that runs us
      repo.write('.git/hooks/pre-commit', '#!/usr/bin/env bash\n# File generated by pre-commit: https://pre-commit.com\nexit 0\n');
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      repo.write('.pre-commit-config.yaml', 'repos:\n  - repo: local\n    hooks:\n      - id: aws-key-guard\n');
      const framework = repo.cli(['doctor']);
      expect(framework.code).toBe(1);
      expect(framework.stdout).toContain("is the pre-commit framework's");
      expect(framework.stdout).not.toContain('run `npx aws-key-guard install`.');
      // lint-staged from a plain hook, configured in package.json
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\nnpx lint-staged\n');
      repo.write('package.json', '{ "name": "lab", "lint-staged": { "*": "aws-key-guard scan" } }\n');
      expect(repo.cli(['doctor']).stdout).toContain('runs lint-staged, whose configuration runs aws-key-guard');
      // our hook, stopped by an error of its own (a broken configuration)
      repo.run('rm', ['.git/hooks/pre-commit']);
      repo.cli(['install']);
      repo.write('.aws-key-guard.json', '{ "nope": 1 }\n');
      const broken = repo.cli(['doctor']);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain("stopped by an error of aws-key-guard's hook");
    });
  });

  it('names HUSKY=0', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.write('.husky/_/h', '#!/usr/bin/env sh\n[ "${HUSKY-}" = "0" ] && exit 0\nn=$(basename "$0")\ns=$(dirname "$(dirname "$0")")/$n\n[ ! -f "$s" ] && exit 0\nsh -e "$s" "$@"\n');
      repo.write('.husky/_/pre-commit', '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n');
      chmodSync(join(repo.dir, '.husky/_/pre-commit'), 0o755);
      repo.git(['config', 'core.hooksPath', '.husky/_']);
      expect(repo.cli(['install']).code).toBe(0);
      const off = repo.cli(['doctor'], { HUSKY: '0' });
      expect(off.code).toBe(1);
      expect(off.stdout).toContain('HUSKY=0 is set in this shell');
    });
  });

  it('gives install\'s two choices for a shared hooks folder outside the repository, with a hook in it or not', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      const shared = join(repo.dir, '..', 'shared-hooks');
      repo.run('mkdir', ['-p', shared]);
      repo.git(['config', 'core.hooksPath', shared]);
      for (const hook of [undefined, '#!/bin/sh\necho shared\n']) {
        if (hook !== undefined) {
          repo.run('sh', ['-c', `printf '%s' "$1" > "$2/pre-commit" && chmod +x "$2/pre-commit"`, 'sh', hook, shared]);
        }
        const d = repo.cli(['doctor']);
        expect(d.code).toBe(1);
        expect(d.stdout).toContain('outside this repository, where other repositories may look too');
        expect(repo.cli(['install']).code).toBe(1);
      }
    });
  });
});
