/**
 * Pure: the text a file holds when its bytes are not plain UTF-8. The diff itself is read as
 * bytes, so the text runs of a file with NUL bytes are scanned as they are; a file in UTF-16 or
 * UTF-32 (with or without a byte-order mark) hides its text between NULs, so its blob is decoded
 * in each of those encodings too. A decoding that is not the file's own gives no words to find.
 */
export function wideDecodings(bytes: Buffer): string[] {
  return [utf16(bytes, false), utf16(bytes, true), utf32(bytes, false), utf32(bytes, true)].map((t) => t.replace(/^\ufeff/, ''));
}

function utf16(bytes: Buffer, bigEndian: boolean): string {
  const even = Buffer.from(bytes.subarray(0, bytes.length & ~1));
  return (bigEndian ? even.swap16() : even).toString('utf16le');
}

function utf32(bytes: Buffer, bigEndian: boolean): string {
  const parts: string[] = [];
  let run: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const cp = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i);
    run.push(cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? cp : 0xfffd);
    if (run.length === 4096) {
      parts.push(String.fromCodePoint(...run));
      run = [];
    }
  }
  parts.push(String.fromCodePoint(...run));
  return parts.join('');
}

/** Lines of a decoded text, each marked added unless the previous version had it (as often). */
export function linesAgainst(text: string, before: string | undefined): { line: number; added: boolean; text: string }[] {
  const seen = new Map<string, number>();
  for (const l of before?.split(/\r?\n/) ?? []) seen.set(l, (seen.get(l) ?? 0) + 1);
  return text.split(/\r?\n/).map((l, i) => {
    const n = seen.get(l) ?? 0;
    if (n > 0) seen.set(l, n - 1);
    return { line: i + 1, added: n === 0, text: l };
  });
}
