import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { END_OF_DIFF, HookFileDiff, StdinDiff } from '../../src/stdin.js';

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

describe('HookFileDiff', () => {
  /** A folder with `name` in it; `write` appends to it later, as git would while the CLI starts. */
  function hookFile(name: string): { dir: string; path: string } {
    const dir = mkdtempSync(join(tmpdir(), 'akg-hookfile-'));
    const path = join(dir, name);
    writeFileSync(path, '');
    return { dir, path };
  }

  async function follow(path: string, status: Readable): Promise<Buffer> {
    const out: Buffer[] = [];
    await new HookFileDiff(path, status).pipe((c) => out.push(Buffer.from(c)));
    return Buffer.concat(out);
  }

  it('follows the file while it is written, to the end, once git says it succeeded', async () => {
    const { dir, path } = hookFile('aws-key-guard.Ab12Cd');
    try {
      const status = new PassThrough();
      const parts = Array.from({ length: 30 }, (_, i) => Buffer.alloc(20_000 + i, 97 + (i % 26)));
      const fd = openSync(path, 'w'); // opened before the reader starts, as the hook's shell does
      const writer = (async () => {
        for (const part of parts) {
          writeSync(fd, part);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        closeSync(fd);
        status.end('0\n');
      })();
      const [read] = await Promise.all([follow(path, status), writer]);
      expect(read.equals(Buffer.concat(parts))).toBe(true);
      expect(existsSync(path), 'the hook file is removed once open').toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    ['128\n', /exit status 128/],
    ['', /did not finish/],
  ])('refuses when git said %j', async (said, message) => {
    const { dir, path } = hookFile('aws-key-guard.Zz99Yy');
    try {
      writeFileSync(path, 'partial diff\n');
      const status = new PassThrough();
      status.end(said);
      await expect(follow(path, status)).rejects.toThrow(message);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('removes only files named as the hook names them', async () => {
    const { dir, path } = hookFile('notes.txt');
    try {
      const status = new PassThrough();
      status.end('0\n');
      await follow(path, status);
      expect(existsSync(path)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
