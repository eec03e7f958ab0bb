import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeAccessKeyId, fakeSecretAccessKey, randomFrom } from '../helpers/fakeKeys.js';
import { CLI, withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

/**
 * Odd staged files, as an attacker would make them, through the installed hook and a real
 * `git commit`: no key gets through, no clean commit is refused, and no secret is printed.
 */
function installed(repo: TempRepo): void {
  repo.linkPackage();
  expect(repo.cli(['install']).code).toBe(0);
  repo.write('README.md', '# lab\n');
  repo.stage('README.md');
  repo.git(['commit', '-qm', 'base', '--no-verify']);
}

function commit(repo: TempRepo, ...paths: string[]): { code: number; output: string; moved: boolean } {
  const before = repo.git(['rev-parse', 'HEAD']).stdout;
  repo.stage(...paths);
  const r = repo.git(['commit', '-m', 'change'], { allowFail: true });
  return { code: r.code, output: r.stdout + r.stderr, moved: repo.git(['rev-parse', 'HEAD']).stdout !== before };
}

const utf32 = (text: string, bigEndian: boolean) =>
  Buffer.concat([...text].map((c) => {
    const b = Buffer.alloc(4);
    if (bigEndian) b.writeUInt32BE(c.codePointAt(0) as number);
    else b.writeUInt32LE(c.codePointAt(0) as number);
    return b;
  }));

describe('keys in odd files are refused through the installed hook', () => {
  it.each([
    ['a key on line 1 and a NUL byte on line 2', (k: string) => Buffer.from(`access_key = "${k}"\n\0\n`)],
    ['a NUL byte early on, then a key', (k: string) => Buffer.concat([Buffer.from('x\0y\n'.repeat(100)), Buffer.from(`access_key = "${k}"\n`)])],
    ['UTF-16LE without a byte-order mark', (k: string) => Buffer.from(`a = 1\naccess_key = "${k}"\n`, 'utf16le')],
    ['UTF-16BE with a byte-order mark', (k: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`access_key = "${k}"\n`, 'utf16le').swap16()])],
    ['UTF-32LE', (k: string) => utf32(`access_key = "${k}"\n`, false)],
    ['UTF-32BE', (k: string) => utf32(`access_key = "${k}"\n`, true)],
  ])('%s', async (_name, make) => {
    await withTempRepo((repo) => {
      installed(repo);
      const key = fakeAccessKeyId();
      repo.write('odd.tf', make(key));
      const r = commit(repo, 'odd.tf');
      expect(r.code).toBe(1);
      expect(r.moved).toBe(false);
      expect(r.output).toContain('aws-access-key-id');
      expect(r.output).not.toContain(key);
    });
  });

  it.each([
    ['9 KB of plain comments, then the key in UTF-16 (what an old PowerShell >> appends)', (k: string) => Buffer.concat([Buffer.from('# x x x\n'.repeat(1300)), Buffer.from(`access_key = "${k}"\n`, 'utf16le')]), ''],
    ['UTF-16 that .gitattributes calls text (diff)', (k: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`access_key = "${k}"\n`, 'utf16le')]), '*.tf diff\n'],
    ['UTF-16 starting with 4,200 CJK characters (no NUL in Git\'s first 8,000 bytes)', (k: string) => Buffer.from(`# ${'漢'.repeat(4200)}\naccess_key = "${k}"\n`, 'utf16le'), ''],
    ['a key ID written with a \\u escape', (k: string) => Buffer.from(`access_key = "\\u0041${k.slice(1)}"\n`), ''],
  ])('%s', async (_name, make, attributes) => {
    await withTempRepo((repo) => {
      installed(repo);
      const key = fakeAccessKeyId();
      if (attributes !== '') {
        repo.write('.gitattributes', attributes);
        repo.stage('.gitattributes');
      }
      repo.write('odd.tf', make(key));
      const r = commit(repo, 'odd.tf');
      expect(r.code, r.output).toBe(1);
      expect(r.moved).toBe(false);
      expect(r.output).not.toContain(key);
    });
  });

  it.each([['git --literal-pathspecs commit', ['--literal-pathspecs'], {}], ['GIT_LITERAL_PATHSPECS=1 (Magit)', [], { GIT_LITERAL_PATHSPECS: '1' }]])('%s still runs the check', async (_name, flags, env) => {
    await withTempRepo((repo) => {
      installed(repo);
      repo.write('main.tf', `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n}\n`);
      repo.stage('main.tf');
      const r = repo.git([...flags, 'commit', '-m', 'leak'], { allowFail: true, env });
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toContain('aws-access-key-id');
      expect(repo.cli(['scan'], env).code).toBe(1);
    });
  });

  it('GIT_DIFF_OPTS=-u0 does not take away the label above a value, in the hook or a history scan', async () => {
    await withTempRepo((repo) => {
      installed(repo);
      repo.write('vars.tf', 'variable "aws_secret_access_key" {\n  type      = string\n  sensitive = true\n}\n');
      expect(commit(repo, 'vars.tf').code).toBe(0);
      repo.write('vars.tf', `variable "aws_secret_access_key" {\n  type      = string\n  sensitive = true\n  default   = "${fakeSecretAccessKey()}"\n}\n`);
      repo.stage('vars.tf');
      for (const opts of ['--unified=0', '-u0']) {
        const r = repo.git(['commit', '-m', 'leak'], { allowFail: true, env: { GIT_DIFF_OPTS: opts } });
        expect(r.code, opts).toBe(1);
        expect(r.stdout + r.stderr).toContain('aws-secret-access-key');
      }
      repo.git(['commit', '-qm', 'past the hook', '--no-verify']);
      expect(repo.cli(['scan', '--range', 'HEAD~1..HEAD'], { GIT_DIFF_OPTS: '-u0' }).code).toBe(1);
    });
  });

  it('UTF-32 or UTF-16 text after a plain first line, at any offset, and moved by an edit of that line', async () => {
    await withTempRepo((repo) => {
      installed(repo);
      const block = () => `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`;
      for (const [first, wide] of [
        ['abcd\n', (t: string) => utf32(t, false)],
        ['ab\n', (t: string) => utf32(t, true)],
        ['abcdef\n', (t: string) => utf32(t, false)],
        ['abcd\n', (t: string) => Buffer.from(t, 'utf16le')],
      ] as const) {
        repo.write('main.tf', Buffer.concat([Buffer.from(first), wide(block())]));
        const r = commit(repo, 'main.tf');
        expect(r.code, JSON.stringify(first)).toBe(1);
        expect(r.moved).toBe(false);
      }
      // committed past the hook, then only the plain line edited: the key is not new, the
      // hook and the scanner agree, and the scan of everything finds it
      repo.write('main.tf', Buffer.concat([Buffer.from('abcd\n'), utf32(block(), false)]));
      repo.stage('main.tf');
      repo.git(['commit', '-qm', 'past the hook', '--no-verify']);
      const moved = readFileSync(join(repo.dir, 'main.tf')).subarray(5);
      repo.write('main.tf', Buffer.concat([Buffer.from('abc\n'), moved]));
      repo.stage('main.tf');
      expect(repo.cli(['scan']).code).toBe(0);
      expect(repo.cli(['scan', '--all']).code).toBe(1);
    });
  });

  it('a key after a single 8 MB run of base64, and a clean 6 MB run on its own', async () => {
    await withTempRepo((repo) => {
      installed(repo);
      const run = (n: number) => randomFrom('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', n);
      repo.write('blob.tf', `token = "${run(6 << 20)}"\n`);
      const clean = commit(repo, 'blob.tf');
      expect(clean.code, clean.output).toBe(0);
      repo.write('leak.tf', `blob = "${run(8 << 20)}"\naccess_key = "${fakeAccessKeyId()}"\nsecret_key = "${fakeSecretAccessKey()}"\n`);
      const leak = commit(repo, 'leak.tf');
      expect(leak.code, leak.output).toBe(1);
      expect(leak.output).toContain('aws-secret-access-key');
    });
  }, 120_000);

  /**
   * A filter named lfs that stores content as Git LFS does (its pointer format and its object
   * store, .git/lfs/objects/ab/cd/<sha256>), so that the test needs no git-lfs.
   */
  function fakeLfs(repo: TempRepo): void {
    const store = join(repo.dir, '.git', 'lfs', 'objects');
    const clean = `f=$(mktemp); cat >"$f"; oid=$(sha256sum "$f" | cut -c1-64); d='${store}'/$(echo $oid | cut -c1-2)/$(echo $oid | cut -c3-4); mkdir -p "$d"; size=$(wc -c <"$f"); mv "$f" "$d/$oid"; printf 'version https://git-lfs.github.com/spec/v1\\noid sha256:%s\\nsize %s\\n' $oid $size`;
    const smudge = `oid=$(sed -n 's/^oid sha256://p'); cat '${store}'/$(echo $oid | cut -c1-2)/$(echo $oid | cut -c3-4)/$oid`;
    repo.git(['config', 'filter.lfs.clean', clean]);
    repo.git(['config', 'filter.lfs.smudge', smudge]);
    repo.git(['config', 'filter.lfs.required', 'true']);
  }

  it.each([
    ['an ASCII file declared EBCDIC (working-tree-encoding=IBM037)', '*.tf working-tree-encoding=IBM037\n', 'main.tf'],
    ['an ASCII file declared UTF-16LE', '*.tf working-tree-encoding=UTF-16LE\n', 'main.tf'],
    ['a file stored through Git LFS (the blob is a pointer)', '*.tfvars.json filter=lfs diff=lfs merge=lfs -text\n', 'terraform.tfvars.json'],
    ['an encoding beside a filter with no driver (Git ignores the filter, not the encoding)', '*.tf filter=none working-tree-encoding=UTF-16LE\n', 'main.tf'],
  ])('%s: the scan reads what a checkout writes, in a commit, a history scan and a push', async (_name, attributes, file) => {
    await withTempRepo((repo) => {
      installed(repo);
      fakeLfs(repo);
      repo.write('.gitattributes', attributes);
      expect(commit(repo, '.gitattributes').code).toBe(0);
      const key = fakeAccessKeyId();
      // an even length, so that UTF-16 takes every byte
      let text = `{"access_key": "${key}", "secret_key": "${fakeSecretAccessKey()}"}\n`;
      if (text.length % 2 === 1) text = ` ${text}`;
      repo.write(file, text);
      const r = commit(repo, file);
      expect(r.code, r.output).toBe(1);
      expect(r.moved).toBe(false);
      expect(r.output).toContain(`${file}:1`);
      expect(r.output).not.toContain(key);
      // committed past the hook: a history scan and the pre-push hook read the checkout too
      repo.git(['commit', '-qm', 'past the hook', '--no-verify']);
      expect(repo.cli(['scan', '--range', 'HEAD~1..HEAD']).code).toBe(1);
      expect(repo.cli(['install', '--pre-push']).code).toBe(0);
      repo.run('git', ['init', '-q', '--bare', join(repo.dir, '..', 'remote.git')]);
      const pushed = repo.git(['push', join(repo.dir, '..', 'remote.git'), 'HEAD:main'], { allowFail: true });
      expect(pushed.code, pushed.stderr).not.toBe(0);
      expect(pushed.stdout + pushed.stderr).toContain(`${file}:1`);
      // and a clean file of the same kind goes through
      repo.git(['reset', '-q', '--hard', 'HEAD~1']);
      repo.write(file, `{"region": "eu-west-1", "name": "app2"}\n`); // an even length, as above
      expect(commit(repo, file).code).toBe(0);
    });
  });

  it('an encoding in the staged .gitattributes that the working tree no longer has, and a scan from a subfolder', async () => {
    await withTempRepo((repo) => {
      installed(repo);
      const key = fakeAccessKeyId();
      let text = `access_key = "${key}"\n`;
      if (text.length % 2 === 1) text = ` ${text}`;
      repo.write('.gitattributes', 'sub/*.tf working-tree-encoding=UTF-16LE\n');
      repo.write('sub/main.tf', text);
      repo.stage('.gitattributes', 'sub/main.tf');
      repo.run('rm', ['.gitattributes']); // the index still has it, and a checkout uses it
      const r = commit(repo);
      expect(r.code, r.output).toBe(1);
      expect(r.output).toContain('sub/main.tf:1');
      repo.git(['checkout', '-q', '--', '.gitattributes']);
      repo.git(['commit', '-qm', 'past the hook', '--no-verify']);
      const fromSub = repo.run(process.execPath, [CLI, 'scan', '--range', 'HEAD~1..HEAD'], { cwd: join(repo.dir, 'sub'), env: repo.env });
      expect(fromSub.code, fromSub.stdout + fromSub.stderr).toBe(1);
    });
  });

  it('a commit of only .gitattributes that makes a committed, harmless-looking file check out as a key', async () => {
    await withTempRepo((repo) => {
      installed(repo);
      let text = `access_key = "${fakeAccessKeyId()}"\n`;
      if (text.length % 2 === 1) text = ` ${text}`;
      // the attribute only in the working tree: x.tf is stored as UTF-16LE reads it (other
      // characters), and a commit without the attribute checks out as those: nothing to refuse
      repo.write('.gitattributes', 'x.tf working-tree-encoding=UTF-16LE\n');
      repo.write('x.tf', text);
      expect(commit(repo, 'x.tf').code).toBe(0);
      // now only the attribute: every checkout writes the key again
      const r = commit(repo, '.gitattributes');
      expect(r.code, r.output).toBe(1);
      expect(r.output).toContain('x.tf:1');
    });
  });

  it('a key kept by another filter (git-crypt stores ciphertext) is what leaves: its blob is read', async () => {
    await withTempRepo((repo) => {
      installed(repo);
      repo.git(['config', 'filter.crypt.clean', 'base64 | tr A-Za-z N-ZA-Mn-za-m']);
      repo.git(['config', 'filter.crypt.smudge', 'tr A-Za-z N-ZA-Mn-za-m | base64 -d']);
      repo.write('.gitattributes', 'secrets.tfvars filter=crypt\n');
      expect(commit(repo, '.gitattributes').code).toBe(0);
      repo.write('secrets.tfvars', `access_key = "${fakeAccessKeyId()}"\n`);
      const r = commit(repo, 'secrets.tfvars');
      expect(r.code, r.output).toBe(0);
    });
  });

  it('a symbolic link whose target is a key (a plain file where links are off, as on Windows)', async () => {
    await withTempRepo((repo) => {
      installed(repo);
      const key = fakeAccessKeyId();
      const blob = repo.git(['hash-object', '-w', '--stdin'], { input: `provider "aws" {\n  access_key = "${key}"\n}\n` }).stdout.trim();
      repo.git(['update-index', '--add', '--cacheinfo', `120000,${blob},versions.tf`]);
      const r = commit(repo);
      expect(r.code, r.output).toBe(1);
      expect(r.output).toContain('versions.tf:2');
      expect(r.output).not.toContain(key);
    });
  });

  it('a file moved into view from an ignored folder, whole or edited, in a commit and in a pushed history', async () => {
    await withTempRepo((repo) => {
      installed(repo);
      const block = () => `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`;
      repo.write('.aws-key-guardignore', 'examples/\n');
      repo.write('examples/a.tf', block());
      repo.write('examples/b.tf', `${block()}${'# note\n'.repeat(40)}`);
      repo.write('examples/c.tf', `${block()}${'# note\n'.repeat(40)}`);
      expect(commit(repo, '.aws-key-guardignore', 'examples').code).toBe(0); // ignored, as asked
      repo.git(['mv', 'examples/a.tf', 'main.tf']);
      const moved = commit(repo, 'main.tf');
      expect(moved.code, moved.output).toBe(1);
      expect(moved.output).toContain('main.tf:2');
      repo.git(['mv', 'examples/b.tf', 'b.tf']);
      repo.write('b.tf', `${readFileSync(join(repo.dir, 'b.tf'), 'utf8')}# one more line\n`);
      const edited = commit(repo, 'b.tf');
      expect(edited.code, edited.output).toBe(1);
      expect(edited.output).toContain('b.tf:3');
      // committed past the hook: the history scans see it too
      repo.git(['commit', '-qm', 'past the hook', '--no-verify']);
      const history = repo.cli(['scan', '--range', 'HEAD~1..HEAD']);
      expect(history.code, history.stdout + history.stderr).toBe(1);
      expect(history.stdout).toContain('b.tf:3');
      // one file alone: log.follow=true (one literal path) must not turn the second read back into a rename
      repo.git(['mv', 'examples/c.tf', 'c.tf']);
      repo.git(['commit', '-qm', 'one past the hook', '--no-verify']);
      expect(repo.cli(['scan', '--range', 'HEAD~1..HEAD'], { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'log.follow', GIT_CONFIG_VALUE_0: 'true' }).code).toBe(1);
      // renamed from a path that was read (not ignored): not new, also when named as lint-staged does
      repo.git(['mv', 'b.tf', 'd.tf']);
      expect(repo.cli(['scan']).code).toBe(0);
      expect(repo.cli(['scan', 'd.tf']).code).toBe(0);
    });
  });

  it('a configuration in package.json whose object starts on the next line', async () => {
    await withTempRepo((repo) => {
      installed(repo);
      repo.write('package.json', '{\n  "name": "lab",\n  "aws-key-guard":\n  {\n    "include": ["*.tpl"]\n  }\n}\n');
      repo.write('boot.tpl', `AWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\n`);
      const r = commit(repo, 'package.json', 'boot.tpl');
      expect(r.code).toBe(1);
      expect(r.output).toContain('boot.tpl:1');
    });
  });
});

