import { randomInt } from 'node:crypto';
import { isPlaceholder } from '../../src/placeholder.js';

/**
 * Fake keys of the documented shapes, generated at run time, so that no key-shaped string is ever
 * committed (our own hook, and any scanner downstream, would refuse them).
 */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

export function randomFrom(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

function until(make: () => string, ok: (s: string) => boolean): string {
  for (;;) {
    const s = make();
    if (ok(s)) return s;
  }
}

export function fakeAccessKeyId(prefix: 'AKIA' | 'ASIA' | 'ABIA' | 'ACCA' = 'AKIA'): string {
  return until(() => prefix + randomFrom(BASE32, 16), (s) => !isPlaceholder(s));
}

export function fakeSecretAccessKey(last?: string): string {
  return until(
    () => randomFrom(BASE64, last === undefined ? 40 : 39) + (last ?? ''),
    (s) => /[a-z]/.test(s) && /[A-Z]/.test(s) && /[0-9]/.test(s) && !isPlaceholder(s),
  );
}

export function fakeSessionToken(): string {
  return 'IQoJb3JpZ2luX2VjE' + randomFrom(BASE64, 300) + '==';
}

export function fakeBedrockApiKey(): string {
  return 'ABSKQmVkcm9ja0FQSUtleS' + randomFrom(BASE64, 110) + '=';
}

/** Fills `{{NAME}}` placeholders with fresh values; returns the text and the values used. */
export function fill(template: string): { text: string; values: string[] } {
  const values: string[] = [];
  const text = template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, name: string) => {
    const v = make(name);
    values.push(v);
    return v;
  });
  return { text, values };
}

/** The AWS documentation's example pair, assembled so that no key-shaped literal is committed. */
export const DOC_KEY_ID = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
export const DOC_SECRET = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYEXAMPLEKEY'].join('/');

const cache = new Map<string, string>();

/** Within one fill() call sequence the same name gives the same value when suffixed _SAME. */
function make(name: string): string {
  if (name.endsWith('_SAME')) {
    const base = name.slice(0, -5);
    if (!cache.has(base)) cache.set(base, make(base));
    return cache.get(base) as string;
  }
  switch (name) {
    case 'ACCESS_KEY_ID':
      return fakeAccessKeyId();
    case 'ASIA_KEY_ID':
      return fakeAccessKeyId('ASIA');
    case 'SECRET_ACCESS_KEY':
      return fakeSecretAccessKey();
    case 'SECRET_ENDING_SLASH':
      return fakeSecretAccessKey('/');
    case 'SECRET_ENDING_PLUS':
      return fakeSecretAccessKey('+');
    case 'SECRET_URL_ENCODED':
      return encodeURIComponent(fakeSecretAccessKey('/')); // as in a URL's password: %2F
    case 'SESSION_TOKEN':
      return fakeSessionToken();
    case 'BEDROCK_API_KEY':
      return fakeBedrockApiKey();
    case 'KEY_ID_RUN':
      return 'AKIA' + 'X'.repeat(16);
    case 'KEY_ID_SEQUENCE':
      return 'AKIA' + BASE32.slice(0, 16);
    case 'SECRET_RUN':
      return 'x'.repeat(40);
    case 'DOC_KEY_ID':
      return DOC_KEY_ID;
    case 'DOC_SECRET':
      return DOC_SECRET;
    case 'AIDA_ID':
      return 'AIDA' + randomFrom(BASE32, 16);
    case 'AROA_ID':
      return 'AROA' + randomFrom(BASE32, 16);
    case 'HEX40':
      return randomFrom(HEX, 40);
    case 'LOWER16':
      return randomFrom(LOWER, 16);
    case 'BASE64_120':
      return until(() => randomFrom(BASE64, 120), (s) => !/^(?:IQoJ|FwoG|FQoG)/.test(s));
    case 'JWT': {
      // a Kubernetes service-account token's shape: base64url header, a long payload, a signature
      const url = (bytes: number) => Buffer.from(randomFrom(BASE64, bytes)).toString('base64url');
      const header = Buffer.from('{"alg":"RS256","kid":"k1"}').toString('base64url');
      return `${header}.${url(350)}.${url(256)}`;
    }
    case 'BASE64_JSON':
      // base64 of JSON, as a Cloudflare tunnel token: it starts with eyJ
      return Buffer.from(JSON.stringify({ a: randomFrom(HEX, 32), t: randomFrom(HEX, 36), s: randomFrom(BASE64, 44) })).toString('base64');
    default:
      throw new Error(`unknown placeholder {{${name}}}`);
  }
}
