import { readSync } from 'node:fs';
import { EXIT, GuardError } from './errors.js';

/**
 * The line the hook script prints after git's staged diff, only when git succeeded. Without it
 * the diff on standard input may be cut short, and the scan refuses to judge it.
 */
export const END_OF_DIFF = '\naws-key-guard: end of staged diff\n';
const TRAILER = Buffer.from(END_OF_DIFF);
const READ_SIZE = 1 << 20;

/**
 * The staged diff as the hook script pipes it in (`scan --stdin`): git started by the shell runs
 * while Node.js starts, and no child process is needed here. Same interface as GitStream.
 */
export class StdinDiff {
  constructor(private readonly fd = 0) {}

  async pipe(sink: (chunk: Buffer) => void): Promise<void> {
    let held = Buffer.alloc(0); // the last bytes seen, which may be (part of) the trailer
    for (;;) {
      const buf = Buffer.allocUnsafe(READ_SIZE); // fresh each time: the reader may keep pieces of it
      let n: number;
      try {
        n = readSync(this.fd, buf, 0, READ_SIZE, null);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') {
          await new Promise((resolve) => setTimeout(resolve, 1));
          continue;
        }
        if ((error as NodeJS.ErrnoException).code === 'EOF') break;
        throw new GuardError('The staged diff could not be read from standard input.', EXIT.error, { cause: error });
      }
      if (n === 0) break;
      if (n >= TRAILER.length) {
        // Everything held so far, and all but the last bytes of this read, is diff.
        if (held.length > 0) sink(held);
        sink(buf.subarray(0, n - TRAILER.length));
        held = Buffer.from(buf.subarray(n - TRAILER.length, n));
      } else {
        const data = Buffer.concat([held, buf.subarray(0, n)]);
        const keep = Math.min(TRAILER.length, data.length);
        if (data.length > keep) sink(data.subarray(0, data.length - keep));
        held = Buffer.from(data.subarray(data.length - keep));
      }
    }
    if (!held.equals(TRAILER)) {
      throw new GuardError('Git did not finish the staged diff (its message is above), so this commit was not checked and is stopped.');
    }
  }

  cancel(): void {
    // nothing runs on our side
  }
}
