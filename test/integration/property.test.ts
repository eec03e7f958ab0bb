import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scanChanges } from '../../src/changes.js';
import { possibleKeyArgs } from '../../src/git/args.js';
import { possibleKeyPattern } from '../../src/rules.js';
import { RULES } from '../../src/rules.js';
import { fakeAccessKeyId, fill, randomFrom } from '../helpers/fakeKeys.js';
import { withTempRepo } from '../helpers/withTempRepo.js';

const WORDS = 'abcdefghijklmnopqrstuvwxyz _=."{}[]#';
const line = () => `${randomFrom('abcdefghij', 3)} = "${randomFrom(WORDS, randomInt(60))}"`;

describe('line numbers on random edits (real git, random diffs)', () => {
  it('reports exactly the planted keys, at their line and column in the staged file', async () => {
    await withTempRepo(async (repo) => {
      for (let round = 0; round < 25; round++) {
        const base = Array.from({ length: 20 + randomInt(200) }, line);
        repo.write('main.tf', `${base.join('\n')}\n`);
        repo.stage('main.tf');
        repo.git(['commit', '-qm', `base ${round}`, '--no-verify']);
        // random edits: deletions, insertions and changes all over the file
        const next = [...base];
        for (let e = 0; e < 1 + randomInt(12); e++) {
          const at = randomInt(next.length + 1);
          const op = randomInt(3);
          if (op === 0 && next.length > 1) next.splice(Math.min(at, next.length - 1), 1 + randomInt(3));
          else if (op === 1) next.splice(at, 0, ...Array.from({ length: 1 + randomInt(4) }, line));
          else if (at < next.length) next[at] = line();
        }
        const planted = new Map<number, number>(); // line (1-based) → column
        for (let k = 0; k < 1 + randomInt(3); k++) {
          const at = randomInt(next.length + 1);
          const prefix = `k${k} = "${randomFrom('xyz ', randomInt(10))} `; // a key ID stands alone: not after a letter
          next.splice(at, 0, `${prefix}${fakeAccessKeyId()}"`);
        }
        next.forEach((l, i) => {
          const m = /^k\d = "[xyz ]*/.exec(l);
          if (m) planted.set(i + 1, m[0].length + 1);
        });
        repo.write('main.tf', `${next.join('\n')}\n`);
        repo.stage('main.tf');
        const r = await scanChanges({ cwd: repo.dir });
        expect(r.findings.map((f) => [f.line, f.column])).toEqual([...planted.entries()].sort((a, b) => a[0] - b[0]));
        repo.git(['commit', '-qm', `edit ${round}`, '--no-verify']);
      }
    });
  });
});

describe("the hook's question to Git (a superset of every finding, through Git's own regex engine)", () => {
  // Lines made of rule examples, cut and glued to random text, some keys encoded as in URLs.
  const pieces = RULES.flatMap((r) => r.examples.match).map((e) => (typeof e === 'string' ? { file: 'main.tf', text: e } : e));
  const NOISE = 'abcXYZ019/+=%"\' :{}[]#-_.\t';
  const generated = (): [string, string] => {
    const piece = pieces[randomInt(pieces.length)] as { file: string; text: string };
    const { text } = fill(piece.text);
    const cut = randomInt(3) === 0 ? text.slice(randomInt(8)) : text;
    const glued = `${randomFrom(NOISE, randomInt(12))}${cut}${randomFrom(NOISE, randomInt(12))}`;
    return [piece.file, randomInt(5) === 0 ? glued.replace(/[/+]/g, (c) => (c === '/' ? '%2F' : '%2B')) : glued];
  };

  it('selects every staged file in which the scanner finds anything', async () => {
    await withTempRepo(async (repo) => {
      const files = Array.from({ length: 400 }, (_, i) => {
        const parts = Array.from({ length: 1 + randomInt(3) }, generated);
        return [`f${i}/${(parts[0] as [string, string])[0]}`, parts.map((p) => p[1]).join('\n')] as const;
      });
      for (const [path, text] of files) repo.write(path, `${text}\n`);
      repo.stage('.');
      const flagged = new Set((await scanChanges({ cwd: repo.dir })).findings.map((f) => f.file));
      expect(flagged.size).toBeGreaterThan(100);
      const ask = () => repo.git(possibleKeyArgs(['.'], possibleKeyPattern()), { env: { LC_ALL: 'C' } }).stdout.split('\n').filter(Boolean);
      const selected = new Set(ask());
      expect([...flagged].filter((f) => !selected.has(f))).toEqual([]);
      // and it is a question worth asking: lines without a token are not selected
      repo.git(['commit', '-qm', 'x', '--no-verify']);
      repo.write('a-plain.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = var.name\n  tags   = { Name = "logs", Hash = "0123abcd" }\n}\n');
      repo.stage('a-plain.tf');
      expect(ask()).toEqual([]);
      // with a changed file without a token before the one with a key (Git's --quiet missed that)
      repo.write('f1/zz.tf', `k = "${fakeAccessKeyId()}"\n`);
      repo.stage('f1/zz.tf');
      expect(ask()).toEqual(['f1/zz.tf']);
    });
  });
});
