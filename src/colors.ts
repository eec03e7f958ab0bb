import { fstatSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The few colors the scan's report uses, and whether to use them. picocolors decides that when it
 * is imported, by asking process.stdout whether it is a terminal, which sets up Node.js streams
 * (2-3 ms of every commit); this decides it by the same variables (NO_COLOR, FORCE_COLOR,
 * TERM=dumb, CI; the CLI takes no --color options) but asks the descriptor directly. The other commands use picocolors.
 */
export interface Paint {
  red: (text: string) => string;
  yellow: (text: string) => string;
  cyan: (text: string) => string;
  bold: (text: string) => string;
  dim: (text: string) => string;
}

export function paint(enabled: boolean): Paint {
  const style = (open: number, close: number) => (enabled ? (text: string) => `\u001b[${open}m${text}\u001b[${close}m` : (text: string) => text);
  return { red: style(31, 39), yellow: style(33, 39), cyan: style(36, 39), bold: style(1, 22), dim: style(2, 22) };
}

export function colorsWanted(env: NodeJS.ProcessEnv, fd = 1): boolean {
  if (env.NO_COLOR !== undefined) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.TERM === 'dumb') return false;
  return isTerminal(fd) || env.CI !== undefined;
}

/**
 * Whether a descriptor is a terminal: a character device other than /dev/null (POSIX), without
 * loading the tty module, which brings net and streams with it; on Windows the tty module itself.
 */
export function isTerminal(fd: number): boolean {
  try {
    if (process.platform === 'win32') return (createRequire(import.meta.filename)('node:tty') as typeof import('node:tty')).isatty(fd);
    const stat = fstatSync(fd);
    return stat.isCharacterDevice() && stat.rdev !== statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}
