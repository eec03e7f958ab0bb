import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PatchReader } from '../../src/diff/patch.js';
import { diffGitPath, headerPath } from '../../src/diff/paths.js';
import type { Finding } from '../../src/finding.js';
import { scanWindow } from '../../src/scan.js';
import { fakeAccessKeyId, fakeSecretAccessKey, randomFrom } from '../helpers/fakeKeys.js';

/** Builds `git diff -p` output for new files, as git prints it. */
function diffOf(files: { path: string; lines: string[] }[]): Buffer {
  const patch = files
    .map((f) => `diff --git a/${f.path} b/${f.path}\nnew file mode 100644\nindex 0000000..aaaaaaa\n--- /dev/null\n+++ b/${f.path}\n@@ -0,0 +1,${f.lines.length} @@\n${f.lines.map((l) => `+${l}\n`).join('')}`)
    .join('');
  return Buffer.from(patch, 'utf8');
}

function read(chunks: Buffer[], batchBytes?: number): { findings: Finding[]; reader: PatchReader } {
  const findings: Finding[] = [];
  const reader = new PatchReader((file, lines) => findings.push(...scanWindow(file, lines)), batchBytes === undefined ? {} : { batchBytes });
  for (const c of chunks) reader.push(c);
  reader.end();
  return { findings, reader };
}

function randomSplit(buf: Buffer, max = 64): Buffer[] {
  const chunks: Buffer[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const n = 1 + randomInt(Math.max(2, Math.min(max, buf.length - pos)));
    chunks.push(buf.subarray(pos, pos + n));
    pos += n;
  }
  return chunks;
}

/**
 * A modified file in many hunks of unchanged, removed and added lines, with keys planted at
 * random: key IDs on added lines, and secrets on added lines next to an unchanged label line,
 * above it (found through the window the label opens) or below it (found only by looking back). Returns the diff and the expected `file:line:rule` of each.
 */
function modifiedDiff(lines: number): { diff: Buffer; expected: string[] } {
  const expected: string[] = [];
  let body = '';
  let oldLine = 1;
  let newLine = 1;
  while (newLine < lines) {
    oldLine += randomInt(20);
    newLine = oldLine + (newLine - oldLine); // the gap between hunks keeps both sides in step
    let hunk = '';
    let oldCount = 0;
    let newCount = 0;
    const startOld = oldLine;
    const startNew = newLine;
    for (let i = 0, n = 1 + randomInt(300); i < n; i++) {
      const pick = randomInt(100);
      const filler = `  tags = { Name = "${randomFrom('abcdefghij', 8)}" }`;
      if (pick < 3) {
        hunk += `+  access_key = "${fakeAccessKeyId()}"\n`;
        expected.push(`big.tf:${newLine}:aws-access-key-id`);
        newLine++;
        newCount++;
      } else if (pick < 5) {
        hunk += `   name = "AWS_SECRET_ACCESS_KEY"\n+  value = "${fakeSecretAccessKey()}"\n`;
        expected.push(`big.tf:${newLine + 1}:aws-secret-access-key`);
        [oldLine, newLine, oldCount, newCount] = [oldLine + 1, newLine + 2, oldCount + 1, newCount + 2];
      } else if (pick < 7) {
        // the label below the value: only the look-back from the label's line sees the value
        hunk += `+  value = "${fakeSecretAccessKey()}"\n   name = "AWS_SECRET_ACCESS_KEY"\n`;
        expected.push(`big.tf:${newLine}:aws-secret-access-key`);
        [oldLine, newLine, oldCount, newCount] = [oldLine + 1, newLine + 2, oldCount + 1, newCount + 2];
      } else if (pick < 40) {
        hunk += `-${filler}\n`;
        [oldLine, oldCount] = [oldLine + 1, oldCount + 1];
      } else if (pick < 70) {
        hunk += `+${filler}\n`;
        [newLine, newCount] = [newLine + 1, newCount + 1];
      } else {
        hunk += ` ${filler}\n`;
        [oldLine, newLine, oldCount, newCount] = [oldLine + 1, newLine + 1, oldCount + 1, newCount + 1];
      }
    }
    body += `@@ -${startOld},${oldCount} +${startNew},${newCount} @@\n${hunk}`;
    // the next hunk starts after an unchanged gap on both sides
    const gap = randomInt(20);
    oldLine += gap;
    newLine += gap;
  }
  const diff = Buffer.from(`diff --git a/big.tf b/big.tf\nindex 1111111..2222222 100644\n--- a/big.tf\n+++ b/big.tf\n${body}`);
  return { diff, expected: expected.sort() };
}

