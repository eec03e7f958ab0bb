import { describe, expect, it } from 'vitest';
import { RULES, TARGET_FILES } from '../../src/rules.js';
import { keywordPattern } from '../../src/diff/windows.js';
import { scanWindow } from '../../src/scan.js';
import { possibleKeyPattern } from '../../src/hookscript.js';
import { fill } from '../helpers/fakeKeys.js';

const tf = { path: 'main.tf', kind: 'terraform' as const };
const scanLine = (text: string) => scanWindow(tf, [{ line: 1, added: true, text }]);

describe.each(RULES.map((r) => [r.id, r] as const))('rule %s', (id, rule) => {
  it.each(rule.examples.match.map((e) => [e]))('finds the value in %s', (template) => {
    const { text, values } = fill(template);
    const found = scanLine(text).filter((f) => f.rule === id);
    expect(found).toHaveLength(1);
    expect(found[0]?.column).toBe(text.indexOf(values[0] as string) + 1);
    for (const v of values) expect(JSON.stringify(found)).not.toContain(v);
  });

  it.each(rule.examples.noMatch.map((e) => [e]))('finds nothing in %s', (template) => {
    const { text } = fill(template);
    expect(scanLine(text).filter((f) => f.rule === id)).toEqual([]);
  });

  it.each(rule.examples.match.map((e) => [e]))('lets the prefilter see %s', (template) => {
    // The reader hands only lines near a keyword to the rules: every example must pass it.
    expect(fill(template).text).toMatch(new RegExp(keywordPattern().source));
  });

  it.each(rule.examples.match.map((e) => [e]))('lets the hook\'s question to Git see %s', (template) => {
    // The hook skips Node.js when no staged line matches this pattern: every example must match.
    expect(fill(template).text).toMatch(new RegExp(possibleKeyPattern()));
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

describe('file scope', () => {
  it('lists each glob once', () => {
    const globs = TARGET_FILES.map((t) => t.glob);
    expect(new Set(globs).size).toBe(globs.length);
  });
});
