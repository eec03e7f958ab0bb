import { paint } from '../../src/colors.js';
import { describe, expect, it } from 'vitest';
import { explainText } from '../../src/commands/explain.js';
import { missingEntries, NEEDED_ENTRIES } from '../../src/commands/gitignore.js';
import type { Finding } from '../../src/finding.js';
import { en } from '../../src/messages/en.js';
import { ja } from '../../src/messages/ja.js';
import { renderText } from '../../src/report/text.js';
import { RULE_IDS, type FileKind } from '../../src/rules.js';
import { displayPath, shellQuote } from '../../src/shell.js';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';

const c = paint(false);
const summary = { files: 1, addedLines: 3 };
function finding(file: string, fileKind: FileKind, rule = 'aws-secret-access-key'): Finding {
  return { rule, title: rule, file, fileKind, line: rule === 'terraform-state-file' ? 0 : 2, column: 5, redacted: 'Ab3d…', fingerprint: '0123456789abcdef' };
}

describe('the blocking report', () => {
  it('counts a state file as a file, not as a credential, and gives allow advice that can be followed', () => {
    const state = finding('terraform.tfstate', 'state', 'terraform-state-file');
    const only = renderText([state], summary, { m: en, c });
    expect(only).toContain('it would add 1 Terraform state file.');
    expect(only).not.toContain('AWS credential');
    expect(only).not.toContain('aws-key-guard:allow');
    const json = renderText([finding('stack.tf.json', 'terraform'), state], summary, { m: en, c });
    expect(json).toContain('1 AWS credential in 1 staged file and 1 Terraform state file');
    expect(json).toContain('"allow" in .aws-key-guard.json');
    expect(json).not.toContain('aws-key-guard:allow');
    expect(renderText([state], summary, { m: ja, c })).toContain('state ファイルが 1 個あります');
  });

  it('says "staged" only for the staged scan', () => {
    const all = renderText([finding('main.tf', 'terraform')], summary, { m: en, c, staged: false });
    expect(all).toContain('aws-key-guard found 1 AWS credential in 1 file.');
    expect(all).not.toContain('staged');
    expect(renderText([], summary, { m: en, c, staged: false })).not.toContain('staged');
  });

  it('for a .env file does not say "stage it and commit again"', () => {
    const text = renderText([finding('.env', 'dotenv')], summary, { m: en, c });
    expect(text).not.toContain('stage it and commit again');
    expect(text).toContain('out of Git');
  });

  it('gives unstage and ignore commands relative to where the user committed from', () => {
    const text = renderText([finding('infra/main.tf', 'terraform'), finding('top.tf', 'terraform')], summary, { m: en, c, prefix: 'infra/' });
    expect(text).toContain('git restore --staged main.tf ../top.tf');
  });

  it.each([
    ['main.tf', 'terraform', 'provider "aws"', 'git restore --staged main.tf'],
    ['prod.tfvars', 'tfvars', 'sensitive = true', 'git restore --staged prod.tfvars'],
    ['terragrunt.hcl', 'terragrunt', 'AWS_PROFILE', 'git restore --staged terragrunt.hcl'],
    ['.env', 'dotenv', '.env.example', "printf '%s\\n' .env >> .gitignore"],
    ['.aws/credentials', 'aws-config', '~/.aws/', "printf '%s\\n' /.aws/credentials >> .gitignore"],
  ] as const)('for %s (%s) says how to write it instead and how to unstage it', (file, kind, advice, command) => {
    const text = renderText([finding(file, kind)], summary, { m: en, c });
    expect(text).toContain(advice);
    expect(text).toContain(command);
    expect(text).toContain('deactivate it in IAM now');
    expect(text).toContain('aws iam update-access-key --status Inactive --access-key-id <ID>');
  });

  it('for a state file says git rm --cached, a remote backend and the ignore lines', () => {
    const text = renderText([finding('env/terraform.tfstate', 'state', 'terraform-state-file')], summary, { m: en, c });
    expect(text).toContain('git rm --cached env/terraform.tfstate');
    expect(text).toContain('remote backend');
    expect(text).toContain("'*.tfstate' '*.tfstate.*' .terraform/");
    expect(text).toContain('rotate every secret');
    expect(text).not.toContain('git restore --staged');
  });

  it('is about 15 lines for one leaking provider block', () => {
    const f: Finding = { ...finding('main.tf', 'terraform', 'aws-access-key-id'), keyId: { prefix: 'AKIA', account: '123456789012' } };
    const lines = renderText([f, finding('main.tf', 'terraform')], summary, { m: en, c }).split('\n');
    expect(lines.length).toBeLessThanOrEqual(20);
    expect(lines.join('\n')).toContain('long-term key of an IAM user or the root user, AWS account 123456789012');
  });

  it('lists at most a dozen findings and counts the rest', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ ...finding(`f${i}.tf`, 'terraform'), line: i + 1 }));
    const text = renderText(many, summary, { m: en, c });
    expect(text.split('\n').filter((l) => l.includes('[aws-secret-access-key]'))).toHaveLength(12);
    expect(text).toContain('…and 18 more findings');
    expect(text).toContain('git restore --staged f0.tf');
  });

  it('says when the account cannot be read from an older key', () => {
    const f: Finding = { ...finding('main.tf', 'terraform', 'aws-access-key-id'), keyId: { prefix: 'AKIA' } };
    expect(renderText([f], summary, { m: en, c })).toContain('the account cannot be read from it');
    expect(renderText([f], summary, { m: ja, c })).toContain('アカウントは読み取れません');
  });
});

