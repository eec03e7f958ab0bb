import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /** A folder named as the hook names it, with an empty `diff` in it. */
  function hookDir(name = `aws-key-guard.${Math.random().toString(36).slice(2, 8).padEnd(6, 'x')}`): string {
    const dir = join(mkdtempSync(join(tmpdir(), 'akg-hookdir-')), name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'diff'), '');
    return dir;
  }

  async function follow(dir: string): Promise<Buffer> {
    const out: Buffer[] = [];
    await new HookFileDiff(dir).pipe((c) => out.push(Buffer.from(c)));
    return Buffer.concat(out);
  }

  it('follows the diff while it is written, to the end, once the status says git succeeded', async () => {
    const dir = hookDir();
    try {
      // lines of every length, a very long one among them, cut into writes anywhere
      const text = Array.from({ length: 3000 }, (_, i) => 'x'.repeat(i === 1500 ? 200_000 : (i * 7919) % 300)).join('\n');
      const parts = Array.from({ length: 40 }, (_, i) => Buffer.from(text.slice((i * text.length) / 40, ((i + 1) * text.length) / 40)));
      const fd = openSync(join(dir, 'diff'), 'w'); // opened before the reader starts, as the hook's shell does
      const writer = (async () => {
        for (const part of parts) {
          writeSync(fd, part);
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
        writeSync(fd, END_OF_DIFF);
        closeSync(fd);
        writeFileSync(join(dir, 'exit-0'), '');
      })();
      const [read] = await Promise.all([follow(dir), writer]);
      expect(read.equals(Buffer.concat(parts))).toBe(true);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });

  it('removes a folder named as the hook names it once the diff is read whole, and nothing else', async () => {
    for (const [name, extra, gone] of [
      [undefined, false, true], // the hook's folder: removed
      ['somewhere-else', false, false], // --diff-dir pointed elsewhere: nothing deleted
      [undefined, true, false], // a file the hook did not make: the folder stays, with that file
    ] as const) {
      const dir = hookDir(name);
      try {
        writeFileSync(join(dir, 'diff'), `x\n${END_OF_DIFF}`);
        writeFileSync(join(dir, 'exit-0'), '');
        if (extra) writeFileSync(join(dir, 'notes.txt'), 'keep me');
        expect((await follow(dir)).toString()).toBe('x\n');
        expect(existsSync(dir)).toBe(!gone);
        if (!gone) expect(readdirSync(dir).sort()).toEqual(extra ? ['notes.txt'] : ['diff', 'exit-0']);
      } finally {
        rmSync(join(dir, '..'), { recursive: true, force: true });
      }
    }
  });

  it('refuses when git failed', async () => {
    const dir = hookDir();
    try {
      writeFileSync(join(dir, 'diff'), 'partial diff\n');
      writeFileSync(join(dir, 'exit-128'), '');
      await expect(follow(dir)).rejects.toThrow(/Git did not finish the staged diff \(exit status 128/);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });

  it('refuses, instead of waiting for ever, when the folder disappears before git reports', async () => {
    const dir = hookDir();
    try {
      const reading = follow(dir);
      rmSync(dir, { recursive: true, force: true });
      await expect(reading).rejects.toThrow(/Git did not finish the staged diff \(the folder the hook made is gone\)/);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });

  it('refuses a diff without the end-of-diff line even when git says it succeeded', async () => {
    const dir = hookDir();
    try {
      writeFileSync(join(dir, 'diff'), 'diff --git a/x.tf b/x.tf\n'); // cut short, whatever the reason
      writeFileSync(join(dir, 'exit-0'), '');
      await expect(follow(dir)).rejects.toThrow(/not read whole/);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  });

});
