import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeAccessKeyId, fakeSecretAccessKey } from '../helpers/fakeKeys.js';
import { CLI, PROJECT, withTempRepo, type Run, type TempRepo } from '../helpers/withTempRepo.js';

/**
 * The GitHub Action (action.yml), run as GitHub would run its scan step: the step's own command
 * and variables from action.yml, in a clone made like actions/checkout's (every branch as
 * origin/*), with an event payload file and the GITHUB_* variables. Only `npx --yes
 * aws-key-guard@<version>` becomes this checkout's CLI.
 */
const action = readFileSync(join(PROJECT, 'action.yml'), 'utf8');
const version = (JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { version: string }).version;
const defaults: Record<string, string> = Object.fromEntries([...action.matchAll(/^  ([a-z-]+):\n    description: .*\n    default: '([^']*)'$/gm)].map((m) => [m[1] as string, m[2] as string]));
const scanStep = /- id: scan\n([\s\S]*?)(?=\n    - )/.exec(action)?.[1] ?? '';
const stepRun = /^      run: (.+)$/m.exec(scanStep)?.[1] ?? '';
const stepEnv: Record<string, string> = Object.fromEntries([...scanStep.matchAll(/^        ([A-Z_]+): \$\{\{ inputs\.([a-z-]+) \}\}$/gm)].map((m) => [m[1] as string, m[2] as string]));

describe('action.yml', () => {
  it('runs this version of the package through its ci command, with the inputs as variables', () => {
    expect(stepRun).toBe(`npx --yes aws-key-guard@${version} ci`);
    expect(stepEnv).toEqual({ INPUT_FAIL_ON_FINDING: 'fail-on-finding', INPUT_SARIF: 'sarif' });
    expect(defaults).toEqual({ 'fail-on-finding': 'true', sarif: 'false', 'node-version': '24' });
  });

  it('pins every action it uses to a commit', () => {
    const uses = [...action.matchAll(/uses: (\S+)/g)].map((m) => m[1] as string);
    expect(uses.length).toBe(2);
    for (const u of uses) expect(u).toMatch(/@[0-9a-f]{40}$/);
  });
});

interface Checkout {
  dir: string;
  /** runs the action's scan step; returns its result, summary and outputs */
  step: (eventName: string, payload: unknown, inputs?: Record<string, string>) => Run & { summary: string; outputs: Record<string, string> };
}

/** A "GitHub" bare repository, and a clone of it made as actions/checkout with fetch-depth: 0 does. */
function checkout(repo: TempRepo): Checkout {
  const base = dirname(repo.dir);
  const dir = join(base, 'workspace');
  repo.run('git', ['clone', '-q', join(base, 'github.git'), dir]);
  let n = 0;
  return {
    dir,
    step: (eventName, payload, inputs = {}) => {
      n += 1;
      const eventPath = join(base, `event-${n}.json`);
      const summaryPath = join(base, `summary-${n}.md`);
      const outputPath = join(base, `output-${n}.txt`);
      writeFileSync(eventPath, JSON.stringify(payload));
      writeFileSync(summaryPath, '');
      writeFileSync(outputPath, '');
      const env: NodeJS.ProcessEnv = {
        ...repo.env,
        CI: 'true',
        GITHUB_ACTIONS: 'true',
        GITHUB_EVENT_NAME: eventName,
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_STEP_SUMMARY: summaryPath,
        GITHUB_OUTPUT: outputPath,
        GITHUB_WORKSPACE: dir,
      };
      for (const [name, input] of Object.entries(stepEnv)) env[name] = inputs[input] ?? defaults[input];
      const command = stepRun.replace(`npx --yes aws-key-guard@${version}`, `node "${CLI}"`);
      const r = repo.run('bash', ['-c', command], { cwd: dir, env });
      const outputs = Object.fromEntries(readFileSync(outputPath, 'utf8').split('\n').filter(Boolean).map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
      return { ...r, summary: readFileSync(summaryPath, 'utf8'), outputs };
    },
  };
}

function commit(repo: TempRepo, path: string, text: string): string {
  repo.write(path, text);
  repo.stage(path);
  repo.git(['commit', '-qm', path, '--no-verify']);
  return repo.git(['rev-parse', 'HEAD']).stdout.trim();
}

/** The developer's repository, with `github.git` as its origin; `main` has one clean commit. */
function setUp(repo: TempRepo): string {
  repo.run('git', ['init', '-q', '--bare', join(dirname(repo.dir), 'github.git')]);
  repo.git(['remote', 'add', 'origin', join(dirname(repo.dir), 'github.git')]);
  const first = commit(repo, 'main.tf', 'region = "eu-west-1"\n');
  repo.git(['push', '-q', 'origin', 'HEAD:main']);
  return first;
}

const zero = '0'.repeat(40);

describe('the action, on a push', () => {
  it('passes clean commits: exit 0, a summary that says so, no SARIF', () =>
    withTempRepo((repo) => {
      const before = setUp(repo);
      const after = commit(repo, 'b.tf', 'b = 1\n');
      repo.git(['push', '-q', 'origin', 'HEAD:main']);
      const r = checkout(repo).step('push', { ref: 'refs/heads/main', before, after });
      expect(r.code, r.stderr).toBe(0);
      expect(r.summary).toContain('No AWS keys in the scanned commits (1 file, 1 added line).');
      expect(r.summary).toContain(`Scanned: the commits of this push (${before.slice(0, 12)}..${after.slice(0, 12)})`);
      expect(r.outputs).toEqual({ findings: '0', 'sarif-file': '' });
    }));

  it('fails on a key: the report in the log, a redacted summary with what to do, and SARIF when asked', () =>
    withTempRepo((repo) => {
      const before = setUp(repo);
      const id = fakeAccessKeyId();
      const secret = fakeSecretAccessKey();
      const after = commit(repo, 'k.tf', `access_key = "${id}"\nsecret_key = "${secret}"\n`);
      commit(repo, 'c.tf', 'c = 1\n');
      const head = repo.git(['rev-parse', 'HEAD']).stdout.trim();
      repo.git(['push', '-q', 'origin', 'HEAD:main']);
      const ws = checkout(repo);
      const r = ws.step('push', { ref: 'refs/heads/main', before, after: head }, { sarif: 'true' });
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('aws-key-guard found 2 AWS credentials in 1 commit.');
      expect(r.summary).toContain(':x: **aws-key-guard found 2 AWS credentials in 1 commit.**');
      expect(r.summary).toContain(`| \`k.tf:1:15\` | AWS access key ID | \`${id.slice(0, 4)}…${id.slice(-4)}\` | \`aws-access-key-id\` | \`${after.slice(0, 12)}\``);
      expect(r.summary).toContain('### What to do now');
      expect(r.summary).toContain('1. Deactivate the key in IAM now');
      for (const text of [r.stdout, r.stderr, r.summary, readFileSync(join(ws.dir, 'aws-key-guard.sarif'), 'utf8')]) {
        expect(text).not.toContain(id);
        expect(text).not.toContain(secret);
      }
      expect(r.outputs).toEqual({ findings: '2', 'sarif-file': 'aws-key-guard.sarif' });
      const sarif = JSON.parse(readFileSync(join(ws.dir, 'aws-key-guard.sarif'), 'utf8'));
      expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId).sort()).toEqual(['aws-access-key-id', 'aws-secret-access-key']);
      expect(sarif.runs[0].tool.driver.version).toBe(version);
    }));

  it('reports without failing when fail-on-finding is false, and writes SARIF to a given path', () =>
    withTempRepo((repo) => {
      const before = setUp(repo);
      const after = commit(repo, 'k.tf', `access_key = "${fakeAccessKeyId()}"\n`);
      repo.git(['push', '-q', 'origin', 'HEAD:main']);
      const ws = checkout(repo);
      const r = ws.step('push', { ref: 'refs/heads/main', before, after }, { 'fail-on-finding': 'false', sarif: 'reports/keys.sarif' });
      expect(r.code, r.stderr).toBe(0);
      expect(r.outputs).toEqual({ findings: '1', 'sarif-file': 'reports/keys.sarif' });
      expect(JSON.parse(readFileSync(join(ws.dir, 'reports', 'keys.sarif'), 'utf8')).runs[0].results).toHaveLength(1);
    }));

  it('scans a new branch\'s own commits (before is zeros), though the checkout has origin/<branch> too', () =>
    withTempRepo((repo) => {
      setUp(repo);
      repo.git(['checkout', '-qb', 'feature']);
      const id = fakeAccessKeyId();
      commit(repo, 'k.tf', `access_key = "${id}"\n`);
      const after = commit(repo, 'd.tf', 'd = 1\n');
      repo.git(['push', '-q', 'origin', 'HEAD:feature']);
      const r = checkout(repo).step('push', { ref: 'refs/heads/feature', before: zero, after });
      expect(r.code, r.stderr).toBe(1);
      expect(r.outputs.findings).toBe('1');
      expect(r.summary).toContain('that no other branch has');
    }));

  it('has nothing to scan for a deletion', () =>
    withTempRepo((repo) => {
      const before = setUp(repo);
      const r = checkout(repo).step('push', { ref: 'refs/heads/gone', before, after: zero, deleted: true });
      expect(r.code, r.stderr).toBe(0);
      expect(r.summary).toContain('nothing: the push deleted a branch or tag');
    }));

  it('says how to fix a shallow checkout, with exit 2, rather than passing unchecked', () =>
    withTempRepo((repo) => {
      const before = setUp(repo);
      const r = checkout(repo).step('push', { ref: 'refs/heads/main', before, after: 'a'.repeat(40) });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('fetch-depth: 0');
    }));
});

describe('the action, on a pull request', () => {
  it('scans base..head and fails on a key', () =>
    withTempRepo((repo) => {
      const base = setUp(repo);
      repo.git(['checkout', '-qb', 'pr']);
      commit(repo, 'k.tf', `access_key = "${fakeAccessKeyId()}"\n`);
      const head = repo.git(['rev-parse', 'HEAD']).stdout.trim();
      repo.git(['push', '-q', 'origin', 'HEAD:pr']);
      const r = checkout(repo).step('pull_request', { pull_request: { base: { sha: base }, head: { sha: head } } });
      expect(r.code, r.stderr).toBe(1);
      expect(r.summary).toContain('the commits of this pull request');
    }));

  it('refuses to run outside GitHub Actions, in one line', () =>
    withTempRepo((repo) => {
      const r = repo.cli(['ci']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('GITHUB_EVENT_NAME');
    }));

  it('refuses a payload without the commits', () =>
    withTempRepo((repo) => {
      setUp(repo);
      const r = checkout(repo).step('pull_request', { pull_request: { base: { sha: 'main' } } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('pull_request.base.sha');
    }));
});