describe('shellQuote', () => {
  it.each([
    ['main.tf', 'main.tf'],
    ['with space.tf', "'with space.tf'"],
    ["it's.tf", "'it'\\''s.tf'"],
    ['-dash.tf', './-dash.tf'],
    ['$(rm -rf).tf', "'$(rm -rf).tf'"],
    ['new\nline.tf', "'new\nline.tf'"],
  ])('quotes %j so a POSIX shell gives back the same path', (path, quoted) => {
    expect(shellQuote(path)).toBe(quoted);
  });
});

describe('explain', () => {
  it.each(RULE_IDS.map((id) => [id]))('has a full guide for %s in both languages', (id) => {
    const text = explainText(id, en);
    expect(text).toContain(`[${id}]`);
    expect(text).toContain('provider "aws"');
    expect(explainText(id, ja)).toContain('代わりの書き方');
  });

  it('lists the rules and names the unknown ones', () => {
    for (const id of RULE_IDS) expect(explainText(undefined, en)).toContain(id);
    expect(() => explainText('nope', en)).toThrow('There is no rule called "nope"');
  });

  it('gives the pushed-key steps for a key rule', () => {
    const text = explainText('aws-access-key-id', en);
    for (const step of ['update-access-key --status Inactive', 'Cost Explorer', 'CloudTrail', 'MFA on the root user', 'least privilege', 'AWS Support', 'not enough']) {
      expect(text).toContain(step);
    }
  });
});

describe('gitignore', () => {
  it('finds every needed entry missing from an empty file and none from a complete one', () => {
    expect(missingEntries('')).toEqual([...NEEDED_ENTRIES]);
    expect(missingEntries(NEEDED_ENTRIES.join('\n'))).toEqual([]);
    expect(missingEntries('/*.tfstate\n**/.terraform/\r\n')).not.toContain('*.tfstate');
  });
});

describe('Japanese lines', () => {
  // columns as a terminal shows them: two for a wide character
  const columns = (s: string) => [...s].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0);

  it('wraps at about 100 columns, never starts a line with closing punctuation, and keeps every character', () => {
    const kinds: FileKind[] = ['terraform', 'tfvars', 'terragrunt', 'dotenv', 'aws-config', 'state'];
    const report = renderText(kinds.map((k, i) => finding(`f${i}.tf`, k, k === 'state' ? 'terraform-state-file' : 'aws-secret-access-key')), summary, { m: ja, c });
    const lines = report.split('\n');
    // the steps' sentences (indented; not the finding rows, not commands to paste)
    const steps = lines.filter((l) => /^ {2}/.test(l) && !l.includes('[') && !/^\s*(?:git |printf |aws |npx )/.test(l));
    expect(steps.length).toBeGreaterThan(5);
    const long = steps.filter((l) => columns(l) > 102);
    expect(long).toEqual([]);
    expect(lines.filter((l) => /^\s+[、。）」]/.test(l))).toEqual([]);
    // the step texts come through whole: joined again, each instead-text is in the report
    const joined = lines.join('').replace(/\s+/g, '');
    for (const k of ['terraform', 'tfvars', 'dotenv'] as const) expect(joined).toContain(ja.instead[k].replace(/\s+/g, ''));
  });
});

describe('paths as shown', () => {
  it('never show a key in a file name, wherever a path is printed (displayPath)', () => {
    const id = fakeAccessKeyId();
    const shown = displayPath(`keys/${id}\n.tfvars`);
    expect(shown).not.toContain(id);
    expect(shown).toBe(`keys/${id.slice(0, 4)}…${id.slice(-4)}\\n.tfvars`);
  });
});
