import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';
import { CLI, PROJECT, withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

const readme = readFileSync(join(PROJECT, 'README.md'), 'utf8');
/** Every `npx aws-key-guard …` command in the README's YAML examples, as written. */
const commands = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].flatMap((m) =>
  [...(m[1] as string).matchAll(/npx aws-key-guard ([^\n>]+?)(?:\s*>\s*\S+)?\s*$/gm)].map((c) => (c[1] as string).trim()),
);

function commit(repo: TempRepo, path: string, text: string) {
  repo.write(path, text);
  repo.stage(path);
  repo.git(['commit', '-qm', path, '--no-verify']);
  return repo.git(['rev-parse', 'HEAD']).stdout.trim();
}

/** The example's CI variables, filled with real commits of the temporary repository. */
function filled(command: string, before: string, head: string): string {
  return command
    .replace(/\$\{\{ github\.event\.pull_request\.base\.sha \|\| github\.event\.before \}\}/g, before)
    .replace(/\$\{\{ github\.sha \}\}/g, head)
    .replace(/\$\{CI_MERGE_REQUEST_DIFF_BASE_SHA:-\$CI_COMMIT_BEFORE_SHA\}/g, before)
    .replace(/\$\{CI_COMMIT_SHA\}/g, head);
}

describe('the CI examples in the README', () => {
  it('exist for GitLab CI; GitHub Actions uses the action (test/integration/action.test.ts)', () => {
    expect(commands.length).toBeGreaterThanOrEqual(1);
    expect(commands.some((c) => c.includes('CI_COMMIT_SHA'))).toBe(true);
    const version = (JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(readme).toMatch(new RegExp(`^      - uses: \\S+/aws-key-guard@v${version.replace(/\./g, '\\.')} `, 'm'));
    expect(readme).toContain(`      - run: npx --yes aws-key-guard@${version} ci\n`);
  });

  it('use only flags that --help lists', async () => {
    await withTempRepo((repo) => {
      const help = repo.run(process.execPath, [CLI, '--help']).stdout;
      for (const c of commands) for (const flag of c.match(/--[a-z-]+/g) ?? []) expect(help, flag).toContain(flag);
    });
  });

  it.each(commands.map((c) => [c]))('%s exits 0 on clean commits, 1 on a leaking one, also for a first push', async (command) => {
    await withTempRepo((repo) => {
      const before = commit(repo, 'a.tf', 'a = 1\n');
      const clean = commit(repo, 'b.tf', 'b = 1\n');
      const run = (from: string, to: string) => repo.run('sh', ['-c', `node "${CLI}" ${filled(command, from, to)} > out.txt`]);
      expect(run(before, clean).code).toBe(0);
      const leaking = commit(repo, 'c.tf', `k = "${fakeAccessKeyId()}"\n`);
      expect(run(before, leaking).code).toBe(1);
      expect(run(clean, leaking).code).toBe(1);
      expect(run('0'.repeat(40), leaking).code).toBe(1);
      // as a CI clone has them: the pushed branch itself, and the default branch, as origin/*
      repo.git(['update-ref', 'refs/remotes/origin/topic', leaking]);
      repo.git(['update-ref', 'refs/remotes/origin/main', before]);
      expect(run('0'.repeat(40), leaking).code).toBe(1);
      expect(run('0'.repeat(40), clean).code).toBe(0);
      repo.git(['tag', '-a', 'v9', '-m', 'an annotated tag', leaking]);
      expect(run('0'.repeat(40), 'v9').code).toBe(1);
      if (command.includes('sarif')) expect(JSON.parse(repo.run('cat', ['out.txt']).stdout).runs[0].results).toHaveLength(1);
    });
  });
});
