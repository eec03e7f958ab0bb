import { describe, expect, it } from 'vitest';
import { en } from '../../src/messages/en.js';
import { ja } from '../../src/messages/ja.js';
import { pickLang } from '../../src/messages/index.js';
import { RULE_IDS } from '../../src/rules.js';

/** Every leaf of a messages object, as dotted paths. */
function leaves(o: unknown, prefix = ''): string[] {
  if (typeof o === 'function' || typeof o === 'string') return [prefix];
  if (Array.isArray(o)) return [prefix];
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe('messages', () => {
  it('define every message in both languages', () => {
    expect(leaves(ja).sort()).toEqual(leaves(en).sort());
  });

  it('have a title and a guide for every rule, in both languages', () => {
    for (const m of [en, ja]) {
      for (const id of RULE_IDS) {
        expect(m.ruleTitle[id], id).toBeTruthy();
        expect(m.guide[id]?.length, id).toBeGreaterThan(1);
      }
    }
  });

  it('are really translated: no Japanese sentence is left in English', () => {
    for (const key of ['blocked', 'nowTitle', 'stepUnstage', 'pushedTitle', 'notAKey'] as const) {
      const value = ja[key];
      const text = typeof value === 'function' ? (value as unknown as (...a: number[]) => string)(1, 1) : value;
      expect(text).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it.each([
    [undefined, { LANG: 'ja_JP.UTF-8' }, 'ja'],
    [undefined, { LANG: 'en_US.UTF-8', LC_ALL: 'ja_JP.UTF-8' }, 'ja'],
    [undefined, { LANG: 'ja_JP.UTF-8', LC_MESSAGES: 'C' }, 'en'],
    [undefined, {}, 'en'],
    ['en', { LANG: 'ja_JP.UTF-8' }, 'en'],
    ['ja', { LANG: 'C' }, 'ja'],
  ])('picks the language from --lang %s and %j', (flag, env, lang) => {
    expect(pickLang(flag, env)).toBe(lang);
  });

  it('never put an ASCII space after 。 (in any Japanese message, or a report made of several)', async () => {
    const strings = (o: unknown): string[] =>
      typeof o === 'string' ? [o] : Array.isArray(o) ? o.flatMap(strings) : typeof o === 'object' && o !== null ? Object.values(o).flatMap(strings) : [];
    for (const s of strings(ja)) expect(s).not.toContain('。 ');
    const { renderText } = await import('../../src/report/text.js');
    const { paint } = await import('../../src/colors.js');
    const f = { rule: 'aws-secret-access-key', title: 't', file: 'main.tf', fileKind: 'terraform' as const, line: 1, column: 1, redacted: 'Ab3d…', fingerprint: '0123456789abcdef' };
    const summary = { files: 1, addedLines: 1, skippedBinary: 0, allowed: 1 };
    expect(renderText([f], summary, { m: ja, c: paint(false) })).not.toContain('。 ');
    expect(renderText([], summary, { m: ja, c: paint(false) })).not.toContain('。 ');
  });

  it('wrap --help at 100 columns in both languages (a CJK character takes two)', () => {
    const columns = (l: string) => [...l].reduce((n, ch) => n + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
    for (const m of [en, ja]) for (const line of m.usage.split('\n')) expect(columns(line), line).toBeLessThanOrEqual(100);
  });
});