describe('PatchReader', () => {
  it('gives the same findings however the stream is cut into chunks', () => {
    const filler = Array.from({ length: 30 }, (_, i) => `resource "aws_s3_bucket" "b${i}" { bucket = "b-${i}" }`);
    const diff = diffOf([
      { path: 'a.tf', lines: [...filler, `access_key = "${fakeAccessKeyId()}"`, `secret_key = "${fakeSecretAccessKey()}"`, ...filler] },
      { path: 'b/.env', lines: ['# nothing', `AWS_SECRET_ACCESS_KEY=${fakeSecretAccessKey()}`] },
    ]);
    // each place once: a small file's whole-file window and its keyword windows may both see it
    const places = (found: Finding[]) => [...new Set(found.map((f) => `${f.file}:${f.line}:${f.column}:${f.rule}`))];
    const whole = places(read([diff]).findings);
    expect(whole).toEqual(['a.tf:31:15:aws-access-key-id', 'a.tf:32:15:aws-secret-access-key', 'b/.env:2:23:aws-secret-access-key']);
    for (let i = 0; i < 50; i++) expect(places(read(randomSplit(diff)).findings)).toEqual(whole);
  });

  it('uses unchanged lines before a change as context, however the stream is cut', () => {
    const filler = Array.from({ length: 40 }, (_, i) => ` # unchanged ${i}`).join('\n');
    const patch = `diff --git a/c.tf b/c.tf\nindex 1111111..2222222 100644\n--- a/c.tf\n+++ b/c.tf\n@@ -10,45 +10,46 @@\n${filler}\n   name = "AWS_SECRET_ACCESS_KEY"\n+  value = "${fakeSecretAccessKey()}"\n # after\n-# removed\n # end\n`;
    const diff = Buffer.from(patch);
    const expected = ['c.tf:51:aws-secret-access-key'];
    expect(read([diff]).findings.map((f) => `${f.file}:${f.line}:${f.rule}`)).toEqual(expected);
    for (let i = 0; i < 100; i++) {
      expect(read(randomSplit(diff)).findings.map((f) => `${f.file}:${f.line}:${f.rule}`)).toEqual(expected);
    }
  });

  it('finds every planted key at its line in long modified hunks, read whole or in pieces of any size', () => {
    // Hundreds of kilobytes: the reader works in batches, and these pieces (1 byte to 100 KB) cut
    // them anywhere, so labels above values and key IDs fall on both sides of batch edges.
    for (let round = 0; round < 6; round++) {
      const { diff, expected } = modifiedDiff(4000);
      // each place once: windows that overlap may both see it (scanChanges reports it once)
      const places = (found: Finding[]) => [...new Set(found.map((f) => `${f.file}:${f.line}:${f.rule}`))].sort();
      expect(places(read([diff]).findings)).toEqual(expected);
      for (const max of [64, 4096, 100_000]) {
        expect(places(read(randomSplit(diff, max)).findings)).toEqual(expected);
        expect(places(read(randomSplit(diff, max), 1).findings)).toEqual(expected); // a batch per piece
      }
    }
  });

  it('finds the same, and counts the same added lines, in large new files read whole or in pieces', () => {
    // New files (one hunk of added lines each), some without a final newline, read in pieces of
    // up to 200 KB, with labels below their values (found by looking back, across batch edges too).
    for (let round = 0; round < 4; round++) {
      const expected: string[] = [];
      let patch = '';
      for (let f = 0; f < 2 + randomInt(4); f++) {
        const path = `f${f}.tf`;
        const lines: string[] = [];
        for (let i = 0, n = 500 + randomInt(12_000); i < n; i++) {
          const pick = randomInt(2000);
          if (pick === 0) {
            lines.push(`  access_key = "${fakeAccessKeyId()}"`);
            expected.push(`${path}:${lines.length}:aws-access-key-id`);
          } else if (pick < 20) {
            // the label below the value: found only by looking back, across a batch edge too
            lines.push(`  value = "${fakeSecretAccessKey()}"`, '  name = "AWS_SECRET_ACCESS_KEY"');
            expected.push(`${path}:${lines.length - 1}:aws-secret-access-key`);
          } else lines.push(`  tags = { Name = "${randomFrom('abcdefghij0123456789', 8 + randomInt(80))}" }`);
        }
        const noNewline = randomInt(2) === 0;
        patch += `diff --git a/${path} b/${path}\nnew file mode 100644\nindex 0000000..aaaaaaa\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}\n`).join('')}${noNewline ? '\\ No newline at end of file\n' : ''}`;
      }
      const diff = Buffer.from(patch);
      const fast = read(randomSplit(diff, 200_000));
      const plain = read([diff]);
      const all = (found: Finding[]) => found.map((f) => `${f.file}:${f.line}:${f.column}:${f.rule}`);
      expect(all(fast.findings)).toEqual(all(plain.findings));
      expect([...new Set(fast.findings.map((f) => `${f.file}:${f.line}:${f.rule}`))].sort()).toEqual(expected.sort());
      expect(fast.reader.summary).toEqual(plain.reader.summary);
    }
  });

  it('finds every key in a line of several megabytes, once, at its column, wherever the line is cut', () => {
    // keys right at and around the places where the reader cuts a long line (every MB or so)
    const filler = (n: number) => randomFrom('abcdefghij ,"', n);
    const parts: string[] = [];
    const expected: string[] = [];
    let column = 1;
    for (const at of [100, (1 << 20) - 30, (1 << 20) + 5, (2 << 20) - (1 << 15) - 10, (2 << 20) - 12, 3 << 20]) {
      const gap = filler(at - column);
      const id = fakeAccessKeyId();
      parts.push(gap, ` ${id} `);
      expected.push(`big.tf:1:${at + 1}:aws-access-key-id`);
      column = at + id.length + 2;
    }
    const line = parts.join('');
    const diff = Buffer.from(`diff --git a/big.tf b/big.tf\nnew file mode 100644\nindex 0000000..aaaaaaa\n--- /dev/null\n+++ b/big.tf\n@@ -0,0 +1,2 @@\n+${line}\n+k = 1\n`);
    for (const max of [65_536, 1_000_000]) {
      const { findings, reader } = read(randomSplit(diff, max));
      // a key in the overlap of two pieces is seen by both: scanChanges reports each place once
      expect([...new Set(findings.map((f) => `${f.file}:${f.line}:${f.column}:${f.rule}`))].sort()).toEqual(expected.sort());
      expect(reader.summary).toEqual({ files: 1, addedLines: 2 });
    }
  });

  it('pairs a secret with a key ID far apart in a small file, however the stream is cut', () => {
    const lines = ['AWS_DEFAULT_REGION=eu-west-1', `AWS_ACCESS_KEY_ID=${fakeAccessKeyId()}`, ...Array.from({ length: 40 }, (_, i) => `SETTING_${i}=value-${i}`), `BACKUP_CREDENTIAL=${fakeSecretAccessKey()}`];
    const diff = diffOf([{ path: 'a.tf', lines: ['x = 1'] }, { path: 'app/.env', lines }, { path: 'b.tf', lines: ['y = 2'] }]);
    const places = (found: Finding[]) => [...new Set(found.map((f) => `${f.file}:${f.line}:${f.rule}`))].sort();
    const expected = ['app/.env:2:aws-access-key-id', 'app/.env:43:aws-secret-access-key'];
    expect(places(read([diff]).findings)).toEqual(expected);
    for (let i = 0; i < 30; i++) expect(places(read(randomSplit(diff, 200), i % 2 === 0 ? 1 : undefined).findings)).toEqual(expected);
  });

  it('looks back past removed lines and long lines into the previous batch, wherever a batch ends', () => {
    // A value labelled only by the line below it: the label's look-back must reach the value
    // across removed lines, and across a batch boundary at any byte.
    const places = (found: Finding[]) => [...new Set(found.map((f) => `${f.file}:${f.line}:${f.rule}`))];
    for (const [removed, comment] of [[14, 10], [40, 10], [0, 70_000], [3, 40_000]] as const) {
      const secret = fakeSecretAccessKey();
      const lines = [
        ' # padding',
        `+  value = "${secret}" # ${'c'.repeat(comment)}`,
        '   env = 1',
        ...Array.from({ length: removed }, (_, i) => `-  old_${i} = ${i}`),
        '+  name  = "AWS_SECRET_ACCESS_KEY"',
      ];
      const diff = Buffer.from(`diff --git a/main.tf b/main.tf\nindex 1111111..2222222 100644\n--- a/main.tf\n+++ b/main.tf\n@@ -1,${2 + removed} +1,4 @@\n${lines.join('\n')}\n`);
      const whole = places(read([diff]).findings);
      expect(whole).toEqual(['main.tf:2:aws-secret-access-key']);
      for (let batch = 40; batch < 700; batch += 7) expect(places(read([diff], batch).findings), `batch ${batch}`).toEqual(whole);
      for (let i = 0; i < 20; i++) expect(places(read(randomSplit(diff, 5000), 1).findings)).toEqual(whole);
    }
  });

  it('pairs a secret with a key ID written with escapes, far apart in a small file', () => {
    const id = fakeAccessKeyId();
    for (const written of [id, `\\u0041${id.slice(1)}`, `${id.slice(0, 3)}\\u00${id.charCodeAt(3).toString(16)}${id.slice(4)}`]) {
      const lines = ['provider "aws" {', `  access_key = "${written}"`, ...Array.from({ length: 8 }, (_, i) => `  # note ${i}`), `  s = "${fakeSecretAccessKey()}"`, '}'];
      const rules = [...new Set(read([diffOf([{ path: 'main.tf', lines }])]).findings.map((f) => `${f.line}:${f.rule}`))].sort();
      expect(rules, written).toEqual(['11:aws-secret-access-key', '2:aws-access-key-id']);
    }
  });

  it('counts files and added lines', () => {
    const { reader } = read([diffOf([{ path: 'x.tf', lines: ['a', 'b', 'c'] }, { path: 'y.tfvars', lines: ['d'] }])]);
    expect(reader.summary).toEqual({ files: 2, addedLines: 4 });
  });

  it('never crashes and never loses a planted key on random mutations of a diff', () => {
    for (let round = 0; round < 200; round++) {
      const id = fakeAccessKeyId();
      const lines = Array.from({ length: 20 }, () => randomFrom(' abcdefXYZ=+-"{}@\\\r\t\n', randomInt(60)).replace(/\n/g, ''));
      const at = randomInt(lines.length);
      lines[at] = `k = "${id}"`;
      const buf = Buffer.from(diffOf([{ path: 'm.tf', lines }]));
      // Mutate content bytes away from the planted line (never a line's +/-/space marker, which
      // is structure, nor into a newline or NUL): the key must still be found.
      const keyAt = buf.indexOf(id);
      const body = buf.indexOf('\n', buf.indexOf('@@')) + 1;
      for (let k = 0; k < 5; k++) {
        const p = body + randomInt(buf.length - body);
        const v = randomInt(256);
        if (Math.abs(p - keyAt) > 40 && buf[p - 1] !== 10 && buf[p] !== 10 && v !== 10 && v !== 0) buf[p] = v;
      }
      const { findings } = read(randomSplit(buf));
      expect(findings.some((f) => f.rule === 'aws-access-key-id')).toBe(true);
    }
  });

  it('survives random bytes', () => {
    for (let round = 0; round < 200; round++) {
      const buf = Buffer.from(Array.from({ length: randomInt(2000) }, () => randomInt(256)));
      expect(() => read(randomSplit(buf))).not.toThrow();
    }
  });
});

