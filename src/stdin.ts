import { drain } from './drain.js';
import { EXIT, GuardError } from './errors.js';

/**
 * The line the hook script prints after git's staged diff, only when git succeeded. Without it
 * the diff on standard input may be cut short, and the scan refuses to judge it.
 */
export const END_OF_DIFF = '\naws-key-guard: end of staged diff\n';
const TRAILER = Buffer.from(END_OF_DIFF);

/**
 * The staged diff as the hook script pipes it in (`scan --stdin`): git started by the shell runs
 * while Node.js starts, and no child process is needed here. Same interface as GitStream; read
 * synchronously in large pieces (drain.ts).
 */
export class StdinDiff {
  constructor(private readonly fd = 0) {}

  async pipe(sink: (chunk: Buffer) => void): Promise<void> {
    let held = Buffer.alloc(0); // the last bytes seen, which may be (part of) the trailer
    try {
      drain(this.fd, (chunk) => {
        if (chunk.length >= TRAILER.length) {
          // Everything held so far, and all but the last bytes of this read, is diff.
          if (held.length > 0) sink(held);
          sink(chunk.subarray(0, chunk.length - TRAILER.length));
          held = Buffer.from(chunk.subarray(chunk.length - TRAILER.length));
        } else {
          const data = Buffer.concat([held, chunk]);
          const keep = Math.min(TRAILER.length, data.length);
          if (data.length > keep) sink(data.subarray(0, data.length - keep));
          held = Buffer.from(data.subarray(data.length - keep));
        }
      });
    } catch (error) {
      if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error; // from the sink, not the read
      throw new GuardError('The staged diff could not be read from standard input.', EXIT.error, { cause: error });
    }
    if (!held.equals(TRAILER)) {
      throw new GuardError('Git did not finish the staged diff (its message is above), so this commit was not checked and is stopped.');
    }
  }

  cancel(): void {
    // nothing runs on our side
  }
}
