import { closeSync, mkdtempSync, openSync, readSync, rmdirSync, statfsSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Reading the staged diff while git writes it, in pieces of up to 120 KB into one reused buffer.
 * Event-driven reading of a pipe wakes Node.js for each 4 KB git writes (its stdio buffer), and a
 * pipe holds only 64 KB, so git waits whenever the reader is busy: at tens of megabytes that
 * costs more than the scan itself. Two ways around it:
 * - `follow`: git writes into a private file (see `privateFiles`) and never waits; the reader
 *   takes what is there, naps a millisecond when it has caught up, and ends once git is done.
 * - `drain`: a pipe (`scan --stdin`, the hook's route where mktemp is missing), read
 *   synchronously; a non-blocking pipe that is empty is retried after a fraction of a millisecond.
 * A chunk handed to a sink is valid only during the call: the sink copies what it keeps.
 */

/** Large reads, but each decoded batch stays under V8's large-object size (128 KB), where strings are cheap. */
const READ_BYTES = 120 * 1024;
const NAP_MS = 0.05;
const MAX_NAP_MS = 0.2;
const FOLLOW_NAP_MS = 1;
const napCell = new Int32Array(new SharedArrayBuffer(4));

/** Sleeps this thread for `ms` (fractions too): nothing else runs while a scan reads or writes. */
export function nap(ms: number): void {
  Atomics.wait(napCell, 0, 0, ms);
}

/** Reads the pipe `fd` to its end into `sink`, which may throw to stop. */
export function drain(fd: number, sink: (chunk: Buffer) => void): void {
  const reader = new FdReader();
  let wait = NAP_MS;
  for (;;) {
    const chunk = reader.read(fd);
    if (chunk === null) {
      sink(reader.rest());
      return;
    }
    if (chunk !== undefined) {
      sink(chunk);
      wait = NAP_MS;
      continue;
    }
    nap(wait); // a non-blocking pipe with nothing yet
    wait = Math.min(wait * 2, MAX_NAP_MS);
  }
}

/**
 * Reads the file `fd` into `sink` as it grows, until `finished()` says the writer is done (it
 * is asked only when the reader has caught up, and the file is read once more after it says so).
 * While it waits it naps a millisecond, or less when `ended` (the writer's exit) settles first.
 */
export async function follow(
  fd: number,
  sink: (chunk: Buffer) => void,
  finished: () => boolean,
  ended?: Promise<unknown>,
): Promise<void> {
  const reader = new FdReader();
  let last = false;
  for (;;) {
    const chunk = reader.read(fd);
    if (chunk !== null && chunk !== undefined) {
      sink(chunk);
      continue;
    }
    if (last) {
      sink(reader.rest());
      return;
    }
    if (finished()) {
      last = true; // everything the writer wrote is in the file: one more pass to its end
      continue;
    }
    let timer: NodeJS.Timeout | undefined;
    const nap = new Promise((resolve) => {
      timer = setTimeout(resolve, FOLLOW_NAP_MS); // lets the writer's end be noticed
    });
    await (ended === undefined ? nap : Promise.race([nap, ended.catch(() => undefined)]));
    clearTimeout(timer);
  }
}

/** A private temporary file, opened once for writing and once for reading. */
export interface PrivateFile {
  write: number;
  read: number;
}

/**
 * Temporary files for git to write into (the diff, its messages) and this process to read: made
 * in a fresh folder with mode 0600, each opened twice, and their names removed at once, so that no
 * other process can open them and nothing is left behind, whatever happens next. (The diff may
 * hold the very key being refused; git already keeps that content, compressed, in the
 * repository's objects.) Undefined where an open file cannot be removed (Windows) or when anything
 * fails: the caller uses pipes.
 */
export function privateFiles(count: number): PrivateFile[] | undefined {
  if (process.platform === 'win32') return undefined;
  let dir: string | undefined;
  const names: string[] = [];
  const fds: number[] = [];
  try {
    dir = mkdtempSync(join(tempRoot(), 'aws-key-guard-'));
    const files: PrivateFile[] = [];
    for (let i = 0; i < count; i++) {
      const name = join(dir, String(i));
      const write = openSync(name, 'wx', 0o600);
      names.push(name);
      fds.push(write);
      const read = openSync(name, 'r');
      fds.push(read);
      files.push({ write, read });
    }
    return files;
  } catch {
    for (const fd of fds) closeSync(fd);
    return undefined;
  } finally {
    // The open files live on, nameless. Plain calls: rmSync would load a module of its own, half
    // a millisecond on every commit.
    try {
      for (const name of names) unlinkSync(name);
      if (dir !== undefined) rmdirSync(dir);
    } catch {
      // removed by someone else already (the folder is ours alone, mode 0700)
    }
  }
}

/** A memory-backed folder, where git writes a large diff faster than to a disk (Linux). */
const RAM_DISK = '/dev/shm';
const ROOM_TO_SPARE = 1 << 30;

/**
 * Where the private file goes: $TMPDIR when it is set; otherwise the RAM disk when it has a
 * gigabyte free (a container's small /dev/shm is passed over: a large diff could fill it), else
 * the system's temporary folder.
 */
export function tempRoot(): string {
  if (process.env.TMPDIR === undefined && process.platform === 'linux') {
    try {
      const fs = statfsSync(RAM_DISK);
      if (fs.bavail * fs.bsize >= ROOM_TO_SPARE) return RAM_DISK;
    } catch {
      // none here
    }
  }
  return tmpdir();
}

/**
 * Reads into one reused buffer and hands on whole lines: the start of a line that a read cut is
 * moved to the front of the buffer and completed by the next read, so that the reader never has to
 * join pieces (a line longer than the buffer is handed on in pieces).
 */
class FdReader {
  private readonly buf = Buffer.allocUnsafe(READ_BYTES);
  /** bytes at buf[from, to) not handed on yet: the start of a line */
  private from = 0;
  private to = 0;

  /**
   * Whole lines, valid until the next read (possibly empty, when only the start of a line came);
   * undefined when a non-blocking pipe has nothing yet; null at the end of a pipe, or where a
   * file ends for now (then `rest` has what is left).
   */
  read(fd: number): Buffer | null | undefined {
    if (this.from > 0) {
      this.buf.copyWithin(0, this.from, this.to);
      [this.from, this.to] = [0, this.to - this.from];
    }
    let n: number;
    try {
      n = readSync(fd, this.buf, this.to, READ_BYTES - this.to, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EOF') return null;
      if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return undefined;
      throw error;
    }
    if (n === 0) return null;
    this.to += n;
    let cut = this.buf.lastIndexOf(10, this.to - 1) + 1;
    if (cut === 0 && this.to === READ_BYTES) cut = this.to; // one line longer than the buffer: in pieces
    const lines = this.buf.subarray(0, cut);
    this.from = cut;
    if (cut === this.to) [this.from, this.to] = [0, 0];
    return lines;
  }

  /** What is left at the end (a last line without its newline), valid until the next read. */
  rest(): Buffer {
    const left = this.buf.subarray(this.from, this.to);
    [this.from, this.to] = [0, 0];
    return left;
  }
}
