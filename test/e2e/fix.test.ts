import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeAccessKeyId, fakeSecretAccessKey } from '../helpers/fakeKeys.js';
import { parseHcl } from '../helpers/hcl.js';
import { PROJECT, withTempRepo, type Run, type TempRepo } from '../helpers/withTempRepo.js';

/**
 * The seed's story, as a new user lives it: the packed package installed, a key committed through
 * the real hook and refused, `npx aws-key-guard fix --yes`, and the same commit going through.
 * HOME and AWS_SHARED_CREDENTIALS_FILE point into the test's temp folder, never at ~/.aws.
 */
let cache: string;

beforeAll(() => {
  cache = mkdtempSync(join(tmpdir(), 'akg-e2e-fix-'));
  // --ignore-scripts: dist/ is built already (npm test builds first); a rebuild here would pull it from under the tests running beside this one
  execFileSync('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', cache], { cwd: PROJECT, stdio: 'pipe' });
  const tgz = readdirSync(cache).find((f) => f.endsWith('.tgz')) as string;
  writeFileSync(join(cache, 'package.json'), '{ "name": "cache", "private": true }\n');
  execFileSync('npm', ['install', '-D', '--no-audit', '--no-fund', '--loglevel=error', `./${tgz}`], { cwd: cache, stdio: 'pipe' });
});

afterAll(() => rmSync(cache, { recursive: true, force: true }));

function home(repo: TempRepo): string {
  const dir = join(repo.dir, '..', 'home');
  mkdirSync(dir, { recursive: true });
  return dir;
}

function project(repo: TempRepo) {
  cpSync(join(cache, 'node_modules'), join(repo.dir, 'node_modules'), { recursive: true, verbatimSymlinks: true });
  repo.write('package.json', '{ "name": "my-terraform-lab", "private": true }\n');
  repo.write('.gitignore', 'node_modules/\n');
  repo.stage('.');
  repo.git(['commit', '-qm', 'lab setup', '--no-verify']);
  expect(npx(repo, 'install').code).toBe(0);
}

function npx(repo: TempRepo, ...args: string[]): Run {
  const env = { ...repo.env, HOME: home(repo), USERPROFILE: home(repo), AWS_SHARED_CREDENTIALS_FILE: '', AWS_CONFIG_FILE: '', npm_config_cache: join(cache, 'npm-cache') };
  return repo.run('npx', ['--no-install', 'aws-key-guard', ...args], { env });
}

function commit(repo: TempRepo): { ok: boolean; output: string } {
  const before = repo.git(['rev-parse', 'HEAD']).stdout;
  const r = repo.git(['commit', '-m', 'add infrastructure'], { allowFail: true });
  return { ok: r.code === 0 && repo.git(['rev-parse', 'HEAD']).stdout !== before, output: r.stdout + r.stderr };
}

/** Stage the files, see the commit refused, run fix --yes, and see the commit go through. */
function story(repo: TempRepo, files: Record<string, string>, secrets: string[]): Run {
  project(repo);
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.stage(...Object.keys(files));
  const refused = commit(repo);
  expect(refused.ok).toBe(false);
  expect(refused.output).toContain('npx aws-key-guard fix');
  const r = npx(repo, 'fix', '--yes');
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  for (const s of secrets) expect(r.stdout + r.stderr).not.toContain(s);
  const done = commit(repo);
  expect(done.output).not.toContain('stopped this commit');
  expect(done.ok).toBe(true);
  for (const s of secrets) expect(repo.git(['log', '-p', '--all']).stdout).not.toContain(s);
  return r;
}

const credentials = (repo: TempRepo) => join(home(repo), '.aws', 'credentials');
const committed = (repo: TempRepo, path: string) => repo.git(['show', `HEAD:${path}`]).stdout;

