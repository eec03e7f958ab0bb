import { createHash } from 'node:crypto';

/**
 * Pure: a value as it may be shown. Access key IDs and Bedrock keys keep their first and last
 * four characters (the prefix says what kind of key it is); secrets and tokens keep only four.
 * The length is shown so that a person can tell two values apart without seeing either.
 */
export function redact(value: string, ruleId: string): string {
  const shown = ruleId === 'aws-access-key-id' ? `${value.slice(0, 4)}…${value.slice(-4)}` : `${value.slice(0, 4)}…`;
  return `${shown} (${value.length} chars)`;
}

/** Pure: a short, stable hash of rule, path and value: enough to allow a finding, never the value. */
export function fingerprint(ruleId: string, path: string, value: string): string {
  return createHash('sha256').update(`${ruleId}\0${path}\0${value}`).digest('hex').slice(0, 16);
}
