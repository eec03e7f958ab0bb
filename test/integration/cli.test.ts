import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI } from '../helpers/withTempRepo.js';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '../helpers/fakeKeys.js';
import { withTempRepo } from '../helpers/withTempRepo.js';

const leak = (id: string, secret: string) =>
  `provider "aws" {\n  access_key = "${id}"\n  secret_key = "${secret}"\n}\n`;

describe('aws-key-guard scan (the process)', () => {
  it('exits 1 with a report that names the place, the rule and the fix, and never the secret', async () => {
    await withTempRepo((repo) => {
      const id = fakeAccessKeyId();
      const secret = fakeSecretAccessKey();
      const token = fakeSessionToken();
      repo.write('my dir/main.tf', leak(id, secret));
      repo.write('.env', `AWS_SESSION_TOKEN=${token}\n`);
      repo.stage('my dir/main.tf', '.env');
      for (const args of [['scan'], ['scan', '--format', 'json'], ['scan', '--lang', 'ja']]) {
        const r = repo.cli(args);
        expect(r.code).toBe(1);
        for (const v of [id, secret, token, secret.slice(4), id.slice(4, 16)]) {
          expect(r.stdout + r.stderr).not.toContain(v);
        }
      }
      const text = repo.cli(['scan']).stdout;
      expect(text).toContain('my dir/main.tf:3:17  AWS secret access key');
      expect(text).toContain(`git rm --cached .env 'my dir/main.tf'`); // no commit yet: restore cannot work
      expect(text).toContain('my dir/main.tf:2:17  AWS access key ID');
      expect(text).toContain('aws iam update-access-key --status Inactive');
      expect(text).toContain(`${id.slice(0, 4)}…${id.slice(-4)}`);
    });
  });

  it('prints the documented JSON document', async () => {
    await withTempRepo((repo) => {
      repo.write('main.tf', leak(fakeAccessKeyId(), fakeSecretAccessKey()));
      repo.stage('main.tf');
      const doc = JSON.parse(repo.cli(['scan', '--format', 'json']).stdout);
      expect(doc.version).toBe(1);
      expect(doc.summary).toMatchObject({ files: 1, addedLines: 4, findings: 2 });
      expect(Object.keys(doc.findings[0]).sort()).toEqual(
        ['column', 'file', 'fingerprint', 'keyId', 'kind', 'line', 'redacted', 'rule', 'title'].sort(),
      );
      expect(doc.findings[0].fingerprint).toMatch(/^[0-9a-f]{16}$/);
    });
  });

  it('exits 0 with one quiet line when the staged change is clean', async () => {
    await withTempRepo((repo) => {
      repo.write('main.tf', 'variable "region" {\n  default = "ap-northeast-1"\n}\n');
      repo.stage('main.tf');
      const r = repo.cli(['scan']);
      expect(r.code).toBe(0);
      expect(r.stdout.trim()).toBe('aws-key-guard: no AWS keys in 1 staged file (3 added lines).');
    });
  });

  it('speaks Japanese when the locale says so, and --lang overrides it', async () => {
    await withTempRepo((repo) => {
      repo.write('main.tf', leak(fakeAccessKeyId(), fakeSecretAccessKey()));
      repo.stage('main.tf');
      expect(repo.cli(['scan'], { LANG: 'ja_JP.UTF-8' }).stdout).toContain('今すぐやること');
      expect(repo.cli(['scan', '--lang', 'en'], { LANG: 'ja_JP.UTF-8' }).stdout).toContain('What to do now');
    });
  });

  it('skips with a visible warning when AWS_KEY_GUARD=0', async () => {
    await withTempRepo((repo) => {
      repo.write('main.tf', leak(fakeAccessKeyId(), fakeSecretAccessKey()));
      repo.stage('main.tf');
      const r = repo.cli(['scan'], { AWS_KEY_GUARD: '0' });
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('NOT checked');
    });
  });
});

