import { describe, expect, it } from 'vitest';
import type { HunkLine } from '../../src/finding.js';
import type { FileKind } from '../../src/rules.js';
import { scanWindow } from '../../src/scan.js';
import { fakeAccessKeyId, fakeSecretAccessKey, fakeSessionToken, fill, randomFrom } from '../helpers/fakeKeys.js';

/** Lines of a file; a leading '+' marks an added line, anything else is unchanged context. */
function lines(text: string): HunkLine[] {
  return text.split('\n').map((l, i) => ({ line: i + 1, added: l.startsWith('+'), text: l.startsWith('+') ? l.slice(1) : l }));
}
function scan(text: string, kind: FileKind = 'terraform', path = 'main.tf') {
  return scanWindow({ path, kind }, lines(text));
}
const rules = (text: string, kind?: FileKind) => scan(text, kind).map((f) => `${f.rule}@${f.line}`);

describe('secret access keys by their context', () => {
  it('does not take a name from a block that closed before the value', () => {
    const { text } = fill('variable "aws_secret_key" {\n  sensitive = true\n}\nvariable "build_id" {\n+  default = "{{SECRET_ACCESS_KEY}}"\n}');
    expect(rules(text)).toEqual([]);
    const inside = fill('variable "aws_secret_key" {\n  sensitive = true\n+  default = "{{SECRET_ACCESS_KEY}}"\n}');
    expect(rules(inside.text)).toEqual(['aws-secret-access-key@3']);
  });

  it('finds a secret named a few lines above, as in an ECS container definition', () => {
    const { text } = fill('  {\n    name  = "AWS_SECRET_ACCESS_KEY"\n+    value = "{{SECRET_ACCESS_KEY}}"\n  },');
    expect(rules(text)).toEqual(['aws-secret-access-key@3']);
  });

  it('finds a secret whose name follows it in a JSON environment list', () => {
    const { text } = fill('+{"value": "{{SECRET_ACCESS_KEY}}",\n+ "name": "AWS_SECRET_ACCESS_KEY"}');
    expect(rules(text)).toEqual(['aws-secret-access-key@1']);
  });

  it('finds a secret in a heredoc under a labelled line', () => {
    const { text } = fill('+aws_secret_access_key = <<EOF\n+{{SECRET_ACCESS_KEY}}\n+EOF');
    expect(rules(text)).toEqual(['aws-secret-access-key@2']);
  });

  it('finds a secret that stands next to an access key ID without any name', () => {
    const { text } = fill('+keys = ["{{ACCESS_KEY_ID}}",\n+  "{{SECRET_ACCESS_KEY}}"]');
    expect(rules(text)).toEqual(['aws-access-key-id@1', 'aws-secret-access-key@2']);
  });

  it('finds a secret in a variable default under a variable named for it', () => {
    const { text } = fill('+variable "aws_secret_key" {\n+  type    = string\n+  default = "{{SECRET_ACCESS_KEY}}"\n+}');
    expect(rules(text)).toEqual(['aws-secret-access-key@3']);
  });

  it('finds secrets in a shared credentials file', () => {
    const { text } = fill('+[default]\n+aws_access_key_id = {{ACCESS_KEY_ID}}\n+aws_secret_access_key = {{SECRET_ACCESS_KEY}}');
    expect(rules(text, 'aws-config')).toEqual(['aws-access-key-id@2', 'aws-secret-access-key@3']);
  });

  it('finds a secret key that ends in / or +', () => {
    for (const last of ['/', '+']) {
      const secret = fakeSecretAccessKey(last);
      expect(rules(`+secret_key = "${secret}"`)).toEqual(['aws-secret-access-key@1']);
      expect(rules(`+AWS_SECRET_ACCESS_KEY=${secret}`, 'dotenv')).toEqual(['aws-secret-access-key@1']);
    }
  });

  it('does not take a hash attribute next to an access key ID for a secret', () => {
    const { text } = fill('+access_key = "{{ACCESS_KEY_ID}}"\n+source_code_hash = "{{SECRET_ACCESS_KEY}}"\n+etag = "{{HEX40}}"');
    expect(rules(text)).toEqual(['aws-access-key-id@1']);
  });

  it('ignores a 40-character git SHA even under a secret name', () => {
    expect(rules(`+secret_key = "${randomFrom('0123456789abcdef', 40)}"`)).toEqual([]);
  });

  it('ignores a 40-character value with no credential context', () => {
    const { text } = fill('+name = "x"\n+tags = { id = "{{SECRET_ACCESS_KEY}}" }');
    expect(rules(text)).toEqual([]);
  });

  it('does not let an unrelated name a few lines above make a value a secret', () => {
    const { text } = fill('+# see secret_key docs\n+bucket_policy_id = "{{SECRET_ACCESS_KEY}}"');
    expect(rules(text)).toEqual([]);
  });
});

