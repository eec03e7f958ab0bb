import { closeSync, openSync, readdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { basename, join } from 'node:path';
import { drain, follow } from './drain.js';
import { EXIT, GuardError } from './errors.js';

/**
 * The line the hook script prints after git's staged diff, only when git succeeded. Without it
 * the diff on standard input may be cut short, and the scan refuses to judge it.
 */
export const END_OF_DIFF = '\naws-key-guard: end of staged diff\n';
const TRAILER = Buffer.from(END_OF_DIFF);

/**
 * Hands on all but the last bytes seen, which may be (part of) the end-of-diff line; at the end,
 * says whether the diff ended with exactly that line.
 */
class Trailer {
  private held = Buffer.alloc(0);

  constructor(private readonly sink: (chunk: Buffer) => void) {}

  push(chunk: Buffer): void {
    if (chunk.length >= TRAILER.length) {
      // Everything held so far, and all but the last bytes of this chunk, is diff.
      if (this.held.length > 0) this.sink(this.held);
      this.sink(chunk.subarray(0, chunk.length - TRAILER.length));
      this.held = Buffer.from(chunk.subarray(chunk.length - TRAILER.length));
    } else {
      const data = Buffer.concat([this.held, chunk]);
      const keep = Math.min(TRAILER.length, data.length);
      if (data.length > keep) this.sink(data.subarray(0, data.length - keep));
      this.held = Buffer.from(data.subarray(data.length - keep));
    }
  }

  seen(): boolean {
    return this.held.equals(TRAILER);
  }
}

/**
 * The staged diff as the hook script pipes it in (`scan --stdin`): git started by the shell runs
 * while Node.js starts, and no child process is needed here. Same interface as GitStream; read
 * synchronously in large pieces (drain.ts).
 */
export class StdinDiff {
  constructor(private readonly fd = 0) {}

  async pipe(sink: (chunk: Buffer) => void): Promise<void> {
    const trailer = new Trailer(sink);
    try {
      drain(this.fd, (chunk) => trailer.push(chunk));
    } catch (error) {
      if (typeof (error as NodeJS.ErrnoException).code !== 'string') throw error; // from the sink, not the read
      throw new GuardError('The staged diff could not be read from standard input.', EXIT.error, { cause: error });
    }
    if (!trailer.seen()) {
      throw new GuardError('Git did not finish the staged diff (its message is above), so this commit was not checked and is stopped.');
    }
  }

  cancel(): void {
    // nothing runs on our side
  }
}

/**
 * The staged diff as the hook script has git write it (`scan --diff-dir DIR`): into `DIR/diff`,
 * so git runs at full speed while Node.js starts instead of waiting on a full pipe; the file is
 * followed as it grows. When git is done, the hook adds the end-of-diff line (only if git
 * succeeded), then an empty file named after the exit status appears in the folder (`exit-0`):
 * empty, so that even a disk that git has filled can take it; a file, not a pipe, because
 * standard input would cost Node.js several milliseconds to set up. Once read whole, the folder
 * is removed here (the hook's own removal, for every other ending, would start one more program).
 */
export class HookFileDiff {
  constructor(private readonly dir: string) {}

  async pipe(sink: (chunk: Buffer) => void): Promise<void> {
    const path = join(this.dir, 'diff');
    let fd: number;
    try {
      fd = openSync(path, 'r');
    } catch (error) {
      throw new GuardError('The staged diff could not be read from the folder the hook made.', EXIT.error, { cause: error });
    }
    let status: string | undefined;
    const done = () => {
      status = exitStatus(this.dir);
      return status !== undefined;
    };
    // The hook writes the end-of-diff line after git's diff: without it at the very end, what was
    // read here is not the whole diff (whatever the reason), and is not judged.
    const trailer = new Trailer(sink);
    try {
      await follow(fd, (chunk) => trailer.push(chunk), done);
    } finally {
      closeSync(fd);
    }
    if (status === '0' && trailer.seen()) {
      tidy(this.dir, status);
      return;
    }
    throw new GuardError(
      status === ''
        ? 'Git did not finish the staged diff (the folder the hook made is gone), so this commit was not checked and is stopped.'
        : status === '0'
          ? 'The staged diff was not read whole (it lacks the line the hook adds at its end), so this commit was not checked and is stopped.'
          : `Git did not finish the staged diff (exit status ${String(status).slice(0, 8)}; its message is above), so this commit was not checked and is stopped.`,
    );
  }

  cancel(): void {
    // git runs in the hook's shell
  }
}

/**
 * Removes the hook's folder and the two files the hook made in it; only a folder named as the
 * hook names it (`aws-key-guard.XXXXXX`, from mktemp), so that `--diff-dir` pointed anywhere
 * else never deletes anything. Whatever fails is left to the hook.
 */
function tidy(dir: string, status: string): void {
  if (!/^aws-key-guard\.[A-Za-z0-9]{6,}$/.test(basename(dir))) return;
  try {
    unlinkSync(join(dir, 'diff'));
    unlinkSync(join(dir, `exit-${status}`));
    rmdirSync(dir); // fails, and leaves it, if anything else is in it
  } catch {
    // the hook's trap removes what is left
  }
}

/** Git's exit status from the hook's marker (`exit-N`); undefined while git runs; '' if the folder is gone. */
function exitStatus(dir: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return '';
  }
  for (const name of names) {
    const m = /^exit-(\d+)$/.exec(name);
    if (m) return m[1] as string;
  }
  return undefined;
}
