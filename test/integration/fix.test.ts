import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { accountFromKeyId } from '../../src/keyinfo.js';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken } from '../helpers/fakeKeys.js';
import { parseHcl as parse } from '../helpers/hcl.js';
import { CLI, withTempRepo, type Run, type TempRepo } from '../helpers/withTempRepo.js';

/**
 * `aws-key-guard fix` in real repositories: what it writes, what it stages, and what it refuses.
 * HOME and AWS_SHARED_CREDENTIALS_FILE always point into the test's temp folder, never at ~/.aws.
 */

function home(repo: TempRepo): string {
  const dir = join(repo.dir, '..', 'home');
  if (!dir.startsWith(tmpdir()) && !dir.startsWith('/tmp')) throw new Error('refusing a HOME outside the temp folder');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs fix with HOME in the temp folder; the default credentials file is then home/.aws/credentials. */
function fix(repo: TempRepo, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  return repo.cli(['fix', ...args], { HOME: home(repo), USERPROFILE: home(repo), AWS_SHARED_CREDENTIALS_FILE: '', AWS_CONFIG_FILE: '', ...env });
}

const credentials = (repo: TempRepo) => join(home(repo), '.aws', 'credentials');
const read = (repo: TempRepo, path: string) => readFileSync(join(repo.dir, path), 'utf8');
const staged = (repo: TempRepo, path: string) => repo.git(['show', `:${path}`], { allowFail: true });
const stagedNames = (repo: TempRepo) => repo.git(['diff', '--cached', '--name-only']).stdout.split('\n').filter(Boolean).sort();

function expectNoSecret(r: Run, ...values: string[]) {
  for (const v of values) {
    expect(r.stdout).not.toContain(v);
    expect(r.stderr).not.toContain(v);
  }
}

function profileName(keyId: string): string {
  const account = accountFromKeyId(keyId);
  return account === undefined ? 'aws-key-guard' : `aws-key-guard-${account}`;
}

describe('aws-key-guard fix', () => {
  it('moves a provider block key pair into a new profile, keeps every other byte (CRLF, comments), and stages the file', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      const tf = [
        '# the lab provider',
        'provider "aws" {',
        '  region     = "ap-northeast-1" # Tokyo',
        `  access_key = "${id}"`,
        `  secret_key = "${secret}"`,
        '',
        '  default_tags {',
        '    tags = { Owner = "me" }',
        '  }',
        '}',
        '',
        'resource "aws_s3_bucket" "b" {',
        '  bucket = "my-${var.env}-bucket"',
        '}',
        '',
      ].join('\r\n');
      repo.write('main.tf', tf);
      repo.stage('main.tf');
      const r = fix(repo, ['--yes']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expectNoSecret(r, id, secret);
      const name = profileName(id);
      const expected = tf.replace(`  access_key = "${id}"\r\n  secret_key = "${secret}"\r\n`, `  profile    = "${name}"\r\n`);
      expect(read(repo, 'main.tf')).toBe(expected);
      expect(staged(repo, 'main.tf').stdout).toBe(expected);
      expect(r.stdout).toContain('the commit can go through');
      const creds = readFileSync(credentials(repo), 'utf8');
      expect(creds).toBe(`[${name}]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`);
      expect(statSync(credentials(repo)).mode & 0o777).toBe(0o600);
      expect(statSync(join(home(repo), '.aws')).mode & 0o777).toBe(0o700);
      const hcl = (await parse('main.tf', expected)) as { provider: { aws: { profile: string; access_key?: string }[] } };
      expect(hcl.provider.aws[0]?.profile).toBe(name);
      expect(hcl.provider.aws[0]?.access_key).toBeUndefined();
      expect(repo.cli(['scan']).code).toBe(0);
    });
  });

  it('with core.autocrlf, rewrites the CRLF copy on disk, which Git stages as LF', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      repo.git(['config', 'core.autocrlf', 'true']);
      repo.write('main.tf', `provider "aws" {\r\n  access_key = "${id}"\r\n  secret_key = "${secret}"\r\n}\r\n`);
      repo.stage('main.tf');
      expect(staged(repo, 'main.tf').stdout).not.toContain('\r');
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(0);
      expect(read(repo, 'main.tf')).toBe(`provider "aws" {\r\n  profile    = "${profileName(id)}"\r\n}\r\n`);
      expect(staged(repo, 'main.tf').stdout).toBe(`provider "aws" {\n  profile    = "${profileName(id)}"\n}\n`);
    });
  });

  it('saves a session token too, and rewrites a backend "s3" block the same way', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret, token] = [fakeAccessKeyId('ASIA'), fakeSecretAccessKey(), fakeSessionToken()];
      const tf = `terraform {\n  backend "s3" {\n    bucket     = "state"\n    key        = "lab.tfstate"\n    access_key = "${id}"\n    secret_key = "${secret}"\n    token      = "${token}"\n  }\n}\n`;
      repo.write('backend.tf', tf);
      repo.stage('backend.tf');
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(0);
      expectNoSecret(r, id, secret, token);
      const name = profileName(id);
      expect(read(repo, 'backend.tf')).toBe(`terraform {\n  backend "s3" {\n    bucket     = "state"\n    key        = "lab.tfstate"\n    profile    = "${name}"\n  }\n}\n`);
      expect(readFileSync(credentials(repo), 'utf8')).toContain(`[${name}]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\naws_session_token = ${token}\n`);
      const hcl = (await parse('backend.tf', read(repo, 'backend.tf'))) as { terraform: { backend: { s3: { profile: string }[] } }[] };
      expect(hcl.terraform[0]?.backend.s3[0]?.profile).toBe(name);
    });
  });

  it('honours AWS_SHARED_CREDENTIALS_FILE, never changes an existing profile, and reuses one that holds the same key', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      const name = profileName(id);
      const file = join(home(repo), 'custom', 'creds');
      mkdirSync(join(home(repo), 'custom'));
      const existing = `[default]\r\naws_access_key_id = ${fakeAccessKeyId()}\r\naws_secret_access_key = ${fakeSecretAccessKey()}\r\n\r\n[${name}]\r\naws_access_key_id = ${id}\r\naws_secret_access_key = ${fakeSecretAccessKey()}\r\n`;
      writeFileSync(file, existing, { mode: 0o600 });
      repo.write('main.tf', `provider "aws" {\n  access_key = "${id}"\n  secret_key = "${secret}"\n}\n`);
      repo.stage('main.tf');
      const r = fix(repo, ['--yes'], { AWS_SHARED_CREDENTIALS_FILE: file });
      expect(r.code).toBe(0);
      const after = readFileSync(file, 'utf8');
      expect(after.startsWith(existing)).toBe(true);
      expect(after.slice(existing.length)).toBe(`\r\n[${name}-2]\r\naws_access_key_id = ${id}\r\naws_secret_access_key = ${secret}\r\n`);
      expect(read(repo, 'main.tf')).toBe(`provider "aws" {\n  profile    = "${name}-2"\n}\n`);
      expect(existsSync(credentials(repo))).toBe(false);

      // The same key again, in another file: the profile that holds it is reused, the file unchanged.
      repo.write('other.tf', `provider "aws" {\n  alias      = "b"\n  access_key = "${id}"\n  secret_key = "${secret}"\n}\n`);
      repo.stage('other.tf');
      const again = fix(repo, ['--yes'], { AWS_SHARED_CREDENTIALS_FILE: file });
      expect(again.code).toBe(0);
      expect(again.stdout).toContain(`use the profile "${name}-2"`);
      expect(readFileSync(file, 'utf8')).toBe(after);
      expect(read(repo, 'other.tf')).toContain(`profile    = "${name}-2"`);
    });
  });

  it('never takes a name the AWS config file already uses for a profile', async () => {
    await withTempRepo(async (repo) => {
      const id = fakeAccessKeyId();
      mkdirSync(join(home(repo), '.aws'), { recursive: true });
      writeFileSync(join(home(repo), '.aws', 'config'), `[profile ${profileName(id)}]\nrole_arn = arn:aws:iam::123456789012:role/admin\n`);
      repo.write('main.tf', `provider "aws" {\n  access_key = "${id}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`);
      repo.stage('main.tf');
      expect(fix(repo, ['--yes']).code).toBe(0);
      expect(read(repo, 'main.tf')).toContain(`profile    = "${profileName(id)}-2"`);
      expect(readFileSync(credentials(repo), 'utf8')).toMatch(new RegExp(`^\\[${profileName(id)}-2\\]`));
    });
  });

  it('takes a .tfvars assignment out, keeps its value in an ignored secrets.auto.tfvars, and names the variable', async () => {
    await withTempRepo(async (repo) => {
      const secret = fakeSecretAccessKey();
      repo.write('terraform.tfvars', `region = "ap-northeast-1"\naws_secret_key = "${secret}"\ninstance_type = "t3.micro"\n`);
      repo.stage('terraform.tfvars');
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(0);
      expectNoSecret(r, secret);
      expect(read(repo, 'terraform.tfvars')).toBe('region = "ap-northeast-1"\ninstance_type = "t3.micro"\n');
      expect(read(repo, 'secrets.auto.tfvars')).toBe(`aws_secret_key = "${secret}"\n`);
      expect(statSync(join(repo.dir, 'secrets.auto.tfvars')).mode & 0o777).toBe(0o600);
      expect(r.stdout).toContain('aws_secret_key now has no value');
      expect(r.stdout).toContain('TF_VAR_');
      expect(repo.git(['check-ignore', '-q', 'secrets.auto.tfvars'], { allowFail: true }).code).toBe(0);
      expect(stagedNames(repo)).toEqual(['.gitignore', 'terraform.tfvars']);
      await parse('terraform.tfvars', read(repo, 'terraform.tfvars'));
      await parse('secrets.auto.tfvars', read(repo, 'secrets.auto.tfvars'));
    });
  });

  it('moves variable defaults into secrets.auto.tfvars, so the same plan still has its values', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      const tf = `variable "aws_access_key" {\n  default = "${id}"\n}\n\nvariable "aws_secret_key" {\n  type      = string\n  sensitive = true\n  default   = "${secret}"\n}\n`;
      repo.write('variables.tf', tf);
      repo.stage('variables.tf');
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(0);
      expectNoSecret(r, id, secret);
      const after = 'variable "aws_access_key" {\n}\n\nvariable "aws_secret_key" {\n  type      = string\n  sensitive = true\n}\n';
      expect(read(repo, 'variables.tf')).toBe(after);
      expect(await parse('variables.tf', after)).toMatchObject({ variable: { aws_access_key: [{}], aws_secret_key: [{ sensitive: true }] } });
      expect(await parse('secrets.auto.tfvars', read(repo, 'secrets.auto.tfvars'))).toEqual({ aws_access_key: id, aws_secret_key: secret });
      expect(r.stdout).toContain('aws_access_key, aws_secret_key now have no value');
    });
  });

  it.each([
    ['called as a local module', 'net', 'module "net" {\n  source = "./net"\n}\n'],
    ['under a modules folder', 'modules/vpc', 'terraform {}\n'],
  ])('leaves a child module\'s variable default alone (%s): Terraform sets it only from the module block', async (_name, dir, root) => {
    await withTempRepo(async (repo) => {
      const secret = fakeSecretAccessKey();
      const tf = `variable "aws_secret_key" {\n  default = "${secret}"\n}\n`;
      repo.write('main.tf', root);
      repo.write(`${dir}/variables.tf`, tf);
      repo.stage('main.tf', `${dir}/variables.tf`);
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(1);
      expectNoSecret(r, secret);
      expect(r.stdout).toContain(`${dir}/variables.tf:2`);
      expect(r.stdout).toContain('module block');
      expect(read(repo, `${dir}/variables.tf`)).toBe(tf);
      expect(existsSync(join(repo.dir, dir, 'secrets.auto.tfvars'))).toBe(false);
    });
  });

  it('keeps secrets.auto.tfvars readable by its owner only, also when it was there before with a wider mode', async () => {
    await withTempRepo(async (repo) => {
      repo.write('secrets.auto.tfvars', 'region = "eu-west-1"\n');
      chmodSync(join(repo.dir, 'secrets.auto.tfvars'), 0o644);
      repo.write('terraform.tfvars', `aws_secret_key = "${fakeSecretAccessKey()}"\n`);
      repo.stage('terraform.tfvars');
      expect(fix(repo, ['--yes']).code).toBe(0);
      expect(statSync(join(repo.dir, 'secrets.auto.tfvars')).mode & 0o777).toBe(0o600);
    });
  });

  it('leaves a .tfvars alone when secrets.auto.tfvars already sets the same variable', async () => {
    await withTempRepo(async (repo) => {
      const secret = fakeSecretAccessKey();
      const tfvars = `aws_secret_key = "${secret}"\n`;
      repo.write('secrets.auto.tfvars', 'aws_secret_key = "older"\n');
      repo.write('terraform.tfvars', tfvars);
      repo.stage('terraform.tfvars');
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('terraform.tfvars:1');
      expect(r.stdout).toContain('already sets the same variable');
      expect(read(repo, 'terraform.tfvars')).toBe(tfvars);
      expect(read(repo, 'secrets.auto.tfvars')).toBe('aws_secret_key = "older"\n');
    });
  });

  it('takes Terragrunt inputs out the same way, keeping the rest of terragrunt.hcl', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      const hcl = `include "root" {\n  path = find_in_parent_folders()\n}\n\ninputs = {\n  region         = "ap-northeast-1"\n  aws_access_key = "${id}"\n  aws_secret_key = "${secret}"\n}\n`;
      repo.write('live/dev/terragrunt.hcl', hcl);
      repo.stage('live/dev/terragrunt.hcl');
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(0);
      expectNoSecret(r, id, secret);
      const after = 'include "root" {\n  path = find_in_parent_folders()\n}\n\ninputs = {\n  region         = "ap-northeast-1"\n}\n';
      expect(read(repo, 'live/dev/terragrunt.hcl')).toBe(after);
      await parse('terragrunt.hcl', after);
      expect(await parse('secrets.auto.tfvars', read(repo, 'live/dev/secrets.auto.tfvars'))).toEqual({ aws_access_key: id, aws_secret_key: secret });
      expect(stagedNames(repo)).toEqual(['.gitignore', 'live/dev/terragrunt.hcl']);
    });
  });

  it('takes a committed AWS credentials file out of the index and ignores exactly that path', async () => {
    await withTempRepo(async (repo) => {
      const text = `[default]\naws_access_key_id = ${fakeAccessKeyId()}\naws_secret_access_key = ${fakeSecretAccessKey()}\n`;
      repo.write('config/credentials', text);
      repo.stage('config/credentials');
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(0);
      expect(read(repo, 'config/credentials')).toBe(text);
      expect(stagedNames(repo)).toEqual(['.gitignore']);
      expect(read(repo, '.gitignore')).toContain('\n/config/credentials\n');
    });
  });

  it('unstages a .env (kept on disk), ignores it, and stages a .env.example with placeholders', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      const env = `# local only\nAWS_ACCESS_KEY_ID=${id}\nexport AWS_SECRET_ACCESS_KEY=${secret}\nAWS_REGION=us-east-1\n`;
      repo.write('.gitignore', 'node_modules/\n.env.*\n');
      repo.stage('.gitignore');
      repo.write('app/.env', env);
      repo.stage('app/.env');
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(0);
      expectNoSecret(r, id, secret);
      expect(read(repo, 'app/.env')).toBe(env);
      expect(staged(repo, 'app/.env').code).not.toBe(0);
      expect(read(repo, 'app/.env.example')).toBe('# local only\nAWS_ACCESS_KEY_ID=your-aws-access-key-id\nexport AWS_SECRET_ACCESS_KEY=your-aws-secret-access-key\nAWS_REGION=your-aws-region\n');
      expect(stagedNames(repo)).toEqual(['.gitignore', 'app/.env.example']);
      expect(read(repo, '.gitignore')).toBe('node_modules/\n.env.*\n# Added by aws-key-guard fix: keep secrets and state out of Git\n.env\n');
      expect(existsSync(credentials(repo))).toBe(false);
      // a second run adds its lines under the same header
      repo.write('terraform.tfstate', '{ "version": 4 }\n');
      repo.stage('terraform.tfstate');
      expect(fix(repo, ['--yes']).code).toBe(0);
      expect(read(repo, '.gitignore')).toBe('node_modules/\n.env.*\n# Added by aws-key-guard fix: keep secrets and state out of Git\n.env\n*.tfstate\n*.tfstate.*\n.terraform/\n');
    });
  });

  it('names the example after the file (.envrc.example), and never writes over an existing example', async () => {
    await withTempRepo(async (repo) => {
      repo.write('.envrc', `export AWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\n`);
      repo.write('api/.env.local', `AWS_SECRET_ACCESS_KEY=${fakeSecretAccessKey()}\n`);
      repo.write('api/.env.example', 'MINE=keep\n');
      repo.stage('.envrc', 'api/.env.local');
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(0);
      expect(read(repo, '.envrc.example')).toBe('export AWS_ACCESS_KEY_ID=your-aws-access-key-id\n');
      expect(read(repo, 'api/.env.example')).toBe('MINE=keep\n');
      expect(r.stdout).toContain('api/.env.example already exists');
      expect(stagedNames(repo)).toEqual(['.envrc.example', '.gitignore']);
    });
  });

  it('unstages a state file and ignores *.tfstate, *.tfstate.* and .terraform/', async () => {
    await withTempRepo(async (repo) => {
      repo.write('terraform.tfstate', '{ "version": 4 }\n');
      repo.stage('terraform.tfstate');
      repo.write('terraform.tfstate', '{ "version": 4, "serial": 2 }\n'); // Terraform wrote it again
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(0);
      expect(read(repo, 'terraform.tfstate')).toBe('{ "version": 4, "serial": 2 }\n');
      expect(stagedNames(repo)).toEqual(['.gitignore']);
      expect(read(repo, '.gitignore')).toContain('*.tfstate\n*.tfstate.*\n.terraform/\n');
    });
  });

  it('--dry-run shows the changes with values redacted and changes nothing', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      const tf = `provider "aws" {\n  access_key = "${id}"\n  secret_key = "${secret}"\n}\n`;
      repo.write('main.tf', tf);
      repo.stage('main.tf');
      const r = fix(repo, ['--dry-run']);
      expect(r.code).toBe(0);
      expectNoSecret(r, id, secret);
      expect(r.stdout).toContain(`-   access_key = "${id.slice(0, 4)}…${id.slice(-4)}"`);
      expect(r.stdout).toContain(`+   profile    = "${profileName(id)}"`);
      expect(r.stdout).toContain('Dry run: nothing was changed');
      expect(read(repo, 'main.tf')).toBe(tf);
      expect(staged(repo, 'main.tf').stdout).toBe(tf);
      expect(existsSync(join(home(repo), '.aws'))).toBe(false);
    });
  });

  it('never shows a secret already in the credentials file, in the diff of it', async () => {
    await withTempRepo(async (repo) => {
      const [oldId, oldSecret, oldToken] = [fakeAccessKeyId(), `${fakeSecretAccessKey().slice(0, 20)}/${fakeSecretAccessKey().slice(0, 19)}`, fakeSessionToken()];
      mkdirSync(join(home(repo), '.aws'), { recursive: true });
      writeFileSync(credentials(repo), `[default]\naws_access_key_id = ${oldId}\naws_secret_access_key = ${oldSecret}\naws_session_token=${oldToken}\n`);
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      repo.write('main.tf', `provider "aws" {\n  access_key = "${id}"\n  secret_key = "${secret}"\n}\n`);
      repo.stage('main.tf');
      const r = fix(repo, ['--dry-run']);
      expect(r.code).toBe(0);
      expectNoSecret(r, id, secret, oldId, oldSecret, oldToken);
      expect(r.stdout).toContain(`aws_session_token=${oldToken.slice(0, 4)}…`);
    });
  });

  it('puts a committed .env back as committed, never stages its deletion', async () => {
    await withTempRepo(async (repo) => {
      repo.write('config.env', 'APP_PORT=8080\n');
      repo.stage('config.env');
      repo.git(['commit', '-qm', 'tracked', '--no-verify']);
      const env = `APP_PORT=8080\nAWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\nAWS_SECRET_ACCESS_KEY=${fakeSecretAccessKey()}\n`;
      repo.write('config.env', env);
      repo.stage('config.env');
      const dry = fix(repo, ['--dry-run']);
      expect(dry.stdout).toContain('put config.env in the index back as it was last committed');
      expect(dry.stdout).toContain('git restore --staged -- config.env');
      const r = fix(repo, ['--yes']);
      expect(r.code, r.stderr).toBe(0);
      expect(staged(repo, 'config.env').stdout).toBe('APP_PORT=8080\n');
      expect(read(repo, 'config.env')).toBe(env);
      expect(repo.git(['diff', '--cached', '--name-status']).stdout).not.toMatch(/^D/m);
      expect(r.stdout).toContain('Back in the index as last committed');
    });
  });

  it('refuses in one line without a terminal and without --yes, and changes nothing', async () => {
    await withTempRepo(async (repo) => {
      const tf = `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`;
      repo.write('main.tf', tf);
      repo.stage('main.tf');
      const r = fix(repo, []);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('--yes');
      expect(read(repo, 'main.tf')).toBe(tf);
      expect(existsSync(join(home(repo), '.aws'))).toBe(false);
    });
  });

  // util-linux `script` gives the command a terminal, so fix asks, and reads the answer from it.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript).each([
    ['n', 1, false],
    ['y', 0, true],
  ])('on a terminal, asks first: answer %s', async (answer, code, changed) => {
    await withTempRepo(async (repo) => {
      const tf = `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`;
      repo.write('main.tf', tf);
      repo.stage('main.tf');
      const env = { ...repo.env, HOME: home(repo), AWS_SHARED_CREDENTIALS_FILE: '', AWS_CONFIG_FILE: '' };
      const r = repo.run('script', ['-qec', `'${process.execPath}' '${CLI}' fix`, '/dev/null'], { input: `${answer}\n`, env });
      expect(r.stdout).toContain('Make these changes? [y/N]');
      expect(r.code).toBe(code);
      expect(read(repo, 'main.tf') !== tf).toBe(changed);
      expect(existsSync(credentials(repo))).toBe(changed);
    });
  });

  it('leaves a partly staged file alone and says why', async () => {
    await withTempRepo(async (repo) => {
      const tf = `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`;
      repo.write('main.tf', tf);
      repo.stage('main.tf');
      repo.write('main.tf', `${tf}\nvariable "x" {}\n`);
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('main.tf:2');
      expect(r.stdout).toContain('partial staging');
      expect(read(repo, 'main.tf')).toBe(`${tf}\nvariable "x" {}\n`);
      expect(staged(repo, 'main.tf').stdout).toBe(tf);
      expect(existsSync(join(home(repo), '.aws'))).toBe(false);
    });
  });

  it.each([
    ['a heredoc', (id: string, s: string) => `locals {\n  script = <<-EOT\n    export AWS_ACCESS_KEY_ID=${id}\n    export AWS_SECRET_ACCESS_KEY=${s}\n  EOT\n}\n`, 'main.tf:3', 'heredoc'],
    ['jsonencode', (id: string, s: string) => `resource "aws_ssm_parameter" "p" {\n  value = jsonencode({ id = "${id}", secret_key = "${s}" })\n}\n`, 'main.tf:2', 'by hand'],
    ['a half-literal pair', (id: string) => `provider "aws" {\n  access_key = "${id}"\n  secret_key = var.secret_key\n}\n`, 'main.tf:', 'access_key and secret_key'],
    ['a block that already sets a profile', (id: string, s: string) => `provider "aws" {\n  profile    = "work"\n  access_key = "${id}"\n  secret_key = "${s}"\n}\n`, 'main.tf:2', 'already sets a profile'],
  ])('leaves %s alone with a pointer to the line', async (_, make, where, why) => {
    await withTempRepo(async (repo) => {
      const tf = make(fakeAccessKeyId(), fakeSecretAccessKey());
      repo.write('main.tf', tf);
      repo.stage('main.tf');
      const r = fix(repo, ['--yes']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(where);
      expect(r.stdout).toContain(why);
      expect(read(repo, 'main.tf')).toBe(tf);
      expect(staged(repo, 'main.tf').stdout).toBe(tf);
      expect(existsSync(join(home(repo), '.aws'))).toBe(false);
    });
  });

  it('says first, in bold, that a key already on a remote must be deactivated now', async () => {
    await withTempRepo(async (repo) => {
      const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
      repo.run('git', ['init', '-q', '--bare', '../origin.git']);
      repo.git(['remote', 'add', 'origin', '../origin.git']);
      repo.write('old.tf', `provider "aws" {\n  access_key = "${id}"\n  secret_key = "${secret}"\n}\n`);
      repo.stage('old.tf');
      repo.git(['commit', '-qm', 'oops', '--no-verify']);
      repo.git(['push', '-q', 'origin', 'HEAD:main']);
      repo.git(['fetch', '-q', 'origin']);
      repo.write('main.tf', `provider "aws" {\n  region     = "us-east-1"\n  access_key = "${id}"\n  secret_key = "${secret}"\n}\n`);
      repo.stage('main.tf');
      const r = fix(repo, ['--yes']);
      expectNoSecret(r, id, secret);
      expect(r.stdout.split('\n')[0]).toContain('already on origin/main: deactivate it in IAM now');
      expect(read(repo, 'main.tf')).toContain('profile');
    });
  });

  it('speaks Japanese', async () => {
    await withTempRepo(async (repo) => {
      repo.write('main.tf', `provider "aws" {\n  access_key = "${fakeAccessKeyId()}"\n  secret_key = "${fakeSecretAccessKey()}"\n}\n`);
      repo.stage('main.tf');
      const r = fix(repo, ['--dry-run', '--lang', 'ja']);
      expect(r.stdout).toContain('aws-key-guard fix は次のことを行います');
      expect(r.stdout).toContain('ドライラン');
    });
  });

  it('says there is nothing to fix when no key is staged', async () => {
    await withTempRepo(async (repo) => {
      repo.write('main.tf', 'provider "aws" {}\n');
      repo.stage('main.tf');
      const r = fix(repo, []);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('nothing to fix');
    });
  });
});


