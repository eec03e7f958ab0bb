import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanChanges } from '../../src/changes.js';
import { fakeAccessKeyId, fakeSecretAccessKey } from '../helpers/fakeKeys.js';
import { withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

const require = createRequire(import.meta.url);
const leak = () => `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`;
const places = (r: { findings: { file: string; line: number; rule: string }[] }) => r.findings.map((f) => `${f.file}:${f.line}:${f.rule}`);

function commit(repo: TempRepo, path: string, content: string, message = path) {
  repo.write(path, content);
  repo.stage(path);
  repo.git(['commit', '-qm', message, '--no-verify']);
  return repo.git(['rev-parse', 'HEAD']).stdout.trim();
}

describe('configuration on a real repository', () => {
  it('scans configured extra globs, skips excluded paths and disabled rules, allows fingerprints', async () => {
    await withTempRepo(async (repo) => {
      repo.write('templates/app.tpl', `key = "${fakeAccessKeyId()}"\n`);
      repo.write('examples/main.tf', leak());
      repo.write('main.tf', `token = "${'IQoJb3JpZ2luX2Vj'}${'Ab9/'.repeat(40)}"\n`);
      repo.write('env/prod.tf', `access_key = "${fakeAccessKeyId()}"\n`);
      repo.stage('.');
      expect(places(await scanChanges({ cwd: repo.dir }))).toEqual(['env/prod.tf:1:aws-access-key-id', 'examples/main.tf:2:aws-access-key-id', 'examples/main.tf:3:aws-secret-access-key', 'main.tf:1:aws-session-token']);
      const json = JSON.parse(repo.cli(['scan', '--format', 'json']).stdout);
      const prod = json.findings.find((f: { file: string }) => f.file === 'env/prod.tf').fingerprint as string;
      repo.write('.aws-key-guard.json', JSON.stringify({ include: ['*.tpl'], exclude: ['examples/'], disable: ['aws-session-token'], allow: [prod] }));
      const r = await scanChanges({ cwd: repo.dir });
      expect(places(r)).toEqual(['templates/app.tpl:1:aws-access-key-id']);
      expect(r.summary.allowed).toBe(2);
    });
  });

  it('reads the same configuration from package.json, and refuses a broken one with exit 2', async () => {
    await withTempRepo((repo) => {
      repo.write('package.json', JSON.stringify({ name: 'x', 'aws-key-guard': { exclude: ['legacy/**'] } }));
      repo.write('legacy/a.tf', leak());
      repo.stage('.');
      expect(repo.cli(['scan']).code).toBe(0);
      repo.write('package.json', JSON.stringify({ name: 'x', 'aws-key-guard': { exclude: 'legacy/**' } }));
      const r = repo.cli(['scan']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe('aws-key-guard: package.json "aws-key-guard": "exclude" must be a list of non-empty strings.');
      repo.write('.aws-key-guard.json', '{}');
      expect(repo.cli(['scan']).stderr).toContain('in both');
      repo.write('.aws-key-guard.json', '{ not json');
      repo.write('package.json', '{}');
      expect(repo.cli(['scan']).stderr.trim()).toBe('aws-key-guard: .aws-key-guard.json is not valid JSON: fix it, or remove it.');
    });
  });

  it('skips what .aws-key-guardignore names, in gitignore syntax', async () => {
    await withTempRepo(async (repo) => {
      repo.write('.aws-key-guardignore', '# test fixtures\nfixtures/*\n!fixtures/real.tf\n*.example.tfvars\n');
      repo.write('fixtures/fake.tf', leak());
      repo.write('fixtures/real.tf', leak());
      repo.write('dev.example.tfvars', leak());
      repo.stage('.');
      expect(places(await scanChanges({ cwd: repo.dir }))).toEqual(['fixtures/real.tf:2:aws-access-key-id', 'fixtures/real.tf:3:aws-secret-access-key']);
    });
  });

  it('scans a configured extra pattern through the installed hook, past the fast path', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      repo.cli(['install']);
      repo.write('.aws-key-guard.json', '{ "include": ["*.tpl"] }');
      repo.write('app.tpl', `key = "${fakeAccessKeyId()}"\n`);
      repo.stage('.aws-key-guard.json', 'app.tpl');
      const r = repo.git(['commit', '-m', 'tpl'], { allowFail: true });
      expect(r.code).not.toBe(0);
      expect(r.stdout + r.stderr).toContain('app.tpl:1:');
    });
  });
});

