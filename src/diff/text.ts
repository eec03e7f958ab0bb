/**
 * Pure: the text a file holds when its bytes are not plain UTF-8. The diff itself is read as
 * bytes, so the text runs of a file with NUL bytes are scanned as they are; a file in UTF-16 or
 * UTF-32 (with or without a byte-order mark) hides its text between NULs, so its blob is decoded
 * in each of those encodings too. A decoding that is not the file's own gives no words to find.
 */
export function wideDecodings(bytes: Buffer): string[] {
  // From every byte a character may start at: plain bytes before the wide text (a first line in
  // ASCII) put it at any offset, and an edit there moves it to another.
  const texts: string[] = [];
  for (const at of [0, 1]) for (const bigEndian of [false, true]) texts.push(utf16(bytes.subarray(at), bigEndian));
  for (const at of [0, 1, 2, 3]) for (const bigEndian of [false, true]) texts.push(utf32(bytes.subarray(at), bigEndian));
  return texts.map((t) => t.replace(/^\ufeff/, ''));
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

/**
 * Lines of a decoded text, each marked added unless the previous version had it (as often), in
 * any of its decodings (`before` is them all, one after another): text that an edit of the plain
 * bytes before it merely moved to another offset is not new.
 */
export function linesAgainst(text: string, before: string | undefined): { line: number; added: boolean; text: string }[] {
  const seen = new Map<string, number>();
  for (const l of before?.split(/\r?\n/) ?? []) seen.set(l, (seen.get(l) ?? 0) + 1);
  return text.split(/\r?\n/).map((l, i) => {
    const n = seen.get(l) ?? 0;
    if (n > 0) seen.set(l, n - 1);
    return { line: i + 1, added: n === 0, text: l };
  });
}