describe('headerPath', () => {
  it.each([
    ['b/main.tf', 'main.tf'],
    ['b/with space.tf\t', 'with space.tf'],
    ['"b/quo\\"te.tf"', 'quo"te.tf'],
    ['"b/new\\nline.tf"', 'new\nline.tf'],
    ['"b/back\\\\slash.tf"', 'back\\slash.tf'],
    ['"b/\\343\\201\\202.tf"', 'あ.tf'],
    ['/dev/null', undefined],
  ])('decodes %j', (field, path) => {
    expect(headerPath(field)).toBe(path);
  });
});

describe('diffGitPath', () => {
  it.each([
    ['a/main.tf b/main.tf', 'main.tf'],
    ['a/with space.tf b/with space.tf', 'with space.tf'],
    ['a/x b/y.tf b/x b/y.tf', 'x b/y.tf'],
    ['"a/quo\\"te.tf" "b/quo\\"te.tf"', 'quo"te.tf'],
    ['a/old.tf b/new.tf', undefined],
  ])('reads %j', (rest, path) => {
    expect(diffGitPath(rest)).toBe(path);
  });

  it('names an empty new file, which has no +++ line, and a NUL marks a file odd', () => {
    const diff = Buffer.from(
      'diff --git a/empty.tfstate b/empty.tfstate\nnew file mode 100644\nindex 0000000..e69de29\n' +
        'diff --git a/u.tf b/u.tf\nnew file mode 100644\nindex 0000000..aaaaaaa\n--- /dev/null\n+++ b/u.tf\n@@ -0,0 +1,2 @@\n+a\0b\n+c\n',
    );
    const { reader } = read([diff]);
    expect(reader.files.map((f) => [f.path, f.status, f.odd === true])).toEqual([
      ['empty.tfstate', 'A', false],
      ['u.tf', 'A', true],
    ]);
  });
});
