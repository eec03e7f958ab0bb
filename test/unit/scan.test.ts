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
});