describe('aws-key-guard fix, end to end through the installed hook', () => {
  it('a provider block: refused, fixed into a 0600 profile, committed, and the file still parses', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      const tf = `provider "aws" {\n  region     = "ap-northeast-1"\n  access_key = "${id}"\n  secret_key = "${secret}"\n}\n`;
      const r = story(repo, { 'main.tf': tf }, [id, secret]);
      expect(r.stdout).toContain('the commit can go through');
      const creds = readFileSync(credentials(repo), 'utf8');
      const profile = /^\[(aws-key-guard[^\]]*)\]$/m.exec(creds)?.[1] as string;
      expect(creds).toContain(`aws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`);
      expect(statSync(credentials(repo)).mode & 0o777).toBe(0o600);
      const hcl = (await parseHcl('main.tf', committed(repo, 'main.tf'))) as { provider: { aws: Record<string, string>[] } };
      expect(hcl.provider.aws[0]).toEqual({ region: 'ap-northeast-1', profile });
    });
  });

  it('a backend "s3" block', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      const tf = `terraform {\n  backend "s3" {\n    bucket     = "lab-state"\n    key        = "lab.tfstate"\n    region     = "ap-northeast-1"\n    access_key = "${id}"\n    secret_key = "${secret}"\n  }\n}\n`;
      story(repo, { 'backend.tf': tf }, [id, secret]);
      expect(statSync(credentials(repo)).mode & 0o777).toBe(0o600);
      const hcl = (await parseHcl('backend.tf', committed(repo, 'backend.tf'))) as { terraform: { backend: { s3: Record<string, string>[] } }[] };
      expect(hcl.terraform[0]?.backend.s3[0]?.profile).toMatch(/^aws-key-guard/);
      expect(hcl.terraform[0]?.backend.s3[0]?.access_key).toBeUndefined();
    });
  });

  it('a .tfvars: the values stay on disk in an ignored secrets.auto.tfvars', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      const tfvars = `region         = "ap-northeast-1"\naws_access_key = "${id}"\naws_secret_key = "${secret}"\n`;
      const r = story(repo, { 'terraform.tfvars': tfvars }, [id, secret]);
      expect(r.stdout).toContain('aws_access_key, aws_secret_key now have no value');
      expect(committed(repo, 'terraform.tfvars')).toBe('region         = "ap-northeast-1"\n');
      await parseHcl('terraform.tfvars', committed(repo, 'terraform.tfvars'));
      const kept = readFileSync(join(repo.dir, 'secrets.auto.tfvars'), 'utf8');
      expect(await parseHcl('secrets.auto.tfvars', kept)).toEqual({ aws_access_key: id, aws_secret_key: secret });
      expect(repo.git(['ls-files', 'secrets.auto.tfvars']).stdout).toBe('');
    });
  });

  it('a .env: kept on disk, ignored, and a .env.example committed instead', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      const env = `AWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${secret}\n`;
      story(repo, { '.env': env }, [id, secret]);
      expect(readFileSync(join(repo.dir, '.env'), 'utf8')).toBe(env);
      expect(repo.git(['ls-files', '.env']).stdout).toBe('');
      expect(committed(repo, '.env.example')).toBe('AWS_ACCESS_KEY_ID=your-aws-access-key-id\nAWS_SECRET_ACCESS_KEY=your-aws-secret-access-key\n');
      expect(committed(repo, '.gitignore')).toContain('\n.env\n');
      expect(existsSync(credentials(repo))).toBe(false);
    });
  });

  it('a state file: kept on disk, out of the index, and ignored', async () => {
    await withTempRepo(async (repo) => {
      const state = '{\n  "version": 4,\n  "resources": []\n}\n';
      story(repo, { 'terraform.tfstate': state, 'main.tf': 'provider "aws" {\n  region = "ap-northeast-1"\n}\n' }, []);
      expect(readFileSync(join(repo.dir, 'terraform.tfstate'), 'utf8')).toBe(state);
      expect(repo.git(['ls-files']).stdout.split('\n')).toEqual(expect.arrayContaining(['.gitignore', 'main.tf']));
      expect(repo.git(['ls-files', 'terraform.tfstate']).stdout).toBe('');
      expect(committed(repo, '.gitignore')).toContain('*.tfstate\n*.tfstate.*\n.terraform/\n');
    });
  });

  it.each([
    ['partial staging', (tf: string): { staged: string; disk: string | undefined } => ({ staged: tf, disk: `${tf}\nvariable "extra" {}\n` }), ['--yes'], 1, 'partial staging'],
    ['a key in a heredoc', (tf: string) => ({ staged: `locals {\n  script = <<-EOT\n${tf}  EOT\n}\n`, disk: undefined }), ['--yes'], 1, 'heredoc'],
    ['no --yes and no terminal', (tf: string) => ({ staged: tf, disk: undefined }), [], 2, '--yes'],
  ])('refuses %s: nothing changes, and the hook still refuses the commit', async (_, make, args, code, why) => {
    await withTempRepo(async (repo) => {
      project(repo);
      const { staged, disk } = make(`provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`);
      repo.write('main.tf', staged);
      repo.stage('main.tf');
      if (disk !== undefined) repo.write('main.tf', disk);
      const r = npx(repo, 'fix', ...args);
      expect(r.code).toBe(code);
      expect(r.stdout + r.stderr).toContain(why);
      expect(readFileSync(join(repo.dir, 'main.tf'), 'utf8')).toBe(disk ?? staged);
      expect(repo.git(['show', ':main.tf']).stdout).toBe(staged);
      expect(existsSync(join(home(repo), '.aws'))).toBe(false);
      expect(commit(repo).ok).toBe(false);
    });
  });
});
