import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHookDiff } from '../../src/diff/stdin.js';
import { END_OF_DIFF_LINE } from '../../src/git/args.js';

const END = `\n${END_OF_DIFF_LINE}\n`;

/** Reads a file through readHookDiff as if it were standard input. */
async function through(content: Buffer): Promise<Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'akg-stdin-'));
  try {
    writeFileSync(join(dir, 'in'), content);
    const fd = openSync(join(dir, 'in'), 'r');
    const out: Buffer[] = [];
    try {
      await readHookDiff((c) => out.push(Buffer.from(c)), fd);
    } finally {
      closeSync(fd);
    }
    return Buffer.concat(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('readHookDiff', () => {
  it.each([0, 1, 10, 35, 36, 37, 100, (1 << 16) - 5, (1 << 16) + 7, 3 << 20])(
    'hands on exactly the %i bytes before the end-of-diff line',
    async (size) => {
      const diff = Buffer.alloc(size, 'x');
      if (size > 0) diff[size - 1] = 10;
      expect((await through(Buffer.concat([diff, Buffer.from(END)]))).equals(diff)).toBe(true);
    },
  );

  it.each([0, 10, 2 << 20])('refuses %i bytes that lack the end-of-diff line', async (size) => {
    await expect(through(Buffer.alloc(size, 'y'))).rejects.toThrow('Git did not finish the staged diff');
  });

  it('refuses a stream cut inside the end-of-diff line', async () => {
    await expect(through(Buffer.from(`abc${END.slice(0, 10)}`))).rejects.toThrow('did not finish');
  });

  it('refuses an end-of-diff line that is followed by more', async () => {
    await expect(through(Buffer.from(`abc${END}+more\n`))).rejects.toThrow('did not finish');
  });

  it('hands on exactly what a writer sends in small pieces through a pipe, gathered', async () => {
    // A FIFO with a writer that sends a random diff in pieces of 1 to 3,000 bytes, as Git does.
    const dir = mkdtempSync(join(tmpdir(), 'akg-stdin-'));
    try {
      const fifo = join(dir, 'pipe');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const diff = Buffer.from(Array.from({ length: 20000 }, (_, i) => `+line ${i} ${'z'.repeat(i % 97)}\n`).join(''));
      const data = Buffer.concat([diff, Buffer.from(END)]);
      writeFileSync(join(dir, 'data'), data);
      spawn(process.execPath, ['-e', `
        const fs = require('node:fs'); const data = fs.readFileSync(process.argv[2]); const fd = fs.openSync(process.argv[1], 'w');
        for (let i = 0; i < data.length; ) { const n = 1 + Math.floor(Math.random() * 3000); fs.writeSync(fd, data, i, Math.min(n, data.length - i)); i += n; }
        fs.closeSync(fd);`, fifo, join(dir, 'data')], { stdio: 'inherit' });
      const fd = openSync(fifo, 'r');
      const sizes: number[] = [];
      const out: Buffer[] = [];
      try {
        await readHookDiff((c) => {
          sizes.push(c.length);
          out.push(Buffer.from(c));
        }, fd);
      } finally {
        closeSync(fd);
      }
      expect(Buffer.concat(out).equals(diff)).toBe(true);
      expect(sizes.slice(0, -1).every((n) => n >= (1 << 16) - END.length)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