describe('clean commits with odd files of ours go through, or get one clear line', () => {
  it('a package.json with a UTF-8 byte-order mark', async () => {
    await withTempRepo((repo) => {
      installed(repo);
      repo.write('package.json', '\ufeff{ "name": "lab", "private": true, "aws-key-guard": { "exclude": ["x/"] } }\n');
      repo.write('main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "logs"\n}\n');
      const r = commit(repo, 'package.json', 'main.tf');
      expect(r.code, r.output).toBe(0);
    });
  });

  it('one 1 MB line of 24,000 forty-character values under a secret label, in seconds', async () => {
    await withTempRepo((repo) => {
      installed(repo);
      const values = Array.from({ length: 24_000 }, () => `"${randomFrom('abcdefABCDEF0123456789+/', 40)}"`);
      repo.write('big.tf', `secret = [${values.join(', ')}]\n`);
      const started = Date.now();
      const r = commit(repo, 'big.tf');
      expect(r.code, r.output).toBe(0);
      expect(Date.now() - started).toBeLessThan(20_000); // was 32 s, growing with the square of the line
    });
  }, 60_000);

  it('an ignore file of 130,000 comment lines', async () => {
    await withTempRepo((repo) => {
      installed(repo);
      repo.write('.aws-key-guardignore', `${'# a comment line\n'.repeat(130_000)}skip/\n`);
      repo.write('skip/k.tf', `access_key = "${fakeAccessKeyId()}"\n`);
      repo.write('main.tf', 'a = 1\n');
      const r = commit(repo, '.aws-key-guardignore', 'skip/k.tf', 'main.tf');
      expect(r.code, r.output).toBe(0);
    });
  });

  it.each([
    ['.aws-key-guardignore', 'a symlink to /dev/zero', (p: string) => symlinkSync('/dev/zero', p)],
    ['.aws-key-guard.json', 'a symlink to /dev/zero', (p: string) => symlinkSync('/dev/zero', p)],
    ['.aws-key-guardignore', 'a FIFO', (p: string) => spawnSync('mkfifo', [p])],
  ])('%s that is %s: one line, at once', async (name, _what, make) => {
    await withTempRepo((repo) => {
      installed(repo);
      make(join(repo.dir, name));
      repo.write('main.tf', `k = "${'Q'.repeat(10)}${randomFrom('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 40)}"\n`);
      const started = Date.now();
      const r = commit(repo, 'main.tf');
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(r.code).not.toBe(0); // the hook's 2; Git reports a failed hook as 1
      expect(r.moved).toBe(false);
      expect(r.output.trim().split('\n')).toEqual([`aws-key-guard: ${name} is not a regular file: make it a plain text file, or remove it.`]);
    });
  }, 30_000);
});

describe('no secret is printed', () => {
  it('a key in a file name: not in the text, JSON or SARIF report', async () => {
    await withTempRepo((repo) => {
      const key = fakeAccessKeyId();
      repo.write(`keys/${key}.tfvars`, `access_key = "${fakeAccessKeyId()}"\n`);
      repo.stage('.');
      for (const format of ['text', 'json', 'sarif']) {
        const r = repo.cli(['scan', '--format', format]);
        expect(r.code).toBe(1);
        expect(r.stdout + r.stderr, format).not.toContain(key);
        expect(r.stdout, format).toContain(`${key.slice(0, 4)}`);
      }
    });
  });

  it.each([
    ['--lang', (k: string) => ['scan', '--lang', `x${k}`]],
    ['an unknown command', (k: string) => [`x${k}`]],
    ['--range', (k: string) => ['scan', '--range', `HEAD..x${k}`]],
    ['an unknown option', (k: string) => ['scan', `--x${k}`]],
  ])('a key glued to a letter in %s is not echoed', async (_what, args) => {
    await withTempRepo((repo) => {
      const key = fakeAccessKeyId();
      const r = repo.cli(args(key));
      expect(r.code).toBe(2);
      expect(r.stdout + r.stderr).not.toContain(key);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
});
