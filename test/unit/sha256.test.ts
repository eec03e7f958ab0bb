import { createHash, randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/sha256.js';

const reference = (text: string) => createHash('sha256').update(text).digest('hex');

describe('sha256', () => {
  it('gives the standard digests of the FIPS 180-4 examples', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto on random text of every length around the block edges, UTF-8 included', () => {
    for (let length = 0; length < 300; length++) {
      const ascii = randomBytes(length).toString('base64').slice(0, length);
      expect(sha256(ascii), `length ${length}`).toBe(reference(ascii));
    }
    for (let i = 0; i < 200; i++) {
      const text = Array.from({ length: randomInt(120) }, () => String.fromCodePoint(randomInt(0x20, 0x2fff))).join('');
      expect(sha256(`${text}\0é\u{1f511}`)).toBe(reference(`${text}\0é\u{1f511}`));
    }
  });
});
