import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PatchReader } from '../../src/diff/patch.js';
import type { HunkLine } from '../../src/finding.js';
import { scanWindow } from '../../src/scan.js';
import { fakeAccessKeyId, fakeSecretAccessKey, randomFrom } from '../helpers/fakeKeys.js';

/**
 * Time linear in the diff, shown by counting work rather than timing it: every character a regex
 * is run over (from where it starts to where it stops) and every character a string method
 * reads or copies is counted while the engine and the reader run. Four times the input must cost
 * about four times the work (quadratic code costs sixteen).
 */
let work = 0;
const saved = { exec: RegExp.prototype.exec, slice: String.prototype.slice, includes: String.prototype.includes, indexOf: String.prototype.indexOf };

beforeEach(() => {
  work = 0;
  RegExp.prototype.exec = function (this: RegExp, input: string) {
    const from = this.global || this.sticky ? this.lastIndex : 0;
    const m = saved.exec.call(this, input);
    work += (m === null ? input.length : m.index + m[0].length) - from + 1;
    return m;
  };
  String.prototype.slice = function (this: string, ...args: [number?, number?]) {
    const r = saved.slice.apply(this, args);
    work += r.length + 1;
    return r;
  };
  String.prototype.includes = function (this: string, ...args: [string, number?]) {
    work += this.length + 1;
    return saved.includes.apply(this, args);
  };
});
afterEach(() => {
  Object.assign(RegExp.prototype, { exec: saved.exec });
  Object.assign(String.prototype, { slice: saved.slice, includes: saved.includes, indexOf: saved.indexOf });
});

function measure(make: (n: number) => () => void, n: number): number {
  const run = make(n);
  work = 0;
  run();
  return work;
}

const cases: [string, (n: number) => () => void][] = [
  [
    'one line of many 40-character values under a secret label',
    (n) => {
      const line = `secret_values = [${Array.from({ length: n }, () => `"${randomFrom('abcdefABCDEF0123456789+/', 40)}"`).join(', ')}]`;
      return () => scanWindow({ path: 'main.tf', kind: 'terraform' }, [{ line: 1, added: true, text: line }]);
    },
  ],
  [
    'one line of many key IDs and secrets',
    (n) => {
      const line = Array.from({ length: n }, () => `${fakeAccessKeyId()} ${fakeSecretAccessKey()}`).join(' ');
      return () => scanWindow({ path: '.env', kind: 'dotenv' }, [{ line: 1, added: true, text: `AWS_SECRET_ACCESS_KEY=${line}` }]);
    },
  ],
  [
    'a window of many lines with labels and values',
    (n) => {
      const lines: HunkLine[] = Array.from({ length: n }, (_, i) => ({
        line: i + 1,
        added: true,
        text: i % 3 === 0 ? '  name = "AWS_SECRET_ACCESS_KEY"' : i % 3 === 1 ? `  value = "${randomFrom('abcdefABCDEF0123456789', 40)}"` : `  key_${i} = "{"`,
      }));
      return () => scanWindow({ path: 'main.tf', kind: 'terraform' }, lines);
    },
  ],
  [
    'a diff of many files and keyword lines, through the reader',
    (n) => {
      const diff = Buffer.from(
        Array.from({ length: n / 10 }, (_, f) => {
          const lines = Array.from({ length: 30 }, (_, i) => `+  secret_${i} = "${randomFrom('abcdef0123456789', 40)}" # token`);
          return `diff --git a/f${f}.tf b/f${f}.tf\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/f${f}.tf\n@@ -0,0 +1,30 @@\n${lines.join('\n')}\n`;
        }).join(''),
      );
      return () => {
        const reader = new PatchReader((file, lines) => void scanWindow(file, lines));
        for (let at = 0; at < diff.length; at += 65536) reader.push(diff.subarray(at, at + 65536));
        reader.end();
      };
    },
  ],
];

describe('work grows linearly with the input', () => {
  it.each(cases)('%s', (_name, make) => {
    const small = measure(make, 500);
    const large = measure(make, 2000);
    expect(small).toBeGreaterThan(1000); // the counters do see the work
    expect(large / small).toBeLessThan(6); // 4 × the input: linear gives about 4, quadratic 16
  });
});
