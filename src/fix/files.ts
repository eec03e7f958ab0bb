import { closeSync, fchmodSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a whole file or nothing: the new content goes into a temporary file beside it, which is
 * flushed and then renamed over the old one. A reader (or a crash) sees the old file or the new
 * one, never half of each.
 */
export function writeAtomic(path: string, content: string | Buffer, mode: number): void {
  const tmp = join(dirname(path), `.${basename(path)}.aws-key-guard-${process.pid}.tmp`);
  const fd = openSync(tmp, 'wx', mode);
  try {
    try {
      fchmodSync(fd, mode); // exactly this mode, whatever the umask
      writeSync(fd, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, path);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
