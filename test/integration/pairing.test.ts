import { describe, expect, it } from 'vitest';
import { scanChanges } from '../../src/changes.js';
import { fakeAccessKeyId, fakeSecretAccessKey, fill, randomFrom } from '../helpers/fakeKeys.js';
import { withTempRepo, type TempRepo } from '../helpers/withTempRepo.js';

/**
 * The ways people really write key pairs in Terraform and dotenv files (issue #17), through real
 * Git: each file is written with fresh fake keys, staged, and scanned as the hook scans it.
 */
async function stagedFindings(repo: TempRepo, path: string, template: string) {
  const { text, values } = fill(template);
  repo.write(path, text);
  repo.stage(path);
  const r = await scanChanges({ cwd: repo.dir });
  for (const v of values) expect(JSON.stringify(r)).not.toContain(v);
  return r.findings.map((f) => `${f.file}:${f.line}:${f.rule}`);
}

describe('a label and its value in one block, whatever the attributes are called', () => {
  it.each([
    ['GitHub Actions', 'resource "github_actions_secret" "aws" {\n  repository      = "infra"\n  secret_name     = "AWS_SECRET_ACCESS_KEY"\n  plaintext_value = "{{SECRET_ACCESS_KEY}}"\n}\n', 4],
    ['Azure DevOps', 'resource "azuredevops_variable_group" "aws" {\n  project_id = azuredevops_project.p.id\n  name       = "aws"\n  variable {\n    name         = "AWS_SECRET_ACCESS_KEY"\n    secret_value = "{{SECRET_ACCESS_KEY}}"\n    is_secret    = true\n  }\n}\n', 6],
    ['a value before its name', 'resource "ci_secret" "aws" {\n  value_plaintext = "{{SECRET_ACCESS_KEY}}"\n  visibility      = "private"\n  variable        = "aws_secret_access_key"\n}\n', 2],
  ])('finds the secret of a CI secret (%s)', async (_, template, line) => {
    await withTempRepo(async (repo) => {
      expect(await stagedFindings(repo, 'ci.tf', template)).toEqual([`ci.tf:${line}:aws-secret-access-key`]);
    });
  });

  it('finds it in a JSON object of a Terragrunt JSON configuration', async () => {
    await withTempRepo(async (repo) => {
      const template = '{\n  "inputs": {\n    "ci_secrets": [\n      {\n        "secretName": "AWS_SECRET_ACCESS_KEY",\n        "encryptedValue": "{{SECRET_ACCESS_KEY}}"\n      }\n    ]\n  }\n}\n';
      expect(await stagedFindings(repo, 'terragrunt.hcl.json', template)).toEqual(['terragrunt.hcl.json:6:aws-secret-access-key']);
    });
  });
});

describe('a pair further apart than five lines', () => {
  const env = 'AWS_DEFAULT_REGION=eu-west-1\nAWS_ACCESS_KEY_ID={{ACCESS_KEY_ID}}\nLOG_LEVEL=info\nPORT=8080\nDB_HOST=localhost\nDB_PORT=5432\nCACHE_TTL=60\nWORKERS=4\nBACKUP_CREDENTIAL={{SECRET_ACCESS_KEY}}\n';

  // The rule engine pairs them anywhere in the lines it is given (test/unit/scan.test.ts); the diff
  // reader gives it a small file's staged lines as one window when the file holds a key ID.
  it('finds the secret seven lines below its key ID in a dotenv file', async () => {
    await withTempRepo(async (repo) => {
      expect(await stagedFindings(repo, '.env', env)).toEqual(['.env:2:aws-access-key-id', '.env:9:aws-secret-access-key']);
    });
  });

  // The same for one block of a Terraform file.
  it('finds a secret under a custom name ten lines below its key ID in one provider block', async () => {
    await withTempRepo(async (repo) => {
      const template = 'provider "aws" {\n  access_key = "{{ACCESS_KEY_ID}}"\n  region     = "eu-west-1"\n  default_tags {\n    tags = {\n      team    = "platform"\n      stage   = "prod"\n      service = "api"\n    }\n  }\n  skip_requesting_account_id = true\n  k = "{{SECRET_ACCESS_KEY}}"\n}\n';
      expect(await stagedFindings(repo, 'main.tf', template)).toEqual(['main.tf:2:aws-access-key-id', 'main.tf:12:aws-secret-access-key']);
    });
  });

  it('finds the key ID there today, so the commit is refused', async () => {
    await withTempRepo(async (repo) => {
      expect(await stagedFindings(repo, '.env', env)).toContain('.env:2:aws-access-key-id');
    });
  });
});

