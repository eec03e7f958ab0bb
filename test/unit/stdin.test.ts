import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { END_OF_DIFF, StdinDiff } from '../../src/stdin.js';

/** Reads a file through StdinDiff as if it were standard input. */
async function through(content: Buffer): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'akg-stdin-'));
  try {
    writeFileSync(join(dir, 'in'), content);
    const fd = openSync(join(dir, 'in'), 'r');
    const out: Buffer[] = [];
    try {
      await new StdinDiff(fd).pipe((c) => out.push(Buffer.from(c)));
    } finally {
      closeSync(fd);
    }
    return Buffer.concat(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('StdinDiff', () => {
  it.each([0, 1, 10, 35, 36, 37, 100, (1 << 20) - 5, (1 << 20) + 7, 3 << 20])(
    'hands on exactly the %i bytes before the end-of-diff line',
    async (size) => {
      const diff = Buffer.alloc(size, 'x');
      if (size > 0) diff[size - 1] = 10;
      expect((await through(Buffer.concat([diff, Buffer.from(END_OF_DIFF)]))).equals(diff)).toBe(true);
    },
  );

  it.each([0, 10, 2 << 20])('refuses %i bytes that lack the end-of-diff line', async (size) => {
    await expect(through(Buffer.alloc(size, 'y'))).rejects.toThrow('Git did not finish the staged diff');
  });

  it('refuses a stream cut inside the end-of-diff line', async () => {
    await expect(through(Buffer.from(`abc${END_OF_DIFF.slice(0, 10)}`))).rejects.toThrow('did not finish');
  });
});
