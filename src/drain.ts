import { readSync } from 'node:fs';

/**
 * Reading the staged diff from a pipe, synchronously. Event-driven reading wakes Node.js for each
 * 4 KB that git writes (its stdio buffer): at tens of megabytes those wake-ups cost both processes
 * more than the scan itself. Here the reader reads what is there, scans it, and naps for a
 * fraction of a millisecond when the pipe is (nearly) empty, so that git's writes gather into
 * reads of up to 64 KB, while git, which fills a pipe in about a millisecond, never waits long.
 */

const READ_BYTES = 1 << 16;
const NAP_MS = 0.05;
const MAX_NAP_MS = 0.2;
const napCell = new Int32Array(new SharedArrayBuffer(4));

function nap(ms: number): void {
  Atomics.wait(napCell, 0, 0, ms);
}

export interface SideFd {
  fd: number;
  sink: (chunk: Buffer) => void;
}

/**
 * Reads `fd` to its end into `sink`, which may throw to stop. A chunk is valid only during the
 * call: the sink copies what it keeps. `side` (git's stderr) is read
 * whenever `fd` has nothing to give, and to its end afterwards, so that a talkative git can never
 * block on it while this loop waits on the other pipe.
 */
export function drain(fd: number, sink: (chunk: Buffer) => void, side?: SideFd): void {
  const reader = new FdReader();
  let wait = NAP_MS;
  for (;;) {
    const chunk = reader.read(fd);
    if (chunk === null) break;
    if (chunk !== undefined) {
      sink(chunk);
      wait = NAP_MS;
      continue;
    }
    if (side !== undefined) readAvailable(reader, side);
    nap(wait);
    wait = Math.min(wait * 2, MAX_NAP_MS);
  }
  if (side === undefined) return;
  for (wait = NAP_MS; ; wait = Math.min(wait * 2, MAX_NAP_MS)) {
    if (readAvailable(reader, side)) return;
    nap(wait);
  }
}

/** Reads what `side` has now; true at its end. */
function readAvailable(reader: FdReader, side: SideFd): boolean {
  for (;;) {
    const chunk = reader.read(side.fd);
    if (chunk === null) return true;
    if (chunk === undefined) return false;
    side.sink(chunk);
  }
}

class FdReader {
  private readonly buf = Buffer.allocUnsafe(READ_BYTES);

  /**
   * A chunk, valid until the next read (one buffer is reused: the sink copies what it keeps);
   * undefined when a non-blocking fd has nothing yet; null at the end.
   */
  read(fd: number): Buffer | null | undefined {
    let n: number;
    try {
      n = readSync(fd, this.buf, 0, READ_BYTES, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EOF') return null;
      if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return undefined;
      throw error;
    }
    return n === 0 ? null : this.buf.subarray(0, n);
  }
}
