import { describe, expect, it } from 'vitest';
import { RULES, TARGET_FILES, type Example } from '../../src/rules.js';
import { keywordPattern } from '../../src/diff/windows.js';
import { scanWindow } from '../../src/scan.js';
import { allMatches, mayHoldKey, possibleKeyPattern, ruleMatches } from '../../src/rules.js';
import { kindOf } from '../../src/scope.js';
import { fakeAccessKeyId, fakeBedrockApiKey, fakeSecretAccessKey, fakeSessionToken, fill, randomFrom } from '../helpers/fakeKeys.js';

/** An example scanned as its file's added lines: `main.tf` unless it names a file. */
function scanExample(example: Example) {
  const { file, template } = typeof example === 'string' ? { file: 'main.tf', template: example } : { file: example.file, template: example.text };
  const { text, values } = fill(template);
  const kind = kindOf(file);
  if (kind === undefined) throw new Error(`${file} is out of scope`);
  const lines = text.split('\n').map((t, i) => ({ line: i + 1, added: true, text: t }));
  return { text, values, findings: scanWindow({ path: file, kind }, lines) };
}
const label = (e: Example) => (typeof e === 'string' ? e : `${e.file}: ${e.text.replace(/\n/g, ' ⏎ ')}`);

describe.each(RULES.map((r) => [r.id, r] as const))('rule %s', (id, rule) => {
  it.each(rule.examples.match.map((e) => [label(e), e]))('finds the value in %s', (_, example) => {
    const { text, values, findings } = scanExample(example);
    const found = findings.filter((f) => f.rule === id);
    expect(found).toHaveLength(1);
    // The last placeholder is the value found: its line, and its column in that line.
    const at = text.lastIndexOf(values[values.length - 1] as string);
    const lineStart = text.lastIndexOf('\n', at) + 1;
    expect([found[0]?.line, found[0]?.column]).toEqual([text.slice(0, at).split('\n').length, at - lineStart + 1]);
    for (const v of values) expect(JSON.stringify(findings)).not.toContain(v);
  });

  it.each(rule.examples.noMatch.map((e) => [label(e), e]))('finds nothing in %s', (_, example) => {
    expect(scanExample(example).findings.filter((f) => f.rule === id)).toEqual([]);
  });

  it.each(rule.examples.match.map((e) => [label(e), e]))('lets the prefilter see %s', (_, example) => {
    // The reader hands only lines near a keyword to the rules: every example must pass it.
    expect(scanExample(example).text).toMatch(new RegExp(keywordPattern().source));
  });

  it.each(rule.examples.match.map((e) => [label(e), e]))('lets the hook\'s question to Git see %s', (_, example) => {
    // The hook skips Node.js when no staged line matches this pattern: the value's line must.
    const { text, values } = scanExample(example);
    const value = values[values.length - 1] as string;
    const line = text.split('\n').find((l) => l.includes(value)) as string;
    expect(line).toMatch(new RegExp(possibleKeyPattern()));
  });

  it('has a kebab-case id, a title and examples of both kinds', () => {
    expect(id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(rule.title.length).toBeGreaterThan(3);
    expect(rule.examples.match.length).toBeGreaterThan(0);
    expect(rule.examples.noMatch.length).toBeGreaterThan(0);
    expect(rule.pattern.flags).toContain('g');
  });
});

describe('the keyword prefilter', () => {
  const hits = (text: string) => [...text.matchAll(keywordPattern())].map((m) => m[0]);

  it('takes name words in any case, and key prefixes only as written', () => {
    expect(hits('SeCrEt_key = 1, TOKEN = 2, aws_session_token = 3')).toEqual(['SeCrEt', 'TOKEN', 'token']);
    expect(hits('sha = "9f0acca1akia", id = "AKIA"')).toEqual(['AKIA']);
  });
});

describe('the cheap tests before the regexes', () => {
  // Lines made of runs of value characters of every length around the thresholds, cut by other
  // characters, with real key shapes and escapes among them: the hand-written tests must agree
  // with the patterns they stand in for, line by line.
  const pieces = () => [
    randomFrom('abcdef0123456789', 1 + Math.floor(Math.random() * 45)),
    randomFrom('ABCXYZabcxyz0189/+%', 1 + Math.floor(Math.random() * 110)),
    randomFrom(' "=:,{}-_.\\é\t', 1 + Math.floor(Math.random() * 3)),
    fakeAccessKeyId(),
    fakeSecretAccessKey(),
    fakeSessionToken(),
    fakeBedrockApiKey(),
    '\\u0041',
    'AKI',
  ];
  const lines = Array.from({ length: 3000 }, () => {
    const all = pieces();
    return Array.from({ length: 1 + Math.floor(Math.random() * 6) }, () => all[Math.floor(Math.random() * all.length)]).join('');
  });

  it('mayHoldKey says what possibleKeyPattern says', () => {
    const pattern = new RegExp(possibleKeyPattern());
    const differ = lines.filter((l) => mayHoldKey(l) !== pattern.test(l));
    expect(differ).toEqual([]);
    expect(lines.filter((l) => mayHoldKey(l)).length).toBeGreaterThan(100);
    expect(lines.filter((l) => !mayHoldKey(l)).length).toBeGreaterThan(100);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('ruleMatches finds what %s\'s pattern finds', (_id, rule) => {
    const at = (ms: RegExpExecArray[]) => ms.map((m) => `${m.index}:${m[0]}`);
    const differ = lines.filter((l) => at(ruleMatches(rule, l)).join() !== at(allMatches(rule.pattern, l)).join());
    expect(differ).toEqual([]);
    expect(lines.filter((l) => ruleMatches(rule, l).length > 0).length).toBeGreaterThan(50);
  });
});

describe('file scope', () => {
  it('lists each glob once', () => {
    const globs = TARGET_FILES.map((t) => t.glob);
    expect(new Set(globs).size).toBe(globs.length);
  });
});
