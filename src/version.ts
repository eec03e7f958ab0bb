import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The package root: the nearest folder above this code whose package.json names aws-key-guard
 * (the bundles sit at different depths of dist/, and dist/ has a package.json of its own).
 */
export function packageRoot(): string {
  const from = import.meta.dirname;
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'aws-key-guard') return dir;
    } catch {
      // no package.json here (or not ours): keep going up
    }
    if (dir === dirname(dir)) return resolve(from, '..');
  }
}

export function version(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
}