describe('a diff of several megabytes (read in batches, through the built CLI)', () => {
  it('finds exactly the planted keys deep inside it, through the CLI and through the installed hook', async () => {
    await withTempRepo((repo) => {
      const lines: string[] = [];
      const expected: string[] = [];
      for (let i = 1; lines.length < 60_000; i++) {
        if (i % 17_000 === 0) {
          lines.push(...leak(fakeAccessKeyId(), fakeSecretAccessKey()).trimEnd().split('\n')); // four lines
          expected.push(`big/main.tf:${lines.length - 2}:aws-access-key-id`, `big/main.tf:${lines.length - 1}:aws-secret-access-key`);
        } else {
          lines.push(`resource "aws_s3_bucket" "b${i}" { bucket = "b-${i}-${'0123456789abcdef'.repeat(2)}" } # hash ${i.toString(16).padStart(40, 'a')}`);
        }
      }
      repo.write('big/main.tf', `${lines.join('\n')}\n`);
      repo.stage('big/main.tf');
      const doc = JSON.parse(repo.cli(['scan', '--format', 'json']).stdout);
      expect(doc.findings.map((f: { file: string; line: number; rule: string }) => `${f.file}:${f.line}:${f.rule}`).sort()).toEqual(expected.sort());
      expect(doc.summary.addedLines).toBe(lines.length);

      repo.linkPackage();
      expect(repo.cli(['install']).code).toBe(0);
      const hook = repo.run('sh', [join(repo.dir, '.git', 'hooks', 'pre-commit')]);
      expect(hook.code).toBe(1);
      for (const place of expected) expect(hook.stdout + hook.stderr).toContain(place.split(':').slice(0, 2).join(':'));
    });
  });
});

describe('bad input: one line, exit 2, no stack trace', () => {
  const oneLine = (r: { code: number; stdout: string; stderr: string }) => {
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^aws-key-guard: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  };

  it('outside a Git repository', () => {
    const dir = mkdtempSync(join(tmpdir(), 'akg-norepo-'));
    try {
      const r = spawnSync(process.execPath, [CLI, 'scan'], { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_CEILING_DIRECTORIES: tmpdir() } });
      oneLine({ code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
      expect(r.stderr).toContain('not inside a Git repository');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([[['scan', '--bogus']], [['scan', '--format', 'xml']], [['frobnicate']], [['scan', '--lang', 'fr']], [['scan', '--range', 'HEAD']], [['scan', 'nonexistent.tf']], [['--lang']], [['scan', '--all=yes']], [['doctor', 'extra']]])('for %j', async (args) => {
    await withTempRepo((repo) => {
      repo.write('a.tf', 'a = 1\n');
      repo.stage('a.tf');
      repo.git(['commit', '-qm', 'a', '--no-verify']);
      oneLine(repo.cli(args));
    });
  });

  it('names the option in plain words, in the user\'s language', async () => {
    await withTempRepo((repo) => {
      expect(repo.cli(['--bogus']).stderr.trim()).toBe('aws-key-guard: There is no option --bogus: run `npx aws-key-guard --help` for the options.');
      expect(repo.cli(['scan', '--format']).stderr).toContain('--format needs a value after it');
      expect(repo.cli(['--bogus'], { LANG: 'ja_JP.UTF-8' }).stderr).toContain('--bogus というオプションはありません');
    });
  });

  it('a folder given to scan names every staged file in it', async () => {
    await withTempRepo((repo) => {
      repo.write('infra/net/main.tf', `access_key = "${fakeAccessKeyId()}"\n`);
      repo.write('other/main.tf', 'a = 1\n');
      repo.stage('.');
      const r = repo.cli(['scan', 'infra']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('infra/net/main.tf:1');
      expect(repo.cli(['scan', 'other']).code).toBe(0);
      expect(repo.cli(['scan', '.']).code).toBe(1);
    });
  });

  it('when git is not on PATH', async () => {
    await withTempRepo((repo) => {
      const r = repo.run(process.execPath, [CLI, 'scan'], { env: { ...repo.env, PATH: '/nonexistent' } });
      oneLine(r);
      expect(r.stderr).toContain('Git could not be started');
    });
  });

  it('shows the technical details only when asked (--debug or NODE_DEBUG=aws-key-guard)', async () => {
    await withTempRepo((repo) => {
      repo.write('.git/config', '[core\n  broken = \n');
      expect(repo.cli(['scan', '--debug']).stderr).toMatch(/\n\s+at /);
      expect(repo.cli(['scan'], { NODE_DEBUG: 'aws-key-guard' }).stderr).toMatch(/\n\s+at /);
      expect(repo.cli(['scan'], { NODE_DEBUG: 'other' }).stderr).not.toMatch(/\n\s+at /);
    });
  });

  it('on a Node.js older than 20', async () => {
    await withTempRepo((repo) => {
      repo.write('old-node.cjs', "Object.defineProperty(process.versions, 'node', { value: '18.19.0' });\n");
      const r = repo.run(process.execPath, ['--require', `${repo.dir}/old-node.cjs`, CLI, 'scan']);
      oneLine(r);
      expect(r.stderr).toContain('needs Node.js 20 or newer, and this is 18.19.0');
    });
  });

  it('with a corrupt Git config', async () => {
    await withTempRepo((repo) => {
      repo.write('.git/config', '[core\n  broken = \n');
      const r = repo.cli(['scan']);
      oneLine(r);
    });
  });
});
