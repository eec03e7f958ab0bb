import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeAccessKeyId, fakeBedrockApiKey, fakeSecretAccessKey, fakeSessionToken } from '../helpers/fakeKeys.js';
import { PROJECT, withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

/** Every file under a folder (outside .git), as text. */
function filesUnder(dir: string): string {
  let out = '';
  for (const name of readdirSync(dir)) {
    if (name === '.git' || name === 'node_modules') continue;
    const p = join(dir, name);
    out += statSync(p).isDirectory() ? filesUnder(p) : readFileSync(p, 'latin1');
  }
  return out;
}

describe('secrets stay secret', () => {
  it('in every output format, every scan mode, every error path and every file the tool writes', async () => {
    await withTempRepo((repo: TempRepo) => {
      const id = fakeAccessKeyId();
      const secret = fakeSecretAccessKey();
      const token = fakeSessionToken();
      const bedrock = fakeBedrockApiKey();
      const planted = [id, secret, token, bedrock];
      const sources = {
        'main.tf': `provider "aws" {\n  access_key = "${id}"\n  secret_key = "${secret}"\n  token = "${token}"\n}\n`,
        '.env': `AWS_BEARER_TOKEN_BEDROCK=${bedrock}\nAWS_SECRET_ACCESS_KEY=${secret}\n`,
      };
      for (const [path, text] of Object.entries(sources)) repo.write(path, text);
      repo.stage('.');
      const outputs: string[] = [];
      const run = (args: string[], env: NodeJS.ProcessEnv = {}) => {
        const r = repo.cli(args, env);
        outputs.push(`${r.stdout}\n${r.stderr}`); // not the arguments: some are the planted values
        return r;
      };
      expect(run(['scan']).code).toBe(1);
      run(['scan', '--lang', 'ja']);
      run(['scan', '--format', 'json']);
      run(['scan', '--format', 'sarif']);
      run(['scan', '--debug']);
      run(['scan', '--all']);
      repo.git(['commit', '-qm', 'leak', '--no-verify']);
      run(['scan', '--history', '--format', 'json']);
      run(['scan', '--range', 'HEAD~0']);
      expect(run(['baseline']).code).toBe(0);
      // error paths that echo what they were given
      run([id]);
      run(['scan', `--${secret}`]);
      run(['scan', '--range', id]);
      run(['scan', '--format', secret]);
      run(['scan', '--lang', id]);
      run(['explain', id]);
      repo.write('.aws-key-guard.json', JSON.stringify({ allow: [id, secret] }));
      run(['scan']);
      repo.write('.aws-key-guard.json', JSON.stringify({ [secret]: [] }));
      run(['scan', '--debug']);
      repo.write('.aws-key-guard.json', '{}');
      // what it wrote (baseline, .gitignore), what it printed
      repo.run('rm', ['main.tf', '.env']);
      const written = filesUnder(repo.dir);
      const all = outputs.join('\n') + written;
      for (const v of planted) {
        expect(all).not.toContain(v);
        expect(all).not.toContain(v.slice(4, 24));
      }
    });
  });
});

describe('the published package', () => {
  it('ships only dist, hooks, README, LICENSE-ish files and package.json, with no install scripts', async () => {
    await withTempRepo((repo) => {
      const r = repo.run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PROJECT });
      expect(r.code).toBe(0);
      const files = (JSON.parse(r.stdout)[0].files as { path: string }[]).map((f) => f.path).sort();
      for (const f of files) expect(f).toMatch(/^(?:dist\/.+\.(?:js|d\.ts|json)|hooks\/pre-(?:commit|push|receive)|package\.json|README\.md|CHANGELOG\.md|LICENSE)$/);
      expect(files).toContain('dist/cli.js');
      expect(files).toContain('hooks/pre-commit');
      expect(files).toContain('hooks/pre-push');
      expect(files).toContain('hooks/pre-receive');
      const pkg = JSON.parse(readFileSync(join(PROJECT, 'package.json'), 'utf8'));
      // prepare too: npm 11 names it to everyone who installs the package (the build runs at prepack)
      for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(pkg.scripts[script]).toBeUndefined();
      expect(pkg.dependencies ?? {}).toEqual({});
    });
  });
});