describe('baseline', () => {
  it('adopts known findings, then still catches a new key, and holds no secret', async () => {
    await withTempRepo(async (repo) => {
      const old = leak();
      commit(repo, 'legacy.tf', old);
      const r = repo.cli(['baseline']);
      expect(r.code).toBe(0);
      const text = readFileSync(join(repo.dir, '.aws-key-guard-baseline.json'), 'utf8');
      for (const m of old.matchAll(/"([^"]{20,})"/g)) expect(text).not.toContain(m[1]);
      expect(JSON.parse(text).findings).toHaveLength(2);
      expect(repo.cli(['scan', '--all']).code).toBe(0);
      repo.write('legacy.tf', `${old}# more\n`);
      repo.write('new.tf', leak());
      repo.stage('.');
      expect(places(await scanChanges({ cwd: repo.dir }))).toEqual(['new.tf:2:aws-access-key-id', 'new.tf:3:aws-secret-access-key']);
      repo.write('.aws-key-guard-baseline.json', '{"findings": "nope"}');
      expect(repo.cli(['scan']).code).toBe(2);
    });
  });
});

describe('beyond the pre-commit', () => {
  it('--all scans every tracked file, staged changes included', async () => {
    await withTempRepo(async (repo) => {
      commit(repo, 'a.tf', leak());
      commit(repo, 'b.tf', 'b = 1\n');
      repo.write('c.tf', leak());
      repo.stage('c.tf');
      expect(places(await scanChanges({ cwd: repo.dir, mode: { kind: 'all' } }))).toEqual([
        'a.tf:2:aws-access-key-id', 'a.tf:3:aws-secret-access-key', 'c.tf:2:aws-access-key-id', 'c.tf:3:aws-secret-access-key',
      ]);
    });
  });

  it('--range finds keys added by any commit in the range, even one removed later, and names the commit', async () => {
    await withTempRepo(async (repo) => {
      const base = commit(repo, 'a.tf', 'a = 1\n');
      const leaking = commit(repo, 'b.tf', leak(), 'leak');
      commit(repo, 'b.tf', 'b = 1\n', 'remove it again');
      const r = await scanChanges({ cwd: repo.dir, mode: { kind: 'range', revs: [[`${base}..HEAD`]] } });
      expect(places(r)).toEqual(['b.tf:2:aws-access-key-id', 'b.tf:3:aws-secret-access-key']);
      expect(r.findings[0]?.commit?.sha).toBe(leaking);
      expect(r.findings[0]?.commit?.date).toMatch(/^\d{4}-\d\d-\d\dT/);
      const text = repo.cli(['scan', '--range', `${base}..HEAD`]);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(`in commit ${leaking.slice(0, 12)}`);
      expect(text.stdout).toContain('Deactivate the key in IAM now');
      expect(repo.cli(['scan', '--range', `${leaking}..HEAD`]).code).toBe(0);
      expect(text.stdout).not.toContain('already pushed');
      // once a remote has the commit, the report says it was pushed
      const remote = `${repo.dir}/../origin.git`;
      repo.run('git', ['init', '-q', '--bare', remote]);
      repo.git(['remote', 'add', 'origin', remote]);
      repo.git(['push', '-q', '--no-verify', 'origin', 'HEAD:main']);
      repo.git(['fetch', '-q', 'origin']);
      const pushed = repo.cli(['scan', '--history', '--format', 'json']);
      expect(JSON.parse(pushed.stdout).findings[0].commit.pushedTo).toBe('origin/main');
      expect(repo.cli(['scan', '--history']).stdout).toContain('already pushed: origin/main has it');
      // a remote branch named after a key is named, not the key
      const id = fakeAccessKeyId();
      repo.git(['push', '-q', '--no-verify', 'origin', `HEAD:refs/heads/a/${id}`]);
      repo.git(['fetch', '-q', 'origin']);
      const named = repo.cli(['scan', '--history']);
      expect(named.stdout).toContain(`already pushed: origin/a/${id.slice(0, 4)}…${id.slice(-4)} has it`);
      expect(named.stdout + named.stderr).not.toContain(id);
      expect(repo.cli(['scan', '--range', '--upload-pack=evil']).code).toBe(2);
    });
  });

  it('--history scans every commit reachable from HEAD', async () => {
    await withTempRepo(async (repo) => {
      commit(repo, 'a.tf', leak());
      commit(repo, 'a.tf', 'a = 1\n');
      commit(repo, 'terraform.tfstate', '{}\n');
      const r = await scanChanges({ cwd: repo.dir, mode: { kind: 'history' } });
      expect(places(r)).toEqual(['a.tf:2:aws-access-key-id', 'a.tf:3:aws-secret-access-key', 'terraform.tfstate:0:terraform-state-file']);
    });
  });

  it('the pre-push hook refuses a push of a commit made with --no-verify, and allows a clean one', async () => {
    await withTempRepo((repo) => {
      repo.linkPackage();
      expect(repo.cli(['install', '--pre-push']).stdout).toContain('pre-push');
      const remote = join(repo.dir, '..', 'remote.git');
      repo.run('git', ['init', '-q', '--bare', remote]);
      repo.git(['remote', 'add', 'origin', remote]);
      commit(repo, 'ok.tf', 'a = 1\n');
      expect(repo.git(['push', '-q', 'origin', 'HEAD:main'], { allowFail: true }).code).toBe(0);
      commit(repo, 'leak.tf', leak());
      const r = repo.git(['push', '-q', 'origin', 'HEAD:main'], { allowFail: true });
      expect(r.code).not.toBe(0);
      expect(r.stderr + r.stdout).toContain('aws-access-key-id');
      expect(repo.git(['ls-remote', remote, 'main']).stdout.slice(0, 40)).not.toBe(repo.git(['rev-parse', 'HEAD']).stdout.trim());
      // a new branch: only commits the remote does not have yet are scanned
      repo.git(['reset', '-q', '--hard', 'HEAD~1']);
      commit(repo, 'more.tf', 'b = 1\n');
      expect(repo.git(['push', '-q', 'origin', 'HEAD:feature'], { allowFail: true }).code).toBe(0);
    });
  });
});

describe('SARIF', () => {
  it('is a valid SARIF 2.1.0 log, redacted, with fingerprints', async () => {
    await withTempRepo((repo) => {
      const key = leak();
      repo.write('main.tf', key);
      repo.write('terraform.tfstate', '{}');
      repo.stage('.');
      const r = repo.cli(['scan', '--format', 'sarif']);
      expect(r.code).toBe(1);
      for (const m of key.matchAll(/"([^"]{20,})"/g)) expect(r.stdout).not.toContain(m[1]);
      const log = JSON.parse(r.stdout);
      const Ajv = require('ajv');
      const ajv = new Ajv({ schemaId: 'auto', allErrors: true, unknownFormats: 'ignore' });
      ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
      const schema = require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
      const valid = ajv.validate(schema, log);
      expect(ajv.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(log.runs[0].results).toHaveLength(3);
      expect(log.runs[0].results[0].partialFingerprints['awsKeyGuard/v1']).toMatch(/^[0-9a-f]{16}$/);
      expect(log.runs[0].results[0].locations[0].physicalLocation.region).toEqual({ startLine: 2, startColumn: 17 });
    });
  });
});
