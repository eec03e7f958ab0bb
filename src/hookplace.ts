import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { EXIT, GuardError } from './errors.js';
import { git, gitMaybe } from './git/run.js';
import { en, type Messages } from './messages/en.js';
import { packageRoot } from './version.js';

/** Where Git runs hooks from in this repository, and where our package sits in it. */
export interface HookPlace {
  top: string;
  /** the folder Git really runs hooks from in this clone (`git rev-parse --git-path hooks`) */
  hooksDir: string;
  /** Git's own folder shared by all work trees (hooks, objects) */
  commonDir: string;
  /** core.hooksPath and the config file that sets it, if any */
  hooksPath?: { value: string; origin: string };
  husky: boolean;
  /** husky's folder from the top: `.husky`, or where core.hooksPath puts it (`app/.husky/_`: `app/.husky`) */
  huskyDir: string;
}

/** The package root (see version.ts). */
export const PACKAGE_ROOT = packageRoot();

/** Finds where hooks live. Husky v9 first, then any core.hooksPath, then Git's own hooks folder. */
export function findHookPlace(cwd: string, m: Messages = en): HookPlace {
  const top = gitMaybe(['rev-parse', '--show-toplevel'], cwd);
  if (top === undefined || top === '') throw new GuardError(m.install.notARepo);
  // Git answers relative to cwd, which may be reached through a symbolic link; --show-toplevel is real.
  const real = (args: string[]) => realPath(resolve(cwd, git(args, cwd).toString('utf8').trim()));
  const hooksDir = real(['rev-parse', '--git-path', 'hooks']);
  const commonDir = real(['rev-parse', '--git-common-dir']);
  const origin = gitMaybe(['config', '--show-origin', '--get', 'core.hooksPath'], cwd);
  const hooksPath = origin === undefined ? undefined : parseOrigin(origin);
  const huskyDir = huskyFolder(top, hooksPath?.value);
  return { top, hooksDir, commonDir, ...(hooksPath ? { hooksPath } : {}), husky: usesHusky(top, hooksPath?.value), huskyDir };
}

/** husky's folder: where core.hooksPath points into one (husky in a subfolder: `app/.husky/_`), else `.husky`. */
function huskyFolder(top: string, hooksPath: string | undefined): string {
  const m = hooksPath === undefined ? null : /^(.*\.husky)(?:[\\/]_)?[\\/]?$/.exec(hooksPath);
  if (m === null) return '.husky';
  const dir = relative(top, resolve(top, m[1] as string)).split(sep).join('/');
  return dir === '' || dir.startsWith('..') || isAbsolute(dir) ? '.husky' : dir;
}

/** The real path of a file or folder, of its nearest existing parent when it does not exist yet. */
function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), path.slice(parent.length + 1));
  }
}

/** Whether a path is the folder itself or inside it. */
export function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Where other hook managers keep their configuration. lefthook and simple-git-hooks rewrite the
 * hook files they own; husky 4 and yorkie run their configuration by the hook file's own name,
 * so a hook file kept under another name runs nothing.
 */
const HOOK_MANAGERS = [
  { tool: 'lefthook', files: ['lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml', 'lefthook.toml', '.lefthook.toml', 'lefthook.json', '.lefthook.json'] },
  { tool: 'simple-git-hooks', files: ['.simple-git-hooks.json', '.simple-git-hooks.js', '.simple-git-hooks.cjs', 'simple-git-hooks.json', 'simple-git-hooks.js', 'simple-git-hooks.cjs'], key: 'simple-git-hooks' },
  { tool: 'husky 4', files: ['.huskyrc', '.huskyrc.json', '.huskyrc.js', '.huskyrc.cjs', 'husky.config.js', 'husky.config.cjs'], key: 'husky' },
  { tool: 'yorkie', files: [], key: 'gitHooks' },
] as const;

/** Another hook manager that owns this repository's hook files, and its configuration file. */
export function hookManager(top: string): { tool: string; config: string } | undefined {
  for (const manager of HOOK_MANAGERS) {
    const file = manager.files.find((f) => existsSync(join(top, f)));
    if (file !== undefined) return { tool: manager.tool, config: file };
    if ('key' in manager && packageJson(top)?.[manager.key] !== undefined) return { tool: manager.tool, config: 'package.json' };
  }
  return undefined;
}

