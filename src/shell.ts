import { redactText } from './redact.js';

/** Pure: a path as a POSIX shell word a person can copy and paste. */
export function shellQuote(path: string): string {
  const p = path.startsWith('-') ? `./${path}` : path;
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(p)) return p;
  return `'${p.replace(/'/g, `'\\''`)}'`;
}

/**
 * Pure: a path for display on one line: key shapes redacted (a key may be a file's name) and
 * control characters escaped. Every path a user reads goes through here.
 */
export function displayPath(path: string): string {
  // eslint-disable-next-line no-control-regex
  return redactText(path).replace(/[\u0000-\u001f\u007f]/g, (c) => (c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}
