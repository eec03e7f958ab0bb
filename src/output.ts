import { writeSync } from 'node:fs';
import { nap } from './drain.js';

/**
 * Writing the scan's report and errors straight to the descriptors. process.stdout and
 * process.stderr would cost every commit 2-3 ms to set up (Node.js streams, and for a terminal
 * or a pipe the net module); these writes are synchronous, as those are on POSIX, so the program
 * may exit as soon as they return. A full non-blocking pipe is waited out; a reader that went
 * away (EPIPE) ends the writing quietly.
 */
export function writeOut(text: string): void {
  write(1, text);
}

export function writeErr(text: string): void {
  write(2, text);
}

function write(fd: number, text: string): void {
  let rest = Buffer.from(text, 'utf8');
  while (rest.length > 0) {
    try {
      rest = rest.subarray(writeSync(fd, rest));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        nap(1);
        continue;
      }
      if (code === 'EPIPE' || code === 'EBADF') return;
      throw error;
    }
  }
}