/** A folder's package.json as an object; undefined when it is missing or not JSON. */
export function packageJson(dir: string): Record<string, unknown> | undefined {
  try {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as unknown;
    return typeof pkg === 'object' && pkg !== null ? (pkg as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Git runs hooks from a folder outside this repository (a global or shared core.hooksPath). */
export function hooksOutside(place: HookPlace): boolean {
  return !isInside(place.hooksDir, place.top) && !isInside(place.hooksDir, place.commonDir);
}

/**
 * The package's folder from the repository top, with / separators ('' when it is the top):
 * node_modules/aws-key-guard from cwd upwards first, a path that stays the same across upgrades
 * and package managers (pnpm links it to its versioned store folder); else where this code runs
 * from, when that is inside the repository.
 */
export function findPackage(top: string, cwd: string, m: Messages = en, packageRoot = PACKAGE_ROOT): string {
  return packageInRepo(top, cwd, packageRoot, m).split(sep).join('/');
}

function packageInRepo(top: string, cwd: string, packageRoot: string, m: Messages): string {
  const inside = (p: string) => (isInside(p, top) ? relative(top, p) : undefined);
  for (let dir = resolve(cwd); inside(dir) !== undefined; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', 'aws-key-guard');
    if (existsSync(join(candidate, 'hooks', 'pre-commit'))) return inside(candidate) as string;
    if (dir === dirname(dir)) break;
  }
  // Yarn Plug'n'Play keeps packages in zip files, which a shell hook cannot run.
  const pnp = existsSync(join(top, '.pnp.cjs')) || existsSync(join(cwd, '.pnp.cjs')) || /\.zip[\\/]/.test(packageRoot);
  if (pnp) throw new GuardError(m.install.yarnPnp, EXIT.found);
  const own = inside(resolve(packageRoot));
  if (own !== undefined && !own.split(sep).includes('.pnpm')) return own;
  // an npm project above the repository: the package is there, but no hook may run it from outside
  if (own === undefined && /[\\/]node_modules[\\/]/.test(resolve(packageRoot))) throw new GuardError(m.install.packageOutside(resolve(packageRoot), top), EXIT.found);
  throw new GuardError(m.install.notInstalled, EXIT.found);
}

function parseOrigin(line: string): { value: string; origin: string } {
  const tab = line.indexOf('\t');
  return { origin: line.slice(0, tab).replace(/^file:/, ''), value: line.slice(tab + 1) };
}

/** Husky v5+: core.hooksPath into .husky, a .husky folder, or husky among the package's dependencies. */
function usesHusky(top: string, hooksPath: string | undefined): boolean {
  if (hooksPath !== undefined && /(^|[\\/])\.husky([\\/]|$)/.test(hooksPath)) return true;
  if (existsSync(join(top, '.husky'))) return true;
  const pkg = packageJson(top) as Record<string, Record<string, unknown> | undefined> | undefined;
  const range = pkg?.devDependencies?.husky ?? pkg?.dependencies?.husky;
  // husky 4 and older install their own scripts into .git/hooks: chain those like any hook.
  const major = Number(/\d+/.exec(typeof range === 'string' ? range : '')?.[0] ?? '9');
  return typeof range === 'string' && major >= 5;
}

/**
 * Whether Git runs .husky/pre-commit in this clone. husky 9 points core.hooksPath at .husky/_
 * (made by `npx husky`, not committed); husky 5–8 at .husky. When husky's own files are there
 * but core.hooksPath is not set (a clone installed with --ignore-scripts), `setUp` is the value
 * husky itself would set.
 */
export function huskyState(place: HookPlace): { ready: true } | { ready: false; setUp?: string } {
  const h = place.huskyDir;
  const dir = (p: string) => join(place.top, p);
  if (place.hooksDir === dir(`${h}/_`) && existsSync(join(place.hooksDir, 'pre-commit'))) return { ready: true };
  if (place.hooksDir === dir(h) && existsSync(dir(`${h}/_/husky.sh`))) return { ready: true };
  if (existsSync(dir(`${h}/_/h`)) && existsSync(dir(`${h}/_/pre-commit`))) return { ready: false, setUp: `${h}/_` };
  if (existsSync(dir(`${h}/_/husky.sh`))) return { ready: false, setUp: h };
  return { ready: false };
}