describe('a label and its value in one block, whatever the attributes are called', () => {
  it.each([
    ['a GitHub Actions secret', 'resource "github_actions_secret" "aws" {\n  repository      = "infra"\n  secret_name     = "AWS_SECRET_ACCESS_KEY"\n  plaintext_value = "{{SECRET_ACCESS_KEY}}"\n}'],
    ['a value before its name', 'resource "ci_secret" "aws" {\n  secret_value = "{{SECRET_ACCESS_KEY}}"\n  description  = "deploy"\n  key          = "aws_secret_access_key"\n}'],
    ['a nested block of a variable group', 'resource "azuredevops_variable_group" "aws" {\n  name = "aws"\n  variable {\n    name         = "AWS_SECRET_ACCESS_KEY"\n    secret_value = "{{SECRET_ACCESS_KEY}}"\n    is_secret    = true\n  }\n}'],
    ['a JSON object', '[\n  {\n    "variable": "AWS_SECRET_ACCESS_KEY",\n    "value_plaintext": "{{SECRET_ACCESS_KEY}}"\n  }\n]'],
  ])('finds the secret of %s', (_, template) => {
    const { text } = fill(template.replace(/^/gm, '+'));
    expect(rules(text).map((r) => r.split('@')[0])).toEqual(['aws-secret-access-key']);
  });

  it('does not pair a label with a value of a sibling block', () => {
    const { text } = fill('+resource "github_actions_secret" "a" {\n+  secret_name     = "AWS_SECRET_ACCESS_KEY"\n+  plaintext_value = var.secret\n+}\n+resource "x" "b" {\n+  bucket_policy_id = "{{SECRET_ACCESS_KEY}}"\n+}');
    expect(rules(text)).toEqual([]);
  });

  it('takes a label only from a value or a block label, not from a comment or an attribute name', () => {
    const { text } = fill('+resource "x" "y" {\n+  # rotate the secret_key yearly\n+  secret_key_arn = aws_secretsmanager_secret.x.arn\n+  object_id      = "{{SECRET_ACCESS_KEY}}"\n+}');
    expect(rules(text)).toEqual([]);
  });

  it('does not take a hash or a git SHA in the block for the secret', () => {
    const { text } = fill('+resource "github_actions_secret" "a" {\n+  secret_name = "AWS_SECRET_ACCESS_KEY"\n+  etag        = "{{SECRET_ACCESS_KEY}}"\n+  commit_id   = "{{HEX40}}"\n+  note        = "{{HEX40}}"\n+}');
    expect(rules(text)).toEqual([]);
  });

  it('pairs a key ID and a secret anywhere in one provider block', () => {
    const { text } = fill('+provider "aws" {\n+  access_key = "{{ACCESS_KEY_ID}}"\n+  region     = "eu-west-1"\n+  default_tags {\n+    tags = {\n+      team  = "platform"\n+      stage = "prod"\n+    }\n+  }\n+  skip_metadata_api_check = true\n+  s = "{{SECRET_ACCESS_KEY}}"\n+}');
    expect(rules(text)).toEqual(['aws-access-key-id@2', 'aws-secret-access-key@11']);
  });
});

describe('a pair further apart than five lines in a small file', () => {
  const env = fill('AWS_ACCESS_KEY_ID={{ACCESS_KEY_ID}}\nAWS_REGION=eu-west-1\nLOG_LEVEL=info\nPORT=8080\nDB_HOST=localhost\nDB_PORT=5432\nCACHE_TTL=60\nBACKUP_CREDENTIAL={{SECRET_ACCESS_KEY}}').text;
  const plus = (t: string) => t.replace(/^/gm, '+');

  it.each([
    ['dotenv', '.env'],
    ['tfvars', 'prod.tfvars'],
    ['aws-config', 'credentials'],
  ] as const)('finds the secret anywhere in a %s file', (kind, path) => {
    expect(scan(plus(env), kind, path).map((f) => `${f.rule}@${f.line}`)).toEqual(['aws-access-key-id@1', 'aws-secret-access-key@8']);
  });

  it('does not pair them that far apart outside a block in a Terraform file', () => {
    expect(rules(plus(env))).toEqual(['aws-access-key-id@1']);
  });

  it('does not pair a key ID with a value named for another credential', () => {
    const { text } = fill('+AWS_ACCESS_KEY_ID={{ACCESS_KEY_ID}}\n+GITHUB_WEBHOOK_SECRET={{SECRET_ACCESS_KEY}}\n+DB_PASSWORD={{SECRET_ACCESS_KEY}}');
    expect(rules(text, 'dotenv')).toEqual(['aws-access-key-id@1']);
  });
});

