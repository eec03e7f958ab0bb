import { findTop, includeGlobs, loadConfig, type Config } from './config.js';
import { GitStream, stagedDiffArgs } from './git.js';
import { pathspecs } from './scope.js';
import type { DiffSource, Repo } from './staged.js';

/** The pathspecs for a repository's configuration: the default scope plus configured globs. */
export function scopeSpecs(config: Config): string[] {
  return pathspecs(includeGlobs(config));
}

/** The repository's top and configuration: read once per scan. */
export function readRepo(cwd: string, env: NodeJS.ProcessEnv): Repo {
  const top = findTop(cwd, env);
  return { top, config: loadConfig(top) };
}

/**
 * Starts git on the staged diff as early as possible, for the CLI entry (this module loads only
 * what that needs); the scan then uses the repository read here instead of reading it again.
 * Undefined when the configuration cannot be read: the scan proper reports why.
 */
export function startStagedScan(cwd: string, env: NodeJS.ProcessEnv): DiffSource | undefined {
  try {
    const repo = readRepo(cwd, env);
    const git = new GitStream(stagedDiffArgs(scopeSpecs(repo.config)), cwd);
    return { repo, pipe: (sink) => git.pipe(sink), cancel: () => git.cancel() };
  } catch {
    return undefined;
  }
}
