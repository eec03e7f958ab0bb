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
  const crypto = createRequire(import.meta.url)('node:crypto') as typeof import('node:crypto');
  return crypto.createHash('sha256').update(text, 'utf8').digest('hex');
}
