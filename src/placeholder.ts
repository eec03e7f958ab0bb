import { sha256 } from './redact.js';
import { DOCUMENTATION_EXAMPLE_DIGESTS } from './rules.js';

/** Pure: is this value a documentation example or an obvious placeholder rather than a key? */
export function isPlaceholder(value: string): boolean {
  if (value.includes('EXAMPLE') && DOCUMENTATION_EXAMPLE_DIGESTS.has(digest(value))) return true;
  // An access key ID's body is 16 random base32 characters; a secret's 40 are random base64.
  const body = /^(?:AKIA|ASIA|ABIA|ACCA)/.test(value) ? value.slice(4) : value;
  return distinctChars(body) < Math.min(10, Math.ceil(body.length / 3)) || hasRun(body) || hasSequence(body);
}

/** Pure: does a 40-character value look like a secret access key (mixed case, not hex)? */
export function looksLikeSecretKey(value: string, strict: boolean): boolean {
  if (!/[a-z]/.test(value) || !/[A-Z]/.test(value)) return false; // hex digests, base32, words
  return !strict || /[0-9+/]/.test(value);
}

function digest(value: string): string {
  return sha256(value).slice(0, 32);
}

/** How many different characters (a set of strings costs more than the scan it serves). */
function distinctChars(s: string): number {
  const seen = new Uint8Array(128);
  let n = 0;
  let other = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) other = true;
    else if (seen[c] === 0) [seen[c], n] = [1, n + 1];
  }
  return other ? new Set(s).size : n;
}

/** Six or more of the same character in a row: XXXXXX, ******, //////. */
function hasRun(s: string): boolean {
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    run = s.charCodeAt(i) === s.charCodeAt(i - 1) ? run + 1 : 1;
    if (run >= 6) return true;
  }
  return false;
}

/** Eight or more consecutive ascending characters: ABCDEFGH, 12345678. */
function hasSequence(s: string): boolean {
  let run = 1;
  for (let i = 1; i < s.length; i++) {
    run = s.charCodeAt(i) === s.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= 8) return true;
  }
  return false;
}
