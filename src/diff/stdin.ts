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
/** Bytes gathered before they are handed on: Git writes in small pieces, and each costs a call. */
const HAND_ON = 1 << 16;

export async function readHookDiff(sink: (chunk: Buffer) => void, fd = 0): Promise<void> {
  // The buffer holds what was read and not yet handed on; its last END.length bytes are always
  // kept back, as they may be the end line. What is handed on is only valid during the call.
  const buf = Buffer.allocUnsafe(2 * HAND_ON);
  let have = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, have, buf.length - have, null);
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
    have += n;
    if (have < HAND_ON) continue;
    const keep = END.length;
    sink(buf.subarray(0, have - keep));
    buf.copyWithin(0, have - keep, have);
    have = keep;
  }
  if (have < END.length || !buf.subarray(have - END.length, have).equals(END)) {
    throw new GuardError('Git did not finish the staged diff (its message is above), so this commit was not checked and is stopped.');
  }
  if (have > END.length) sink(buf.subarray(0, have - END.length));
}
