/**
 * Pure: the text a file holds when its bytes are not plain UTF-8. The diff itself is read as
 * bytes, so the text runs of a file with NUL bytes are scanned as they are; a file in UTF-16 or
 * UTF-32 (with or without a byte-order mark) hides its text between NULs, so its blob is decoded
 * in each of those encodings too. A decoding that is not the file's own gives no words to find.
 */
export function* wideDecodings(bytes: Buffer): Generator<string> {
  // From every byte a character may start at: plain bytes before the wide text (a first line in
  // ASCII) put it at any offset, and an edit there moves it to another. One at a time: each is
  // about the size of the file.
  for (const at of [0, 1]) for (const bigEndian of [false, true]) yield bom(utf16(bytes.subarray(at), bigEndian));
  for (const at of [0, 1, 2, 3]) for (const bigEndian of [false, true]) yield bom(utf32(bytes.subarray(at), bigEndian));
}

const bom = (text: string) => text.replace(/^\ufeff/, '');

/** Every line of every decoding of the previous version of a file. */
export function knownLines(decodings: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  for (const text of decodings) for (const l of text.split(/\r?\n/)) seen.add(l);
  return seen;
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
 * Lines of a decoded text, each marked added unless the previous version had it in any of its
 * decodings (`knownLines`): text that an edit of the plain bytes before it merely moved to
 * another offset is not new.
 */
export function linesAgainst(text: string, known: ReadonlySet<string>): { line: number; added: boolean; text: string }[] {
  return text.split(/\r?\n/).map((l, i) => ({ line: i + 1, added: !known.has(l), text: l }));
}
