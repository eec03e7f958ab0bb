import { isAscii } from 'node:buffer';

/**
 * Diff bytes → batches of whole lines as latin1 text (one character per byte, so nothing can fail
 * to decode, and byte offsets are character offsets). Small reads are gathered so that the costs
 * paid per batch (a regex start, a look-back) are paid per 32 KB, not per pipe read; each batch
 * stays under V8's large-object size, where strings are cheap. A chunk handed in is only valid
 * during the call (a pipe reader may reuse it): what is kept is copied.
 *
 * A line longer than MAX_LINE is not held whole: its first MAX_LINE bytes go on as a line of their
 * own that ends in CUT (so that no value is seen running into the cut), and the rest follows in
 * pieces through `onLongLine`, each starting OVERLAP bytes before the previous one ended, so that
 * every value shorter than OVERLAP is whole in one piece. Memory stays bounded, however long.
 */
const BATCH_BYTES = 1 << 15;
const MAX_LINE = 1 << 20;
const OVERLAP = 1 << 15; // above the longest value a rule takes (16 KB)
/** A character of every value alphabet: a value that runs into it is not taken. */
export const CUT = 'x';

/** Latin1 text of bytes, and whether they are all ASCII (then it reads the same as UTF-8). */
function decode(bytes: Buffer, from = 0, to = bytes.length): [string, boolean] {
  return [bytes.toString('latin1', from, to), isAscii(bytes.subarray(from, to))];
}

export class LineBatches {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** inside a line that was cut: the byte of that line where `pending` starts */
  private longAt: number | undefined;

  constructor(
    private readonly onText: (text: string, ascii: boolean) => void,
    private readonly onLongLine: (piece: string, at: number, last: boolean) => void = () => undefined,
    private readonly batchBytes = BATCH_BYTES,
  ) {}

  push(chunk: Buffer): void {
    if (this.longAt !== undefined) {
      this.pushLong(chunk);
      return;
    }
    if (this.pendingBytes + chunk.length < this.batchBytes) {
      this.keep(chunk);
      return;
    }
    let rest = chunk;
    if (this.pending.length > 0) {
      // What is kept ends with the start of a line that this chunk's first line completes: that
      // part is joined and handed on alone, so the bulk of the chunk is decoded without a copy.
      const nl = chunk.indexOf(10);
      if (nl < 0) {
        this.keep(chunk); // one long line so far: decoded once, when its end arrives
        if (this.pendingBytes > MAX_LINE) this.cut();
        return;
      }
      const head = Buffer.concat([...this.pending, chunk.subarray(0, nl + 1)]);
      this.pending = [];
      this.pendingBytes = 0;
      this.onText(...decode(head));
      rest = chunk.subarray(nl + 1);
    }
    const last = rest.lastIndexOf(10);
    if (last >= 0) this.onText(...decode(rest, 0, last + 1));
    this.keep(rest.subarray(last + 1));
    if (this.pendingBytes > MAX_LINE) this.cut();
  }

  /** Hands on what is left; a last line without its newline gets one. */
  end(): void {
    const [text, ascii] = decode(Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
    if (this.longAt !== undefined) this.onLongLine(text, this.longAt, true);
    else if (text !== '') this.onText(text.endsWith('\n') ? text : `${text}\n`, ascii);
    this.longAt = undefined;
  }

  /** The start of a line longer than MAX_LINE goes on as a line; the rest comes in pieces. */
  private cut(): void {
    const lines = Buffer.concat(this.pending); // whole lines gathered before, then the long one's start
    const [text, ascii] = decode(lines);
    this.onText(`${text}${CUT}\n`, ascii);
    this.overlap(lines, lines.length - OVERLAP - (lines.lastIndexOf(10) + 1));
  }

  private pushLong(chunk: Buffer): void {
    const nl = chunk.indexOf(10);
    if (nl < 0) {
      this.keep(chunk);
      if (this.pendingBytes > MAX_LINE) {
        const piece = Buffer.concat(this.pending);
        this.onLongLine(piece.toString('latin1'), this.longAt as number, false);
        this.overlap(piece, (this.longAt as number) + piece.length - OVERLAP);
      }
      return;
    }
    this.keep(chunk.subarray(0, nl));
    this.onLongLine(Buffer.concat(this.pending).toString('latin1'), this.longAt as number, true);
    [this.pending, this.pendingBytes, this.longAt] = [[], 0, undefined];
    this.push(chunk.subarray(nl + 1));
  }

  /** Keeps the last OVERLAP bytes of `bytes` as the start of the next piece, which is at byte `at` of the line. */
  private overlap(bytes: Buffer, at: number): void {
    this.pending = [Buffer.from(bytes.subarray(bytes.length - OVERLAP))];
    this.pendingBytes = OVERLAP;
    this.longAt = at;
  }

  private keep(piece: Buffer): void {
    if (piece.length === 0) return;
    this.pending.push(Buffer.from(piece));
    this.pendingBytes += piece.length;
  }
}