describe('names that are not AWS', () => {
  it('passes a web framework\'s 40-character SECRET_KEY in a dotenv file, with AWS settings beside it', async () => {
    await withTempRepo(async (repo) => {
      const template = 'DEBUG=false\nSECRET_KEY={{SECRET_ACCESS_KEY}}\nAWS_STORAGE_BUCKET_NAME=media-prod\nAWS_S3_REGION_NAME=eu-west-1\n';
      expect(await stagedFindings(repo, '.env.production', template)).toEqual([]);
    });
  });

  it('still finds it as an AWS secret with an AWS name, beside a key ID, or in a credentials file', async () => {
    await withTempRepo(async (repo) => {
      expect(await stagedFindings(repo, 'a.env', 'AWS_SECRET_KEY={{SECRET_ACCESS_KEY}}\n')).toEqual(['a.env:1:aws-secret-access-key']);
      expect(await stagedFindings(repo, 'b.env', 'ACCESS_KEY={{ACCESS_KEY_ID}}\nSECRET_KEY={{SECRET_ACCESS_KEY}}\n')).toEqual([
        'a.env:1:aws-secret-access-key', 'b.env:1:aws-access-key-id', 'b.env:2:aws-secret-access-key',
      ]);
    });
  });
});

describe('secrets in the userinfo of a URL', () => {
  it('finds an encoded secret whose key ID comes from a variable, and never prints it', async () => {
    await withTempRepo(async (repo) => {
      const secret = `${fakeSecretAccessKey().slice(0, 38)}/+`;
      const url = `s3://\${AWS_ACCESS_KEY_ID}:${encodeURIComponent(secret)}@backups/db`;
      repo.write('.env', `BACKUP_URL=${url}\nDATABASE_URL=postgres://app:${encodeURIComponent(fakeSecretAccessKey('/'))}@db:5432/app\n`);
      repo.stage('.env');
      const r = repo.cli(['scan', '--format', 'json']);
      expect(r.code).toBe(1);
      const findings = JSON.parse(r.stdout).findings as { line: number; column: number; rule: string; redacted: string }[];
      expect(findings.map((f) => [f.line, f.column, f.rule])).toEqual([[1, 'BACKUP_URL=s3://${AWS_ACCESS_KEY_ID}:'.length + 1, 'aws-secret-access-key']]);
      expect(findings[0]?.redacted).toBe(`${secret.slice(0, 4)}…`);
      expect(r.stdout + r.stderr).not.toContain(secret.slice(4, 30));
      expect(r.stdout + r.stderr).not.toContain(encodeURIComponent(secret).slice(4, 30));
    });
  });
});

describe('copies and templates of in-scope files', () => {
  it.each(['main.tf.orig', 'prod.tfvars~', 'prod.tfvars.bak', 'user_data.tftpl', 'prod.s3.tfbackend', 'terragrunt.hcl.json'])(
    'finds a provider key pair in %s',
    async (path) => {
      await withTempRepo(async (repo) => {
        const found = await stagedFindings(repo, path, 'access_key = "{{ACCESS_KEY_ID}}"\nsecret_key = "{{SECRET_ACCESS_KEY}}"\n');
        expect(found).toEqual([`${path}:1:aws-access-key-id`, `${path}:2:aws-secret-access-key`]);
      });
    },
  );

  it('does not start on a TensorFlow model or a binary plan', async () => {
    await withTempRepo(async (repo) => {
      for (const path of ['model.tflite', 'plan.tfplan']) repo.write(path, `x = "${fakeAccessKeyId()}" ${randomFrom('ab', 8)}\n`);
      repo.stage('model.tflite', 'plan.tfplan');
      expect((await scanChanges({ cwd: repo.dir })).summary.files).toBe(0);
    });
  });
});
