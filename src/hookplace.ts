import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GuardError } from './errors.js';
import { git, gitMaybe } from './git/run.js';

/** Where Git runs hooks from in this repository, and where our package sits in it. */
export interface HookPlace {
  top: string;
  /** the folder Git really runs hooks from */
  hooksDir: string;
  /** core.hooksPath and the config file that sets it, if any */
  hooksPath?: { value: string; origin: string };
  husky: boolean;
  /** the package's folder, from the repository top, with / separators ('' when it is the top) */
  pkg: string;
}

/** The package root: the nearest folder above this code whose package.json names aws-key-guard. */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'aws-key-guard') return dir;
    } catch {
      // no package.json here (or not ours): keep going up
    }
    if (dir === dirname(dir)) return resolve(from, '..');
  }
}

/** Finds where hooks live. Husky v9 first, then any core.hooksPath, then Git's own hooks folder. */
export function findHookPlace(cwd: string, packageRoot = PACKAGE_ROOT): HookPlace {
  const top = gitMaybe(['rev-parse', '--show-toplevel'], cwd);
  if (top === undefined || top === '') {
    throw new GuardError('This folder is not inside a Git repository (or is a bare one): run `git init` first, or run the command from your project folder.');
  }
  const hooksDir = resolve(cwd, git(['rev-parse', '--git-path', 'hooks'], cwd).toString('utf8').trim());
  const origin = gitMaybe(['config', '--show-origin', '--get', 'core.hooksPath'], cwd);
  const hooksPath = origin === undefined ? undefined : parseOrigin(origin);
  const rel = packageInRepo(top, cwd, packageRoot);
  const pkg = rel.split(sep).join('/');
  return { top, hooksDir, ...(hooksPath ? { hooksPath } : {}), husky: usesHusky(top, hooksPath?.value), pkg };
}

/**
 * The package's folder from the repository top: where this code runs from when that is inside the
 * repository, else the nearest node_modules/aws-key-guard from cwd upwards (a linked install).
 */
function packageInRepo(top: string, cwd: string, packageRoot: string): string {
  const inside = (p: string) => {
    const rel = relative(top, p);
    return rel.startsWith('..') || isAbsolute(rel) ? undefined : rel;
  };
  const own = inside(resolve(packageRoot));
  if (own !== undefined) return own;
  for (let dir = resolve(cwd); inside(dir) !== undefined; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'aws-key-guard');
    if (existsSync(join(candidate, 'hooks', 'pre-commit'))) return inside(candidate) as string;
    if (dir === dirname(dir)) break;
  }
  throw new GuardError(
    'aws-key-guard must be installed in this project to install its hook: run `npm install -D aws-key-guard`, then `npx aws-key-guard install`.',
  );
}

function parseOrigin(line: string): { value: string; origin: string } {
  const tab = line.indexOf('\t');
  return { origin: line.slice(0, tab), value: line.slice(tab + 1) };
}

/** Husky v9: core.hooksPath into .husky, a .husky folder, or husky among the package's dependencies. */
function usesHusky(top: string, hooksPath: string | undefined): boolean {
  if (hooksPath !== undefined && /(^|[\\/])\.husky([\\/]|$)/.test(hooksPath)) return true;
  if (existsSync(join(top, '.husky'))) return true;
  try {
    const pkg = JSON.parse(readFileSync(join(top, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
    const range = pkg.devDependencies?.husky ?? pkg.dependencies?.husky;
    // husky 4 and older install their own scripts into .git/hooks: chain those like any hook.
    const major = Number(/\d+/.exec(range ?? '')?.[0] ?? '9');
    return range !== undefined && major >= 5;
  } catch {
    return false;
  }
}

/** A core.hooksPath set outside this repository's own config applies to every repository. */
export function isForeignHooksPath(place: HookPlace): boolean {
  return place.hooksPath !== undefined && !/^file:(?:\.git\/config|.*[\\/]config\.worktree|.*[\\/]\.git[\\/].*config)$/.test(place.hooksPath.origin);
}

