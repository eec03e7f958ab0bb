import { describe, expect, it } from 'vitest';
import { readProfiles, ProfilePlan } from '../../src/fix/credentials.js';
import { exampleName, exampleText } from '../../src/fix/dotenv.js';
import { readLayout } from '../../src/fix/hcl.js';
import { lineDiff, redactor } from '../../src/fix/show.js';
import { rewriteTerraform, type KeyAt } from '../../src/fix/terraform.js';
import { fakeAccessKeyId, fakeSecretAccessKey } from '../helpers/fakeKeys.js';

/** The pure parts of `fix`: HCL layout, the rewrite, the diff, the example file, the profiles. */

const ID = 'aws-access-key-id';
const SECRET = 'aws-secret-access-key';

/** Finds each value in the text and makes it a KeyAt, as the scanner would report it. */
function keysIn(text: string, values: [string, string][]): KeyAt[] {
  const lines = text.split('\n');
  return values.map(([value, rule]) => {
    const i = lines.findIndex((l) => l.includes(value));
    return { line: i + 1, column: (lines[i] as string).indexOf(value) + 1, rule, value };
  });
}

describe('readLayout', () => {
  it.each([
    ['a brace in a string', 'a = "{"\nb = 1\n'],
    ['a brace in a comment', '# {\n// {\n/* {\n*/\nb = 1\n'],
    ['a template with an object inside', 'a = "${jsonencode({ x = 1 })}"\nb = 1\n'],
    ['an escaped template', 'a = "$${x} {"\nb = 1\n'],
    ['a heredoc with braces', 'a = <<-EOT\n  }}\n  EOT\nb = 1\n'],
  ])('is not fooled by %s', (_, text) => {
    const layout = readLayout(text.split('\n'));
    expect(layout).toBeDefined();
    expect(layout?.at(-2)).toEqual({ blocks: [], plain: true });
  });

  it('marks the lines of a heredoc and of a block comment as not plain', () => {
    const layout = readLayout('a = <<EOT\nx\nEOT\n/*\ny\n*/\n'.split('\n')) ?? [];
    expect(layout.map((l) => l.plain)).toEqual([true, false, false, true, false, false, true]);
  });

  it.each(['a = {\n', '}\n', 'a = "x\n', 'a = <<EOT\nx\n'])('gives up on %j', (text) => {
    expect(readLayout(text.split('\n'))).toBeUndefined();
  });
});

describe('rewriteTerraform', () => {
  it('replaces the pair with one aligned profile line and keeps the rest', () => {
    const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
    const text = `provider "aws" {\n  alias      = "b" # second\n  secret_key = "${secret}"\n  access_key = "${id}"\n}\n`;
    const r = rewriteTerraform(text, keysIn(text, [[id, ID], [secret, SECRET]]), 'terraform', () => 'p1');
    expect(r).toMatchObject({ ok: true, text: 'provider "aws" {\n  alias      = "b" # second\n  profile    = "p1"\n}\n' });
  });

  it('gives each provider block its own profile', () => {
    const a: [string, string] = [fakeAccessKeyId(), fakeSecretAccessKey()];
    const b: [string, string] = [fakeAccessKeyId(), fakeSecretAccessKey()];
    const text = `provider "aws" {\n  access_key="${a[0]}"\n  secret_key="${a[1]}"\n}\nprovider "aws" {\n  alias = "x"\n  access_key = "${b[0]}"\n  secret_key = "${b[1]}"\n}\n`;
    let n = 0;
    const r = rewriteTerraform(text, keysIn(text, [[a[0], ID], [a[1], SECRET], [b[0], ID], [b[1], SECRET]]), 'terraform', () => `p${++n}`);
    expect(r).toMatchObject({ ok: true, text: 'provider "aws" {\n  profile   = "p1"\n}\nprovider "aws" {\n  alias = "x"\n  profile    = "p2"\n}\n' });
  });

  it.each([
    ['a key in a nested block', (id: string, s: string) => `provider "aws" {\n  assume_role {\n    access_key = "${id}"\n    secret_key = "${s}"\n  }\n}\n`, 'block'],
    ['a one-line block', (id: string, s: string) => `provider "aws" { access_key = "${id}" }\n# ${s}\n`, 'notAssignment'],
    ['a key in a resource', (id: string, s: string) => `resource "x" "y" {\n  access_key = "${id}"\n  secret_key = "${s}"\n}\n`, 'block'],
    ['a shared credentials file', (id: string, s: string) => `provider "aws" {\n  shared_credentials_files = ["x"]\n  access_key = "${id}"\n  secret_key = "${s}"\n}\n`, 'profileSet'],
    ['two keys on one line', (id: string, s: string) => `provider "aws" {\n  access_key = "${id}" # ${s}\n}\n`, 'notAssignment'],
  ])('refuses %s', (_, make, why) => {
    const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
    const text = make(id, secret);
    const r = rewriteTerraform(text, keysIn(text, [[id, ID], [secret, SECRET]]), 'terraform', () => 'p');
    expect(r).toMatchObject({ ok: false, why });
  });

  it('moves a variable default out under the variable name', () => {
    const id = fakeAccessKeyId();
    const text = `variable "aws_access_key" {\n  type    = string\n  default = "${id}"\n}\n`;
    expect(rewriteTerraform(text, keysIn(text, [[id, ID]]), 'terraform', () => 'p')).toMatchObject({
      ok: true,
      text: 'variable "aws_access_key" {\n  type    = string\n}\n',
      moved: [{ name: 'aws_access_key', value: id }],
    });
  });

  it('removes .tfvars assignments only at the top level', () => {
    const secret = fakeSecretAccessKey();
    const text = `a = 1\nsecret = "${secret}"\n`;
    expect(rewriteTerraform(text, keysIn(text, [[secret, SECRET]]), 'tfvars', () => 'p')).toMatchObject({ ok: true, text: 'a = 1\n', moved: [{ name: 'secret' }] });
    const nested = `m = {\n  secret = "${secret}"\n}\n`;
    expect(rewriteTerraform(nested, keysIn(nested, [[secret, SECRET]]), 'tfvars', () => 'p')).toMatchObject({ ok: false, why: 'block' });
  });
});

