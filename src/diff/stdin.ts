import { readSync } from 'node:fs';
import { EXIT, GuardError } from '../errors.js';
import { END_OF_DIFF_LINE } from '../git/args.js';

/**
 * The staged diff as the installed hook pipes it in (`scan --stdin`): Git, started by the hook's
 * shell, writes while Node.js starts. The hook prints END_OF_DIFF_LINE after the diff only when
 * Git succeeded; the pipe ends when every writer is gone, whatever happened to them. Without that
 * line at the very end, what came is not the whole diff, and it is not judged.
 */
const END = Buffer.from(`\n${END_OF_DIFF_LINE}\n`);
const READ_BYTES = 1 << 16;

export async function readHookDiff(sink: (chunk: Buffer) => void, fd = 0): Promise<void> {
  const end = new EndLine(sink);
  const buf = Buffer.allocUnsafe(READ_BYTES);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, READ_BYTES, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EOF') break;
      if (code === 'EAGAIN') {
        await new Promise((resolve) => setTimeout(resolve, 1)); // a non-blocking pipe with nothing yet
        continue;
      }
      throw new GuardError('The staged diff could not be read from standard input.', EXIT.error, { cause: error });
    }
    if (n === 0) break;
    end.push(buf.subarray(0, n));
  }
  if (!end.seen()) {
    throw new GuardError('Git did not finish the staged diff (its message is above), so this commit was not checked and is stopped.');
  }
}

/** Hands on all but the last bytes seen, which may be the end line; then says if they were. */
class EndLine {
  private held = Buffer.alloc(0);

  constructor(private readonly sink: (chunk: Buffer) => void) {}

  push(chunk: Buffer): void {
    const data = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
    const keep = Math.min(END.length, data.length);
    if (data.length > keep) this.sink(data.subarray(0, data.length - keep));
    this.held = Buffer.from(data.subarray(data.length - keep));
  }

  seen(): boolean {
    return this.held.equals(END);
  }
}
