import { createRequire } from 'node:module';

/**
 * Pure: a value as it may be shown. An access key ID keeps its first and last four characters
 * (the prefix says what kind of key it is, the end tells two keys apart); every other value keeps
 * only its first four, which for a secret or token are random and give nothing away.
 */
export function redact(value: string, ruleId: string): string {
  return ruleId === 'aws-access-key-id' ? `${value.slice(0, 4)}…${value.slice(-4)}` : `${value.slice(0, 4)}…`;
}

/** Pure: a short, stable hash of rule, path and value: enough to allow a finding, never the value. */
export function fingerprint(ruleId: string, path: string, value: string): string {
  return sha256(`${ruleId}\0${path}\0${value}`).slice(0, 16);
}

/** SHA-256 in hex, through node:crypto loaded on first use: most commits hash nothing. */
export function sha256(text: string): string {
  const crypto = createRequire(import.meta.filename)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}

const KEY_ID_ANYWHERE = /(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}/g;
const LONG_RUN = /[A-Za-z0-9+=]{32,}/g;

/**
 * Pure: text that may hold a key (a path, an argument echoed back) as it may be shown: every
 * access-key-ID shape, glued to other letters or not, and every long run of mixed-case letters
 * and digits keep only their ends. `mid` stands for what is left out: "…" to read, "*" for a
 * Git pathspec that still names the same file.
 */
export function redactText(text: string, mid = '…'): string {
  return text
    .replace(KEY_ID_ANYWHERE, (v) => `${v.slice(0, 4)}${mid}${v.slice(-4)}`)
    .replace(LONG_RUN, (v) => (/[a-z]/.test(v) && /[A-Z]/.test(v) && /[0-9]/.test(v) ? `${v.slice(0, 4)}${mid}` : v));
}