describe('lineDiff', () => {
  it('shows each change with one line of context and its line number', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n');
    const after = ['a', 'B', 'c', 'd', 'e', 'f', 'h'].join('\n');
    expect(lineDiff(before, after)).toEqual(['@@ line 1', '  a', '- b', '+ B', '  c', '@@ line 6', '  f', '- g', '  h']);
  });

  it('shows an appended file from line 1', () => {
    expect(lineDiff('', 'x\ny\n')).toEqual(['@@ line 1', '+ x', '+ y']);
  });
});

describe('redactor', () => {
  it('redacts the known values and any access key ID', () => {
    const [id, other, secret] = [fakeAccessKeyId(), fakeAccessKeyId(), fakeSecretAccessKey()];
    const text = redactor([{ value: secret, rule: SECRET }])(`${secret} ${other} ${id}`);
    expect(text).toBe(`${secret.slice(0, 4)}… ${other.slice(0, 4)}…${other.slice(-4)} ${id.slice(0, 4)}…${id.slice(-4)}`);
  });
});

describe('the dotenv example', () => {
  it('keeps names, comments and line endings, and drops comments that hold a key', () => {
    const text = `# app\r\nexport AWS_ACCESS_KEY_ID=${fakeAccessKeyId()}\r\n# old: ${fakeAccessKeyId()}\r\n\r\nDB_URL=postgres://x\r\nnot an assignment\r\n`;
    expect(exampleText(text)).toBe('# app\r\nexport AWS_ACCESS_KEY_ID=your-aws-access-key-id\r\n\r\nDB_URL=your-db-url\r\n');
  });

  it.each([
    ['.env', '.env.example'],
    ['.env.local', '.env.example'],
    ['.envrc', '.envrc.example'],
    ['prod.env', 'prod.env.example'],
  ])('is named %s → %s', (name, example) => {
    expect(exampleName(name)).toBe(example);
  });
});

describe('profiles', () => {
  it('reads sections and keys, whatever the spacing and line endings', () => {
    expect(readProfiles('[ a ]\r\nx=1\r\n; note\r\n[b]\r\n  Y = 2 \r\n')).toEqual(new Map([['a', new Map([['x', '1']])], ['b', new Map([['y', '2']])]]));
  });

  it('numbers a taken name, reuses a profile with the same key, and forgets what undo takes back', () => {
    const [id, secret] = [fakeAccessKeyId(), fakeSecretAccessKey()];
    const plan = new ProfilePlan('/nowhere', '[aws-key-guard]\naws_access_key_id = x\n');
    const pair = { accessKeyId: `AKIAI${id.slice(5)}`, secretAccessKey: secret }; // an older key: no account
    const mark = plan.mark();
    expect(plan.profileFor(pair)).toBe('aws-key-guard-2');
    expect(plan.profileFor(pair)).toBe('aws-key-guard-2');
    plan.undo(mark);
    expect(plan.added).toEqual([]);
    expect(plan.newText()).toBe('[aws-key-guard]\naws_access_key_id = x\n');
  });
});
