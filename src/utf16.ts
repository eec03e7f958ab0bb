import type { RawEntry } from './diff.js';
import type { Finding, HunkLine } from './finding.js';
import { scanWindow } from './scan.js';

/**
 * UTF-16 files (some Windows editors save them so) are not line-diffable as bytes. Their staged
 * and previous blobs are decoded instead, and a line counts as added when the previous version
 * did not have it (as many times).
 */
export function scanUtf16(file: RawEntry, readBlob: (blob: string) => Buffer | undefined): Finding[] {
  const staged = decodeUtf16(readBlob(file.newBlob));
  if (staged === undefined) return [];
  const before = new Map<string, number>();
  for (const l of decodeUtf16(readBlob(file.oldBlob)) ?? []) before.set(l, (before.get(l) ?? 0) + 1);
  const lines: HunkLine[] = staged.map((text, i) => {
    const seen = before.get(text) ?? 0;
    if (seen > 0) before.set(text, seen - 1);
    return { line: i + 1, added: seen === 0, text };
  });
  return scanWindow(file, lines);
}

function decodeUtf16(bytes: Buffer | undefined): string[] | undefined {
  if (bytes === undefined || bytes.length < 2) return undefined;
  let text: string;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) text = bytes.subarray(2).toString('utf16le');
  else if (bytes[0] === 0xfe && bytes[1] === 0xff)
    text = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1))).swap16().toString('utf16le');
  else return undefined;
  return text.split(/\r?\n/);
}