describe('names that are not AWS', () => {
  it('does not take a web framework\'s SECRET_KEY in a dotenv file for an AWS secret', () => {
    for (const line of ['SECRET_KEY={{SECRET_ACCESS_KEY}}', 'export SECRET_KEY="{{SECRET_ACCESS_KEY}}"', 'FLASK_SECRET_KEY={{SECRET_ACCESS_KEY}}']) {
      expect(rules(`+${fill(line).text}`, 'dotenv')).toEqual([]);
    }
  });

  it('does not take an upper-case SECRET_KEY held as a name in Terraform for an AWS secret', () => {
    const { text } = fill('+environment = [\n+  { name = "SECRET_KEY", value = "{{SECRET_ACCESS_KEY}}" },\n+  {\n+    name  = "SECRET_KEY"\n+    value = "{{SECRET_ACCESS_KEY}}"\n+  },\n+]');
    expect(rules(text)).toEqual([]);
  });

  it('takes SECRET_KEY for an AWS secret with an AWS prefix, an access key ID in the file, or in a credentials file', () => {
    expect(rules(`+${fill('AWS_SECRET_KEY={{SECRET_ACCESS_KEY}}').text}`, 'dotenv')).toEqual(['aws-secret-access-key@1']);
    expect(rules(`+${fill('S3_SECRET_KEY={{SECRET_ACCESS_KEY}}').text}`, 'dotenv')).toEqual(['aws-secret-access-key@1']);
    expect(rules(fill('+ACCESS_KEY={{ACCESS_KEY_ID}}\n+SECRET_KEY={{SECRET_ACCESS_KEY}}').text, 'dotenv')).toEqual(['aws-access-key-id@1', 'aws-secret-access-key@2']);
    expect(rules(fill('+[default]\n+secret_key = {{SECRET_ACCESS_KEY}}').text, 'aws-config')).toEqual(['aws-secret-access-key@2']);
  });

  it('still takes the provider\'s secret_key argument in Terraform', () => {
    expect(rules(`+${fill('  secret_key = "{{SECRET_ACCESS_KEY}}"').text}`, 'tfvars')).toEqual(['aws-secret-access-key@1']);
    expect(rules(`+${fill('variable "secret_key" {\n+  default = "{{SECRET_ACCESS_KEY}}"\n+}').text}`)).toEqual(['aws-secret-access-key@2']);
  });
});

describe('secrets in the userinfo of a URL', () => {
  const encoded = () => {
    const secret = fakeSecretAccessKey('/');
    return { secret, url: encodeURIComponent(secret) };
  };

  it.each([
    ['s3://{{ID}}:{{SECRET}}@my-bucket/backups', 'dotenv'],
    ['AIRFLOW_CONN_AWS_DEFAULT=aws://{{ID}}:{{SECRET}}@/?region_name=eu-west-1', 'dotenv'],
    ['BACKUP_URL=s3://${AWS_ACCESS_KEY_ID}:{{SECRET}}@my-bucket', 'dotenv'],
    ['broker_url = "sqs://${var.aws_access_key}:{{SECRET}}@"', 'terraform'],
    ['url = "https://{{ID}}:{{SECRET}}@my-bucket.s3.amazonaws.com/"', 'terraform'],
  ] as const)('finds the secret in %s, URL-encoded or not', (template, kind) => {
    for (const encode of [true, false]) {
      const { secret, url } = encoded();
      const text = template.replace('{{ID}}', fakeAccessKeyId()).replace('{{SECRET}}', encode ? url : secret);
      const found = scan(`+${text}`, kind).filter((f) => f.rule === 'aws-secret-access-key');
      expect(found.map((f) => f.column)).toEqual([text.indexOf(encode ? url : secret) + 1]);
      expect(JSON.stringify(found)).not.toContain(secret.slice(4, 20));
    }
  });

  it('reports an encoded secret once, not also the run of characters after a %2F', () => {
    const secret = `a/${fakeSecretAccessKey().slice(0, 38)}`; // encoded: a%2F and 38 more, so "2F…" is 40 long
    const text = `url = "https://${fakeAccessKeyId()}:${encodeURIComponent(secret)}@bucket.s3.amazonaws.com/"`;
    expect(scan(`+${text}`).map((f) => `${f.rule}:${f.column}`)).toEqual(['aws-access-key-id:16', `aws-secret-access-key:${text.indexOf('a%2F') + 1}`]);
  });

  it('does not take a database password for an AWS secret', () => {
    const { url } = encoded();
    expect(rules(`+DATABASE_URL=postgres://app:${url}@db:5432/app`, 'dotenv')).toEqual([]);
    expect(rules(`+REDIS_URL=redis://default:${url}@cache:6379`, 'dotenv')).toEqual([]);
  });

  it('gives the same fingerprint to a secret encoded in a URL as to the secret itself', () => {
    const { secret, url } = encoded();
    const [a] = scan(`+AWS_SECRET_ACCESS_KEY=${secret}`, 'dotenv', '.env');
    const [b] = scan(`+BACKUP=s3://\${AWS_ACCESS_KEY_ID}:${url}@bucket`, 'dotenv', '.env');
    expect(b?.fingerprint).toBe(a?.fingerprint);
  });
});

