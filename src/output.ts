import { writeSync } from 'node:fs';

/**
 * The scan's report and errors, written straight to the descriptors: synchronous, so the
 * program may exit as soon as they return, and no Node.js stream is set up for them. A full
 * non-blocking pipe is waited out; a reader that went away (EPIPE) ends the writing quietly.
 */
export function writeOut(text: string): void {
  write(1, text);
}

export function writeErr(text: string): void {
  write(2, text);
}

const waitCell = new Int32Array(new SharedArrayBuffer(4));

function write(fd: number, text: string): void {
  let rest = Buffer.from(text, 'utf8');
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(fd, rest));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        Atomics.wait(waitCell, 0, 0, 1); // the reader is behind: give it a millisecond
        continue;
      }
      if (code === 'EPIPE' || code === 'EBADF') return;
      throw error;
    }
  }
}
