import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules.js';
import { keywordPattern } from '../../src/diff/windows.js';

/**
 * Every rule pattern must run in linear time, by construction. The accepted shape is
 *   (?<![B])( alternative | alternative … )(?![A])
 * where each alternative is a sequence of literals, groups of literals, and character classes
 * with a quantifier, such that
 *   1. there is at most one unbounded run ({n,} + *), and no other variable-length token sits
 *      next to it with a character in common (so a failed match never retries a split), and
 *   2. the one-character look-behind B covers that run's class, so a match can only start where
 *      a run starts: every character is the start of at most one attempt.
 * Then each attempt is linear in its run and the attempts are disjoint: linear overall. A new
 * rule whose pattern does not fit this shape fails here; make it fit, or extend the proof.
 */
type Token = { chars: Set<string>; min: number; max: number };

function classChars(body: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < body.length; i++) {
    let c = body[i] as string;
    if (c === '\\') c = body[++i] as string;
    if (body[i + 1] === '-' && i + 2 < body.length) {
      const to = body[i + 2] === '\\' ? (body[i + 3] as string) : (body[i + 2] as string);
      for (let x = c.charCodeAt(0); x <= to.charCodeAt(0); x++) out.add(String.fromCharCode(x));
      i += body[i + 2] === '\\' ? 3 : 2;
    } else out.add(c);
  }
  return out;
}

function splitTop(s: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let inClass = false;
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\') {
      cur += c + (s[++i] ?? '');
      continue;
    }
    if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    if (c === sep && depth === 0 && !inClass) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

function tokens(alt: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < alt.length) {
    let chars: Set<string>;
    if (alt[i] === '[') {
      const end = alt.indexOf(']', i + 1);
      chars = classChars(alt.slice(i + 1, end));
      i = end + 1;
    } else if (alt.startsWith('(?:', i)) {
      const end = alt.indexOf(')', i);
      const lits = alt.slice(i + 3, end).split('|');
      if (lits.some((l) => /[[\](){}*+?]/.test(l))) throw new Error(`group of non-literals in ${alt}`);
      chars = new Set(lits.join(''));
      out.push({ chars, min: Math.min(...lits.map((l) => l.length)), max: Math.max(...lits.map((l) => l.length)) });
      i = end + 1;
      continue;
    } else if (alt[i] === '\\') {
      chars = new Set([alt[i + 1] as string]);
      i += 2;
    } else if (/[(){}*+?|]/.test(alt[i] as string)) {
      throw new Error(`unexpected ${alt[i]} in ${alt}`);
    } else {
      chars = new Set([alt[i] as string]);
      i += 1;
    }
    let min = 1;
    let max = 1;
    const q = /^(?:\{(\d+)(,(\d*))?\}|([*+?]))/.exec(alt.slice(i));
    if (q) {
      if (q[4]) [min, max] = q[4] === '*' ? [0, Infinity] : q[4] === '+' ? [1, Infinity] : [0, 1];
      else [min, max] = [Number(q[1]), q[2] === undefined ? Number(q[1]) : q[3] === '' ? Infinity : Number(q[3])];
      i += q[0].length;
    }
    out.push({ chars, min, max });
  }
  return out;
}

const overlap = (a: Set<string>, b: Set<string>) => [...a].some((c) => b.has(c));

describe.each(RULES.map((r) => [r.id, r.pattern] as const))('the pattern of %s', (_id, pattern) => {
  it('has the linear-time shape', () => {
    const m = /^\(\?<!\[([^\]]+)\]\)\((.*)\)\(\?!\[([^\]]+)\]\)$/.exec(pattern.source);
    expect(m, pattern.source).not.toBeNull();
    const behind = classChars(m?.[1] as string);
    for (const alt of splitTop(m?.[2] as string, '|')) {
      const ts = tokens(alt);
      const unbounded = ts.filter((t) => t.max === Infinity);
      expect(unbounded.length, alt).toBeLessThanOrEqual(1);
      ts.forEach((t, k) => {
        const next = ts[k + 1];
        const variable = (x: Token) => x.min !== x.max;
        if (next && variable(t) && variable(next) && (t.max === Infinity || next.max === Infinity)) {
          expect(overlap(t.chars, next.chars), `${alt}: adjacent runs overlap`).toBe(false);
        }
      });
      const run = unbounded[0];
      const first = ts[0] as Token;
      if (run && [...first.chars].every((c) => run.chars.has(c))) {
        // An attempt could start inside a run: the look-behind must forbid that.
        for (const c of first.chars) expect(behind.has(c), `${alt}: look-behind must cover ${c}`).toBe(true);
      }
    }
  });

  it('takes a long run of value characters as one token at most (boundaries hold)', () => {
    // Each line is a single run: a pattern that matched inside it twice would be ignoring its
    // own boundaries, and could then be made to retry from every position.
    for (const line of ['A'.repeat(200_000), 'a/'.repeat(100_000), `${'+'.repeat(100_000)}=`, 'AKIA'.repeat(50_000), `ABSK${'Q'.repeat(200_000)}===`]) {
      expect([...line.matchAll(pattern)].length, line.slice(0, 8)).toBeLessThanOrEqual(1);
    }
  });
});

describe('the keyword prefilter', () => {
  it('is an alternation of plain literals and one-letter classes (linear for V8)', () => {
    // (an escaped backslash too: `\\u` for a key written with string escapes)
    for (const alt of keywordPattern().source.split('|')) expect(alt).toMatch(/^(?:[A-Za-z0-9:]|\\[-/\\]|\[[A-Z][a-z]\])+$/);
  });
});