describe('only added lines count', () => {
  it('reports nothing for a key on an unchanged line', () => {
    const { text } = fill('access_key = "{{ACCESS_KEY_ID}}"\n+region = "us-east-1"');
    expect(rules(text)).toEqual([]);
  });

  it('uses an unchanged label line as context for an added value', () => {
    const { text } = fill('  name = "AWS_SECRET_ACCESS_KEY"\n+  value = "{{SECRET_ACCESS_KEY}}"');
    expect(rules(text)).toEqual(['aws-secret-access-key@2']);
  });
});

describe('session tokens', () => {
  it('finds the provider token argument in Terraform but not a bare token in dotenv', () => {
    const token = fakeSessionToken().replace(/^IQoJb3JpZ2lu/, 'Xq');
    expect(rules(`+  token = "${token}"`)).toEqual(['aws-session-token@1']);
    expect(rules(`+GITHUB_TOKEN=${token}`, 'dotenv')).toEqual([]);
    expect(rules(`+AWS_SESSION_TOKEN=${token}`, 'dotenv')).toEqual(['aws-session-token@1']);
  });
});

describe('findings', () => {
  it('never carry the raw value', () => {
    const id = fakeAccessKeyId();
    const secret = fakeSecretAccessKey();
    const out = JSON.stringify(scan(`+access_key = "${id}"\n+secret_key = "${secret}"`));
    expect(out).not.toContain(id);
    expect(out).not.toContain(secret);
    expect(out).not.toContain(secret.slice(4));
  });

  it('decode the account from a new-generation key ID', () => {
    const [f] = scan(`+access_key = "${['ASIA', 'Y34FZKBO', 'KMUTVV7A'].join('')}"`); // a published example, in pieces
    expect(f?.keyId).toEqual({ prefix: 'ASIA', account: '609629065308' });
  });

  it('report a column in characters, after non-ASCII text', () => {
    const id = fakeAccessKeyId();
    const [f] = scan(`+description = "日本語" # ${id}`);
    expect(f?.column).toBe(`description = "日本語" # `.length + 1);
  });

  it('are silenced by the allow marker in any comment syntax', () => {
    for (const marker of ['# aws-key-guard:allow', '// aws-key-guard:allow', '/* aws-key-guard:allow */']) {
      const { text } = fill(`+access_key = "{{ACCESS_KEY_ID}}" ${marker}`);
      expect(rules(text)).toEqual([]);
    }
  });

  it('silence only their own line where lines end in a bare CR (one line to Git, three to dotenv)', () => {
    const text = `# local values, aws-key-guard:allow\rAWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\rAWS_SECRET_ACCESS_KEY=${fakeSecretAccessKey()}\r`;
    const found = scanWindow({ path: '.env', kind: 'dotenv' }, [{ line: 1, added: true, text }]).map((f) => f.rule);
    expect(found).toEqual(['aws-access-key-id', 'aws-secret-access-key']);
    const marked = `AWS_ACCESS_KEY_ID=${fakeAccessKeyId()} # aws-key-guard:allow\rAWS_REGION=eu-west-1\r`;
    expect(scanWindow({ path: '.env', kind: 'dotenv' }, [{ line: 1, added: true, text: marked }])).toEqual([]);
  });
});

describe('keys written with string escapes', () => {
  const window = (text: string, path = 'main.tf', kind: FileKind = 'terraform') =>
    scanWindow({ path, kind }, text.split('\n').map((t, i) => ({ line: i + 1, added: true, text: t })));

  it('finds a key ID written with a \\u escape, at the column of the escape', () => {
    const id = fakeAccessKeyId();
    const found = window(`provider "aws" {\n  access_key = "\\u0041${id.slice(1)}"\n}`);
    expect(found.map((f) => [f.rule, f.line, f.column])).toEqual([['aws-access-key-id', 2, 17]]);
    expect(JSON.stringify(found)).not.toContain(id);
  });

  it('finds a JSON secret whose slash is written \\/', () => {
    const key = fakeSecretAccessKey();
    const secret = `${key.slice(0, 20)}/${key.slice(21)}`;
    const escaped = secret.replace(/\//g, '\\/');
    const found = window(`{"provider": {"aws": {"secret_key": "${escaped}"}}}`, 'main.tf.json');
    expect(found.map((f) => f.rule)).toContain('aws-secret-access-key');
  });

  it('reads other escapes as they are, with no finding', () => {
    expect(window('  description = "a \\u00e9 \\n \\t value"')).toEqual([]);
  });
});
