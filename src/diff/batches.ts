/**
 * Diff bytes → batches of whole lines as latin1 text (one character per byte, so nothing can fail
 * to decode, and byte offsets are character offsets). Small reads are gathered so that the costs
 * paid per batch (a regex start, a look-back) are paid per 32 KB, not per pipe read; each batch
 * stays under V8's large-object size, where strings are cheap. A chunk handed in is only valid
 * during the call (a pipe reader may reuse it): what is kept is copied.
 */
const BATCH_BYTES = 1 << 15;

export class LineBatches {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  constructor(
    private readonly onText: (text: string) => void,
    private readonly batchBytes = BATCH_BYTES,
  ) {}

  push(chunk: Buffer): void {
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
        return;
      }
      const head = Buffer.concat([...this.pending, chunk.subarray(0, nl + 1)]);
      this.pending = [];
      this.pendingBytes = 0;
      this.onText(head.toString('latin1'));
      rest = chunk.subarray(nl + 1);
    }
    const last = rest.lastIndexOf(10);
    if (last >= 0) this.onText(rest.toString('latin1', 0, last + 1));
    this.keep(rest.subarray(last + 1));
  }

  /** Hands on what is left; a last line without its newline gets one. */
  end(): void {
    if (this.pending.length === 0) return;
    const text = Buffer.concat(this.pending).toString('latin1');
    this.pending = [];
    this.pendingBytes = 0;
    this.onText(text.endsWith('\n') ? text : `${text}\n`);
  }

  private keep(piece: Buffer): void {
    if (piece.length === 0) return;
    this.pending.push(Buffer.from(piece));
    this.pendingBytes += piece.length;
  }
}
