import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';
import { withTempRepo } from '../helpers/withTempRepo.js';

describe('the commands the report gives', () => {
  it.each(
    ['plain.tf', 'with space.tf', "it's here.tf", 'dir with "quotes"/main.tf', '-dash.tf', '$(touch pwned).tf', 'terraform.tfstate'].flatMap((p) => [
      [p, 'the first commit'],
      [p, 'a later commit'],
    ]),
  )(
    'unstage %j when pasted into a POSIX shell, on %s',
    async (path, when) => {
      await withTempRepo((repo) => {
        if (when === 'a later commit') {
          repo.write('base.tf', 'a = 1\n');
          repo.stage('base.tf');
          repo.git(['commit', '-qm', 'base']);
        }
        repo.write(path, `k = "${fakeAccessKeyId()}"\n`);
        repo.git(['add', '--', path]);
        const report = repo.cli(['scan']).stdout;
        const commands = report.split('\n').filter((l) => /^\s+git (restore --staged|rm --cached) /.test(l));
        expect(commands).toHaveLength(1);
        const r = repo.run('sh', ['-c', commands[0] as string]);
        expect(r.code).toBe(0);
        expect(repo.git(['diff', '--cached', '--name-only']).stdout).toBe('');
        expect(existsSync(join(repo.dir, 'pwned'))).toBe(false);
        expect(repo.cli(['scan']).code).toBe(0);
      });
    },
  );

  it('adds the .gitignore lines it suggests, and they work', async () => {
    await withTempRepo((repo) => {
      repo.write('.env', `AWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\n`);
      repo.stage('.env');
      const report = repo.cli(['scan']).stdout;
      const line = report.split('\n').find((l) => l.includes('>> .gitignore')) as string;
      repo.git(['rm', '-q', '--cached', '.env']);
      expect(repo.run('sh', ['-c', line]).code).toBe(0);
      expect(repo.git(['check-ignore', '.env']).stdout.trim()).toBe('.env');
    });
  });
});

describe('aws-key-guard gitignore', () => {
  it('lists what is missing (exit 1), appends it with --write, never removes a line, and is then content', async () => {
    await withTempRepo((repo) => {
      repo.write('.gitignore', 'node_modules/\n*.tfstate');
      const check = repo.cli(['gitignore']);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain('.terraform/');
      expect(check.stdout).not.toMatch(/^\s+\*\.tfstate\s/m);
      expect(repo.cli(['gitignore', '--write']).code).toBe(0);
      const text = readFileSync(join(repo.dir, '.gitignore'), 'utf8');
      expect(text.startsWith('node_modules/\n*.tfstate\n')).toBe(true);
      expect(repo.cli(['gitignore']).code).toBe(0);
      expect(repo.cli(['gitignore', '--lang', 'ja']).stdout).toContain('必要な項目がすべてあります');
      expect(readFileSync(join(repo.dir, '.gitignore'), 'utf8')).not.toContain('*.auto.tfvars');
      // *.auto.tfvars only where used: an untracked one appears
      repo.write('secrets.auto.tfvars', 'db_password = "x"\n');
      expect(repo.cli(['gitignore']).stdout).toContain('*.auto.tfvars');
      repo.cli(['gitignore', '--write']);
      expect(repo.git(['check-ignore', 'secrets.auto.tfvars']).stdout.trim()).toBe('secrets.auto.tfvars');
    });
  });

  it('suggests node_modules/ where packages are used, and starts a new .gitignore without a blank line', async () => {
    await withTempRepo((repo) => {
      expect(repo.cli(['gitignore']).stdout).not.toContain('node_modules/');
      repo.write('package.json', '{ "name": "lab" }\n');
      expect(repo.cli(['gitignore']).stdout).toContain('node_modules/');
      repo.cli(['gitignore', '--write']);
      const text = readFileSync(join(repo.dir, '.gitignore'), 'utf8');
      expect(text.startsWith('# Added by aws-key-guard')).toBe(true);
      expect(text).toContain('\nnode_modules/\n');
    });
  });
});
