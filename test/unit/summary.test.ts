import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/finding.js';
import { en } from '../../src/messages/en.js';
import { ja } from '../../src/messages/ja.js';
import { renderSummary, SUMMARY_LISTED } from '../../src/report/summary.js';
import { fakeAccessKeyId } from '../helpers/fakeKeys.js';

const finding = (file: string, extra: Partial<Finding> = {}): Finding => ({
  rule: 'aws-access-key-id',
  title: 'AWS access key ID',
  file,
  fileKind: 'terraform',
  line: 3,
  column: 17,
  redacted: 'AKIA…WXYZ',
  fingerprint: '0123456789abcdef',
  commit: { sha: 'c'.repeat(40), date: '2026-11-29T10:00:00Z' },
  ...extra,
});

describe('renderSummary', () => {
  it('says what was scanned when nothing is found', () => {
    const text = renderSummary([], { files: 2, addedLines: 7 }, 'the commits of this push (a..b)', en);
    expect(text).toBe('## aws-key-guard\n\n:white_check_mark: No AWS keys in the scanned commits (2 files, 7 added lines).\n\nScanned: the commits of this push (a..b)\n');
  });

  it('lists findings in a table whose cells a file name cannot break', () => {
    const text = renderSummary([finding('a|b`c.tf', { keyId: { prefix: 'AKIA' } })], { files: 1, addedLines: 1 }, 'x', en);
    expect(text).toContain('| ``a\\|b`c.tf:3:17`` | AWS access key ID | `AKIA…WXYZ` | `aws-access-key-id` | `cccccccccccc` 2026-11-29 |');
    expect(text).toContain('### What to do now\n');
    expect(text).toContain('(the ID is AKIA…WXYZ)');
  });

  it('never shows a key that is part of a path', () => {
    const key = fakeAccessKeyId();
    const text = renderSummary([finding(`keys/${key}.tf`)], { files: 1, addedLines: 1 }, 'x', en);
    expect(text).not.toContain(key);
  });

  it(`lists at most ${SUMMARY_LISTED} findings and counts the rest`, () => {
    const many = Array.from({ length: SUMMARY_LISTED + 3 }, (_, i) => finding(`f${i}.tf`));
    const text = renderSummary(many, { files: many.length, addedLines: many.length }, 'x', en);
    expect(text.split('\n').filter((l) => l.startsWith('| `f'))).toHaveLength(SUMMARY_LISTED);
    expect(text).toContain('…and 3 more findings.');
  });

  it('speaks Japanese', () => {
    const text = renderSummary([finding('main.tf')], { files: 1, addedLines: 1 }, ja.ciScope['pull-request']?.('a..b') ?? '', ja);
    expect(text).toContain('| 場所 | 認証情報 | 値 | ルール | コミット |');
    expect(text).toContain('確認したもの: このプルリクエストのコミット(a..b)');
  });
});
