import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keywordPattern, prefilterKeywords } from '../../src/scan.js';
import { SIMD_MAX_BYTES, SIMD_MIN_BYTES, simdHits } from '../../src/simd.js';
import { randomFrom } from '../helpers/fakeKeys.js';

const re = keywordPattern();
const finder = simdHits(re, prefilterKeywords());

/** Every place where the keyword regex matches when started there: what the tables must propose. */
function everyMatch(text: string): number[] {
  const anchored = new RegExp(re.source, 'y');
  const at: number[] = [];
  for (let p = 0; p < text.length; p++) {
    anchored.lastIndex = p;
    if (anchored.test(text)) at.push(p);
  }
  return at;
}

/** A keyword as it may appear: prefixes as written, name words in a random mix of cases. */
function plantable(): string {
  const keywords = prefilterKeywords();
  const k = keywords[randomInt(keywords.length)] as (typeof keywords)[number];
  return k.anyCase ? [...k.text].map((c) => (randomInt(2) ? c.toUpperCase() : c.toLowerCase())).join('') : k.text;
}

const ALPHABETS = {
  hex: '0123456789abcdef\n "',
  base64: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=\n',
  words: 'abcdefghijklmnopqrstuvwxyz ABCEKST_=".\n',
  latin1: Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join(''),
};

describe('simdHits', () => {
  it('runs here (WebAssembly SIMD), so the tests below test it', () => {
    expect(finder).toBeDefined();
  });

  it('finds exactly the places where a keyword starts, in any text, at any offset', () => {
    for (const [name, alphabet] of Object.entries(ALPHABETS)) {
      for (let round = 0; round < 4; round++) {
        const length = SIMD_MIN_BYTES + randomInt(SIMD_MAX_BYTES - SIMD_MIN_BYTES);
        const chars = [...randomFrom(alphabet, length)];
        // keywords at random places, at both ends and across every 16-byte block edge near the start
        const places = [0, length - 16, ...Array.from({ length: 40 }, () => randomInt(length - 16)), ...Array.from({ length: 34 }, (_, i) => 15 + i)];
        for (const p of places) {
          const k = plantable();
          for (let i = 0; i < k.length && p + i < length; i++) chars[p + i] = k[i] as string;
        }
        const text = chars.join('');
        const bytes = Buffer.from(text, 'latin1');
        expect(finder?.(text, bytes), `${name}, ${length} bytes`).toEqual(everyMatch(text));
      }
    }
  });

  it('finds a keyword that ends the text, and nothing past the end of a shorter text than the last', () => {
    const f = finder as NonNullable<typeof finder>;
    const long = `${'x'.repeat(SIMD_MIN_BYTES)}secret`;
    expect(f(long, Buffer.from(long, 'latin1'))).toEqual([SIMD_MIN_BYTES]);
    // the memory still holds the longer text's bytes past this one's end: they must not count
    const short = 'x'.repeat(SIMD_MIN_BYTES + 2);
    expect(f(short, Buffer.from(short, 'latin1'))).toEqual([]);
  });

  it('is not offered where WebAssembly is missing (the regex then does it all)', () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'WebAssembly') as PropertyDescriptor;
    try {
      Reflect.deleteProperty(globalThis, 'WebAssembly');
      expect(simdHits(re, prefilterKeywords())).toBeUndefined();
    } finally {
      Object.defineProperty(globalThis, 'WebAssembly', saved);
    }
    expect(simdHits(re, prefilterKeywords())).toBeDefined();
  });

  it('is not offered for keywords its tables cannot hold', () => {
    expect(simdHits(/ab/g, [{ text: 'ab', anyCase: false }])).toBeUndefined();
    expect(simdHits(/\u0100bc/g, [{ text: '\u0100bc', anyCase: false }])).toBeUndefined();
  });
});
