import { statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRoot } from '../../src/drain.js';

describe('where git writes the staged diff', () => {
  const saved = process.env.TMPDIR;
  afterEach(() => {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  });

  it('is $TMPDIR whenever it is set', () => {
    process.env.TMPDIR = '/some/where/else';
    expect(tempRoot()).toBe('/some/where/else');
  });

  it('is otherwise a RAM disk only when it has a gigabyte to spare', () => {
    delete process.env.TMPDIR;
    const root = tempRoot();
    if (root === '/dev/shm') {
      const fs = statfsSync(root);
      expect(fs.bavail * fs.bsize).toBeGreaterThanOrEqual(1 << 30);
    } else {
      expect(root).toBe(tmpdir());
    }
  });
});
