import { closeSync, openSync, unlinkSync } from 'node:fs';
import { basename } from 'node:path';
import type { Readable } from 'node:stream';
import { drain, follow } from './drain.js';
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

/** The temporary files the hook script makes (`mktemp .../aws-key-guard.XXXXXX`): only these are removed here. */
const HOOK_FILE = /^aws-key-guard\.[A-Za-z0-9]{6,}$/;

/**
 * The staged diff as the hook script has git write it (`scan --diff-file PATH`): into a temporary
 * file, so git runs at full speed while Node.js starts instead of waiting on a full pipe. The
 * file is followed as it grows; git's exit status comes on standard input once git is done. The
 * hook's own file is unlinked as soon as it is open, so nothing is left behind.
 */
export class HookFileDiff {
  constructor(
    private readonly path: string,
    private readonly status: Readable = process.stdin,
  ) {}

  async pipe(sink: (chunk: Buffer) => void): Promise<void> {
    let said = '';
    let ended = false;
    this.status.setEncoding('utf8');
    this.status.on('data', (text: string) => {
      said += text;
    });
    this.status.once('end', () => (ended = true));
    this.status.once('error', () => (ended = true));
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch (error) {
      this.status.destroy();
      throw new GuardError('The staged diff could not be read from the file the hook made.', EXIT.error, { cause: error });
    }
    if (HOOK_FILE.test(basename(this.path))) {
      try {
        unlinkSync(this.path);
      } catch {
        // the hook script removes it too
      }
    }
    try {
      await follow(fd, sink, () => ended);
    } finally {
      closeSync(fd);
    }
    const code = said.trim();
    if (code === '0') return;
    throw new GuardError(
      code === ''
        ? 'Git did not finish the staged diff, so this commit was not checked and is stopped.'
        : `Git did not finish the staged diff (exit status ${code.slice(0, 8)}; its message is above), so this commit was not checked and is stopped.`,
    );
  }

  cancel(): void {
    this.status.destroy();
  }
}
