import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isatty } from 'node:tty';
import { describe, expect, it } from 'vitest';
import { colorsWanted, isTerminal, paint } from '../../src/colors.js';

describe('colors', () => {
  it('paints with ANSI codes when enabled, and not at all otherwise', () => {
    expect(paint(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(paint(true).bold(paint(true).dim('x'))).toBe('\u001b[1m\u001b[2mx\u001b[22m\u001b[22m');
    for (const f of Object.values(paint(false))) expect(f('plain')).toBe('plain');
  });

  it('follows NO_COLOR, FORCE_COLOR, TERM=dumb and CI, in that order', () => {
    const fd = openSync('/dev/null', 'w'); // not a terminal
    try {
      expect(colorsWanted({}, fd)).toBe(false);
      expect(colorsWanted({ CI: 'true' }, fd)).toBe(true);
      expect(colorsWanted({ FORCE_COLOR: '1' }, fd)).toBe(true);
      expect(colorsWanted({ FORCE_COLOR: '0' }, fd)).toBe(false);
      expect(colorsWanted({ NO_COLOR: '', FORCE_COLOR: '1' }, fd)).toBe(false);
      expect(colorsWanted({ TERM: 'dumb', CI: 'true' }, fd)).toBe(false);
      expect(colorsWanted({ FORCE_COLOR: '1', TERM: 'dumb' }, fd)).toBe(true);
    } finally {
      closeSync(fd);
    }
  });

  it('tells a terminal from /dev/null, a file and a pipe as the tty module does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'akg-colors-'));
    const fds: number[] = [];
    try {
      writeFileSync(join(dir, 'f'), '');
      fds.push(openSync('/dev/null', 'r'), openSync(join(dir, 'f'), 'r'));
      try {
        fds.push(openSync('/dev/ptmx', 'r+')); // a pseudo-terminal, where the system has them
      } catch {
        // none here: the other descriptors still compare
      }
      for (const fd of [...fds, 0, 1, 2]) expect(isTerminal(fd), `fd ${fd}`).toBe(isatty(fd));
      expect(isTerminal(9999)).toBe(false);
    } finally {
      for (const fd of fds) closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
